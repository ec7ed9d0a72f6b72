/**
 * The whole-call deadline and the caller's AbortSignal, as one abort signal for undici. undici's own timers bound
 * only silences (`headersTimeout`, `bodyTimeout` restart with every byte), so a body trickling a byte a second, or a
 * connection that never completes, outlived `timeoutMs`; this watch ends the call when the time is up, whatever
 * phase it is in: connecting, sending the body, waiting for headers or reading the answer.
 *
 * It is deliberately not an AbortController: one of those per call cost more than the rest of the client
 * (bench/invoke.bench.ts). undici reads `aborted` and `reason` and adds one `abort` listener, which is all this is.
 */
import { subscribeToAbort } from './abort-fan-out.js';

/** Longest delay `setTimeout` keeps; anything longer is treated as no deadline rather than as 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

export type CallEnd = 'timeout' | 'aborted';

/** The reason undici receives when the deadline passes (mapped to `TrutoTimeoutError` by the client). */
export class CallDeadlineError extends Error {
  override readonly name = 'CallDeadlineError';
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`the call took longer than ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

export class CallWatch {
  aborted = false;
  reason: unknown = undefined;
  /** Why the call was ended, once it was. */
  ended: CallEnd | undefined;
  /** Called once when the call ends early (rejects a request still waiting for its connection). */
  onEnd: ((reason: unknown) => void) | undefined;
  #listener: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  /**
   * @param timeoutMs milliseconds from now; 0, negative, non-finite or beyond `setTimeout`'s range: no deadline.
   * @param signal the caller's; followed through one shared listener per signal (see abort-fan-out.ts).
   */
  constructor(timeoutMs: number, signal: AbortSignal | undefined) {
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#end('aborted', signal.reason);
        return;
      }
      this.#unsubscribe = subscribeToAbort(signal, () => this.#end('aborted', signal.reason));
    }
    if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
      // One argument instead of a closure per call; unref'd, since the socket is what keeps the process alive.
      this.#timer = setTimeout(expire, timeoutMs, this, timeoutMs).unref();
    }
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.#listener = listener;
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listener === listener) this.#listener = undefined;
  }

  /** Ends the call now (the deadline passed, or the caller aborted). */
  end(ended: CallEnd, reason: unknown): void {
    this.#end(ended, reason);
  }

  /** The call is over: the timer and the caller's signal are let go. Idempotent. */
  finish(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#unsubscribe !== undefined) {
      this.#unsubscribe();
      this.#unsubscribe = undefined;
    }
  }

  #end(ended: CallEnd, reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.ended = ended;
    this.reason = reason;
    this.finish();
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.();
    this.onEnd?.(reason);
  }
}

function expire(watch: CallWatch, timeoutMs: number): void {
  watch.end('timeout', new CallDeadlineError(timeoutMs));
}
