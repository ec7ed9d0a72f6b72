import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCacheKey } from '../../src/catalog/cache.js';
import type { CatalogChanges } from '../../src/catalog/change.js';
import { createRedisStore, type RedisStore } from '../../src/entries/redis.js';
import { DEFAULT_TOOLS_PAGE_SIZE, OPENAI_TOOLS, type Sandbox, startSandbox } from '../../src/entries/sandbox.js';
import { TrutoToolManager } from '../../src/index.js';
import { SharedCatalogStore } from '../../src/state/shared-catalog.js';
import { type RedisServer, redisServerForTests, startRedisServer } from './redis-server.js';

const haveRedis = redisServerForTests();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!haveRedis)('the catalog shared through Redis', () => {
  let server: RedisServer;
  let sandbox: Sandbox;
  const stores: RedisStore[] = [];
  const managerOn = (store: RedisStore, extra: Partial<ConstructorParameters<typeof TrutoToolManager>[0]> = {}) =>
    new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      store,
      // A cache of its own, as in another process: only Redis can spare it the fetch.
      cache: { shared: false },
      onWarning: () => {},
      ...extra,
    });
  const toolRequests = () => sandbox.requests.filter((request) => request.route === 'tools').length;

  beforeAll(async () => {
    server = await startRedisServer();
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await sandbox?.close();
    await server?.stop();
  });

  it('is fetched once by a fleet that starts at once', async () => {
    sandbox.reset();
    const prefix = `fleet-start-${Date.now()}:`;
    const managers = Array.from({ length: 10 }, () => {
      const store = createRedisStore(server.url, { keyPrefix: prefix });
      stores.push(store);
      return managerOn(store);
    });
    const catalogs = await Promise.all(managers.map((manager) => manager.getToolDefinitions()));
    for (const tools of catalogs) expect(tools).toHaveLength(OPENAI_TOOLS.length);
    expect(toolRequests()).toBe(Math.ceil(OPENAI_TOOLS.length / DEFAULT_TOOLS_PAGE_SIZE));
    await Promise.all(managers.map((manager) => manager.close()));
  });

  it('carries a change one worker fetched to the others', async () => {
    sandbox.reset();
    const prefix = `change-${Date.now()}:`;
    const [seeding, first, second] = [0, 1, 2].map(() => {
      const store = createRedisStore(server.url, { keyPrefix: prefix });
      stores.push(store);
      return store;
    }) as [RedisStore, RedisStore, RedisStore];
    // An older catalog, one tool short, as if written by a worker before the account gained that tool.
    const older = OPENAI_TOOLS.filter((tool) => tool.name !== 'list_all_open_ai_models');
    const key = catalogCacheKey({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      methods: [],
      tags: [],
    });
    await new SharedCatalogStore({ store: seeding, ttlMs: 60_000, onWarning: () => {} }).write(key, {
      format: 1,
      savedAt: Date.now(),
      baseUrl: sandbox.baseUrl,
      integratedAccountId: sandbox.integratedAccountId,
      methods: [],
      tags: [],
      hashes: {},
      tools: [...older],
    });

    // Real clocks, as separate machines would have: B's copy goes stale after 1 s, A's refresh comes in between.
    const changesSeenBySecond: CatalogChanges[] = [];
    const workerA = managerOn(first, { cache: { shared: false, ttlMs: 60_000 } });
    const workerB = managerOn(second, {
      cache: { shared: false, ttlMs: 1000 },
      onCatalogChange: (changes) => changesSeenBySecond.push(changes),
    });
    expect(await workerA.getToolDefinitions()).toHaveLength(older.length);
    expect(await workerB.getToolDefinitions()).toHaveLength(older.length);
    expect(toolRequests()).toBe(0);

    await pause(600);
    expect((await workerA.refresh()).added).toEqual(['list_all_open_ai_models']);
    const fetchedByA = toolRequests();
    expect(fetchedByA).toBeGreaterThan(0);

    // B's copy is now stale; A's, in Redis, is not: B takes it without fetching and learns what changed.
    await pause(700);
    expect(await workerB.getToolDefinitions()).toHaveLength(OPENAI_TOOLS.length);
    expect(changesSeenBySecond).toEqual([{ added: ['list_all_open_ai_models'], removed: [], changed: [] }]);
    expect(toolRequests()).toBe(fetchedByA);
    await workerA.close();
    await workerB.close();
  });

  it('keeps tools and calls working when Redis cannot be reached at all', async () => {
    sandbox.reset();
    const warnings: string[] = [];
    const unreachable = createRedisStore('redis://127.0.0.1:1', { readyTimeoutMs: 200 });
    stores.push(unreachable);
    const manager = managerOn(unreachable, {
      coordination: { coordinate: 'wait', maxRequestsPerWindow: 45 },
      onWarning: (message) => warnings.push(message),
    });
    expect(await manager.getToolDefinitions()).toHaveLength(OPENAI_TOOLS.length);
    for (let i = 0; i < 3; i++) await manager.invoke('list_all_open_ai_models');
    expect(warnings.filter((warning) => /shared state store \(redis\) failed/.test(warning))).toHaveLength(1);
    await manager.close();
  });
});
