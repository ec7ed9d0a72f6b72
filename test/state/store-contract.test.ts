/**
 * The same scenarios against the memory store and the Redis store (whose rules run in Lua): both must agree.
 * Real clocks on both sides, so waits are checked within a range, never to the millisecond.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/entries/redis.js';
import { createMemoryStore } from '../../src/state/memory-store.js';
import type { StateStore } from '../../src/state/types.js';
import { type RedisServer, redisServerForTests, startRedisServer } from './redis-server.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function contract(name: string, open: () => Promise<{ store: StateStore; close: () => Promise<void> }>): void {
  describe(`${name} store`, () => {
    let store: StateStore;
    let close: () => Promise<void>;
    let run = 0;
    // A fresh key space per test, so no test sees another's state.
    let key: (name: string) => string;

    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => {
      await close();
    });
    beforeEach(() => {
      const scope = `{contract-${process.pid}-${Date.now()}-${run++}}`;
      key = (suffix) => `${scope}:${suffix}`;
    });

    it('admits anything it knows nothing about', async () => {
      expect(await store.admit({ limitKeys: [key('a')] })).toEqual({ allowed: true });
      expect(await store.readLimit(key('a'))).toBeUndefined();
    });

    it('spends what an answer said was left, then refuses until the reset', async () => {
      await store.publishLimit(key('a'), { limit: 5, remaining: 2, resetMs: 2000, windowMs: 2000 });
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(true);
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(true);
      const refused = await store.admit({ limitKeys: [key('a')] });
      expect(refused).toMatchObject({ allowed: false, reason: 'exhausted', key: key('a'), limit: 5, windowMs: 2000 });
      if (refused.allowed) throw new Error('unreachable');
      expect(refused.waitMs).toBeGreaterThan(1500);
      expect(refused.waitMs).toBeLessThanOrEqual(2000);
      expect(await store.readLimit(key('a'))).toMatchObject({ limit: 5, remaining: 0, windowMs: 2000 });
    });

    it('publishes only what is newer', async () => {
      await store.publishLimit(key('a'), { remaining: 3, resetMs: 5000, windowMs: 10_000 });
      await store.publishLimit(key('a'), { remaining: 4, resetMs: 4800 });
      expect((await store.readLimit(key('a')))?.remaining).toBe(3);
      await store.publishLimit(key('a'), { remaining: 0, resetMs: 1000 });
      expect((await store.readLimit(key('a')))?.remaining).toBe(3);
      await store.publishLimit(key('a'), { remaining: 9, resetMs: 9000 });
      expect((await store.readLimit(key('a')))?.remaining).toBe(9);
    });

    it("blocks everyone for a 429's Retry-After", async () => {
      await store.publishLimit(key('a'), { retryAfterMs: 1500 });
      const refused = await store.admit({ limitKeys: [key('a')] });
      expect(refused).toMatchObject({ allowed: false, reason: 'blocked' });
      expect((await store.readLimit(key('a')))?.blockedForMs).toBeGreaterThan(1000);
    });

    it('opens an estimated window once the last one is over', async () => {
      await store.publishLimit(key('a'), { limit: 3, windowMs: 1000, remaining: 0, resetMs: 150 });
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(false);
      await pause(200);
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(true);
      expect(await store.readLimit(key('a'))).toMatchObject({ remaining: 2, estimated: true });
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(true);
      expect((await store.admit({ limitKeys: [key('a')] })).allowed).toBe(true);
      expect(await store.admit({ limitKeys: [key('a')] })).toMatchObject({ allowed: false, reason: 'exhausted' });
    });

    it('admits all or nothing over several limits and the budget', async () => {
      await store.publishLimit(key('room'), { remaining: 5, resetMs: 5000 });
      await store.publishLimit(key('full'), { remaining: 0, resetMs: 3000 });
      const budget = { key: key('budget'), max: 2, windowMs: 5000 };
      const refused = await store.admit({ limitKeys: [key('room'), key('full')], budget });
      expect(refused).toMatchObject({ allowed: false, reason: 'exhausted', key: key('full') });
      expect((await store.readLimit(key('room')))?.remaining).toBe(5);
      expect(await store.takeBudget(budget.key, 2, 5)).toEqual({ allowed: true, retryAfterMs: 0 });
      expect(await store.admit({ limitKeys: [key('room')], budget })).toEqual({ allowed: true });
      expect((await store.readLimit(key('room')))?.remaining).toBe(4);
      expect(await store.admit({ limitKeys: [key('room')], budget })).toMatchObject({
        allowed: false,
        reason: 'budget',
        key: budget.key,
        limit: 2,
        windowMs: 5000,
      });
    });

    it('keeps a sliding-window budget', async () => {
      for (let i = 0; i < 3; i++) expect((await store.takeBudget(key('budget'), 3, 0.5)).allowed).toBe(true);
      const refused = await store.takeBudget(key('budget'), 3, 0.5);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(500);
      await pause(refused.retryAfterMs + 20);
      expect((await store.takeBudget(key('budget'), 3, 0.5)).allowed).toBe(true);
    });

    it('stores catalogs with a time to live', async () => {
      await store.setCatalog(key('catalog'), '{"tools":[]}', 150);
      expect(await store.getCatalog(key('catalog'))).toBe('{"tools":[]}');
      await pause(200);
      expect(await store.getCatalog(key('catalog'))).toBeUndefined();
    });

    it('hands a lock to one holder at a time and lets it expire', async () => {
      const token = await store.acquireLock(key('lock'), 200);
      expect(token).toEqual(expect.any(String));
      expect(await store.acquireLock(key('lock'), 200)).toBeUndefined();
      await store.releaseLock(key('lock'), 'someone else');
      expect(await store.acquireLock(key('lock'), 200)).toBeUndefined();
      await store.releaseLock(key('lock'), token!);
      const second = await store.acquireLock(key('lock'), 100);
      expect(second).toEqual(expect.any(String));
      await pause(150);
      expect(await store.acquireLock(key('lock'), 100)).toEqual(expect.any(String));
    });
  });
}

contract('memory', async () => ({ store: createMemoryStore(), close: async () => {} }));

const haveRedis = redisServerForTests();

describe.skipIf(!haveRedis)('with redis-server', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  contract('redis', async () => {
    const store = createRedisStore(server.url);
    return { store, close: () => store.close() };
  });

  describe('redis store', () => {
    let store: RedisStore;
    beforeAll(() => {
      store = createRedisStore(server.url, { keyPrefix: 'prefix-test:' });
    });
    afterAll(async () => {
      await store.close();
    });

    it('reloads its scripts after SCRIPT FLUSH', async () => {
      await store.publishLimit('{flush}:a', { remaining: 1, resetMs: 5000 });
      await (store.client as import('ioredis').Redis).script('FLUSH');
      expect(await store.admit({ limitKeys: ['{flush}:a'] })).toEqual({ allowed: true });
      expect((await store.readLimit('{flush}:a'))?.remaining).toBe(0);
    });

    it('writes every key under its prefix and leaves your client open', async () => {
      await store.setCatalog('{prefix}:catalog', 'x', 5000);
      const { Redis } = await import('ioredis');
      const mine = new Redis(server.url);
      expect(await mine.get('prefix-test:{prefix}:catalog')).toBe('x');
      const borrowed = createRedisStore(mine, { keyPrefix: '' });
      expect(await borrowed.getCatalog('prefix-test:{prefix}:catalog')).toBe('x');
      await borrowed.close();
      expect(await mine.ping()).toBe('PONG');
      await mine.quit();
    });
  });
});
