/**
 * The state a fleet of workers shares: rate-limit snapshots, a request budget, and the tool catalog.
 *
 * Every time in a store is the store's own clock (Redis's `TIME` for the Redis store), and everything that crosses
 * the interface is a delay in milliseconds, never an instant: workers whose clocks disagree still agree on "the
 * window resets in 1.2 s".
 */

/** What one answer said about one limit, as delays measured when the answer arrived. */
export interface LimitObservation {
  /** Requests (or tokens) allowed per window. */
  limit?: number;
  /** Left in the current window. */
  remaining?: number;
  /** Until the current window resets. */
  resetMs?: number;
  /** Length of a whole window, when the headers give it (`;w=`). */
  windowMs?: number;
  /** A 429's `Retry-After`: nothing should be sent for this long. */
  retryAfterMs?: number;
}

/** One limit as the store knows it now. */
export interface LimitView {
  limit?: number;
  /** Left in the current window, counting requests admitted but not yet answered. */
  remaining?: number;
  /** Until the current window resets; absent when no window is current. */
  resetInMs?: number;
  windowMs?: number;
  /** Until a 429's `Retry-After` runs out; absent when not blocked. */
  blockedForMs?: number;
  /** True when the current window was opened by the store's own estimate rather than by an answer. */
  estimated?: boolean;
}

/** A fleet-wide request budget: at most `max` admissions in any `windowMs` (a sliding window). */
export interface BudgetSpec {
  key: string;
  max: number;
  windowMs: number;
}

export interface AdmitRequest {
  /** Limits this request counts against (one per dimension); each must have room. */
  limitKeys: readonly string[];
  budget?: BudgetSpec;
}

/** Why a request was not admitted. */
export type RefusalReason = 'budget' | 'exhausted' | 'blocked';

export type Admission =
  | { allowed: true }
  | {
      allowed: false;
      /** How long until it may be admitted, as far as the store can tell now. */
      waitMs: number;
      reason: RefusalReason;
      /** The key that refused (a limit key, or the budget key). */
      key: string;
      /** Facts about the refusing limit, for building a `RateLimitError` without asking the API. */
      limit?: number;
      windowMs?: number;
    };

export interface BudgetDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise until the oldest admission in the window leaves it. */
  retryAfterMs: number;
}

/**
 * Where shared state lives. `createMemoryStore()` (the default: one process) and `createRedisStore()` from
 * `truto-langchainjs-toolset/redis` (a fleet) implement it; any other backend can, as long as `admit`,
 * `takeBudget` and `publishLimit` are atomic.
 */
export interface StateStore {
  /** A short name for messages: `memory`, `redis`. */
  readonly name: string;
  /**
   * Atomically: if every limit in `limitKeys` has room and the budget (if any) is not spent, spends one from each
   * and admits; otherwise changes nothing and says how long to wait.
   */
  admit(request: AdmitRequest): Promise<Admission>;
  /** Atomically: one admission against a budget alone. */
  takeBudget(key: string, max: number, windowSeconds: number): Promise<BudgetDecision>;
  /** Records what an answer said, unless the store already knows something newer (see limit-rules.ts). */
  publishLimit(key: string, observation: LimitObservation): Promise<void>;
  readLimit(key: string): Promise<LimitView | undefined>;
  /** Opaque text (the catalog cache's JSON) stored for `ttlMs`. */
  getCatalog(key: string): Promise<string | undefined>;
  setCatalog(key: string, value: string, ttlMs: number): Promise<void>;
  /** A lock that expires on its own after `ttlMs`; resolves to a token when taken, undefined when held by another. */
  acquireLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases the lock only if `token` still holds it. */
  releaseLock(key: string, token: string): Promise<void>;
  /** Releases what the store itself opened (never a client you passed in). */
  close?(): Promise<void>;
}
