/**
 * The catalog cache's second level on a shared store: the same `read`/`write` contract as the on-disk copy
 * (src/catalog/disk-cache.ts), so the catalog layer treats both alike. A fleet starting at once fetches the catalog
 * once: a worker that finds no fresh copy takes a short lock and fetches; the others wait for its copy instead of
 * fetching too. A worker that fetches a changed catalog (TTL or `refresh()`) writes it back, so the others load
 * the new one when their own TTL runs out, and `onCatalogChange` reports the difference there too.
 */
import { createHash } from 'node:crypto';
import type { DiskCatalog, DiskCatalogFile } from '../catalog/disk-cache.js';
import { parseToolDefinition } from '../catalog/parse-tool-definition.js';
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { sleep } from '../http/retry.js';
import type { StateStore } from './types.js';

/** How long a fetch may hold the catalog lock before others stop waiting and fetch themselves. */
export const CATALOG_LOCK_TTL_MS = 15_000;
/** How often a waiting worker looks for the copy the lock holder is fetching. */
export const CATALOG_POLL_INTERVAL_MS = 50;
/**
 * Copies outlive their TTL by this much: a stale copy is not served, but it is what a fresh fetch is compared with,
 * which is how every worker learns what changed.
 */
export const CATALOG_RETENTION_MS = 24 * 60 * 60_000;

export interface SharedCatalogOptions {
  store: StateStore;
  /** The catalog cache's TTL: a copy older than this is not fresh. */
  ttlMs: number;
  /** @default Date.now */
  clock?: () => number;
  onWarning: (message: string) => void;
}

export class SharedCatalogStore {
  readonly #store: StateStore;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #warn: (message: string) => void;
  /** Locks this process holds, by catalog key, released by the `write` that follows the fetch. */
  readonly #held = new Map<string, string>();

  constructor(options: SharedCatalogOptions) {
    this.#store = options.store;
    this.#ttlMs = options.ttlMs;
    this.#clock = options.clock ?? Date.now;
    this.#warn = options.onWarning;
  }

  /**
   * The shared copy. When it is missing or stale, either this caller gets the lock (and the stale copy, if any, to
   * compare with its fetch), or it waits for the holder's copy; if that does not come before the lock runs out, it
   * gets whatever there is and fetches itself.
   */
  async read(key: string): Promise<DiskCatalog | undefined> {
    const storeKey = this.#storeKey(key);
    let copy = await this.#load(storeKey);
    if (copy && this.#fresh(copy)) return copy;
    const token = await this.#store.acquireLock(`${storeKey}:lock`, CATALOG_LOCK_TTL_MS).catch(() => undefined);
    if (token !== undefined) {
      this.#held.set(storeKey, token);
      return copy;
    }
    // Real time, not the cache's clock: a test's frozen clock must not make this wait forever.
    const deadline = Date.now() + CATALOG_LOCK_TTL_MS;
    while (Date.now() < deadline) {
      await sleep(CATALOG_POLL_INTERVAL_MS);
      copy = await this.#load(storeKey);
      if (copy && this.#fresh(copy)) return copy;
    }
    return copy;
  }

  async write(key: string, file: DiskCatalogFile): Promise<void> {
    const storeKey = this.#storeKey(key);
    try {
      const ttlMs = (Number.isFinite(this.#ttlMs) ? this.#ttlMs : 0) + CATALOG_RETENTION_MS;
      await this.#store.setCatalog(storeKey, JSON.stringify(file), ttlMs);
    } catch (error) {
      this.#warn(`Could not share the catalog through the ${this.#store.name} store: ${(error as Error).message}`);
    } finally {
      const token = this.#held.get(storeKey);
      if (token !== undefined) {
        this.#held.delete(storeKey);
        await this.#store.releaseLock(`${storeKey}:lock`, token).catch(() => {});
      }
    }
  }

  #fresh(copy: DiskCatalog): boolean {
    return this.#clock() - copy.savedAt < this.#ttlMs;
  }

  /** Problems reading the shared copy only ever cost a fetch. */
  async #load(storeKey: string): Promise<DiskCatalog | undefined> {
    let text: string | undefined;
    try {
      text = await this.#store.getCatalog(storeKey);
    } catch {
      return undefined;
    }
    return text === undefined ? undefined : parseCopy(text);
  }

  /** The catalog cache key holds a fingerprint of the API key; hashing it again keeps keys short. */
  #storeKey(key: string): string {
    return `catalog:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
  }
}

function parseCopy(text: string): DiskCatalog | undefined {
  try {
    const file = JSON.parse(text) as Partial<DiskCatalogFile>;
    if (typeof file.savedAt !== 'number' || !Array.isArray(file.tools)) return undefined;
    const definitions: TrutoToolDefinition[] = [];
    // Another worker wrote it, perhaps another version of this package: check each entry as one from the wire.
    for (const entry of file.tools) {
      const parsed = parseToolDefinition(entry);
      if (parsed.ok) definitions.push(parsed.tool);
    }
    const hashes = new Map<string, string>();
    for (const [name, hash] of Object.entries(file.hashes ?? {})) if (typeof hash === 'string') hashes.set(name, hash);
    return { savedAt: file.savedAt, definitions, hashes };
  } catch {
    return undefined;
  }
}
