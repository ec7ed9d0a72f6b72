/**
 * The `CallCoordinator` of src/invoke: before every send (retries included) it asks the store to admit the call
 * against the account's shared limits and the fleet's budget; after every answer it publishes the rate-limit
 * headers. Refused calls wait or fail fast without touching the API.
 */
import { RateLimitError, TrutoAbortError } from '../errors/index.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';
import { sleep as realSleep } from '../http/retry.js';
import type { CallCoordinator } from '../invoke/invoke-tool.js';
import { type AccountKeys, accountKeys } from './keys.js';
import { observationsFrom } from './observations.js';
import type { CoordinateMode, ResolvedCoordination } from './options.js';
import type { Admission, AdmitRequest, StateStore } from './types.js';

export interface StateCoordinatorOptions {
  store: StateStore;
  baseUrl: string;
  integratedAccountId: string;
  coordination: ResolvedCoordination;
  /** @default the abortable timer of src/http/retry.ts */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @default Math.random */
  random?: () => number;
  /** @default Date.now */
  now?: () => number;
}

type Refusal = Exclude<Admission, { allowed: true }>;

/**
 * Waiters told "room in 800 ms" would all come back in the same millisecond; a little spread keeps them from
 * queueing on the store together. Admission itself stays exact: the store decides atomically.
 */
const WAIT_SPREAD_MS = 50;

export class StateCoordinator implements CallCoordinator {
  readonly keys: AccountKeys;
  readonly #store: StateStore;
  readonly #mode: CoordinateMode;
  readonly #maxWaitMs: number;
  readonly #request: AdmitRequest;
  readonly #integratedAccountId: string;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;

  constructor(options: StateCoordinatorOptions) {
    const { coordination } = options;
    this.keys = accountKeys(options.baseUrl, options.integratedAccountId);
    this.#store = options.store;
    this.#mode = coordination.coordinate;
    this.#maxWaitMs = coordination.maxWaitSeconds * 1000;
    this.#integratedAccountId = options.integratedAccountId;
    this.#request = {
      // In 'off' mode only the budget counts: shared snapshots are neither published nor read.
      limitKeys: this.#mode === 'off' ? [] : Object.values(this.keys.limits),
      ...(coordination.budget
        ? {
            budget: {
              key: this.keys.budget,
              max: coordination.budget.maxRequestsPerWindow,
              windowMs: coordination.budget.windowSeconds * 1000,
            },
          }
        : {}),
    };
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  async beforeSend(toolName: string, signal?: AbortSignal): Promise<void> {
    if (this.#request.limitKeys.length === 0 && this.#request.budget === undefined) return;
    const deadline = this.#now() + this.#maxWaitMs;
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const admission = await this.#store.admit(this.#request);
      if (admission.allowed) return;
      if (this.#mode === 'fail-fast' || this.#now() + admission.waitMs > deadline) {
        throw this.#refusalError(toolName, admission);
      }
      const spread = this.#random() * Math.min(WAIT_SPREAD_MS, admission.waitMs * 0.1);
      try {
        await this.#sleep(admission.waitMs + spread, signal);
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        throw error;
      }
    }
  }

  async observe(_toolName: string, info: RateLimitInfo, status: number): Promise<void> {
    if (this.#mode === 'off') return;
    await Promise.all(
      observationsFrom(info, status).map(([dimension, observation]) =>
        this.#store.publishLimit(this.keys.limits[dimension], observation),
      ),
    );
  }

  /** A 429 as the API would have answered it: headers a hand-written agent loop can read, nothing sent. */
  #refusalError(toolName: string, refusal: Refusal): RateLimitError {
    const retryAfterSeconds = refusal.waitMs / 1000;
    const windowSeconds = refusal.windowMs !== undefined ? refusal.windowMs / 1000 : undefined;
    const wholeSeconds = String(Math.max(1, Math.ceil(retryAfterSeconds)));
    const headers: Record<string, string> = {
      'retry-after': wholeSeconds,
      'ratelimit-remaining': '0',
      'ratelimit-reset': wholeSeconds,
      ...(refusal.limit !== undefined
        ? {
            'ratelimit-limit':
              windowSeconds !== undefined ? `${refusal.limit};w=${windowSeconds}` : String(refusal.limit),
          }
        : {}),
    };
    const rateLimit: RateLimitInfo = {
      remaining: 0,
      resetSeconds: retryAfterSeconds,
      resetAt: new Date(Date.now() + refusal.waitMs),
      retryAfterSeconds,
      ...(refusal.limit !== undefined ? { limit: refusal.limit } : {}),
      ...(windowSeconds !== undefined ? { windowSeconds } : {}),
    };
    const why = describeRefusal(refusal, windowSeconds);
    const message =
      `Tool "${toolName}": not sent, ${why} (integrated account ${this.#integratedAccountId}). ` +
      `Retry after ${formatSeconds(retryAfterSeconds)}.`;
    return new RateLimitError({
      status: 429,
      headers,
      body: { statusCode: 429, error: 'Too Many Requests', message },
      method: 'NOT_SENT',
      url: '(refused by the shared rate-limit state)',
      toolName,
      rateLimit,
      retryAfterSeconds,
      message,
    });
  }
}

function describeRefusal(refusal: Refusal, windowSeconds: number | undefined): string {
  const dimension = refusal.key.endsWith(':upstream-tokens')
    ? "the upstream's token limit"
    : refusal.key.endsWith(':upstream-requests')
      ? "the upstream's request limit"
      : "the account's rate limit";
  switch (refusal.reason) {
    case 'budget':
      return `the fleet's request budget (${refusal.limit} per ${windowSeconds} s) is spent`;
    case 'blocked':
      return 'a 429 seen by the fleet asked to wait';
    case 'exhausted':
      return `${dimension} is exhausted for this window, as the fleet's shared state shows`;
  }
}

function formatSeconds(seconds: number): string {
  return seconds >= 10 ? `${Math.ceil(seconds)} s` : `${Number(seconds.toFixed(3))} s`;
}

function abortError(signal: AbortSignal): TrutoAbortError {
  return new TrutoAbortError({ method: 'WAIT', url: '(waiting for the shared rate limit)', cause: signal.reason });
}
