import { createHash } from 'node:crypto';
import type { CatalogChanges, CatalogFingerprint } from './change.js';
import { hashToolDefinition } from './hash.js';
import type { Catalog } from './load-catalog.js';
import type { TrutoTool } from './truto-tool.js';

/** How long a loaded catalog is served before its next use fetches it again: 5 minutes. */
export const DEFAULT_CATALOG_TTL_MS = 5 * 60_000;
/**
 * Catalogs a cache keeps; the least recently used goes first. A server acting for many accounts would otherwise
 * keep every catalog it ever loaded (a 1,000-tool catalog is a few megabytes).
 */
export const DEFAULT_MAX_CACHED_CATALOGS = 100;

export interface CatalogCacheOptions {
  /**
   * How long a loaded catalog is reused before the next `getTools()`, `invoke()` or search fetches it again.
   * `0` fetches on every use; `Infinity` keeps it until `refresh()`. @default 300000 (5 minutes)
   */
  ttlMs?: number;
  /**
   * A directory for an on-disk copy of each catalog (definitions and their hashes). A new process then starts
   * without a fetch while the copy is younger than `ttlMs`, and `onCatalogChange` reports what changed since
   * the copy was written. @default none (memory only)
   */
  dir?: string;
  /**
   * Share loaded catalogs, and the validators compiled from them, with every other manager in this process
   * for the same base URL, API key, account and server-side `methods`/`tags`. `false` gives this manager a
   * cache of its own. @default true
   */
  shared?: boolean;
  /** The clock the TTL is measured with, in milliseconds since the epoch. @default Date.now */
  clock?: () => number;
}

/** One loaded catalog. Immutable: a reload makes a new snapshot, so holders of the old one are unaffected. */
export interface CatalogSnapshot {
  readonly tools: readonly TrutoTool[];
  readonly byName: Catalog;
  /** When the definitions were fetched from Truto (for a disk copy: when that copy was fetched). */
  readonly fetchedAt: number;
  readonly source: 'network' | 'disk';
  /** With a disk cache: how this catalog differs from the copy an earlier run left on disk. */
  readonly changesSinceDisk?: CatalogChanges;
}

export function createSnapshot(
  byName: Catalog,
  fetchedAt: number,
  source: CatalogSnapshot['source'],
  changesSinceDisk?: CatalogChanges,
): CatalogSnapshot {
  return { tools: [...byName.values()], byName, fetchedAt, source, ...(changesSinceDisk ? { changesSinceDisk } : {}) };
}

const fingerprints = new WeakMap<CatalogSnapshot, CatalogFingerprint>();

/** Exposed name → definition hash; computed the first time changes are looked for, then kept. */
export function fingerprintOf(snapshot: CatalogSnapshot): CatalogFingerprint {
  let fingerprint = fingerprints.get(snapshot);
  if (!fingerprint) {
    const hashes = new Map<string, string>();
    for (const tool of snapshot.tools) hashes.set(tool.name, hashToolDefinition(tool.definition));
    fingerprint = hashes;
    fingerprints.set(snapshot, fingerprint);
  }
  return fingerprint;
}

export interface CatalogKeyParts {
  baseUrl: string;
  apiKey: string;
  integratedAccountId: string;
  methods: readonly string[];
  tags: readonly string[];
}

/**
 * The cache key. It holds a fingerprint of the API key, never the key: two tokens may not see the same
 * account, so one must not be served the other's catalog, and the key may end up in file names and logs.
 */
export function catalogCacheKey(parts: CatalogKeyParts): string {
  const token = createHash('sha256').update(parts.apiKey).digest('hex').slice(0, 16);
  const methods = [...parts.methods].sort().join(',');
  const tags = [...parts.tags].sort().join(',');
  return `${parts.baseUrl}|${parts.integratedAccountId}|methods=${methods}|tags=${tags}|token=${token}`;
}

interface CacheEntry {
  snapshot?: CatalogSnapshot;
  pending?: Promise<CatalogSnapshot>;
}

export interface CatalogLookup {
  ttlMs: number;
  clock: () => number;
  /** Ignore a fresh snapshot and load again (`refresh()`). */
  force?: boolean;
  /** Loads the catalog when the cache has none fresh enough. Concurrent lookups share one load. */
  load: () => Promise<CatalogSnapshot>;
}

/**
 * Catalog snapshots by key. A lookup inside the TTL is a map read; an expired or missing one starts a load
 * that every concurrent caller awaits. A failed load leaves the previous snapshot in place, so the next
 * lookup tries again.
 */
export class CatalogCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #maxEntries: number;
  /**
   * The key last inserted or touched, i.e. last in the map's order. A lookup runs before every call, and touching the
   * newest entry again would change nothing but cost a delete and an insert (and, now and then, a rehash of the map).
   */
  #newestKey: string | undefined;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_CACHED_CATALOGS);
  }

  get(key: string, lookup: CatalogLookup): CatalogSnapshot | Promise<CatalogSnapshot> {
    let entry = this.#entries.get(key);
    if (entry) {
      // Map order is insertion order: re-inserting marks the entry as the most recently used.
      if (key !== this.#newestKey) {
        this.#entries.delete(key);
        this.#entries.set(key, entry);
      }
    } else {
      entry = {};
      this.#entries.set(key, entry);
      if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#newestKey = key;
    const snapshot = entry.snapshot;
    if (!lookup.force && snapshot && lookup.clock() - snapshot.fetchedAt < lookup.ttlMs) return snapshot;
    if (entry.pending) return entry.pending;
    const current = entry;
    const pending = lookup.load().then(
      (loaded) => {
        current.snapshot = loaded;
        current.pending = undefined;
        return loaded;
      },
      (error: unknown) => {
        current.pending = undefined;
        throw error;
      },
    );
    current.pending = pending;
    return pending;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The latest snapshot for a key, fresh or not, without loading. */
  peek(key: string): CatalogSnapshot | undefined {
    return this.#entries.get(key)?.snapshot;
  }

  delete(key: string): void {
    this.#entries.delete(key);
    if (key === this.#newestKey) this.#newestKey = undefined;
  }

  clear(): void {
    this.#entries.clear();
    this.#newestKey = undefined;
  }
}

/** The process-wide cache managers share unless `cache.shared` is false. */
export const sharedCatalogCache = new CatalogCache();

/** Forgets every shared catalog, so the next use of any manager fetches again (tests, long-lived servers). */
export function clearSharedCatalogCache(): void {
  sharedCatalogCache.clear();
}
