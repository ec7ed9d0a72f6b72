import { clearSharedCatalogCache } from 'truto-langchainjs-toolset';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const fixture = useSandboxManagers({ sandbox: { syntheticTools: 20 } });
const { createManager } = fixture;

beforeEach(() => {
  clearSharedCatalogCache();
  fixture.sandbox.requests.length = 0;
});

/** Catalog loads seen by the sandbox: the first page of each load has no cursor. */
const catalogLoads = () =>
  fixture.sandbox.requests.filter((request) => request.route === 'tools' && !request.rawQuery.includes('next_cursor'))
    .length;

describe('the shared catalog cache', () => {
  it('serves a second manager for the same account without a request, with the same compiled tools', async () => {
    const first = await createManager().getToolDefinitions();
    expect(catalogLoads()).toBe(1);
    const second = await createManager().getToolDefinitions();
    expect(catalogLoads()).toBe(1);
    expect(second[0]).toBe(first[0]);
    // A validator compiled through one manager is the one the other uses.
    expect(second[0]!.inputSchema).toBe(first[0]!.inputSchema);
  });

  it('shares one load between managers that ask at the same time', async () => {
    const [first, second, third] = await Promise.all([
      createManager().getTools(),
      createManager().getTools(),
      createManager().getToolDefinitions(),
    ]);
    expect(catalogLoads()).toBe(1);
    expect(first.length).toBe(second.length);
    expect(third.length).toBe(first.length);
  });

  it('keeps separate entries per server-side filter, API key and base URL', async () => {
    await createManager().getToolDefinitions();
    await createManager({ methods: ['list'] }).getToolDefinitions();
    await createManager({ methods: 'list' }).getToolDefinitions();
    expect(catalogLoads()).toBe(2);
    // Another token may not see the same account: it must not be served this token's catalog.
    await expect(createManager({ apiKey: 'another-token' }).getToolDefinitions()).rejects.toMatchObject({
      status: 401,
    });
    expect(catalogLoads()).toBe(3);
  });

  it('applies client-side filters to the shared catalog without fetching again', async () => {
    const all = await createManager().getToolDefinitions();
    const costs = await createManager({ filter: { include: ['*_costs'] } }).getToolDefinitions();
    expect(costs.map((tool) => tool.name)).toEqual(['list_all_open_ai_costs']);
    expect(all.length).toBeGreaterThan(10);
    expect(catalogLoads()).toBe(1);
  });

  it('gives a manager with cache.shared false a cache of its own', async () => {
    await createManager().getToolDefinitions();
    const alone = createManager({ cache: { shared: false } });
    await alone.getToolDefinitions();
    await alone.getToolDefinitions();
    expect(catalogLoads()).toBe(2);
  });

  it('fetches again once the TTL has passed, measured with the injected clock', async () => {
    let now = 1_000_000;
    const manager = createManager({ cache: { ttlMs: 60_000, clock: () => now } });
    await manager.getTools();
    now += 59_999;
    await manager.getTools();
    await manager.invoke('list_all_open_ai_models');
    expect(catalogLoads()).toBe(1);
    now += 1;
    await manager.getTools();
    expect(catalogLoads()).toBe(2);
  });

  it('fetches on every use with ttlMs 0', async () => {
    const manager = createManager({ cache: { ttlMs: 0, shared: false } });
    await manager.getToolDefinitions();
    await manager.getToolDefinitions();
    expect(catalogLoads()).toBe(2);
  });

  it('returns the same LangChain tools until the catalog is reloaded', async () => {
    let now = 0;
    const manager = createManager({ cache: { ttlMs: 1000, clock: () => now } });
    const first = await manager.getTools();
    expect(await manager.getTools()).toBe(first);
    now = 5000;
    const reloaded = await manager.getTools();
    expect(reloaded).not.toBe(first);
    expect(reloaded.map((tool) => tool.name)).toEqual(first.map((tool) => tool.name));
  });

  it('does not keep a failed load: the next use tries again', async () => {
    fixture.sandbox.failNext(1, { scope: 'tools', status: 500 });
    const manager = createManager();
    await expect(manager.getTools()).rejects.toMatchObject({ status: 500 });
    expect((await manager.getTools()).length).toBeGreaterThan(10);
  });

  it('makes a tool outside the client-side filter uncallable through that manager', async () => {
    const manager = createManager({ filter: { methods: ['read'] } });
    await expect(manager.invoke('create_a_open_ai_speech', { input: 'hi' })).rejects.toMatchObject({
      code: 'tool_not_found',
    });
    await expect(manager.invoke('list_all_open_ai_models')).resolves.toMatchObject({ result: expect.any(Array) });
  });
});
