/**
 * `catalogCacheKey`: one account's catalog shared by name between a manager that holds the API key and workers that
 * run on integrated-account tokens alone. The key holder caches and writes its catalog under the name (in place of the
 * fingerprint of its key); a worker reads that copy, through a reader that never takes the fetch lock and never
 * writes, because it cannot fetch the catalog (Truto does not list tools for account tokens).
 *
 * The worker's own in-process cache entry is kept apart from the key holder's (`READER_PREFIX`): a worker's load can
 * only read the shared copy, and must neither fail a key holder's lookup that joins it nor hand the key holder a stale
 * copy as if it were fresh.
 */
import { type CatalogCacheOptions, catalogCacheKey, DEFAULT_CATALOG_TTL_MS } from '../catalog/cache.js';
import { type DiskCatalog, DiskCatalogStore } from '../catalog/disk-cache.js';
import { TrutoConfigError } from '../errors/index.js';
import { SharedCatalogStore } from '../state/shared-catalog.js';
import type { StateStore } from '../state/types.js';

type CatalogCopies = Pick<DiskCatalogStore, 'read' | 'write'>;

const WRITER_PREFIX = 'catalog-cache-key:';
const READER_PREFIX = 'catalog-cache-key-reader:';

/** Refuses a name that cannot be one; undefined when the option is not used. */
export function checkCatalogCacheKey(name: unknown): string | undefined {
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TrutoConfigError('"catalogCacheKey" must be a non-empty string: the name the catalog is shared under.');
  }
  return name;
}

/** What stands for the credential in the catalog cache key: the name, for the key holder and for its readers. */
export function sharedCatalogIdentity(name: string, reader: boolean): string {
  return `${reader ? READER_PREFIX : WRITER_PREFIX}${name}`;
}

/** Why a worker has no catalog yet. */
export function missingSharedCatalogMessage(name: string): string {
  return `No catalog shared under catalogCacheKey "${name}" yet. This manager runs on an integrated-account token without the API key, and Truto does not list tools for account tokens, so it reads the copy a manager with the API key and the same catalogCacheKey writes when it loads the catalog (through the same store, cache.dir or process). Load the catalog there first, or give this manager a saved "catalog".`;
}

export interface SharedCatalogCopiesOptions {
  name: string;
  /** A worker without the API key: it reads the key holder's copy and never writes. */
  reader: boolean;
  /** The manager's state store (the process-wide memory store when none was given). */
  store: StateStore;
  /** The copies the shared store already provides (a store other than memory), used by the key holder as they are. */
  storeCopies: CatalogCopies | undefined;
  cache: CatalogCacheOptions | undefined;
  /** What the key holder's catalog cache key is made of, for a reader to look up the key holder's copy. */
  keyParts: { baseUrl: string; integratedAccountId: string; methods: readonly string[]; tags: readonly string[] };
  onWarning: (message: string) => void;
}

/**
 * The second-level catalog copies under a `catalogCacheKey`: the shared store's (a fleet), else `cache.dir`, else the
 * manager's memory store (one process: the default memory store is process-wide, so a key holder and its workers meet
 * there). A reader gets a read-only view of the same place, keyed as the key holder's.
 */
export function sharedCatalogCopies(options: SharedCatalogCopiesOptions): CatalogCopies {
  const ttlMs = options.cache?.ttlMs ?? DEFAULT_CATALOG_TTL_MS;
  const clock = options.cache?.clock ?? Date.now;
  const onShared = (store: StateStore) => new SharedCatalogStore({ store, ttlMs, clock, onWarning: options.onWarning });
  const useDisk = options.storeCopies === undefined && options.cache?.dir !== undefined;
  if (!options.reader) {
    if (options.storeCopies !== undefined) return options.storeCopies;
    return useDisk ? new DiskCatalogStore(options.cache!.dir!, options.onWarning) : onShared(options.store);
  }
  const copies = useDisk
    ? new DiskCatalogStore(options.cache!.dir!, options.onWarning)
    : onShared(withoutFetchLock(options.store));
  const writerKey = catalogCacheKey({
    ...options.keyParts,
    apiKey: sharedCatalogIdentity(options.name, false),
  });
  return {
    read: async () => asReadNow(await copies.read(writerKey), ttlMs, clock),
    // A reader never writes: it has nothing but what it read.
    write: async () => {},
  };
}

/**
 * The newest copy, even a stale one: a reader cannot fetch a fresher catalog, and failing every call until the key
 * holder next loads would be worse. Dated as read now, so the reader uses it for one TTL and then looks again.
 */
function asReadNow(copy: DiskCatalog | undefined, ttlMs: number, clock: () => number): DiskCatalog | undefined {
  if (copy === undefined) return undefined;
  const now = clock();
  return now - copy.savedAt < ttlMs ? copy : { ...copy, savedAt: now };
}

/**
 * The store as a reader sees it: the fetch lock is never taken (a reader that took it would make the key holder wait
 * for a copy the reader cannot fetch), and nothing is written.
 */
function withoutFetchLock(store: StateStore): StateStore {
  return {
    name: store.name,
    admit: (request) => store.admit(request),
    takeBudget: (key, max, windowSeconds) => store.takeBudget(key, max, windowSeconds),
    publishLimit: (key, observation) => store.publishLimit(key, observation),
    readLimit: (key) => store.readLimit(key),
    getCatalog: (key) => store.getCatalog(key),
    setCatalog: async () => {},
    // "Taken" at once, so a missing or stale copy is returned as it is instead of waited for.
    acquireLock: async () => 'catalog-reader',
    releaseLock: async () => {},
  };
}
