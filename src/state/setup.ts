/** What the manager builds from its `store` and `coordination` options (kept here so the manager stays small). */
import { DEFAULT_CATALOG_TTL_MS } from '../catalog/cache.js';
import type { CallCoordinator } from '../invoke/invoke-tool.js';
import { StateCoordinator } from './coordinator.js';
import { FallbackStore } from './fallback-store.js';
import { defaultMemoryStore, MemoryStore } from './memory-store.js';
import { type CoordinationOptions, resolveCoordination } from './options.js';
import { SharedCatalogStore } from './shared-catalog.js';
import type { StateStore } from './types.js';

export interface SharedStateOptions {
  store?: StateStore;
  coordination?: CoordinationOptions;
  baseUrl: string;
  integratedAccountId: string;
  /** The manager's catalog cache settings: a shared copy is fresh for the same TTL. */
  cache?: { ttlMs?: number; clock?: () => number };
  onWarning: (message: string) => void;
}

export interface SharedState {
  /** The store to use: the process-wide memory store, or the given store behind a local fallback. */
  store: StateStore;
  /** Set when coordination or a budget is on; undefined keeps calls exactly as without a store. */
  coordinator?: CallCoordinator;
  /** With a shared store: the catalog cache's second level, so a fleet fetches the catalog once. */
  catalogCopies?: SharedCatalogStore;
}

export function setUpSharedState(options: SharedStateOptions): SharedState {
  const coordination = resolveCoordination(options.coordination);
  const given = options.store;
  let store: StateStore;
  let catalogCopies: SharedCatalogStore | undefined;
  if (given === undefined) store = defaultMemoryStore();
  else if (given instanceof MemoryStore) store = given;
  else if (given instanceof FallbackStore) store = given;
  else {
    // While the shared store is away, all managers of this process fall back to the same local state.
    store = new FallbackStore(given, {
      local: defaultMemoryStore(),
      onWarning: options.onWarning,
      ...(coordination.storeTimeoutMs !== undefined ? { timeoutMs: coordination.storeTimeoutMs } : {}),
      ...(coordination.storeRetryIntervalMs !== undefined
        ? { retryIntervalMs: coordination.storeRetryIntervalMs }
        : {}),
    });
  }
  if (!(store instanceof MemoryStore)) {
    // The process-wide catalog cache already serves one process; a shared store adds the rest of the fleet.
    catalogCopies = new SharedCatalogStore({
      store,
      ttlMs: options.cache?.ttlMs ?? DEFAULT_CATALOG_TTL_MS,
      ...(options.cache?.clock ? { clock: options.cache.clock } : {}),
      onWarning: options.onWarning,
    });
  }
  const shared: SharedState = { store, ...(catalogCopies ? { catalogCopies } : {}) };
  if (coordination.coordinate === 'off' && coordination.budget === undefined) return shared;
  const coordinator = new StateCoordinator({
    store,
    baseUrl: options.baseUrl,
    integratedAccountId: options.integratedAccountId,
    coordination,
  });
  return { ...shared, coordinator };
}
