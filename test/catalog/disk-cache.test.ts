import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CatalogChanges, clearSharedCatalogCache } from 'truto-langchainjs-toolset';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

let directory: string;
const fixture = useSandboxManagers();
const { createManager } = fixture;

beforeEach(async () => {
  clearSharedCatalogCache();
  fixture.sandbox.requests.length = 0;
  directory = await mkdtemp(join(tmpdir(), 'truto-catalog-cache-'));
});

afterEach(async () => {
  await fixture.closeManagers();
  await rm(directory, { recursive: true, force: true });
});

const catalogRequests = () => fixture.sandbox.requests.filter((request) => request.route === 'tools').length;

async function cacheFile(): Promise<{ path: string; content: Record<string, any> }> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.json'));
  expect(files).toHaveLength(1);
  const path = join(directory, files[0]!);
  return { path, content: JSON.parse(await readFile(path, 'utf8')) };
}

/** What a new process sees: nothing in memory, the directory on disk. */
function forgetMemory(): void {
  clearSharedCatalogCache();
  fixture.sandbox.requests.length = 0;
}

describe('the disk cache', () => {
  it('writes definitions and hashes, and never the API key', async () => {
    const tools = await createManager({ cache: { dir: directory, clock: () => 5_000 } }).getToolDefinitions();
    const { path, content } = await cacheFile();
    expect(content).toMatchObject({
      format: 1,
      savedAt: 5_000,
      integratedAccountId: fixture.sandbox.integratedAccountId,
    });
    expect(content.tools).toHaveLength(tools.length);
    expect(Object.keys(content.hashes).sort()).toEqual(tools.map((tool) => tool.name).sort());
    expect(path).not.toContain(fixture.sandbox.apiKey);
    expect(await readFile(path, 'utf8')).not.toContain(fixture.sandbox.apiKey);
  });

  it('starts a new process from a copy younger than the TTL, without a request', async () => {
    let now = 0;
    await createManager({ cache: { dir: directory, clock: () => now } }).getToolDefinitions();
    const { path, content } = await cacheFile();
    // Proof that the copy is what gets served: doctor a description.
    content.tools[0].description = 'Served from disk.';
    await writeFile(path, JSON.stringify(content));
    forgetMemory();
    now = 60_000;
    const fromDisk = await createManager({ cache: { dir: directory, clock: () => now } }).getToolDefinitions();
    expect(catalogRequests()).toBe(0);
    expect(fromDisk[0]!.description).toBe('Served from disk.');
  });

  it('fetches when the copy is older than the TTL and reports what changed since it was written', async () => {
    let now = 0;
    await createManager({ cache: { dir: directory, clock: () => now } }).getToolDefinitions();
    const { path, content } = await cacheFile();
    // The earlier run knew a tool that is gone, lacked one that is new, and had another version of a third.
    content.tools = content.tools.filter((tool: { name: string }) => tool.name !== 'create_a_open_ai_speech');
    delete content.hashes.create_a_open_ai_speech;
    content.hashes.list_all_open_ai_ghosts = 'gone';
    content.hashes.list_all_open_ai_costs = 'an older version';
    await writeFile(path, JSON.stringify(content));
    forgetMemory();

    now = 10 * 60_000;
    const seen: CatalogChanges[] = [];
    const manager = createManager({
      cache: { dir: directory, clock: () => now },
      onCatalogChange: (changes) => seen.push(changes),
    });
    await manager.getTools();
    expect(catalogRequests()).toBeGreaterThan(0);
    expect(seen).toEqual([
      { added: ['create_a_open_ai_speech'], removed: ['list_all_open_ai_ghosts'], changed: ['list_all_open_ai_costs'] },
    ]);
    // The copy now matches the catalog: the next run has nothing to report.
    expect((await cacheFile()).content.hashes.list_all_open_ai_costs).not.toBe('an older version');
  });

  it('reports to a filtered manager only the changes among the tools it selects', async () => {
    await createManager({ cache: { dir: directory, ttlMs: 0 } }).getToolDefinitions();
    const { path, content } = await cacheFile();
    content.hashes.list_all_open_ai_costs = 'old';
    content.hashes.create_a_open_ai_speech = 'old';
    content.hashes.list_all_open_ai_ghosts = 'gone';
    content.hashes.create_a_open_ai_ghost = 'gone';
    await writeFile(path, JSON.stringify(content));
    forgetMemory();
    const seen: CatalogChanges[] = [];
    await createManager({
      cache: { dir: directory, ttlMs: 0 },
      filter: { include: ['list_all_*'] },
      onCatalogChange: (changes) => seen.push(changes),
    }).getToolDefinitions();
    expect(seen).toEqual([{ added: [], removed: ['list_all_open_ai_ghosts'], changed: ['list_all_open_ai_costs'] }]);
  });

  it('ignores a corrupt copy with a warning and fetches', async () => {
    await createManager({ cache: { dir: directory } }).getToolDefinitions();
    const { path } = await cacheFile();
    await writeFile(path, '{ not json');
    forgetMemory();
    const warnings: string[] = [];
    const tools = await createManager({
      cache: { dir: directory },
      onWarning: (message) => warnings.push(message),
    }).getToolDefinitions();
    expect(tools.length).toBeGreaterThan(10);
    expect(catalogRequests()).toBeGreaterThan(0);
    expect(warnings.join('\n')).toMatch(/Ignored the catalog cache/);
  });

  it('skips a fresh copy on refresh()', async () => {
    const manager = createManager({ cache: { dir: directory } });
    await manager.getToolDefinitions();
    fixture.sandbox.requests.length = 0;
    expect(await manager.refresh()).toEqual({ added: [], removed: [], changed: [] });
    expect(catalogRequests()).toBeGreaterThan(0);
  });
});
