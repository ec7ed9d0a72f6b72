/**
 * The default store: shared state for the managers of one process. Every operation runs synchronously inside one
 * call, so each is atomic for free.
 */
import { randomUUID } from 'node:crypto';
import {
  applyObservation,
  checkLimit,
  limitTtlMs,
  type StoredLimit,
  spendLimit,
  takeFromLog,
  viewLimit,
} from './limit-rules.js';
import type { Admission, AdmitRequest, BudgetDecision, LimitObservation, LimitView, StateStore } from './types.js';

export interface MemoryStoreOptions {
  /** The store's clock, in milliseconds since the epoch. @default Date.now */
  now?: () => number;
}

interface Entry<T> {
  value: T;
  expiresAtMs: number;
}

/** Past this many keys, a write first drops the expired ones (reads drop them one by one anyway). */
const SWEEP_THRESHOLD = 1024;

export class MemoryStore implements StateStore {
  readonly name: string = 'memory';
  readonly #now: () => number;
  readonly #limits = new Map<string, Entry<StoredLimit>>();
  readonly #budgets = new Map<string, Entry<number[]>>();
  readonly #catalogs = new Map<string, Entry<string>>();
  readonly #locks = new Map<string, Entry<string>>();

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async admit(request: AdmitRequest): Promise<Admission> {
    const now = this.#now();
    let refusal: Exclude<Admission, { allowed: true }> | undefined;
    const refuse = (candidate: Exclude<Admission, { allowed: true }>): void => {
      if (refusal === undefined || candidate.waitMs > refusal.waitMs) refusal = candidate;
    };
    const limits = request.limitKeys.map((key) => [key, read(this.#limits, key, now)] as const);
    for (const [key, stored] of limits) {
      const check = checkLimit(stored, now);
      if (check) refuse({ allowed: false, ...check, key, ...limitFacts(stored) });
    }
    const budget = request.budget;
    const taken = budget
      ? takeFromLog(read(this.#budgets, budget.key, now) ?? [], budget.max, budget.windowMs, now)
      : undefined;
    if (budget && taken && !taken.allowed) {
      refuse({
        allowed: false,
        waitMs: taken.retryAfterMs,
        reason: 'budget',
        key: budget.key,
        limit: budget.max,
        windowMs: budget.windowMs,
      });
    }
    if (refusal) return refusal;
    for (const [key, stored] of limits) {
      const spent = spendLimit(stored, now);
      if (spent !== undefined && spent !== stored) write(this.#limits, key, spent, now + limitTtlMs(spent, now), now);
    }
    if (budget && taken) write(this.#budgets, budget.key, taken.times, now + budget.windowMs, now);
    return { allowed: true };
  }

  async takeBudget(key: string, max: number, windowSeconds: number): Promise<BudgetDecision> {
    const admission = await this.admit({ limitKeys: [], budget: { key, max, windowMs: windowSeconds * 1000 } });
    return { allowed: admission.allowed, retryAfterMs: admission.allowed ? 0 : admission.waitMs };
  }

  async publishLimit(key: string, observation: LimitObservation): Promise<void> {
    const now = this.#now();
    const next = applyObservation(read(this.#limits, key, now), observation, now);
    write(this.#limits, key, next, now + limitTtlMs(next, now), now);
  }

  async readLimit(key: string): Promise<LimitView | undefined> {
    const now = this.#now();
    const stored = read(this.#limits, key, now);
    return stored === undefined ? undefined : viewLimit(stored, now);
  }

  async getCatalog(key: string): Promise<string | undefined> {
    return read(this.#catalogs, key, this.#now());
  }

  async setCatalog(key: string, value: string, ttlMs: number): Promise<void> {
    const now = this.#now();
    write(this.#catalogs, key, value, now + ttlMs, now);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | undefined> {
    const now = this.#now();
    if (read(this.#locks, key, now) !== undefined) return undefined;
    const token = randomUUID();
    write(this.#locks, key, token, now + ttlMs, now);
    return token;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    if (read(this.#locks, key, this.#now()) === token) this.#locks.delete(key);
  }
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  return new MemoryStore(options);
}

let processStore: MemoryStore | undefined;

/** The store managers use when given none, so that managers of one account in one process share their limits. */
export function defaultMemoryStore(): MemoryStore {
  processStore ??= new MemoryStore();
  return processStore;
}

function limitFacts(stored: StoredLimit | undefined): { limit?: number; windowMs?: number } {
  return {
    ...(stored?.limit !== undefined ? { limit: stored.limit } : {}),
    ...(stored?.windowMs !== undefined ? { windowMs: stored.windowMs } : {}),
  };
}

function read<T>(map: Map<string, Entry<T>>, key: string, now: number): T | undefined {
  const entry = map.get(key);
  if (entry === undefined) return undefined;
  if (entry.expiresAtMs <= now) {
    map.delete(key);
    return undefined;
  }
  return entry.value;
}

function write<T>(map: Map<string, Entry<T>>, key: string, value: T, expiresAtMs: number, now: number): void {
  if (map.size >= SWEEP_THRESHOLD && !map.has(key)) {
    for (const [candidate, entry] of map) if (entry.expiresAtMs <= now) map.delete(candidate);
  }
  map.set(key, { value, expiresAtMs });
}
