/**
 * Keeps tool calls working while a shared store is away. Every operation goes to the shared store with a deadline;
 * when it fails or is late, the operation runs on a local memory store instead, one warning says so, and after that
 * the shared store is only probed once per `retryIntervalMs` (one probe at a time) until it answers again, which
 * gets a second warning. A broken Redis therefore costs one deadline, not one per call.
 */
import { MemoryStore } from './memory-store.js';
import type { Admission, AdmitRequest, BudgetDecision, LimitObservation, LimitView, StateStore } from './types.js';

/** @see FallbackStoreOptions.timeoutMs */
export const DEFAULT_STORE_TIMEOUT_MS = 500;
/** @see FallbackStoreOptions.retryIntervalMs */
export const DEFAULT_STORE_RETRY_INTERVAL_MS = 1000;

export interface FallbackStoreOptions {
  /** Where state goes while the shared store is away. @default a new MemoryStore */
  local?: StateStore;
  /** The longest an operation may take on the shared store before the local store answers instead. @default 500 */
  timeoutMs?: number;
  /** How often a fallen-back store probes the shared one. @default 1000 */
  retryIntervalMs?: number;
  onWarning: (message: string) => void;
  now?: () => number;
}

export class FallbackStore implements StateStore {
  readonly shared: StateStore;
  readonly local: StateStore;
  readonly #timeoutMs: number;
  readonly #retryIntervalMs: number;
  readonly #warn: (message: string) => void;
  readonly #now: () => number;
  #degraded = false;
  #probing = false;
  #nextProbeAtMs = 0;

  constructor(shared: StateStore, options: FallbackStoreOptions) {
    this.shared = shared;
    this.local = options.local ?? new MemoryStore();
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
    this.#retryIntervalMs = options.retryIntervalMs ?? DEFAULT_STORE_RETRY_INTERVAL_MS;
    this.#warn = options.onWarning;
    this.#now = options.now ?? Date.now;
  }

  get name(): string {
    return this.shared.name;
  }

  /** True while operations run on the local store. */
  get degraded(): boolean {
    return this.#degraded;
  }

  admit(request: AdmitRequest): Promise<Admission> {
    return this.#run((store) => store.admit(request));
  }

  takeBudget(key: string, max: number, windowSeconds: number): Promise<BudgetDecision> {
    return this.#run((store) => store.takeBudget(key, max, windowSeconds));
  }

  publishLimit(key: string, observation: LimitObservation): Promise<void> {
    return this.#run((store) => store.publishLimit(key, observation));
  }

  readLimit(key: string): Promise<LimitView | undefined> {
    return this.#run((store) => store.readLimit(key));
  }

  getCatalog(key: string): Promise<string | undefined> {
    return this.#run((store) => store.getCatalog(key));
  }

  setCatalog(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#run((store) => store.setCatalog(key, value, ttlMs));
  }

  acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    return this.#run((store) => store.acquireLock(key, ttlMs));
  }

  releaseLock(key: string, token: string): Promise<void> {
    return this.#run((store) => store.releaseLock(key, token));
  }

  async close(): Promise<void> {
    await this.shared.close?.();
  }

  async #run<T>(operation: (store: StateStore) => Promise<T>): Promise<T> {
    if (this.#degraded && (this.#probing || this.#now() < this.#nextProbeAtMs)) return operation(this.local);
    const probe = this.#degraded;
    if (probe) this.#probing = true;
    try {
      const result = await withDeadline(operation(this.shared), this.#timeoutMs);
      if (this.#degraded) {
        this.#degraded = false;
        this.#warn(
          `The shared state store (${this.shared.name}) answers again; rate limits and budget are shared again.`,
        );
      }
      return result;
    } catch (error) {
      this.#nextProbeAtMs = this.#now() + this.#retryIntervalMs;
      if (!this.#degraded) {
        this.#degraded = true;
        this.#warn(
          `The shared state store (${this.shared.name}) failed: ${error instanceof Error ? error.message : String(error)}. ` +
            'Tool calls continue with this process’s own rate-limit state and budget until it answers again.',
        );
      }
      return operation(this.local);
    } finally {
      if (probe) this.#probing = false;
    }
  }
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
