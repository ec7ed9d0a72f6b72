/**
 * The API key never appears in an error message, `error.toJSON()`, what hooks receive (and so any log line built
 * from it), a dry run, a tool result or the CLI's output: not even when the server echoes it back, in a body or a
 * header, as debugging proxies and some error pages do.
 */
import { inspect } from 'node:util';
import { type CallHooks, TrutoError, TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { type Sandbox, type SandboxFailure, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

const SECRET = 'truto_sk_live_7f3a9c1e5b2d4f6a8c0e2b4d';
const WRONG_SECRET = 'truto_sk_live_0000wrong1111key2222zz';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: SECRET });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** Everything a logger could write: what hooks got, warnings, and every error and result, three ways. */
class Surfaces {
  readonly lines: string[] = [];

  add(value: unknown): void {
    this.lines.push(
      typeof value === 'string' ? value : `${safeJson(value)}\n${inspect(value, { depth: Number.POSITIVE_INFINITY })}`,
    );
    if (value instanceof Error) this.lines.push(value.message, String(value.stack));
  }

  hooks(): CallHooks {
    return {
      beforeRequest: (request) => this.add(request),
      afterResponse: (response) => this.add(response),
      onError: (failure) => this.add(failure),
    };
  }

  expectNoSecret(secret = SECRET): void {
    expect(this.lines.length).toBeGreaterThan(0);
    for (const line of this.lines) expect(line).not.toContain(secret);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (error) {
    return `unserialisable: ${String(error)}`;
  }
}

function managerWith(surfaces: Surfaces, options: TrutoToolManagerOptions = {}): TrutoToolManager {
  return new TrutoToolManager({
    apiKey: SECRET,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    timeoutMs: 500,
    hooks: surfaces.hooks(),
    onWarning: (message) => surfaces.add(message),
    ...options,
  });
}

/** Calls through every public path: invoke, invokeWithDetails, the model's text in both error modes, LangChain. */
async function callEveryWay(manager: TrutoToolManager, surfaces: Surfaces, arrange: () => void): Promise<void> {
  const tool = 'list_all_open_ai_projects';
  const record = async (run: () => Promise<unknown>) => {
    arrange();
    try {
      surfaces.add(await run());
    } catch (error) {
      expect(TrutoError.isInstance(error)).toBe(true);
      surfaces.add(error);
      surfaces.add((error as TrutoError).toJSON());
    }
  };
  await record(() => manager.invoke(tool, {}));
  await record(() => manager.invokeWithDetails(tool, {}));
  await record(() => manager.invokeForModel(tool, {}));
  const langChainTool = (await manager.getTools()).find((candidate) => candidate.name === tool)!;
  await record(() => langChainTool.invoke({}));
}

const ECHO_BODY = {
  message: `Invalid token ${SECRET} for this account`,
  debug: { authorization: `Bearer ${SECRET}`, nested: [`key=${SECRET}`] },
};
const ECHO_HEADERS = { 'x-echo-authorization': `Bearer ${SECRET}`, 'x-debug': `token=${SECRET}` };

describe('a server that echoes the key', () => {
  const failures: Array<[string, SandboxFailure]> = [
    ['in a 400 body and headers', { status: 400, body: ECHO_BODY, headers: ECHO_HEADERS }],
    ['in a 500 text body', { status: 500, body: `upstream said: Authorization: Bearer ${SECRET}` }],
    ['in a 429 body and headers', { status: 429, body: ECHO_BODY, headers: ECHO_HEADERS }],
    ['in a 200 JSON body and headers', { status: 200, body: ECHO_BODY, headers: ECHO_HEADERS }],
    [
      'in a 200 text body',
      { status: 200, body: `Bearer ${SECRET}`, headers: { 'content-type': 'text/plain; charset=utf-8' } },
    ],
  ];

  it.each(failures)('%s', async (_name, failure) => {
    for (const errorMode of ['throw', 'return'] as const) {
      const surfaces = new Surfaces();
      const manager = managerWith(surfaces, { errorMode });
      try {
        await callEveryWay(manager, surfaces, () => sandbox.failNext(1, failure));
      } finally {
        await manager.close();
      }
      surfaces.expectNoSecret();
      // The redaction leaves a mark, so nobody mistakes a cleaned answer for the server's own words.
      expect(surfaces.lines.join('\n')).toContain('[redacted]');
    }
  });
});

describe('failures on the wire', () => {
  const failures: Array<[string, SandboxFailure]> = [
    ['reset', { fault: 'reset' }],
    ['stalled headers', { fault: 'stall-headers' }],
    ['stalled body', { fault: 'stall-body' }],
    ['truncated body', { fault: 'truncate' }],
    ['invalid JSON', { fault: 'invalid-json' }],
    ['503', { status: 503 }],
    ['OpenAI 429', { status: 429, upstream: 'openai' }],
  ];

  it.each(failures)('%s', { timeout: 30_000 }, async (_name, failure) => {
    const surfaces = new Surfaces();
    const manager = managerWith(surfaces);
    try {
      await callEveryWay(manager, surfaces, () => sandbox.failNext(1, failure));
    } finally {
      await manager.close();
    }
    surfaces.expectNoSecret();
  });

  it('a refused connection', async () => {
    const surfaces = new Surfaces();
    // Port 9 (discard) on loopback: nothing listens there in a test environment.
    const manager = managerWith(surfaces, { baseUrl: 'http://127.0.0.1:9' });
    try {
      const error = await manager.invoke('list_all_open_ai_projects', {}).catch((caught: unknown) => caught);
      surfaces.add(error);
      surfaces.add((error as TrutoError).toJSON());
    } finally {
      await manager.close();
    }
    surfaces.expectNoSecret();
  });
});

it('a wrong key: the 401 never repeats it', async () => {
  const surfaces = new Surfaces();
  const manager = new TrutoToolManager({
    apiKey: WRONG_SECRET,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    hooks: surfaces.hooks(),
  });
  try {
    const error = await manager.getToolDefinitions().catch((caught: unknown) => caught);
    surfaces.add(error);
    surfaces.add((error as TrutoError).toJSON());
  } finally {
    await manager.close();
  }
  surfaces.expectNoSecret(WRONG_SECRET);
});

it('a dry run shows the request without the key', async () => {
  const surfaces = new Surfaces();
  const manager = managerWith(surfaces, { dryRun: true });
  try {
    await callEveryWay(manager, surfaces, () => {});
  } finally {
    await manager.close();
  }
  surfaces.expectNoSecret();
  expect(surfaces.lines.join('\n')).toContain('"dryRun":true');
});

describe('the CLI', () => {
  function capture() {
    const written: string[] = [];
    const sink = { write: (chunk: string) => written.push(String(chunk)) > 0 };
    return {
      written,
      io: {
        stdout: sink,
        stderr: sink,
        env: {
          TRUTO_API_KEY: SECRET,
          TRUTO_API_BASE_URL: sandbox.baseUrl,
          TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
        },
      },
    };
  }

  it.each([
    ['a dry run', [] as string[], undefined],
    ['an echoed 400', [], { status: 400, body: ECHO_BODY, headers: ECHO_HEADERS }],
    ['an echoed 200', [], { status: 200, body: ECHO_BODY, headers: ECHO_HEADERS }],
    ['--json and an echoed 400', ['--json'], { status: 400, body: ECHO_BODY }],
  ] as Array<[string, string[], SandboxFailure | undefined]>)('%s', async (name, flags, failure) => {
    const { written, io } = capture();
    if (failure) sandbox.failNext(1, failure);
    const argv = ['call', 'list_all_open_ai_projects', '--args', '{}', ...flags];
    if (name === 'a dry run') argv.push('--dry-run');
    await runCli(argv, io as never);
    expect(written.join('').length).toBeGreaterThan(0);
    expect(written.join('')).not.toContain(SECRET);
  });
});
