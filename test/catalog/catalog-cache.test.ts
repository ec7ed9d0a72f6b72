import { describe, expect, it } from 'vitest';
import { CatalogCache, type CatalogSnapshot, catalogCacheKey, createSnapshot } from '../../src/catalog/cache.js';

const snapshot = (fetchedAt = 0): CatalogSnapshot => createSnapshot(new Map(), fetchedAt, 'network');

function counter(fetchedAt = 0) {
  let loads = 0;
  return {
    get loads() {
      return loads;
    },
    load: async () => {
      loads++;
      return snapshot(fetchedAt);
    },
  };
}

describe('CatalogCache', () => {
  it('answers a fresh entry synchronously and shares one pending load', async () => {
    const cache = new CatalogCache();
    const source = counter();
    const lookup = { ttlMs: 1000, clock: () => 0, load: source.load };
    const [first, second] = [cache.get('a', lookup), cache.get('a', lookup)];
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    const loaded = await first;
    expect(cache.get('a', lookup)).toBe(loaded);
    expect(source.loads).toBe(1);
  });

  it('reloads after the TTL and when forced', async () => {
    const cache = new CatalogCache();
    let now = 0;
    const source = counter();
    const lookup = { ttlMs: 100, clock: () => now, load: source.load };
    await cache.get('a', lookup);
    now = 99;
    cache.get('a', lookup);
    expect(source.loads).toBe(1);
    now = 100;
    await cache.get('a', lookup);
    expect(source.loads).toBe(2);
    await cache.get('a', { ...lookup, force: true });
    expect(source.loads).toBe(3);
  });

  it('keeps the previous snapshot when a reload fails', async () => {
    const cache = new CatalogCache();
    const kept = await cache.get('a', { ttlMs: 0, clock: () => 0, load: async () => snapshot() });
    await expect(
      cache.get('a', { ttlMs: 0, clock: () => 0, load: () => Promise.reject(new Error('down')) }),
    ).rejects.toThrow('down');
    expect(cache.peek('a')).toBe(kept);
  });

  it('forgets the least recently used catalog beyond maxEntries', async () => {
    const cache = new CatalogCache({ maxEntries: 2 });
    const lookup = { ttlMs: 1000, clock: () => 0, load: async () => snapshot() };
    const a = await cache.get('a', lookup);
    await cache.get('b', lookup);
    cache.get('a', lookup);
    const c = await cache.get('c', lookup);
    expect(cache.size).toBe(2);
    expect(cache.peek('a')).toBe(a);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('c')).toBe(c);
  });
});

describe('catalogCacheKey', () => {
  const parts = {
    baseUrl: 'https://api.truto.one',
    apiKey: 'secret-token',
    integratedAccountId: 'acc',
    methods: [],
    tags: [],
  };

  it('holds a fingerprint of the API key, never the key', () => {
    const key = catalogCacheKey(parts);
    expect(key).not.toContain('secret-token');
    expect(catalogCacheKey({ ...parts, apiKey: 'other-token' })).not.toBe(key);
  });

  it('ignores the order of server-side filters', () => {
    expect(catalogCacheKey({ ...parts, methods: ['list', 'get'], tags: ['b', 'a'] })).toBe(
      catalogCacheKey({ ...parts, methods: ['get', 'list'], tags: ['a', 'b'] }),
    );
  });
});
