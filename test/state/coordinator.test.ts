import { describe, expect, it } from 'vitest';
import { RateLimitError, TrutoAbortError, TrutoConfigError } from '../../src/errors/index.js';
import { parseRateLimitHeaders } from '../../src/http/rate-limit-headers.js';
import { StateCoordinator } from '../../src/state/coordinator.js';
import { FallbackStore } from '../../src/state/fallback-store.js';
import { accountKeys } from '../../src/state/keys.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { type CoordinationOptions, resolveCoordination } from '../../src/state/options.js';
import { setUpSharedState } from '../../src/state/setup.js';
import { OPENAI_RATE_LIMIT_HEADERS } from '../fixtures/openai-rate-limit-headers.js';

const baseUrl = 'https://api.truto.one';
const integratedAccountId = 'account-1';
const keys = accountKeys(baseUrl, integratedAccountId);

/** A memory store and a coordinator on one fake clock; sleeping advances it. */
function rig(coordination: CoordinationOptions) {
  let clock = 1_750_000_000_000;
  const slept: number[] = [];
  const store = new MemoryStore({ now: () => clock });
  const coordinator = new StateCoordinator({
    store,
    baseUrl,
    integratedAccountId,
    coordination: resolveCoordination(coordination),
    now: () => clock,
    random: () => 0,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      clock += ms;
    },
  });
  return { store, coordinator, slept, advance: (ms: number) => (clock += ms) };
}

describe('StateCoordinator', () => {
  it("waits for the window's reset when the shared state says it is exhausted", async () => {
    const { store, coordinator, slept } = rig({ coordinate: 'wait' });
    await store.publishLimit(keys.limits.account, { limit: 50, remaining: 0, resetMs: 3000, windowMs: 10_000 });
    await coordinator.beforeSend('list_all_open_ai_models');
    expect(slept).toEqual([3000]);
    // The call that waited opened an estimated window and spent one of it.
    expect(await store.readLimit(keys.limits.account)).toMatchObject({ remaining: 49, estimated: true });
  });

  it('fails fast with a RateLimitError built from the shared state, sending nothing', async () => {
    const { store, coordinator, slept } = rig({ coordinate: 'fail-fast' });
    await store.publishLimit(keys.limits.account, { limit: 50, remaining: 0, resetMs: 2500, windowMs: 10_000 });
    const error = await coordinator.beforeSend('list_all_open_ai_models').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimited = error as RateLimitError;
    expect(slept).toEqual([]);
    expect(rateLimited.status).toBe(429);
    expect(rateLimited.retryAfterSeconds).toBe(2.5);
    expect(rateLimited.rateLimit).toMatchObject({ limit: 50, remaining: 0, windowSeconds: 10, retryAfterSeconds: 2.5 });
    // The seed's hand-written loop reads these.
    expect(rateLimited.response.headers).toMatchObject({
      'ratelimit-reset': '3',
      'retry-after': '3',
      'ratelimit-limit': '50;w=10',
    });
    expect(parseRateLimitHeaders(rateLimited.response.headers)).toMatchObject({
      limit: 50,
      remaining: 0,
      resetSeconds: 3,
    });
    expect(rateLimited.message).toMatch(/not sent/);
    expect(rateLimited.message).toMatch(/Retry after 2\.5 s/);
  });

  it('throws at once when the wait would be longer than maxWaitSeconds', async () => {
    const { store, coordinator, slept } = rig({ coordinate: 'wait', maxWaitSeconds: 5 });
    await store.publishLimit(keys.limits.account, { retryAfterMs: 8000 });
    await expect(coordinator.beforeSend('tool')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 8 });
    expect(slept).toEqual([]);
  });

  it('also waits on an exhausted upstream dimension', async () => {
    const { store, coordinator, slept } = rig({ coordinate: 'wait' });
    await store.publishLimit(keys.limits['upstream-tokens'], { limit: 150_000, remaining: 0, resetMs: 1200 });
    await coordinator.beforeSend('tool');
    expect(slept).toEqual([1200]);
  });

  it('keeps the fleet budget in every mode, waiting unless told to fail fast', async () => {
    const { coordinator, slept } = rig({ maxRequestsPerWindow: 2, windowSeconds: 1 });
    await coordinator.beforeSend('tool');
    await coordinator.beforeSend('tool');
    await coordinator.beforeSend('tool');
    expect(slept).toEqual([1000]);
    const failing = rig({ coordinate: 'fail-fast', maxRequestsPerWindow: 1, windowSeconds: 1 });
    await failing.coordinator.beforeSend('tool');
    await expect(failing.coordinator.beforeSend('tool')).rejects.toThrow(/request budget \(1 per 1 s\) is spent/);
  });

  it('stops waiting when the call is aborted', async () => {
    const { store, coordinator } = rig({ coordinate: 'wait' });
    await store.publishLimit(keys.limits.account, { retryAfterMs: 3000 });
    const controller = new AbortController();
    controller.abort(new Error('user gave up'));
    await expect(coordinator.beforeSend('tool', controller.signal)).rejects.toBeInstanceOf(TrutoAbortError);
  });

  it('publishes every dimension an answer describes, and nothing in off mode', async () => {
    const { store, coordinator } = rig({ coordinate: 'wait' });
    const info = parseRateLimitHeaders({
      'ratelimit-limit': '20;w=2',
      'ratelimit-remaining': '7',
      'ratelimit-reset': '2',
      ...OPENAI_RATE_LIMIT_HEADERS,
    });
    await coordinator.observe('tool', info, 200);
    expect(await store.readLimit(keys.limits.account)).toMatchObject({ limit: 20, remaining: 7, windowMs: 2000 });
    expect(await store.readLimit(keys.limits['upstream-requests'])).toMatchObject({ limit: 60, remaining: 59 });
    expect(await store.readLimit(keys.limits['upstream-tokens'])).toMatchObject({
      remaining: 149_984,
      resetInMs: 360_000,
    });

    const off = rig({ maxRequestsPerWindow: 5 });
    await off.coordinator.observe('tool', info, 200);
    expect(await off.store.readLimit(keys.limits.account)).toBeUndefined();
  });

  it("turns a 429's Retry-After into a block for the whole fleet", async () => {
    const { coordinator } = rig({ coordinate: 'fail-fast' });
    await coordinator.observe('tool', parseRateLimitHeaders({ 'retry-after': '4' }), 429);
    await expect(coordinator.beforeSend('tool')).rejects.toThrow(/a 429 seen by the fleet asked to wait/);
  });
});

describe('setUpSharedState', () => {
  const base = { baseUrl, integratedAccountId, onWarning: () => {} };

  it('adds no coordinator unless coordination or a budget is on', () => {
    expect(setUpSharedState(base).coordinator).toBeUndefined();
    expect(setUpSharedState({ ...base, coordination: { coordinate: 'off' } }).coordinator).toBeUndefined();
    expect(setUpSharedState({ ...base, coordination: { coordinate: 'wait' } }).coordinator).toBeDefined();
    expect(setUpSharedState({ ...base, coordination: { maxRequestsPerWindow: 45 } }).coordinator).toBeDefined();
  });

  it('puts a shared store behind a local fallback, but not a memory store', () => {
    const memory = new MemoryStore();
    expect(setUpSharedState({ ...base, store: memory }).store).toBe(memory);
    const shared = { ...new MemoryStore(), name: 'custom' } as unknown as MemoryStore;
    expect(setUpSharedState({ ...base, store: shared }).store).toBeInstanceOf(FallbackStore);
  });

  it('rejects options that cannot work, saying which', () => {
    expect(() => resolveCoordination({ coordinate: 'sometimes' as never })).toThrow(TrutoConfigError);
    expect(() => resolveCoordination({ maxRequestsPerWindow: 0 })).toThrow(/maxRequestsPerWindow/);
    expect(() => resolveCoordination({ maxRequestsPerWindow: 2.5 })).toThrow(/whole number/);
    expect(() => resolveCoordination({ windowSeconds: 0 })).toThrow(/windowSeconds/);
    expect(() => resolveCoordination({ maxWaitSeconds: -1 })).toThrow(/maxWaitSeconds/);
    expect(resolveCoordination()).toEqual({ coordinate: 'off', maxWaitSeconds: 60 });
    expect(resolveCoordination({ maxRequestsPerWindow: 45 }).budget).toEqual({
      maxRequestsPerWindow: 45,
      windowSeconds: 10,
    });
  });
});
