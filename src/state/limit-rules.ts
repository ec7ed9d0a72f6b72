/**
 * The rules every store follows for shared rate-limit state, as pure functions. The memory store runs them as they
 * are; the Redis store runs the same rules in Lua (redis-scripts.ts), and test/state/store-contract.test.ts holds
 * both to the same scenarios.
 *
 * A limit's state is a window (`remaining` until `resetAtMs`) plus an optional block (`blockedUntilMs`, from a 429's
 * `Retry-After`). Admitting a request spends one from `remaining` at once, before the answer arrives, so that
 * workers sending at the same moment cannot all take the last slot. When a window has run out and the limit and
 * window length are known, the next admission opens an estimated window (`limit − 1` left) instead of letting the
 * whole fleet through until the first answer of the new window comes back.
 */
import type { LimitObservation, LimitView } from './types.js';

/** A limit as a store keeps it; instants are on the store's clock. */
export interface StoredLimit {
  limit?: number;
  remaining?: number;
  resetAtMs?: number;
  windowMs?: number;
  blockedUntilMs?: number;
  estimated?: boolean;
}

/**
 * Two answers whose resets differ by less than this describe the same window: servers give resets in whole
 * seconds, so answers from one window disagree by up to a second.
 */
export const SAME_WINDOW_SLACK_MS = 1000;

/**
 * How long a limit's `limit` and window length outlive its last window: long enough to open estimated windows
 * for a fleet that pauses for a few minutes, short enough that a changed plan is relearned.
 */
export const LIMIT_KNOWLEDGE_TTL_MS = 5 * 60_000;

export type LimitCheck = { waitMs: number; reason: 'blocked' | 'exhausted' } | undefined;

/** Whether a request may go now; undefined means it may. */
export function checkLimit(stored: StoredLimit | undefined, nowMs: number): LimitCheck {
  if (stored === undefined) return undefined;
  if (stored.blockedUntilMs !== undefined && stored.blockedUntilMs > nowMs) {
    return { waitMs: stored.blockedUntilMs - nowMs, reason: 'blocked' };
  }
  if (isCurrent(stored, nowMs) && stored.remaining !== undefined && stored.remaining <= 0) {
    return { waitMs: stored.resetAtMs! - nowMs, reason: 'exhausted' };
  }
  return undefined;
}

/** Spends one request of a limit that `checkLimit` let through. */
export function spendLimit(stored: StoredLimit | undefined, nowMs: number): StoredLimit | undefined {
  if (stored === undefined) return undefined;
  if (isCurrent(stored, nowMs)) {
    return stored.remaining === undefined ? stored : { ...stored, remaining: stored.remaining - 1 };
  }
  if (stored.limit !== undefined && stored.windowMs !== undefined && stored.windowMs > 0) {
    return { ...stored, remaining: stored.limit - 1, resetAtMs: nowMs + stored.windowMs, estimated: true };
  }
  return stored;
}

/** Merges one answer's facts into what the store knows, keeping whichever is newer. */
export function applyObservation(
  existing: StoredLimit | undefined,
  observation: LimitObservation,
  nowMs: number,
): StoredLimit {
  const next: StoredLimit = { ...existing };
  if (!isCurrent(next, nowMs)) {
    delete next.remaining;
    delete next.resetAtMs;
    delete next.estimated;
  }
  if (next.blockedUntilMs !== undefined && next.blockedUntilMs <= nowMs) delete next.blockedUntilMs;
  if (observation.limit !== undefined) next.limit = observation.limit;
  if (observation.windowMs !== undefined && observation.windowMs > 0) next.windowMs = observation.windowMs;
  if (observation.retryAfterMs !== undefined && observation.retryAfterMs > 0) {
    next.blockedUntilMs = Math.max(next.blockedUntilMs ?? 0, nowMs + observation.retryAfterMs);
  }
  if (observation.remaining === undefined) return next;
  // "0 left" without a reset still ends within one window; "5 left" without one says nothing we could expire.
  const resetMs = observation.resetMs ?? (observation.remaining <= 0 ? next.windowMs : undefined);
  if (resetMs === undefined || !(resetMs > 0)) return next;
  const resetAtMs = nowMs + resetMs;
  const take = (): StoredLimit => {
    next.remaining = observation.remaining;
    next.resetAtMs = resetAtMs;
    delete next.estimated;
    return next;
  };
  if (next.resetAtMs === undefined || next.remaining === undefined) return take();
  const slack = Math.min(SAME_WINDOW_SLACK_MS, (next.windowMs ?? Number.POSITIVE_INFINITY) / 2);
  if (resetAtMs > next.resetAtMs + slack) return take();
  if (resetAtMs >= next.resetAtMs - slack) {
    // Same window: fewer left is newer (answers overtake each other), and admissions not yet answered count too.
    // The earliest reset is the tightest: resets are whole seconds rounded up, so each one is late, never early.
    next.remaining = Math.min(next.remaining, observation.remaining);
    next.resetAtMs = next.estimated ? resetAtMs : Math.min(next.resetAtMs, resetAtMs);
    delete next.estimated;
    return next;
  }
  // An earlier window: a late answer from a window already over, unless ours was only an estimate.
  return next.estimated ? take() : next;
}

/** How long the store should keep this limit, in milliseconds from now. */
export function limitTtlMs(stored: StoredLimit, nowMs: number): number {
  const lastEvent = Math.max(stored.resetAtMs ?? nowMs, stored.blockedUntilMs ?? nowMs, nowMs);
  return Math.ceil(lastEvent - nowMs + LIMIT_KNOWLEDGE_TTL_MS);
}

export function viewLimit(stored: StoredLimit, nowMs: number): LimitView {
  const view: LimitView = {};
  if (stored.limit !== undefined) view.limit = stored.limit;
  if (stored.windowMs !== undefined) view.windowMs = stored.windowMs;
  if (isCurrent(stored, nowMs)) {
    if (stored.remaining !== undefined) view.remaining = stored.remaining;
    view.resetInMs = stored.resetAtMs! - nowMs;
    if (stored.estimated) view.estimated = true;
  }
  if (stored.blockedUntilMs !== undefined && stored.blockedUntilMs > nowMs)
    view.blockedForMs = stored.blockedUntilMs - nowMs;
  return view;
}

/**
 * A sliding-window budget over the admission times in `times` (ascending): at most `max` in any `windowMs`.
 * Returns the times to keep and the decision; on admission `nowMs` is appended.
 */
export function takeFromLog(
  times: readonly number[],
  max: number,
  windowMs: number,
  nowMs: number,
): { times: number[]; allowed: boolean; retryAfterMs: number } {
  const kept = times.filter((time) => time > nowMs - windowMs);
  if (!(max >= 1)) return { times: kept, allowed: false, retryAfterMs: windowMs };
  if (kept.length < max) return { times: [...kept, nowMs], allowed: true, retryAfterMs: 0 };
  const oldestThatMustLeave = kept[kept.length - max]!;
  return { times: kept, allowed: false, retryAfterMs: Math.max(1, oldestThatMustLeave + windowMs - nowMs) };
}

function isCurrent(stored: StoredLimit, nowMs: number): boolean {
  return stored.resetAtMs !== undefined && stored.resetAtMs > nowMs;
}
