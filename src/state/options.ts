import { TrutoConfigError } from '../errors/index.js';

/**
 * - `'off'`: calls go out as they come (Truto's own behaviour: 429s reach you). A budget, if set, still applies.
 * - `'wait'`: a call the shared state says cannot succeed now waits until it can (at most `maxWaitSeconds`).
 * - `'fail-fast'`: such a call throws a `RateLimitError` at once, built from the shared state; nothing is sent.
 */
export type CoordinateMode = 'off' | 'wait' | 'fail-fast';

/** @see CoordinationOptions.maxWaitSeconds */
export const DEFAULT_COORDINATION_MAX_WAIT_SECONDS = 60;
/** Truto's per-integrated-account window (50 requests / 10 s). @see CoordinationOptions.windowSeconds */
export const DEFAULT_BUDGET_WINDOW_SECONDS = 10;

/**
 * How the workers that call one integrated account share its limits. Every worker (process, container,
 * serverless instance) gives the same options and the same `store`.
 */
export interface CoordinationOptions {
  /**
   * What to do before a call when the shared state says the account's window (or an upstream dimension: OpenAI's
   * requests or tokens) is exhausted, or a 429 asked everyone to wait. Every answer's rate-limit headers are
   * published to the store unless this is `'off'`.
   * @default 'off'
   */
  coordinate?: CoordinateMode;
  /**
   * The longest a call waits in `'wait'` mode (for the shared window and the budget together). A call that would
   * wait longer throws its `RateLimitError` at once, with `retryAfterSeconds` set.
   * @default 60
   */
  maxWaitSeconds?: number;
  /**
   * A fleet-wide budget: at most this many calls to the account start in any `windowSeconds` (a sliding window,
   * counted atomically in the store), whatever the number of workers. Set it a little under the account's limit
   * (Truto: 50 per 10 s) to leave room for catalog requests and other clients. When spent, a call waits for room,
   * or throws at once in `'fail-fast'` mode.
   * @default no budget
   */
  maxRequestsPerWindow?: number;
  /** The budget's window. @default 10 */
  windowSeconds?: number;
  /** The longest one store operation may take before local state answers instead. @default 500 */
  storeTimeoutMs?: number;
  /** How often a store that failed is tried again. @default 1000 */
  storeRetryIntervalMs?: number;
}

export interface ResolvedCoordination {
  coordinate: CoordinateMode;
  maxWaitSeconds: number;
  budget?: { maxRequestsPerWindow: number; windowSeconds: number };
  storeTimeoutMs?: number;
  storeRetryIntervalMs?: number;
}

export function resolveCoordination(options: CoordinationOptions = {}): ResolvedCoordination {
  const coordinate = options.coordinate ?? 'off';
  if (coordinate !== 'off' && coordinate !== 'wait' && coordinate !== 'fail-fast') {
    throw new TrutoConfigError(
      `"coordination.coordinate" must be 'off', 'wait' or 'fail-fast'; got ${JSON.stringify(coordinate)}.`,
    );
  }
  const maxWaitSeconds = options.maxWaitSeconds ?? DEFAULT_COORDINATION_MAX_WAIT_SECONDS;
  if (!(maxWaitSeconds >= 0)) {
    throw new TrutoConfigError(`"coordination.maxWaitSeconds" must be 0 or more; got ${String(maxWaitSeconds)}.`);
  }
  const windowSeconds = options.windowSeconds ?? DEFAULT_BUDGET_WINDOW_SECONDS;
  if (!(windowSeconds > 0)) {
    throw new TrutoConfigError(`"coordination.windowSeconds" must be more than 0; got ${String(windowSeconds)}.`);
  }
  const max = options.maxRequestsPerWindow;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
    throw new TrutoConfigError(
      `"coordination.maxRequestsPerWindow" must be a whole number of 1 or more (Truto allows 50 per 10 s); got ${String(max)}.`,
    );
  }
  return {
    coordinate,
    maxWaitSeconds,
    ...(max !== undefined ? { budget: { maxRequestsPerWindow: max, windowSeconds } } : {}),
    ...(options.storeTimeoutMs !== undefined ? { storeTimeoutMs: options.storeTimeoutMs } : {}),
    ...(options.storeRetryIntervalMs !== undefined ? { storeRetryIntervalMs: options.storeRetryIntervalMs } : {}),
  };
}
