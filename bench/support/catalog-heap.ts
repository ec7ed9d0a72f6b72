/**
 * Heap per tool of a loaded catalog, run by bench/catalog.bench.ts as
 * `node --expose-gc --import tsx bench/support/catalog-heap.ts '<sandbox JSON>'` so that `gc()` is real and no other
 * bench's garbage is on the heap. Prints one JSON line. Each figure is the growth of `heapUsed` after a full
 * collection, with the measured objects still referenced, divided by the number of tools:
 *
 * - `parsedBytesPerTool`: the catalog pages fetched with undici and `JSON.parse`d (the floor: the definitions alone).
 * - `loadedBytesPerTool`: a manager with `getTools()` done (definitions, `TrutoTool`s, LangChain wrappers, cache
 *   entry, HTTP pool), before any tool is used.
 * - `compiledBytesPerTool`: the same manager after every tool's validator and model schema were built.
 */
import type { TrutoToolManager } from '../../src/index.js';
import { type CatalogEndpoint, fetchCatalogPages } from './fetch-catalog-pages.js';
import { managerFor } from './sandbox-process.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('Run with --expose-gc.');
const gc = collect;
const sandbox = JSON.parse(process.argv[2] ?? '') as CatalogEndpoint;

async function settledHeap(): Promise<number> {
  for (let pass = 0; pass < 3; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

function fetchPages(): Promise<unknown[]> {
  return fetchCatalogPages(sandbox);
}

function newManager(): TrutoToolManager {
  return managerFor(sandbox, { cache: { shared: false } });
}

// Warm-up: loads every module and lazy internal (undici, LangChain, zod) so that they are not counted as catalog.
const warm = newManager();
const warmTools = await warm.getTools();
warmTools[0]?.trutoTool.modelJsonSchema;
await warm.close();
await fetchPages();

const beforeParse = await settledHeap();
const pages = await fetchPages();
const parsed = (await settledHeap()) - beforeParse;
const toolCount = pages.reduce<number>((sum, page) => sum + ((page as { result: unknown[] }).result?.length ?? 0), 0);
pages.length = 0;

const beforeLoad = await settledHeap();
const manager = newManager();
const tools = await manager.getTools();
const loaded = (await settledHeap()) - beforeLoad;
for (const tool of tools) tool.trutoTool.modelJsonSchema;
const compiled = (await settledHeap()) - beforeLoad;

process.stdout.write(
  `${JSON.stringify({
    tools: tools.length,
    pageTools: toolCount,
    parsedBytesPerTool: parsed / toolCount,
    loadedBytesPerTool: loaded / tools.length,
    compiledBytesPerTool: compiled / tools.length,
  })}\n`,
);
await manager.close();
