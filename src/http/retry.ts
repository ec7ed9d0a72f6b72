/**
 * Opt-in retries. Truto never retries, throttles or backs off for the caller, and neither does this SDK unless asked:
 * `withRateLimitRetry(fn, options)` wraps any call (a `tool.invoke(...)`, the manager's own requests) and
 *
 * - on a 429 waits the time the answer advertised (`RateLimitError.retryAfterSeconds`: Retry-After > RateLimit reset
 *   > upstream reset), or backs off exponentially when it advertised none, then calls again;
 * - on a network error (a truncated body included) or a 502/504 (and an upstream 503, see `decideRetry`) retries only
 *   when the call is idempotent;
 * - never sleeps longer than `maxWaitSeconds`: a longer advertised wait throws the 429 at once, with its wait time;
 * - stops after `maxRetries` retries, rethrowing the last error, or as soon as `signal` aborts.
 */
import { TrutoAbortError, TrutoError } from '../errors/index.js';
import { subscribeToAbort } from './abort-fan-out.js';
import { chooseRetryAfterSeconds, type HeadersLike, parseRateLimitHeaders } from './rate-limit-headers.js';

/** @see RetryOptions.maxRetries */
export const DEFAULT_MAX_RETRIES = 2;
/** @see RetryOptions.maxWaitSeconds */
export const DEFAULT_MAX_WAIT_SECONDS = 60;
/** @see RetryOptions.jitter */
export const DEFAULT_JITTER = 0.1;
/** @see RetryOptions.initialBackoffSeconds */
export const DEFAULT_INITIAL_BACKOFF_SECONDS = 0.5;
/** @see RetryOptions.maxBackoffSeconds */
export const DEFAULT_MAX_BACKOFF_SECONDS = 8;

export type RetryReason = 'rate_limited' | 'connection_error' | 'server_error' | 'custom';

export interface RetryAttemptInfo {
  /** The attempt that just failed, counting from 1. */
  attempt: number;
  error: unknown;
  reason: RetryReason;
  /** How long we wait before the next attempt, jitter included. */
  delayMs: number;
  /** The wait the answer advertised, when it did (before jitter). */
  retryAfterSeconds?: number;
}

export interface RetryOptions {
  /**
   * Retries after the first attempt; 0 turns retrying off.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest single wait we accept. An answer that asks for more (say a daily quota resetting in 5 hours) is not
   * slept on: its `RateLimitError` is thrown at once, still carrying `retryAfterSeconds`, so the caller can decide.
   * Backoff delays are capped to it too.
   * @default 60
   */
  maxWaitSeconds?: number;
  /**
   * Random spread as a fraction of the wait, so that many clients told "reset in 10 s" do not return in the same
   * millisecond. An advertised wait is only ever lengthened (by 0 to `jitter` × wait: retrying early just earns another
   * 429); a backoff delay is spread both ways (± `jitter`). `false` or 0 waits exactly.
   * @default 0.1
   */
  jitter?: number | false;
  /**
   * Whether repeating the call is safe, which unlocks retries on network errors, timeouts, 502, 504 and upstream 503s.
   * 429s are retried regardless: the server refused the call, so nothing happened. Pass a predicate to decide per
   * error (the manager passes `true` for GET/HEAD/OPTIONS/PUT/DELETE and for writes sent with an `Idempotency-Key`).
   * @default false
   */
  idempotent?: boolean | ((error: unknown, attempt: number) => boolean);
  /**
   * Overrides the built-in rules for one error: `true` retries (after the advertised wait or a backoff), `false` does
   * not, `undefined` falls back to the rules. Bounds (`maxRetries`, `maxWaitSeconds`) still apply.
   */
  retryOn?: (error: unknown, attempt: number) => boolean | undefined;
  /**
   * First backoff delay when the error advertises no wait; doubles on every retry.
   * @default 0.5
   */
  initialBackoffSeconds?: number;
  /**
   * Ceiling of the exponential backoff.
   * @default 8
   */
  maxBackoffSeconds?: number;
  /** Cancels the retry loop; an abort during a wait rejects at once with a `TrutoAbortError` (cause: the reason). */
  signal?: AbortSignal;
  /** Called before each wait, e.g. to log "rate limited, retrying in 3 s". */
  onRetry?: (info: RetryAttemptInfo) => void;
}

/** Seams for tests and embedding: a fake clock and a fake sleep. */
export interface RetryRuntimeOptions extends RetryOptions {
  /** @default sleep (a real, abortable timer) */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Returns a number in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** Clock for reading HTTP-date `Retry-After` on errors that are not `RateLimitError`s. @default Date.now */
  now?: () => number;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason; retryAfterSeconds?: number }
  | { retry: false; reason: 'not_retryable' | 'not_idempotent' | 'retries_exhausted' | 'wait_too_long' | 'aborted' };

/**
 * Calls `fn` until it succeeds or a retry is not allowed, then settles like the last call. `fn` receives the attempt
 * number, counting from 1.
 *
 * @example
 * const result = await withRateLimitRetry(() => tool.invoke(args), { maxRetries: 3, maxWaitSeconds: 120 });
 */
export async function withRateLimitRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryRuntimeOptions = {},
): Promise<T> {
  const sleepFor = options.sleep ?? sleep;
  const signal = options.signal;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortErrorFor(signal, undefined);
    try {
      return await fn(attempt);
    } catch (error) {
      const decision = decideRetry(error, attempt, options);
      if (!decision.retry) throw error;
      options.onRetry?.({
        attempt,
        error,
        reason: decision.reason,
        delayMs: decision.delayMs,
        ...(decision.retryAfterSeconds !== undefined ? { retryAfterSeconds: decision.retryAfterSeconds } : {}),
      });
      try {
        await sleepFor(decision.delayMs, signal);
      } catch (sleepError) {
        if (signal?.aborted) throw abortErrorFor(signal, error);
        throw sleepError;
      }
    }
  }
}

/** The delay before retrying after `error` on `attempt` (from 1), or undefined when it must not be retried. Pure. */
export function computeRetryDelayMs(
  error: unknown,
  attempt: number,
  options: RetryRuntimeOptions = {},
): number | undefined {
  const decision = decideRetry(error, attempt, options);
  return decision.retry ? decision.delayMs : undefined;
}

/**
 * The whole retry policy for one failed attempt, with the reason, so callers can log why they stopped.
 *
 * Rules, in order: an abort (ours or the caller's) is final; `retryOn` overrides the kind rules; a 429 is retried;
 * a network error or timeout, a 502 or a 504 is retried only for idempotent calls; a 503 likewise, but only when it
 * came from the upstream (`truto_is_remote_error`) or carries `Retry-After`: Truto's own 503 means "integrated account
 * blocked, do not retry", which no wait will fix. Everything else (4xx, 500, validation errors) is final.
 */
export function decideRetry(error: unknown, attempt: number, options: RetryRuntimeOptions = {}): RetryDecision {
  if (options.signal?.aborted || isAbort(error)) return { retry: false, reason: 'aborted' };
  const override = options.retryOn?.(error, attempt);
  if (override === false) return { retry: false, reason: 'not_retryable' };
  const kind = classify(error, options.now);
  let reason: RetryReason;
  if (override === true) reason = kind?.reason ?? 'custom';
  else if (kind === undefined) return { retry: false, reason: 'not_retryable' };
  else if (kind.needsIdempotency && !isIdempotent(options.idempotent, error, attempt)) {
    return { retry: false, reason: 'not_idempotent' };
  } else reason = kind.reason;

  if (attempt > nonNegativeOr(options.maxRetries, DEFAULT_MAX_RETRIES)) {
    return { retry: false, reason: 'retries_exhausted' };
  }
  const maxWaitSeconds = nonNegativeOr(options.maxWaitSeconds, DEFAULT_MAX_WAIT_SECONDS);
  const jitter = options.jitter === false ? 0 : Math.min(nonNegativeOr(options.jitter, DEFAULT_JITTER), 1);
  const random = options.random ?? Math.random;
  const retryAfterSeconds = kind?.retryAfterSeconds;
  let delaySeconds: number;
  if (retryAfterSeconds !== undefined) {
    if (retryAfterSeconds > maxWaitSeconds) return { retry: false, reason: 'wait_too_long' };
    delaySeconds = retryAfterSeconds * (1 + jitter * random());
  } else {
    const initial = nonNegativeOr(options.initialBackoffSeconds, DEFAULT_INITIAL_BACKOFF_SECONDS);
    const ceiling = nonNegativeOr(options.maxBackoffSeconds, DEFAULT_MAX_BACKOFF_SECONDS);
    delaySeconds = Math.min(initial * 2 ** (attempt - 1), ceiling) * (1 - jitter + 2 * jitter * random());
  }
  const delayMs = Math.round(Math.min(delaySeconds, maxWaitSeconds) * 1000);
  return { retry: true, delayMs, reason, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}

/** RFC 9110 idempotent methods: repeating them leaves the server as one call would. */
export function isIdempotentMethod(method: string): boolean {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'TRACE':
    case 'PUT':
    case 'DELETE':
      return true;
    default:
      return false;
  }
}

/**
 * Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. The timer is cleared and the
 * subscription dropped on either outcome, so nothing lingers; many waits on one signal share one listener (see
 * abort-fan-out.ts). The timer is deliberately not `unref`ed: a script whose only pending work is this wait must not
 * exit in the middle of it.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    const timer = setTimeout(() => {
      unsubscribe?.();
      resolve();
    }, ms);
    if (signal !== undefined) {
      unsubscribe = subscribeToAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------

interface ErrorKind {
  reason: RetryReason;
  needsIdempotency: boolean;
  retryAfterSeconds?: number;
}

/**
 * What kind of failure `error` is, read from its shape so that errors from a second copy of the SDK, and axios-style
 * errors (`error.response.status` and `.headers`, as the seed's loop reads them), classify too.
 */
function classify(error: unknown, now: (() => number) | undefined): ErrorKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = TrutoError.isInstance(error) ? error.code : undefined;
  if (code === 'connection_error' || code === 'timeout') return { reason: 'connection_error', needsIdempotency: true };
  // A body cut short is the network failing mid-answer, not the answer being wrong: the same rule as a reset.
  if (code === 'invalid_response' && (error as { reason?: unknown }).reason === 'truncated') {
    return { reason: 'connection_error', needsIdempotency: true };
  }
  const status = statusOf(error);
  if (status === 429) {
    const retryAfterSeconds = advertisedWait(error, now);
    return {
      reason: 'rate_limited',
      needsIdempotency: false,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
  if (status === 502 || status === 504) return { reason: 'server_error', needsIdempotency: true };
  if (status === 503) {
    const retryAfterSeconds = parseRateLimitHeaders(headersOf(error) ?? {}, nowOption(now)).retryAfterSeconds;
    const fromUpstream = (error as { isRemoteError?: unknown }).isRemoteError === true;
    if (!fromUpstream && retryAfterSeconds === undefined) return undefined;
    return {
      reason: 'server_error',
      needsIdempotency: true,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
  return undefined;
}

function advertisedWait(error: object, now: (() => number) | undefined): number | undefined {
  const own = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
  // A RateLimitError already chose its wait from the headers; only foreign errors need them read here.
  if (TrutoError.isInstance(error) && (error as { rateLimit?: unknown }).rateLimit !== undefined) return undefined;
  const headers = headersOf(error);
  return headers === undefined ? undefined : chooseRetryAfterSeconds(parseRateLimitHeaders(headers, nowOption(now)));
}

function statusOf(error: object): number | undefined {
  const direct = (error as { status?: unknown }).status;
  if (typeof direct === 'number') return direct;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

function headersOf(error: object): HeadersLike | undefined {
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers ?? (error as { headers?: unknown }).headers;
  return typeof headers === 'object' && headers !== null ? (headers as HeadersLike) : undefined;
}

function nowOption(now: (() => number) | undefined): { now: number } | undefined {
  return now === undefined ? undefined : { now: now() };
}

function isAbort(error: unknown): boolean {
  if (TrutoError.isInstance(error)) return error.code === 'aborted';
  return error instanceof Error && error.name === 'AbortError';
}

function isIdempotent(idempotent: RetryOptions['idempotent'], error: unknown, attempt: number): boolean {
  return typeof idempotent === 'function' ? idempotent(error, attempt) === true : idempotent === true;
}

/** A usable non-negative number, else the default (so `maxRetries: NaN` or `-1` falls back instead of misbehaving). */
function nonNegativeOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? value : fallback;
}

/** The abort error of the retry loop: same class as an abort during the request itself, cause = the signal's reason. */
function abortErrorFor(signal: AbortSignal, lastError: unknown): TrutoAbortError {
  const request =
    typeof lastError === 'object' && lastError !== null ? (lastError as { method?: unknown; url?: unknown }) : {};
  return new TrutoAbortError({
    method: typeof request.method === 'string' ? request.method : 'RETRY',
    url: typeof request.url === 'string' ? request.url : '(waiting to retry)',
    cause: signal.reason,
  });
}
