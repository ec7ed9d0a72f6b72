/** What the manager builds from its `store` and `coordination` options (kept here so the manager stays small). */
import type { CallCoordinator } from '../invoke/invoke-tool.js';
import { StateCoordinator } from './coordinator.js';
import { FallbackStore } from './fallback-store.js';
import { defaultMemoryStore, MemoryStore } from './memory-store.js';
import { type CoordinationOptions, resolveCoordination } from './options.js';
import type { StateStore } from './types.js';

export interface SharedStateOptions {
  store?: StateStore;
  coordination?: CoordinationOptions;
  baseUrl: string;
  integratedAccountId: string;
  onWarning: (message: string) => void;
}

export interface SharedState {
  /** The store to use: the process-wide memory store, or the given store behind a local fallback. */
  store: StateStore;
  /** Set when coordination or a budget is on; undefined keeps calls exactly as without a store. */
  coordinator?: CallCoordinator;
}

export function setUpSharedState(options: SharedStateOptions): SharedState {
  const coordination = resolveCoordination(options.coordination);
  const given = options.store;
  let store: StateStore;
  if (given === undefined) store = defaultMemoryStore();
  else if (given instanceof MemoryStore || given instanceof FallbackStore) store = given;
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
  if (coordination.coordinate === 'off' && coordination.budget === undefined) return { store };
  const coordinator = new StateCoordinator({
    store,
    baseUrl: options.baseUrl,
    integratedAccountId: options.integratedAccountId,
    coordination,
  });
  return { store, coordinator };
}
