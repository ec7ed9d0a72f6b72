import type { HttpClient } from '../http/client.js';
import { type CatalogSnapshot, createSnapshot, fingerprintOf } from './cache.js';
import { diffCatalogs } from './change.js';
import { DISK_CACHE_FORMAT, type DiskCatalogStore } from './disk-cache.js';
import { buildCatalog, type LoadCatalogOptions, loadCatalog } from './load-catalog.js';

export interface LoadSnapshotOptions extends LoadCatalogOptions {
  /** The cache key (see `catalogCacheKey`); names the disk file. */
  key: string;
  baseUrl: string;
  ttlMs: number;
  clock: () => number;
  /** The disk copy, or a copy on a shared store (src/state/shared-catalog.ts): anything that reads and writes one. */
  disk?: Pick<DiskCatalogStore, 'read' | 'write'>;
  /** Skip a disk copy even when it is younger than the TTL (`refresh()`). */
  force?: boolean;
}

/**
 * One catalog load: a disk copy younger than the TTL when there is one, else Truto. With a disk cache, a
 * fetched catalog is compared with the previous copy (so `onCatalogChange` can say what changed since the
 * last run) and written back. Hashing happens only on that path, never on a plain in-memory load.
 */
export async function loadCatalogSnapshot(client: HttpClient, options: LoadSnapshotOptions): Promise<CatalogSnapshot> {
  const previous = options.disk ? await options.disk.read(options.key) : undefined;
  if (previous && !options.force && options.clock() - previous.savedAt < options.ttlMs) {
    return createSnapshot(buildCatalog(previous.definitions, options.onWarning), previous.savedAt, 'disk');
  }
  const catalog = await loadCatalog(client, options);
  const fetchedAt = options.clock();
  if (!options.disk) return createSnapshot(catalog, fetchedAt, 'network');

  const unsaved = createSnapshot(catalog, fetchedAt, 'network');
  const fingerprint = fingerprintOf(unsaved);
  const changes = previous ? diffCatalogs(previous.hashes, fingerprint) : undefined;
  await options.disk.write(options.key, {
    format: DISK_CACHE_FORMAT,
    savedAt: fetchedAt,
    baseUrl: options.baseUrl,
    integratedAccountId: options.integratedAccountId,
    methods: options.methods,
    tags: options.tags,
    hashes: Object.fromEntries(fingerprint),
    tools: unsaved.tools.map((tool) => tool.definition),
  });
  return changes ? { ...unsaved, changesSinceDisk: changes } : unsaved;
}
