/**
 * Truto's per-integrated-account limit as a fixed window. A window opens with the first request after the previous
 * one closed and lasts `windowSeconds` (not aligned to the clock, so a test never straddles a boundary by bad luck).
 * The counter lives in the server, so any number of client processes share it.
 *
 * Without an `accountLimit` nothing is counted: each answer advertises Truto's documented per-account policy
 * (50 per 10 s) as a fresh window (`remaining` = limit − 1). Clients that pause on `remaining: 0` therefore never
 * stall a benchmark against an unlimited sandbox.
 */
import type { RateLimitWindow } from './rate-limit-headers';

export interface AccountLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Length of the window in seconds. */
  windowSeconds: number;
}

/** What the headers advertise when no limit is enforced: Truto's documented 50 requests / 10 s per account. */
export const ADVERTISED_ACCOUNT_LIMIT: Readonly<AccountLimit> = { requests: 50, windowSeconds: 10 };

export interface LimitDecision {
  allowed: boolean;
  window: RateLimitWindow;
}

interface WindowCounter {
  startedAtMs: number;
  count: number;
}

export class AccountLimiter {
  readonly #limit: AccountLimit | undefined;
  readonly #clock: () => number;
  readonly #windows = new Map<string, WindowCounter>();

  constructor(limit: AccountLimit | undefined, clock: () => number) {
    if (limit !== undefined && (!(limit.requests >= 1) || !(limit.windowSeconds > 0))) {
      throw new RangeError(
        'accountLimit needs requests ≥ 1 and windowSeconds > 0, e.g. { requests: 50, windowSeconds: 10 }.',
      );
    }
    this.#limit = limit;
    this.#clock = clock;
  }

  get enforced(): boolean {
    return this.#limit !== undefined;
  }

  /** Counts one request for `accountId` and says whether it fits in the current window. */
  take(accountId: string): LimitDecision {
    const now = this.#clock();
    const limit = this.#limit;
    if (limit === undefined) return { allowed: true, window: advertisedWindow(now) };
    const windowMs = limit.windowSeconds * 1000;
    let counter = this.#windows.get(accountId);
    if (counter === undefined || now >= counter.startedAtMs + windowMs) {
      counter = { startedAtMs: now, count: 0 };
      this.#windows.set(accountId, counter);
    }
    const resetSeconds = Math.max(1, Math.ceil((counter.startedAtMs + windowMs - now) / 1000));
    const allowed = counter.count < limit.requests;
    if (allowed) counter.count++;
    return {
      allowed,
      window: {
        limit: limit.requests,
        remaining: limit.requests - counter.count,
        resetSeconds,
        windowSeconds: limit.windowSeconds,
      },
    };
  }

  reset(): void {
    this.#windows.clear();
  }
}

function advertisedWindow(now: number): RateLimitWindow {
  const { requests, windowSeconds } = ADVERTISED_ACCOUNT_LIMIT;
  return {
    limit: requests,
    remaining: requests - 1,
    resetSeconds: windowSeconds - (Math.floor(now / 1000) % windowSeconds),
    windowSeconds,
  };
}
