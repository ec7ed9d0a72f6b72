/**
 * undici, loaded on a client's first request instead of on import: importing the package must cost little more than
 * importing `@langchain/core/tools` (bench/import.bench.ts), and undici's index alone takes about as long as
 * everything else we load, because it also loads fetch, WebSocket, caches, mocks and interceptors. A keep-alive pool
 * and its `request` function are all the client uses, so those two modules are loaded by themselves (≈ 3× faster,
 * and the first request then costs what a first `fetch()` costs). Their paths are undici's own files, not its
 * public API: should a future undici move them, the package's index is loaded instead and nothing else changes.
 */
import type { Dispatcher, Pool } from 'undici';

/** Sends one request through a dispatcher, undici's callback form (`dispatcher.request(options, callback)`). */
export type RequestFunction = (
  dispatcher: Dispatcher,
  options: Dispatcher.RequestOptions,
  callback: (error: Error | null, data: Dispatcher.ResponseData) => void,
) => void;

export interface UndiciPool {
  Pool: typeof Pool;
  request: RequestFunction;
}

/** undici's `lib/api/api-request.js`: a method, called with the dispatcher as `this`. */
type ApiRequest = (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
  callback: (error: Error | null, data: Dispatcher.ResponseData) => void,
) => void;

let loading: Promise<UndiciPool> | undefined;

/** The pool class and the request function, loaded once per process. */
export function loadUndiciPool(): Promise<UndiciPool> {
  loading ??= loadPieces().catch(loadIndex);
  return loading;
}

async function loadPieces(): Promise<UndiciPool> {
  const [poolModule, requestModule] = await Promise.all([
    // @ts-expect-error undici declares types for its index only
    import('undici/lib/dispatcher/pool.js'),
    // @ts-expect-error undici declares types for its index only
    import('undici/lib/api/api-request.js'),
  ]);
  const PoolClass = commonJsExport(poolModule);
  const request = commonJsExport(requestModule);
  if (typeof PoolClass !== 'function' || typeof request !== 'function') throw new Error('unknown undici layout');
  return {
    Pool: PoolClass as typeof Pool,
    // The same function undici's index copies onto every dispatcher's prototype.
    request: (dispatcher, options, callback) => (request as ApiRequest).call(dispatcher, options, callback),
  };
}

async function loadIndex(): Promise<UndiciPool> {
  const undici = await import('undici');
  return { Pool: undici.Pool, request: (dispatcher, options, callback) => dispatcher.request(options, callback) };
}

/** A CommonJS module's `module.exports`, whether it arrives as an ES namespace (`default`) or as itself (CJS build). */
function commonJsExport(module: unknown): unknown {
  return typeof module === 'object' && module !== null && 'default' in module
    ? (module as { default: unknown }).default
    : module;
}

/**
 * What kind of undici failure an error is, read from its `code` (`UND_ERR_*`, `HPE_*` for the HTTP parser): the
 * same for every copy of undici (a caller's own dispatcher may come from another one), and it needs none loaded.
 */
export type UndiciFailure =
  | 'timeout'
  | 'headers-overflow'
  | 'parser'
  | 'exceeded-max-size'
  | 'content-length-mismatch'
  | undefined;

const FAILURE_BY_CODE: Readonly<Record<string, UndiciFailure>> = {
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_OVERFLOW: 'headers-overflow',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'exceeded-max-size',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'content-length-mismatch',
};

export function undiciFailureOf(error: unknown): UndiciFailure {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('HPE_')) return 'parser';
    const failure = FAILURE_BY_CODE[code];
    if (failure !== undefined) return failure;
  }
  // An HTTP parser error without a code (undici sets none for some llhttp failures).
  return error.name === 'HTTPParserError' ? 'parser' : undefined;
}
