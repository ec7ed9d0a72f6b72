/**
 * `truto-langchainjs-toolset/redis`: shared rate-limit state, request budget and catalog cache for a fleet of
 * workers, on Redis (`ioredis` ≥ 5, an optional peer dependency). See src/state/README.md, "Running a fleet".
 */
export {
  createRedisStore,
  DEFAULT_REDIS_KEY_PREFIX,
  DEFAULT_REDIS_READY_TIMEOUT_MS,
  RedisStore,
  type RedisStoreOptions,
} from '../state/redis-store.js';
export type {
  Admission,
  AdmitRequest,
  BudgetDecision,
  BudgetSpec,
  LimitObservation,
  LimitView,
  StateStore,
} from '../state/types.js';
