/**
 * The fault matrix: every network fault and error status the sandbox can play, against every kind of call. Each cell
 * must end in its typed error (the exact class, not just a parent), within the call's timeout, with no unhandled
 * rejection, exactly one request on the wire, no socket left behind, and a pool that still serves the next call.
 */

import { rm } from 'node:fs/promises';
import {
  InternalServerError,
  RateLimitError,
  TrutoAbortError,
  TrutoConnectionError,
  TrutoError,
  TrutoResponseError,
  TrutoTimeoutError,
  type TrutoToolManager,
  type TrutoToolManagerOptions,
} from 'truto-langchainjs-toolset';
import { type Sandbox, type SandboxFailure, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CALL_KINDS,
  type CallKind,
  failureOf,
  managerFor,
  recordUnhandledRejections,
  until,
  writeAudioRoot,
} from './support';

/** Small, so that stalls end quickly; undici's timers are coarse (about a second), which the bound below allows for. */
const TIMEOUT_MS = 500;
/** A hang fails the test instead of the run: far above TIMEOUT_MS plus undici's timer resolution. */
const CELL_BOUND_MS = 15_000;

interface PoolStats {
  connected: number;
  pending: number;
  queued: number;
  running: number;
  size: number;
}

type ErrorClass = abstract new (...args: never[]) => TrutoError;

interface FaultRow {
  name: string;
  failure: SandboxFailure;
  expected: ErrorClass;
  /**
   * The call's timeoutMs when the row is not about time: 32 MiB must arrive before the size limit can trip, and on a
   * loaded shared machine that can take longer than TIMEOUT_MS (timeoutMs covers the body too).
   */
  timeoutMs?: number;
  /** Extra facts the typed error must carry. */
  check?: (error: any) => void;
}

const FAULTS: FaultRow[] = [
  {
    name: 'connection reset',
    failure: { fault: 'reset' },
    expected: TrutoConnectionError,
    check: (error) => expect(error.code).toBe('connection_error'),
  },
  {
    name: 'stalled headers',
    failure: { fault: 'stall-headers' },
    expected: TrutoTimeoutError,
    check: (error) => expect(error.timeoutMs).toBe(TIMEOUT_MS),
  },
  {
    name: 'stalled body',
    failure: { fault: 'stall-body' },
    expected: TrutoTimeoutError,
    check: (error) => expect(error.timeoutMs).toBe(TIMEOUT_MS),
  },
  {
    name: 'truncated body',
    failure: { fault: 'truncate' },
    expected: TrutoResponseError,
    check: (error) => expect(error).toMatchObject({ reason: 'truncated', status: 200 }),
  },
  {
    name: 'invalid JSON',
    failure: { fault: 'invalid-json' },
    expected: TrutoResponseError,
    check: (error) => expect(error).toMatchObject({ reason: 'invalid_json', status: 200 }),
  },
  {
    name: '500',
    failure: { status: 500 },
    expected: InternalServerError,
    check: (error) => expect(error.status).toBe(500),
  },
  {
    name: '502',
    failure: { status: 502 },
    expected: InternalServerError,
    check: (error) => expect(error.status).toBe(502),
  },
  {
    name: '503 (Truto: integrated account blocked)',
    failure: { status: 503 },
    expected: InternalServerError,
    check: (error) => {
      expect(error.status).toBe(503);
      expect(error.isRemoteError).toBe(false);
      expect(error.message).toMatch(/blocked/);
    },
  },
  {
    name: '504',
    failure: { status: 504 },
    expected: InternalServerError,
    check: (error) => expect(error.status).toBe(504),
  },
  {
    name: '429',
    failure: { status: 429 },
    expected: RateLimitError,
    check: (error) => expect(error.retryAfterSeconds).toBe(10),
  },
  {
    name: '50 MB answer (default 32 MiB limit)',
    failure: { fault: 'huge' },
    expected: TrutoResponseError,
    timeoutMs: 10_000,
    check: (error) => expect(error).toMatchObject({ reason: 'too_large', status: 200 }),
  },
];

const KINDS = Object.keys(CALL_KINDS) as CallKind[];

let sandbox: Sandbox;
let rejections: ReturnType<typeof recordUnhandledRejections>;
/** `files.root` of every manager here, so that the multipart call's path reference resolves. */
let root: string;

beforeAll(async () => {
  rejections = recordUnhandledRejections();
  sandbox = await startSandbox();
  root = await writeAudioRoot();
});

afterAll(async () => {
  await sandbox.close();
  await rm(root, { recursive: true, force: true });
  rejections.stop();
});

beforeEach(() => sandbox.reset());

afterEach(async () => {
  // A rejection nobody handled surfaces on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  expect(rejections.seen).toEqual([]);
});

function proxyRequestsSince(mark: number) {
  return sandbox.requests.filter((record) => record.id > mark && record.route === 'proxy');
}

/**
 * Runs `body` with a manager of its own (catalog loaded), then closes it and waits for the server to see every
 * connection go. `close()` waits for requests still in flight, so a socket stuck on a fault would hang there and
 * fail the test at its bound; a socket the pool forgot would keep `openConnections` above zero.
 */
async function withManager(
  options: TrutoToolManagerOptions,
  body: (manager: TrutoToolManager) => Promise<void>,
): Promise<void> {
  const manager = managerFor(sandbox, { files: { root }, ...options });
  try {
    await manager.getToolDefinitions();
    await body(manager);
  } finally {
    await manager.close();
  }
  await until(
    () => sandbox.openConnections === 0,
    () => `${sandbox.openConnections} connections still open after close()`,
  );
}

describe.each(FAULTS)('$name', (row) => {
  it.each(KINDS)(
    `%s call → ${row.expected.name}`,
    (kind) =>
      withManager({ timeoutMs: row.timeoutMs ?? TIMEOUT_MS }, async (manager) => {
        const { tool, args } = CALL_KINDS[kind];
        const mark = sandbox.requests.at(-1)?.id ?? 0;
        sandbox.failNext(1, row.failure);

        const error = await failureOf(manager.invoke(tool, args));

        expect((error as object).constructor).toBe(row.expected);
        row.check?.(error);
        expect(TrutoError.isInstance(error)).toBe(true);
        // Serialisable, so an agent's logger or a queue can carry it.
        expect(() => JSON.stringify(error)).not.toThrow();
        // Exactly one request went out: nothing retried behind the caller's back.
        const sent = proxyRequestsSince(mark);
        expect(sent).toHaveLength(1);
        if (kind === 'multipart') expect(sent[0]?.multipart?.files[0]?.field).toBe('file');
        // The pool is not poisoned: the same call goes through now.
        await expect(manager.invoke(tool, args)).resolves.toBeDefined();
      }),
    CELL_BOUND_MS,
  );
});

describe('a per-call timeout and an abort during a stall', () => {
  it('a per-call timeoutMs overrides the manager’s', { timeout: CELL_BOUND_MS }, () =>
    withManager({ timeoutMs: 60_000 }, async (manager) => {
      sandbox.failNext(1, { fault: 'stall-headers' });
      const error = await failureOf(manager.invoke('list_all_open_ai_projects', {}, { timeoutMs: 300 }));
      expect((error as object).constructor).toBe(TrutoTimeoutError);
      expect((error as TrutoTimeoutError).timeoutMs).toBe(300);
    }),
  );

  it('an abort ends a stalled call with TrutoAbortError and frees its socket', { timeout: CELL_BOUND_MS }, () =>
    withManager({ timeoutMs: 60_000 }, async (manager) => {
      sandbox.failNext(1, { fault: 'stall-headers' });
      const mark = sandbox.requests.at(-1)?.id ?? 0;
      const controller = new AbortController();
      const pending = failureOf(manager.invoke('list_all_open_ai_projects', {}, { signal: controller.signal }));
      await until(
        () => proxyRequestsSince(mark).length > 0,
        () => 'the stalled request never arrived',
      );
      controller.abort();
      expect(((await pending) as object).constructor).toBe(TrutoAbortError);
    }),
  );
});

describe('a caller-owned undici pool', () => {
  /**
   * With the caller's own Agent we can read the pool's stats: after every fault, nothing is pending or running and
   * every connection the pool still holds is idle; the size limit is then enforced by the client, not by undici.
   */
  let agent: Agent;
  let pooled: TrutoToolManager;

  beforeAll(async () => {
    agent = new Agent({ connections: 4, keepAliveTimeout: 30_000 });
    pooled = managerFor(sandbox, { timeoutMs: TIMEOUT_MS, dispatcher: agent });
    await pooled.getToolDefinitions();
  });

  afterAll(async () => {
    await pooled.close();
    await agent.close();
    await until(
      () => sandbox.openConnections === 0,
      () => `${sandbox.openConnections} connections open after the caller closed its pool`,
    );
  });

  /** undici drops an origin from `stats` once its last connection is gone: that reads as an empty pool. */
  const poolStats = () =>
    (agent.stats as Record<string, PoolStats | undefined>)[sandbox.baseUrl] ?? {
      connected: 0,
      pending: 0,
      queued: 0,
      running: 0,
      size: 0,
    };

  it.each(FAULTS)('$name leaves the pool idle', { timeout: CELL_BOUND_MS }, async (row) => {
    sandbox.failNext(1, row.failure);
    const options = row.timeoutMs === undefined ? {} : { timeoutMs: row.timeoutMs };
    const error = await failureOf(pooled.invoke('list_all_open_ai_projects', {}, options));
    expect((error as object).constructor).toBe(row.expected);
    await until(
      () => {
        const stats = poolStats();
        // Nothing in flight or waiting, and the server holds no socket the pool has forgotten.
        return (
          stats.pending === 0 &&
          stats.running === 0 &&
          stats.queued === 0 &&
          stats.size === 0 &&
          sandbox.openConnections <= stats.connected
        );
      },
      () => `pool stats ${JSON.stringify(poolStats())}, ${sandbox.openConnections} open on the server`,
    );
    await expect(pooled.invoke('list_all_open_ai_projects', {})).resolves.toBeDefined();
  });
});

describe('429 in every header dialect', () => {
  const dialects = ['truto', 'draft-06', 'draft-07', 'draft-10'] as const;

  it.each(dialects)('%s: RateLimitError with the advertised wait and window', async (dialect) => {
    const dialectSandbox = await startSandbox({ rateLimitDialect: dialect });
    const client = managerFor(dialectSandbox);
    try {
      dialectSandbox.failNext(1, { status: 429, retryAfterSeconds: 7 });
      const error = (await failureOf(client.invoke('list_all_open_ai_projects', {}))) as RateLimitError;
      expect(error.constructor).toBe(RateLimitError);
      expect(error.retryAfterSeconds).toBe(7);
      expect(error.rateLimit).toMatchObject({ limit: 50, remaining: 0, resetSeconds: 7, windowSeconds: 10 });
    } finally {
      await client.close();
      await dialectSandbox.close();
    }
  });

  it('none: only Retry-After', async () => {
    const bare = await startSandbox({ rateLimitDialect: 'none' });
    const client = managerFor(bare);
    try {
      bare.failNext(1, { status: 429, retryAfterSeconds: 3 });
      const error = (await failureOf(client.invoke('list_all_open_ai_projects', {}))) as RateLimitError;
      expect(error.constructor).toBe(RateLimitError);
      expect(error.retryAfterSeconds).toBe(3);
      expect(error.rateLimit.limit).toBeUndefined();
    } finally {
      await client.close();
      await bare.close();
    }
  });

  it.each(KINDS)(
    'OpenAI’s 429 passed through (%s call): Retry-After, x-ratelimit-* and the normalised headers',
    (kind) =>
      withManager({}, async (manager) => {
        sandbox.failNext(1, { status: 429, upstream: 'openai' });
        const { tool, args } = CALL_KINDS[kind];
        const error = (await failureOf(manager.invoke(tool, args))) as RateLimitError;
        expect(error.constructor).toBe(RateLimitError);
        expect(error.isRemoteError).toBe(true);
        expect(error.retryAfterSeconds).toBe(1);
        expect(error.rateLimit.upstream?.requests).toEqual({ limit: 500, remaining: 0, resetSeconds: 0.12 });
        expect(error.message).toMatch(/Rate limit reached for gpt-4o/);
      }),
  );

  it('OpenAI’s insufficient_quota 429 (no Retry-After) is still a RateLimitError', () =>
    withManager({}, async (manager) => {
      sandbox.failNext(1, { status: 429, upstream: 'openai', code: 'insufficient_quota' });
      const error = (await failureOf(manager.invoke('list_all_open_ai_projects', {}))) as RateLimitError;
      expect(error.constructor).toBe(RateLimitError);
      expect(error.rateLimit.retryAfterSeconds).toBeUndefined();
    }));

  it('Retry-After as an HTTP date is measured from the manager’s clock', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    return withManager({ now }, async (manager) => {
      sandbox.failNext(1, {
        status: 429,
        headers: { 'retry-after': new Date(now.getTime() + 30_000).toUTCString() },
      });
      const error = (await failureOf(manager.invoke('list_all_open_ai_projects', {}))) as RateLimitError;
      expect(error.retryAfterSeconds).toBe(30);
    });
  });

  it('retry-after-ms alone (OpenAI’s millisecond form)', async () => {
    const bare = await startSandbox({ rateLimitDialect: 'none' });
    const client = managerFor(bare);
    try {
      bare.failNext(1, { status: 429, headers: { 'retry-after': 'soon', 'retry-after-ms': '1500' } });
      const error = (await failureOf(client.invoke('list_all_open_ai_projects', {}))) as RateLimitError;
      expect(error.constructor).toBe(RateLimitError);
      expect(error.retryAfterSeconds).toBe(1.5);
    } finally {
      await client.close();
      await bare.close();
    }
  });

  it('the enforced account window answers 429 with the seconds left in it', async () => {
    // The catalog's pages count against the window too (one to three of them), so ten calls overrun six for sure.
    const limited = await startSandbox({ accountLimit: { requests: 6, windowSeconds: 60 } });
    const client = managerFor(limited);
    try {
      await client.getToolDefinitions();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => client.invoke('list_all_open_ai_projects', {})),
      );
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      for (const outcome of refused) {
        const error = (outcome as PromiseRejectedResult).reason as RateLimitError;
        expect(error.constructor).toBe(RateLimitError);
        expect(error.retryAfterSeconds).toBeGreaterThan(0);
        expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
    } finally {
      await client.close();
      await limited.close();
    }
  });
});

describe('the 50 MB answer', () => {
  it('succeeds when maxResponseBytes is larger than the answer', { timeout: 60_000 }, () =>
    withManager({ maxResponseBytes: 64 * 1024 * 1024 }, async (manager) => {
      sandbox.failNext(1, { fault: 'huge' });
      const answer = await manager.invoke<{ result: unknown[]; next_cursor: null }>('list_all_open_ai_projects', {});
      // About a thousand bytes an item: 50 MiB is some fifty thousand of them.
      expect(answer.result.length).toBeGreaterThan(50_000);
      expect(answer.next_cursor).toBeNull();
    }),
  );

  it('is cut at a small configured limit', { timeout: CELL_BOUND_MS }, () =>
    withManager({ maxResponseBytes: 1024 * 1024 }, async (manager) => {
      sandbox.failNext(1, { fault: 'huge' });
      const error = await failureOf(manager.invoke('list_all_open_ai_projects', {}));
      expect((error as object).constructor).toBe(TrutoResponseError);
      expect((error as TrutoResponseError).reason).toBe('too_large');
      expect((error as Error).message).toContain('1048576 bytes');
    }),
  );
});

describe('what the fault classes mean for opt-in retries', () => {
  const retry = { maxRetries: 2, initialBackoffSeconds: 0.01, jitter: false as const };

  it('a truncated GET is retried (a network failure mid-answer) and then succeeds', () =>
    withManager({ timeoutMs: TIMEOUT_MS, retry }, async (manager) => {
      sandbox.failNext(1, { fault: 'truncate' });
      const mark = sandbox.requests.at(-1)?.id ?? 0;
      await expect(manager.invoke('list_all_open_ai_projects', {})).resolves.toBeDefined();
      expect(proxyRequestsSince(mark).map((record) => record.status)).toEqual([200, 200]);
    }));

  it('Truto’s own 503 (account blocked) is never retried', () =>
    withManager({ retry }, async (manager) => {
      sandbox.failNext(1, { status: 503 });
      const mark = sandbox.requests.at(-1)?.id ?? 0;
      expect(await failureOf(manager.invoke('list_all_open_ai_projects', {}))).toBeInstanceOf(InternalServerError);
      expect(proxyRequestsSince(mark)).toHaveLength(1);
    }));

  it('a reset POST without an Idempotency-Key is not retried; invalid JSON never is', () =>
    withManager({ retry }, async (manager) => {
      sandbox.failNext(1, { fault: 'reset' });
      let mark = sandbox.requests.at(-1)?.id ?? 0;
      const { tool, args } = CALL_KINDS.create;
      expect(await failureOf(manager.invoke(tool, args))).toBeInstanceOf(TrutoConnectionError);
      expect(proxyRequestsSince(mark)).toHaveLength(1);

      sandbox.failNext(1, { fault: 'invalid-json' });
      mark = sandbox.requests.at(-1)?.id ?? 0;
      expect(await failureOf(manager.invoke('list_all_open_ai_projects', {}))).toBeInstanceOf(TrutoResponseError);
      expect(proxyRequestsSince(mark)).toHaveLength(1);
    }));
});
