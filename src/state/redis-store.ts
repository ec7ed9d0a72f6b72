/**
 * The Redis store: shared state for a fleet. Loaded only through `truto-langchainjs-toolset/redis`, so that the
 * root entry never needs `ioredis` (an optional peer dependency).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { LIMIT_KNOWLEDGE_TTL_MS, SAME_WINDOW_SLACK_MS, type StoredLimit, viewLimit } from './limit-rules.js';
import { ADMIT_SCRIPT, PUBLISH_SCRIPT, READ_SCRIPT, RELEASE_LOCK_SCRIPT } from './redis-scripts.js';
import type {
  Admission,
  AdmitRequest,
  BudgetDecision,
  LimitObservation,
  LimitView,
  RefusalReason,
  StateStore,
} from './types.js';

/** Prefix of every key the store writes. @see RedisStoreOptions.keyPrefix */
export const DEFAULT_REDIS_KEY_PREFIX = 'truto-toolset:';
/** @see RedisStoreOptions.readyTimeoutMs */
export const DEFAULT_REDIS_READY_TIMEOUT_MS = 2000;

export interface RedisStoreOptions {
  /** Put before every key, so several applications can share one Redis. @default 'truto-toolset:' */
  keyPrefix?: string;
  /**
   * How long an operation waits for a connection that is still being set up before failing (and the manager falling
   * back to local state). A client that is reconnecting after losing Redis fails at once.
   * @default 2000
   */
  readyTimeoutMs?: number;
}

type RedisClient = Redis | Cluster;

interface Script {
  source: string;
  sha: string;
}

const scripts = {
  admit: script(ADMIT_SCRIPT),
  publish: script(PUBLISH_SCRIPT),
  read: script(READ_SCRIPT),
  releaseLock: script(RELEASE_LOCK_SCRIPT),
};

export class RedisStore implements StateStore {
  readonly name: string = 'redis';
  readonly client: RedisClient;
  readonly #ownsClient: boolean;
  readonly #prefix: string;
  readonly #readyTimeoutMs: number;

  constructor(client: RedisClient, options: RedisStoreOptions & { ownsClient?: boolean } = {}) {
    this.client = client;
    this.#ownsClient = options.ownsClient ?? false;
    this.#prefix = options.keyPrefix ?? DEFAULT_REDIS_KEY_PREFIX;
    this.#readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_REDIS_READY_TIMEOUT_MS;
  }

  async admit(request: AdmitRequest): Promise<Admission> {
    const budget = request.budget;
    const keys = [
      ...(budget ? [this.#key(budget.key), this.#key(`${budget.key}:sequence`)] : []),
      ...request.limitKeys.map((key) => this.#key(key)),
    ];
    const reply = (await this.#run(scripts.admit, keys, [
      budget ? '1' : '0',
      String(budget?.max ?? 0),
      String(Math.ceil(budget?.windowMs ?? 0)),
      String(LIMIT_KNOWLEDGE_TTL_MS),
    ])) as [number, number?, string?, number?, number?, number?];
    if (reply[0] === 1) return { allowed: true };
    const [, waitMs = 0, reason = 'exhausted', index = 1, limit = -1, windowMs = -1] = reply;
    const unprefixed = budget ? [budget.key, `${budget.key}:sequence`, ...request.limitKeys] : [...request.limitKeys];
    return {
      allowed: false,
      waitMs,
      reason: reason as RefusalReason,
      key: unprefixed[index - 1] ?? '',
      ...(limit >= 0 ? { limit } : {}),
      ...(windowMs >= 0 ? { windowMs } : {}),
    };
  }

  async takeBudget(key: string, max: number, windowSeconds: number): Promise<BudgetDecision> {
    const admission = await this.admit({ limitKeys: [], budget: { key, max, windowMs: windowSeconds * 1000 } });
    return { allowed: admission.allowed, retryAfterMs: admission.allowed ? 0 : admission.waitMs };
  }

  async publishLimit(key: string, observation: LimitObservation): Promise<void> {
    await this.#run(
      scripts.publish,
      [this.#key(key)],
      [JSON.stringify(observation), String(LIMIT_KNOWLEDGE_TTL_MS), String(SAME_WINDOW_SLACK_MS)],
    );
  }

  async readLimit(key: string): Promise<LimitView | undefined> {
    const [now, text] = (await this.#run(scripts.read, [this.#key(key)], [])) as [string, string | null];
    if (typeof text !== 'string') return undefined;
    return viewLimit(JSON.parse(text) as StoredLimit, Number(now));
  }

  async getCatalog(key: string): Promise<string | undefined> {
    await this.#ready();
    return (await this.client.get(this.#key(key))) ?? undefined;
  }

  async setCatalog(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#ready();
    await this.client.set(this.#key(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    await this.#ready();
    const token = randomUUID();
    const reply = await this.client.set(this.#key(key), token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return reply === 'OK' ? token : undefined;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    await this.#run(scripts.releaseLock, [this.#key(key)], [token]);
  }

  async close(): Promise<void> {
    if (!this.#ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      // Quitting a client that never connected, or already lost its connection, has nothing left to release.
      this.client.disconnect();
    }
  }

  #key(key: string): string {
    return `${this.#prefix}${key}`;
  }

  async #run(target: Script, keys: string[], args: string[]): Promise<unknown> {
    await this.#ready();
    try {
      return await this.client.evalsha(target.sha, keys.length, ...keys, ...args);
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH): send the source once; Redis caches it by its hash.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.client.eval(target.source, keys.length, ...keys, ...args);
    }
  }

  /**
   * Waits for a connection being set up, but not for one being re-established: while Redis is away, failing fast
   * lets the manager fall back to local state instead of holding tool calls.
   */
  async #ready(): Promise<void> {
    const status = this.client.status;
    if (status === 'ready') return;
    if (status === 'wait') {
      await this.client.connect().catch(() => {});
      if (this.client.status === 'ready') return;
    } else if (status !== 'connecting' && status !== 'connect') {
      throw new Error(`Redis is not connected (${status}).`);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(new Error(`Redis was not ready within ${this.#readyTimeoutMs} ms (${this.client.status}).`));
      }, this.#readyTimeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('ready', onReady);
    });
  }
}

/**
 * A Redis store for a fleet of workers. Pass your own client (its connection stays yours to close), connection
 * options, or a `redis://` URL; a client the store creates is tuned to fail fast while Redis is away (no offline
 * queue, one attempt per command, reconnecting every second at most) and is closed by `store.close()`.
 *
 * @example
 * import { createRedisStore } from 'truto-langchainjs-toolset/redis';
 * const store = createRedisStore(process.env.REDIS_URL);
 * const manager = new TrutoToolManager({ store, coordination: { coordinate: 'wait', maxRequestsPerWindow: 45, windowSeconds: 10 } });
 */
export function createRedisStore(
  redisOrOptions?: RedisClient | RedisOptions | string,
  options: RedisStoreOptions = {},
): RedisStore {
  if (redisOrOptions instanceof Redis || isClient(redisOrOptions)) {
    return new RedisStore(redisOrOptions as RedisClient, options);
  }
  const tuned: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  };
  const client =
    typeof redisOrOptions === 'string'
      ? new Redis(redisOrOptions, tuned)
      : new Redis({ ...tuned, ...(redisOrOptions as RedisOptions | undefined) });
  // Connection errors surface as fallback warnings from the manager; unhandled, ioredis would also print each one.
  client.on('error', () => {});
  return new RedisStore(client, { ...options, ownsClient: true });
}

function isClient(value: unknown): value is RedisClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { evalsha?: unknown }).evalsha === 'function' &&
    typeof (value as { status?: unknown }).status === 'string'
  );
}

function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}
