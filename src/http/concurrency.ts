/**
 * A client-side cap on calls in flight, so an agent that fires 50 image generations at once queues them here instead
 * of flooding the API (and collecting 50 429s). First come, first served.
 */
import { TrutoAbortError, TrutoConfigError } from '../errors/index.js';
import { subscribeToAbort } from './abort-fan-out.js';

/** What a queued call is, for the `TrutoAbortError` it rejects with when aborted before it started. */
export interface QueuedCallDescription {
  method: string;
  url: string;
}

export interface ConcurrencyLimiter {
  /**
   * Runs `fn` once fewer than `max` calls are in flight, in the order `run` was called. Aborting `signal` while the
   * call is still queued removes it from the queue and rejects with a `TrutoAbortError` (its `cause` is
   * `signal.reason`; `call` names the call, else it says it was queued); once started, `fn` owns the abort. However
   * many queued calls share one signal, it carries a single listener of ours.
   */
  run<T>(fn: () => Promise<T>, signal?: AbortSignal, call?: QueuedCallDescription): Promise<T>;
  /** Calls in flight. Always 0 for an unbounded limiter, which keeps no books. */
  readonly active: number;
  /** Calls waiting for a slot. */
  readonly pending: number;
  /** The cap; `Infinity` when unbounded. */
  readonly max: number;
}

interface QueuedCall {
  start: () => void;
  previous?: QueuedCall;
  next?: QueuedCall;
}

/**
 * @param max calls allowed in flight at once: a positive integer, or `Infinity`/`undefined` for no cap (then `run`
 * is a plain call, no bookkeeping at all).
 */
export function createConcurrencyLimiter(max?: number): ConcurrencyLimiter {
  if (max === undefined || max === Number.POSITIVE_INFINITY) return UNBOUNDED;
  if (!Number.isInteger(max) || max < 1) {
    throw new TrutoConfigError(`maxConcurrency must be a positive integer or Infinity; received ${String(max)}.`);
  }
  return new BoundedLimiter(max);
}

const UNBOUNDED: ConcurrencyLimiter = {
  run: (fn) => fn(),
  active: 0,
  pending: 0,
  max: Number.POSITIVE_INFINITY,
};

class BoundedLimiter implements ConcurrencyLimiter {
  readonly max: number;
  #active = 0;
  #pending = 0;
  // A doubly linked list: O(1) to append, to take the head, and to drop an aborted entry from the middle.
  #head: QueuedCall | undefined;
  #tail: QueuedCall | undefined;

  constructor(max: number) {
    this.max = max;
  }

  get active(): number {
    return this.#active;
  }

  get pending(): number {
    return this.#pending;
  }

  run<T>(fn: () => Promise<T>, signal?: AbortSignal, call?: QueuedCallDescription): Promise<T> {
    if (signal?.aborted) return Promise.reject(this.#abortError(signal, call));
    if (this.#active < this.max && this.#head === undefined) return this.#start(fn);
    return new Promise<T>((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const entry: QueuedCall = {
        start: () => {
          unsubscribe?.();
          this.#start(fn).then(resolve, reject);
        },
      };
      this.#append(entry);
      if (signal !== undefined) {
        unsubscribe = subscribeToAbort(signal, () => {
          this.#remove(entry);
          reject(this.#abortError(signal, call));
        });
      }
    });
  }

  #abortError(signal: AbortSignal, call: QueuedCallDescription | undefined): TrutoAbortError {
    return new TrutoAbortError({
      method: call?.method ?? 'QUEUED',
      url: call?.url ?? `(waiting for one of ${this.max} slots, maxConcurrency)`,
      cause: signal.reason,
    });
  }

  #start<T>(fn: () => Promise<T>): Promise<T> {
    this.#active++;
    let result: Promise<T>;
    try {
      result = Promise.resolve(fn());
    } catch (error) {
      result = Promise.reject(error);
    }
    const release = (): void => {
      this.#active--;
      this.#next();
    };
    result.then(release, release);
    return result;
  }

  #next(): void {
    const entry = this.#head;
    if (entry === undefined || this.#active >= this.max) return;
    this.#remove(entry);
    entry.start();
  }

  #append(entry: QueuedCall): void {
    this.#pending++;
    if (this.#tail === undefined) {
      this.#head = entry;
    } else {
      this.#tail.next = entry;
      entry.previous = this.#tail;
    }
    this.#tail = entry;
  }

  #remove(entry: QueuedCall): void {
    this.#pending--;
    if (entry.previous === undefined) this.#head = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === undefined) this.#tail = entry.previous;
    else entry.next.previous = entry.previous;
    entry.previous = undefined;
    entry.next = undefined;
  }
}
