/**
 * `failNext`: a queue of failures the next answers take instead of their normal answer. Each entry is used `count`
 * times, in the order queued, by requests of its scope.
 */

export type SandboxFault = 'reset' | 'stall-headers' | 'stall-body' | 'truncate' | 'invalid-json' | 'huge';
export type SandboxFailureScope = 'proxy' | 'tools' | 'all';

export const SANDBOX_FAULTS: readonly SandboxFault[] = [
  'reset',
  'stall-headers',
  'stall-body',
  'truncate',
  'invalid-json',
  'huge',
];

/**
 * How the next answers fail. Give a `status` (with an optional `body` and `headers`, else a preset), or a network
 * `fault`, or only `delayMs` for a slow but normal answer.
 *
 * Presets when no `body` is given:
 * - `{ status: 429 }`: Truto's own 429 with `Retry-After` and the rate-limit headers of the sandbox's dialect
 *   (`remaining` 0).
 * - `{ status: 429, upstream: 'openai' }`: OpenAI's 429 as Truto passes it through: `truto_is_remote_error`,
 *   `raw_response: { error: { code: 'rate_limit_exceeded', ... } }`, OpenAI's `x-ratelimit-*` headers,
 *   `retry-after`, and the normalised `ratelimit-*` headers.
 * - any other status: Truto's `{ statusCode, error, message }` (or OpenAI's error wrapped as a remote error with
 *   `upstream: 'openai'`). 503 reads as Truto's "integrated account blocked".
 *
 * Faults: `reset` destroys the socket (TCP RST) before any answer; `stall-headers` never answers; `stall-body`
 * sends 200 headers and part of a JSON body, then nothing; `truncate` announces a `Content-Length` larger than
 * what it sends, then closes; `invalid-json` answers 200 `application/json` with a body that is not JSON; `huge`
 * streams a valid JSON answer of `hugeBytes` bytes.
 */
export interface SandboxFailure {
  /** Which answers take this failure. @default 'proxy' */
  scope?: SandboxFailureScope;
  /** HTTP status to answer with. */
  status?: number;
  /** Extra headers; they replace the preset's headers of the same name. */
  headers?: Record<string, string>;
  /** The body: an object is sent as JSON, a string as is. @default a preset for the status */
  body?: unknown;
  /** Wait this long before answering (or before the fault). @default 0 */
  delayMs?: number;
  /** Answer as the upstream API's error passed through Truto. */
  upstream?: 'openai';
  /** OpenAI error code for `upstream: 'openai'`, e.g. `insufficient_quota` instead of `rate_limit_exceeded` on a 429. */
  code?: string;
  /** `Retry-After` of a 429 preset. @default 10 for Truto's 429, 1 for OpenAI's */
  retryAfterSeconds?: number;
  /** A network-level fault instead of an HTTP answer. */
  fault?: SandboxFault;
  /** Size of the `huge` answer. @default 52428800 (50 MiB) */
  hugeBytes?: number;
}

export const DEFAULT_HUGE_BYTES = 50 * 1024 * 1024;

interface QueuedFailure {
  remaining: number;
  failure: SandboxFailure;
}

export class FailureQueue {
  #queue: QueuedFailure[] = [];

  add(count: number, failure: SandboxFailure): void {
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError(`failNext count must be a positive integer, got ${count}.`);
    this.#queue.push({ remaining: count, failure: checkFailure(failure) });
  }

  /** The failure the next answer of `route` takes, if any; one use is consumed. */
  take(route: 'proxy' | 'tools'): SandboxFailure | undefined {
    if (this.#queue.length === 0) return undefined; // the hot path: nothing queued
    const index = this.#queue.findIndex((entry) => {
      const scope = entry.failure.scope ?? 'proxy';
      return scope === 'all' || scope === route;
    });
    if (index === -1) return undefined;
    const entry = this.#queue[index]!;
    entry.remaining--;
    if (entry.remaining === 0) this.#queue.splice(index, 1);
    return entry.failure;
  }

  get pending(): number {
    return this.#queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  clear(): void {
    this.#queue = [];
  }
}

/** Validates a failure (it may come over HTTP) and returns a copy. */
export function checkFailure(value: unknown): SandboxFailure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('A failure must be an object such as { status: 429 } or { fault: "reset" }.');
  }
  const failure = { ...(value as SandboxFailure) };
  if (failure.scope !== undefined && !['proxy', 'tools', 'all'].includes(failure.scope)) {
    throw new TypeError(`Unknown failure scope '${failure.scope}'; use 'proxy', 'tools' or 'all'.`);
  }
  if (failure.fault !== undefined && !SANDBOX_FAULTS.includes(failure.fault)) {
    throw new TypeError(`Unknown fault '${failure.fault}'; use one of ${SANDBOX_FAULTS.join(', ')}.`);
  }
  if (
    failure.status !== undefined &&
    !(Number.isInteger(failure.status) && failure.status >= 200 && failure.status <= 599)
  ) {
    throw new TypeError(`Failure status must be an integer from 200 to 599, got ${failure.status}.`);
  }
  if (failure.fault === undefined && failure.status === undefined && failure.delayMs === undefined) {
    throw new TypeError('A failure needs a status, a fault or a delayMs.');
  }
  if (failure.delayMs !== undefined && !(failure.delayMs >= 0)) throw new TypeError('delayMs must be ≥ 0.');
  if (failure.hugeBytes !== undefined && !(failure.hugeBytes > 0)) throw new TypeError('hugeBytes must be > 0.');
  if (failure.upstream !== undefined && failure.upstream !== 'openai') {
    throw new TypeError(`Unknown upstream '${failure.upstream}'; the sandbox fronts 'openai'.`);
  }
  if (failure.headers !== undefined && (typeof failure.headers !== 'object' || failure.headers === null)) {
    throw new TypeError('headers must be an object of header names to values.');
  }
  return failure;
}
