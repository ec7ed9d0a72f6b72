import type { PlainHeaders } from '../errors/index.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';

/** One outgoing call as hooks and dry runs see it. Headers never include the Authorization value. */
export interface RequestInfo {
  /**
   * A fresh UUID per call, in every hook, dry run, API error (`TrutoApiError`) and `invokeWithDetails` result;
   * sent to the server only in the manager's `requestIdHeader`, when one is set.
   */
  requestId: string;
  toolName: string;
  method: string;
  /** The full URL with its query string. */
  url: string;
  headers: Record<string, string>;
  /** The JSON body, a description of a multipart body, or undefined. */
  body: unknown;
  /** The arguments after validation and date normalisation. */
  arguments: Record<string, unknown>;
}

/** What `dryRun` returns instead of sending: the exact request, minus secrets. */
export interface DryRunRequest extends RequestInfo {
  dryRun: true;
}

export interface ResponseInfo {
  request: RequestInfo;
  status: number;
  headers: PlainHeaders;
  /**
   * The decoded answer, exactly what `invoke` returns: parsed JSON, text, or for a binary answer a file result (or
   * the bytes, with `files.binaryResults: 'bytes'`). Observers must not change it: it is the caller's data.
   */
  body: unknown;
  durationMs: number;
  rateLimit?: RateLimitInfo;
}

export interface ErrorInfo {
  request: RequestInfo;
  error: unknown;
  durationMs: number;
}

/**
 * Hooks for logging, metrics and per-call headers. `beforeRequest` may return headers to add (an
 * `Idempotency-Key`, a trace id) and may throw to stop the call. `afterResponse` and `onError` only observe:
 * if they throw, the call's outcome is unchanged and the error becomes a warning.
 */
/** What `beforeRequest` may return: headers to add to this call, or nothing. */
export type BeforeRequestResult = { headers?: Record<string, string> } | undefined;

export interface CallHooks {
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing is the common case.
  beforeRequest?: (request: RequestInfo) => void | BeforeRequestResult | Promise<void | BeforeRequestResult>;
  afterResponse?: (response: ResponseInfo) => void | Promise<void>;
  onError?: (failure: ErrorInfo) => void | Promise<void>;
}
