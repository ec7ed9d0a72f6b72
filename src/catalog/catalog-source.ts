import type { HttpClient } from '../http/client.js';
import {
  CatalogCache,
  type CatalogCacheOptions,
  type CatalogLookup,
  type CatalogSnapshot,
  catalogCacheKey,
  DEFAULT_CATALOG_TTL_MS,
  fingerprintOf,
  sharedCatalogCache,
} from './cache.js';
import { type CatalogChanges, diffCatalogs, hasChanges, noChanges } from './change.js';
import { DiskCatalogStore } from './disk-cache.js';
import { compileToolFilter, type ToolFilter, type ToolPredicate } from './filter.js';
import { loadCatalogSnapshot } from './load-snapshot.js';
import { searchTools, type ToolSearchHit } from './search.js';
import type { TrutoTool } from './truto-tool.js';

export interface CatalogSourceOptions {
  client: HttpClient;
  baseUrl: string;
  apiKey: string;
  integratedAccountId: string;
  /** Server-side filters: part of the cache key. */
  methods: string[];
  tags: string[];
  /** Client-side selection: applied to the cached catalog, per manager. */
  filter?: ToolFilter;
  cache?: CatalogCacheOptions;
  /** A second-level copy on a store shared by a fleet (src/state/shared-catalog.ts); used instead of `cache.dir`. */
  sharedCopies?: Pick<DiskCatalogStore, 'read' | 'write'>;
  onWarning: (message: string) => void;
  onCatalogChange?: (changes: CatalogChanges) => void;
}

/** The tools one manager exposes: a cached snapshot seen through the manager's client-side filter. */
export interface CatalogView {
  readonly snapshot: CatalogSnapshot;
  readonly tools: readonly TrutoTool[];
  /** Exposed name → tool, for the selected tools only. */
  readonly byName: ReadonlyMap<string, TrutoTool>;
}

/**
 * A manager's window on the catalog cache. `view()` answers synchronously while the cached snapshot is
 * fresh (a map read and a clock read), so a second manager for the same account costs next to nothing;
 * otherwise it returns the load every concurrent caller shares.
 */
export class CatalogSource {
  readonly key: string;
  readonly #options: CatalogSourceOptions;
  readonly #cache: CatalogCache;
  readonly #ttlMs: number;
  readonly #clock: () => number;
  readonly #disk: Pick<DiskCatalogStore, 'read' | 'write'> | undefined;
  readonly #keep: ToolPredicate | undefined;
  /** The name part of the filter alone, for removed tools, whose method and tags are gone with them. */
  readonly #keepName: ToolPredicate | undefined;
  #view: CatalogView | undefined;
  #freshLookup: CatalogLookup | undefined;

  constructor(options: CatalogSourceOptions) {
    this.#options = options;
    this.key = catalogCacheKey(options);
    this.#cache = options.cache?.shared === false ? new CatalogCache() : sharedCatalogCache;
    this.#ttlMs = options.cache?.ttlMs ?? DEFAULT_CATALOG_TTL_MS;
    this.#clock = options.cache?.clock ?? Date.now;
    this.#disk =
      options.sharedCopies ??
      (options.cache?.dir ? new DiskCatalogStore(options.cache.dir, options.onWarning) : undefined);
    this.#keep = compileToolFilter(options.filter);
    this.#keepName = compileToolFilter({
      ...(options.filter?.include ? { include: options.filter.include } : {}),
      ...(options.filter?.exclude ? { exclude: options.filter.exclude } : {}),
    });
  }

  view(): CatalogView | Promise<CatalogView> {
    // Runs before every call: the lookup is made once, and an unchanged snapshot returns the view as it was.
    this.#freshLookup ??= this.#lookup(false);
    const snapshot = this.#cache.get(this.key, this.#freshLookup);
    if (snapshot instanceof Promise) return snapshot.then((loaded) => this.#see(loaded).view);
    const current = this.#view;
    return current?.snapshot === snapshot ? current : this.#see(snapshot).view;
  }

  /** Loads again, ignoring the TTL and any disk copy; what changed since this source last looked. */
  async refresh(): Promise<CatalogChanges> {
    const snapshot = await this.#cache.get(this.key, this.#lookup(true));
    return this.#see(snapshot).changes;
  }

  /** The tool by exposed name, or by the catalog's original name when that differs. */
  find(view: CatalogView, name: string): TrutoTool | undefined {
    const tool = view.byName.get(name);
    if (tool) return tool;
    for (const candidate of view.tools) if (candidate.definition.name === name) return candidate;
    return undefined;
  }

  search(view: CatalogView, query: string, limit?: number): ToolSearchHit<TrutoTool>[] {
    return searchTools(view.tools, query, limit === undefined ? {} : { limit });
  }

  #lookup(force: boolean): CatalogLookup {
    return {
      ttlMs: this.#ttlMs,
      clock: this.#clock,
      force,
      load: () =>
        loadCatalogSnapshot(this.#options.client, {
          key: this.key,
          baseUrl: this.#options.baseUrl,
          integratedAccountId: this.#options.integratedAccountId,
          methods: this.#options.methods,
          tags: this.#options.tags,
          onWarning: this.#options.onWarning,
          ttlMs: this.#ttlMs,
          clock: this.#clock,
          force,
          ...(this.#disk ? { disk: this.#disk } : {}),
        }),
    };
  }

  /** Makes `snapshot` this source's current view; reports changes when it replaces one seen before. */
  #see(snapshot: CatalogSnapshot): { view: CatalogView; changes: CatalogChanges } {
    const previous = this.#view;
    if (previous?.snapshot === snapshot) return { view: previous, changes: noChanges() };
    const view = this.#select(snapshot);
    this.#view = view;
    let changes = noChanges();
    // Hashing runs only here: when a catalog replaces another, or a disk copy gave a baseline.
    if (previous) changes = diffCatalogs(selectedFingerprint(previous), selectedFingerprint(view));
    else if (snapshot.changesSinceDisk) changes = this.#selectChanges(snapshot.changesSinceDisk);
    if (hasChanges(changes)) this.#notify(changes);
    return { view, changes };
  }

  #select(snapshot: CatalogSnapshot): CatalogView {
    const keep = this.#keep;
    if (!keep) return { snapshot, tools: snapshot.tools, byName: snapshot.byName };
    const tools = snapshot.tools.filter(keep);
    return { snapshot, tools, byName: new Map(tools.map((tool) => [tool.name, tool])) };
  }

  /** A disk baseline knows nothing of this manager's filter: report only the names it selects. */
  #selectChanges(changes: CatalogChanges): CatalogChanges {
    if (!this.#keep) return changes;
    const selected = this.#view?.byName;
    const keepName = this.#keepName;
    return {
      added: changes.added.filter((name) => selected?.has(name)),
      changed: changes.changed.filter((name) => selected?.has(name)),
      removed: keepName
        ? changes.removed.filter((name) => keepName({ name, definition: { name, method: '', tags: [] } }))
        : changes.removed,
    };
  }

  #notify(changes: CatalogChanges): void {
    const listener = this.#options.onCatalogChange;
    if (!listener) return;
    try {
      listener(changes);
    } catch (error) {
      this.#options.onWarning(`onCatalogChange threw and was ignored: ${(error as Error).message}`);
    }
  }
}

function selectedFingerprint(view: CatalogView): ReadonlyMap<string, string> {
  const all = fingerprintOf(view.snapshot);
  if (view.tools === view.snapshot.tools) return all;
  const selected = new Map<string, string>();
  for (const tool of view.tools) selected.set(tool.name, all.get(tool.name)!);
  return selected;
}
