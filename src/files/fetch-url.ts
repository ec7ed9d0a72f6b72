/**
 * Fetches an `http(s)` file reference: only from allowlisted hosts, every redirect re-checked before it is followed,
 * and the body spooled to a scratch file with the size limit enforced while it streams. The download is part of the
 * call: the call's AbortSignal ends it, and so does the call's deadline (or, without one, `DEFAULT_DOWNLOAD_TIMEOUT_MS`),
 * in every phase: connecting, waiting for headers, and a body that trickles in.
 */
import type { Dispatcher } from 'undici';
import { TrutoAbortError, TrutoTimeoutError } from '../errors/index.js';
import { subscribeToAbort } from '../http/abort-fan-out.js';
import { CallDeadlineError } from '../http/call-watch.js';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, MAX_REDIRECTS } from './options.js';
import { discard, removeSpooled, type SpooledFile, spoolToFile } from './spool.js';

/** `cdn.example.com` (any port), `127.0.0.1:8080` (that port only), `*.example.com` (subdomains only). */
export function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  return allowedHosts.some((entry) => {
    if (entry.startsWith('*.')) return hostname.endsWith(entry.slice(1)) && hostname.length > entry.length - 1;
    return entry === host || entry === hostname;
  });
}

export type FetchRefusal =
  | { reason: 'host-not-allowed'; url: string }
  | { reason: 'bad-status'; url: string; status: number }
  | { reason: 'too-many-redirects'; url: string }
  | { reason: 'too-large'; url: string; limit: number };

export interface FetchedFile extends SpooledFile {
  /** The URL the bytes finally came from. */
  url: URL;
  contentType: string | undefined;
}

export interface FetchOptions {
  allowedHosts: readonly string[];
  maxBytes: number;
  /** Scratch file name (already sanitised). */
  fileName: string;
  dispatcher?: Dispatcher;
  /** The call's signal: aborting it ends the download with a `TrutoAbortError`. */
  signal?: AbortSignal;
  /**
   * How long the download may take, in milliseconds; also the figure a `TrutoTimeoutError` names.
   * @default 60000 (DEFAULT_DOWNLOAD_TIMEOUT_MS)
   */
  timeoutMs?: number;
  /** When the whole call must be over (`Date.now()` milliseconds); the download gets at most what is left. */
  deadline?: number;
}

/**
 * @throws TrutoAbortError when `signal` aborts, TrutoTimeoutError when the time is up (both before or during the
 * download), SpoolLimitError past `maxBytes`; other network failures as undici reports them.
 */
export async function fetchToFile(start: URL, options: FetchOptions): Promise<FetchedFile | FetchRefusal> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const budgetMs = Math.min(timeoutMs, options.deadline === undefined ? Infinity : options.deadline - Date.now());
  const stop = new DownloadStop(budgetMs, timeoutMs, options.signal);
  let url = start;
  try {
    // undici's top-level `request` (the global dispatcher unless the manager has one), loaded by the first download.
    const { request } = await import('undici');
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isAllowedHost(url, options.allowedHosts)) {
        return { reason: 'host-not-allowed', url: url.href };
      }
      const answer = await stop.race(
        request(url, {
          method: 'GET',
          signal: stop.signal,
          headers: { accept: '*/*', 'user-agent': 'truto-langchainjs-toolset' },
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
        }),
        (late) => discard(late.body),
      );
      const status = answer.statusCode;
      if (status >= 300 && status < 400 && status !== 304) {
        discard(answer.body);
        const location = firstHeader(answer.headers.location);
        if (location === undefined) return { reason: 'bad-status', url: url.href, status };
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        discard(answer.body);
        return { reason: 'bad-status', url: url.href, status };
      }
      const declared = Number(firstHeader(answer.headers['content-length']));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        discard(answer.body);
        return { reason: 'too-large', url: url.href, limit: options.maxBytes };
      }
      const contentType = firstHeader(answer.headers['content-type']);
      const spooled = await stop.race(
        spoolToFile(answer.body, { maxBytes: options.maxBytes, fileName: options.fileName, signal: stop.signal }),
        (late) => removeSpooled(late.path),
      );
      return { ...spooled, url, contentType };
    }
    return { reason: 'too-many-redirects', url: url.href };
  } catch (error) {
    throw stop.translate(error, url);
  } finally {
    stop.release();
  }
}

/**
 * The download's own abort signal: fired by the call's signal or by the time running out. A download is rare next to
 * API calls, so a real AbortController is affordable here (the spooler needs one).
 */
class DownloadStop {
  readonly #controller = new AbortController();
  readonly #timeoutMs: number;
  #ended: 'timeout' | 'aborted' | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #onStop: Array<(reason: unknown) => void> = [];

  constructor(budgetMs: number, timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timeoutMs = timeoutMs;
    if (callerSignal?.aborted) {
      this.#stop('aborted', callerSignal.reason);
      return;
    }
    if (callerSignal !== undefined) {
      this.#unsubscribe = subscribeToAbort(callerSignal, () => this.#stop('aborted', callerSignal.reason));
    }
    if (!(budgetMs > 0)) {
      this.#stop('timeout', new CallDeadlineError(timeoutMs));
    } else if (budgetMs <= 2_147_483_647) {
      this.#timer = setTimeout(() => this.#stop('timeout', new CallDeadlineError(timeoutMs)), budgetMs).unref();
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * `promise`, or a rejection as soon as the download is stopped (a connection that never completes, say). What
   * `promise` still delivers after that goes to `dispose`.
   */
  race<T>(promise: Promise<T>, dispose: (late: T) => unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#controller.signal.aborted) reject(this.#controller.signal.reason);
      else this.#onStop.push(reject);
      promise.then(
        (value) => (this.#ended === undefined ? resolve(value) : void Promise.resolve(dispose(value)).catch(() => {})),
        reject,
      );
    });
  }

  /** The typed error for a download that was stopped; anything else as it is. */
  translate(error: unknown, url: URL): unknown {
    const shown = withoutCredentials(url);
    if (this.#ended === 'aborted') return new TrutoAbortError({ method: 'GET', url: shown, cause: error });
    if (this.#ended === 'timeout') {
      return new TrutoTimeoutError({ method: 'GET', url: shown, timeoutMs: this.#timeoutMs, cause: error });
    }
    return error;
  }

  release(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#onStop = [];
  }

  #stop(ended: 'timeout' | 'aborted', reason: unknown): void {
    if (this.#ended !== undefined) return;
    this.#ended = ended;
    this.release();
    const waiting = this.#onStop;
    this.#onStop = [];
    this.#controller.abort(reason);
    for (const reject of waiting) reject(reason);
  }
}

/** A model may write `https://user:password@host/…`; errors show the URL without them. */
function withoutCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
