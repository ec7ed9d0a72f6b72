import { type CatalogChanges, TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { diffCatalogs } from '../../src/catalog/change.js';
import { hashToolDefinition, stableStringify } from '../../src/catalog/hash.js';

const running: Sandbox[] = [];
const managers: TrutoToolManager[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** The catalog "changes" by replacing the sandbox with another one on the same port: same base URL, same cache key. */
async function sandboxWith(syntheticTools: number, port = 0): Promise<Sandbox> {
  const sandbox = await startSandbox({ syntheticTools, port });
  running.push(sandbox);
  return sandbox;
}

async function replace(sandbox: Sandbox, syntheticTools: number): Promise<Sandbox> {
  const port = Number(new URL(sandbox.baseUrl).port);
  await sandbox.close();
  running.splice(running.indexOf(sandbox), 1);
  // Let the client notice its keep-alive sockets were closed, or its next request may go out on a dead one.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return sandboxWith(syntheticTools, port);
}

function createManager(sandbox: Sandbox, onCatalogChange?: (changes: CatalogChanges) => void): TrutoToolManager {
  const manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
    ...(onCatalogChange ? { onCatalogChange } : {}),
  });
  managers.push(manager);
  return manager;
}

describe('refresh() and onCatalogChange', () => {
  it('reports added and removed tools when the account catalog changes', async () => {
    let sandbox = await sandboxWith(2);
    const seen: CatalogChanges[] = [];
    const manager = createManager(sandbox, (changes) => seen.push(changes));
    const before = await manager.getTools();
    expect(before.map((tool) => tool.name)).toContain('get_single_synthetic_invoice_0001_by_id');

    sandbox = await replace(sandbox, 4);
    const added = await manager.refresh();
    expect(added).toEqual({
      added: ['create_a_synthetic_ticket_0002', 'update_a_synthetic_contact_0003_by_id'],
      removed: [],
      changed: [],
    });
    expect(seen).toEqual([added]);
    expect((await manager.getTools()).length).toBe(before.length + 2);

    sandbox = await replace(sandbox, 1);
    expect(await manager.refresh()).toEqual({
      added: [],
      removed: [
        'create_a_synthetic_ticket_0002',
        'get_single_synthetic_invoice_0001_by_id',
        'update_a_synthetic_contact_0003_by_id',
      ],
      changed: [],
    });
    expect(seen).toHaveLength(2);
  });

  it('returns no changes and calls nobody when nothing changed', async () => {
    const sandbox = await sandboxWith(0);
    const seen: CatalogChanges[] = [];
    const manager = createManager(sandbox, (changes) => seen.push(changes));
    await manager.getTools();
    expect(await manager.refresh()).toEqual({ added: [], removed: [], changed: [] });
    expect(seen).toEqual([]);
  });

  it('lets a manager sharing the cache see another manager’s refresh', async () => {
    let sandbox = await sandboxWith(0);
    const seenByOther: CatalogChanges[] = [];
    const refresher = createManager(sandbox);
    const other = createManager(sandbox, (changes) => seenByOther.push(changes));
    await refresher.getTools();
    const before = (await other.getTools()).length;
    sandbox = await replace(sandbox, 1);
    await refresher.refresh();
    expect((await other.getTools()).length).toBe(before + 1);
    expect(seenByOther).toEqual([{ added: ['list_all_synthetic_widgets_0000'], removed: [], changed: [] }]);
  });

  it('turns a throwing listener into a warning', async () => {
    let sandbox = await sandboxWith(0);
    const warnings: string[] = [];
    const manager = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      onWarning: (message) => warnings.push(message),
      onCatalogChange: () => {
        throw new Error('listener broke');
      },
    });
    managers.push(manager);
    await manager.getTools();
    sandbox = await replace(sandbox, 1);
    await expect(manager.refresh()).resolves.toMatchObject({ added: ['list_all_synthetic_widgets_0000'] });
    expect(warnings.join('\n')).toMatch(/onCatalogChange threw and was ignored: listener broke/);
  });
});

describe('definition hashes', () => {
  const definition = {
    name: 'list_all_open_ai_costs',
    resource: 'costs',
    method: 'list',
    query_schema: { type: 'object', properties: { start_time: { type: 'integer' }, limit: { type: 'integer' } } },
    required: ['start_time'],
    tags: ['usage'],
  };

  it('does not depend on key order', () => {
    const reordered = {
      tags: ['usage'],
      required: ['start_time'],
      query_schema: { properties: { limit: { type: 'integer' }, start_time: { type: 'integer' } }, type: 'object' },
      method: 'list',
      resource: 'costs',
      name: 'list_all_open_ai_costs',
    };
    expect(hashToolDefinition(reordered)).toBe(hashToolDefinition(definition));
    expect(stableStringify({ b: 1, a: [{ d: 1, c: undefined }] })).toBe('{"a":[{"d":1}],"b":1}');
  });

  it('changes with any part of the definition', () => {
    const base = hashToolDefinition(definition);
    expect(hashToolDefinition({ ...definition, description: 'new' })).not.toBe(base);
    expect(hashToolDefinition({ ...definition, required: [] })).not.toBe(base);
    expect(hashToolDefinition({ ...definition, tags: ['usage', 'costs'] })).not.toBe(base);
  });

  it('diffs two fingerprints into sorted added, removed and changed names', () => {
    const before = new Map([
      ['b', '1'],
      ['a', '1'],
      ['c', '1'],
    ]);
    const after = new Map([
      ['a', '2'],
      ['c', '1'],
      ['e', '1'],
      ['d', '1'],
    ]);
    expect(diffCatalogs(before, after)).toEqual({ added: ['d', 'e'], removed: ['b'], changed: ['a'] });
  });
});
