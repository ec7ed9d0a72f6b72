import { describe, expect, it } from 'vitest';
import {
  applyObservation,
  checkLimit,
  LIMIT_KNOWLEDGE_TTL_MS,
  limitTtlMs,
  spendLimit,
  takeFromLog,
  viewLimit,
} from '../../src/state/limit-rules.js';

const now = 1_750_000_000_000;

describe('applyObservation', () => {
  it('takes the first answer as it is', () => {
    const stored = applyObservation(undefined, { limit: 50, remaining: 49, resetMs: 7000, windowMs: 10_000 }, now);
    expect(stored).toEqual({ limit: 50, remaining: 49, resetAtMs: now + 7000, windowMs: 10_000 });
  });

  it('keeps the fewest left when answers of one window arrive out of order', () => {
    const first = applyObservation(undefined, { remaining: 10, resetMs: 5000, windowMs: 10_000 }, now);
    const late = applyObservation(first, { remaining: 12, resetMs: 4600 }, now + 300);
    expect(late.remaining).toBe(10);
    // The earliest reset is kept: each whole-second reset is rounded up, never down.
    expect(late.resetAtMs).toBe(now + 4900);
  });

  it('replaces the state with a later window', () => {
    const old = applyObservation(undefined, { remaining: 0, resetMs: 1000, windowMs: 10_000 }, now);
    const next = applyObservation(old, { remaining: 49, resetMs: 10_000 }, now + 900);
    expect(next).toMatchObject({ remaining: 49, resetAtMs: now + 10_900 });
  });

  it('ignores a late answer from a window that is already over', () => {
    const current = applyObservation(undefined, { remaining: 30, resetMs: 9000, windowMs: 10_000 }, now);
    const stale = applyObservation(current, { remaining: 0, resetMs: 1000 }, now + 100);
    expect(stale).toMatchObject({ remaining: 30, resetAtMs: now + 9000 });
  });

  it('lets any answer correct an estimated window', () => {
    const estimated = { limit: 50, remaining: 20, resetAtMs: now + 9000, windowMs: 10_000, estimated: true };
    const sameWindow = applyObservation(estimated, { remaining: 25, resetMs: 8500 }, now);
    expect(sameWindow).toEqual({ limit: 50, remaining: 20, resetAtMs: now + 8500, windowMs: 10_000 });
    const earlier = applyObservation(estimated, { remaining: 3, resetMs: 2000 }, now);
    expect(earlier).toEqual({ limit: 50, remaining: 3, resetAtMs: now + 2000, windowMs: 10_000 });
  });

  it('blocks for a Retry-After and keeps the longest block', () => {
    const blocked = applyObservation(undefined, { retryAfterMs: 3000 }, now);
    expect(blocked.blockedUntilMs).toBe(now + 3000);
    expect(applyObservation(blocked, { retryAfterMs: 1000 }, now + 100).blockedUntilMs).toBe(now + 3000);
  });

  it('reads "none left" without a reset as lasting at most one window', () => {
    const stored = applyObservation({ windowMs: 2000 }, { remaining: 0 }, now);
    expect(stored).toMatchObject({ remaining: 0, resetAtMs: now + 2000 });
    expect(applyObservation(undefined, { remaining: 5 }, now).remaining).toBeUndefined();
  });

  it('forgets a window that is over but keeps the limit and window length', () => {
    const over = { limit: 50, remaining: 0, resetAtMs: now - 1, windowMs: 10_000, blockedUntilMs: now - 1 };
    expect(applyObservation(over, { limit: 50 }, now)).toEqual({ limit: 50, windowMs: 10_000 });
  });
});

describe('checkLimit and spendLimit', () => {
  it('lets requests through while some are left and spends one each', () => {
    let stored = applyObservation(undefined, { remaining: 2, resetMs: 1000 }, now);
    expect(checkLimit(stored, now)).toBeUndefined();
    stored = spendLimit(stored, now)!;
    stored = spendLimit(stored, now)!;
    expect(checkLimit(stored, now)).toEqual({ waitMs: 1000, reason: 'exhausted' });
    expect(checkLimit(stored, now + 1000)).toBeUndefined();
  });

  it('prefers a block to an exhausted window', () => {
    const stored = { remaining: 0, resetAtMs: now + 500, blockedUntilMs: now + 2000 };
    expect(checkLimit(stored, now)).toEqual({ waitMs: 2000, reason: 'blocked' });
  });

  it('opens an estimated window when the last one is over and its size is known', () => {
    const stored = spendLimit({ limit: 3, windowMs: 1000, remaining: 0, resetAtMs: now - 5 }, now)!;
    expect(stored).toEqual({ limit: 3, windowMs: 1000, remaining: 2, resetAtMs: now + 1000, estimated: true });
    expect(viewLimit(stored, now)).toEqual({
      limit: 3,
      windowMs: 1000,
      remaining: 2,
      resetInMs: 1000,
      estimated: true,
    });
  });

  it('changes nothing it knows nothing about', () => {
    const stored = { limit: 3 };
    expect(spendLimit(stored, now)).toBe(stored);
    expect(spendLimit(undefined, now)).toBeUndefined();
  });

  it('keeps a limit for a while after its last event', () => {
    expect(limitTtlMs({ resetAtMs: now + 2000, blockedUntilMs: now + 5000 }, now)).toBe(5000 + LIMIT_KNOWLEDGE_TTL_MS);
  });
});

describe('takeFromLog (sliding-window budget)', () => {
  it('admits max in any window and says when the oldest leaves', () => {
    let times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const taken = takeFromLog(times, 3, 1000, now + i * 100);
      expect(taken.allowed).toBe(true);
      times = taken.times;
    }
    const refused = takeFromLog(times, 3, 1000, now + 300);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 700 });
    expect(takeFromLog(times, 3, 1000, now + 1000).allowed).toBe(true);
  });

  it('refuses everything with a budget under one', () => {
    expect(takeFromLog([], 0, 1000, now)).toMatchObject({ allowed: false, retryAfterMs: 1000 });
  });
});
