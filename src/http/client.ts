import { maxHeaderSize } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher, Pool } from 'undici';
import { chainRedactors, type Redactor } from '../credentials/redactor-chain.js';
import {
  type PlainHeaders,
  TrutoAbortError,
  TrutoConfigError,
  TrutoConnectionError,
  TrutoError,
  TrutoResponseError,
  TrutoTimeoutError,
} from '../errors/index.js';
import { CallWatch } from './call-watch.js';
import { toPlainHeaders } from './headers.js';
import { findDotSegment } from './path-segments.js';
import { encodeQuery, type QueryValue } from './query-string.js';
import { SecretRedactor } from './redact-secret.js';
import { loadUndiciPool, undiciFailureOf } from './undici.js';

/** A call still unfinished after this long (connecting, sending, waiting or reading) ends with a `TrutoTimeoutError`. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Answers larger than this are cut off with a `TrutoResponseError` instead of exhausting memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The longest the pool tries to open a connection (undici's own default). */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Keep-alive connections per origin. */
export const DEFAULT_MAX_CONNECTIONS = 32;
export const DEFAULT_BASE_URL = 'https://api.truto.one';

export interface HttpClientOptions {
  /** @default 'https://api.truto.one' */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` unless a request brings its own `auth`; none for a token-only manager. */
  apiKey?: string;
  /**
   * The whole request's deadline in milliseconds: connecting, sending the body, waiting for headers and reading the
   * answer (a body trickling in byte by byte included). 0 or a non-finite value: none. @default 60000
   */
  timeoutMs?: number;
  /** @default 33554432 (32 MiB) */
  maxResponseBytes?: number;
  /** Keep-alive pool size per origin. @default 32 */
  maxConnections?: number;
  /** Bring your own undici dispatcher (proxy agent, mock agent in your own tests, ...). */
  dispatcher?: Dispatcher;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
  /** The header that carries each request's `requestId`; without one, ids stay on this side. */
  requestIdHeader?: string;
}

export type RequestBody = string | Uint8Array | FormData | Readable;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path below the base URL, already percent-encoded (`/proxy/costs`). */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Sent in the client's `requestIdHeader`, when it has one and `headers` does not name that header itself. */
  requestId?: string;
  /** This request's own credentials (an integrated-account token, from `authFor`), instead of the API key. */
  auth?: RequestAuth;
  body?: RequestBody;
  /** Aborting it ends the request in any phase with a `TrutoAbortError`. */
  signal?: AbortSignal;
  /** This request's deadline (see `HttpClientOptions.timeoutMs`); the client's when undefined. */
  timeoutMs?: number;
  /**
   * When the whole call must be over (`Date.now()` milliseconds), for callers that spent part of `timeoutMs` before
   * sending (downloading a URL file reference, say). The request then gets what is left, and a call already past it
   * fails at once with a `TrutoTimeoutError` that names `timeoutMs`.
   */
  deadline?: number;
  /**
   * Receives non-JSON, non-text answers as a stream instead of a buffer (file downloads).
   * Whatever it returns becomes `HttpResponse.body`.
   */
  onBinaryBody?: (stream: Readable, meta: { contentType: string; contentLength?: number }) => Promise<unknown>;
}

/** Credentials for one request: its Authorization value, and a redactor that knows every secret in play. */
export interface RequestAuth {
  readonly authorization: string;
  readonly redactor: Redactor | undefined;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; a value that repeats the API key has it replaced by `[redacted]`. */
  headers: PlainHeaders;
  /**
   * Parsed JSON, text for `text/*`, a Buffer for anything else, undefined when empty. The API key, should the server
   * echo it, is replaced by `[redacted]` in everything but successful binary answers.
   */
  body: unknown;
  contentType: string;
  /** The request as sent, for errors and logs; never holds the API key. */
  method: string;
  url: string;
}

/**
 * Thin client over an undici keep-alive pool. It knows nothing about tools or schemas: it sends a request,
 * enforces the deadline and the size limit, and decodes the answer. It never throws for a non-2xx status;
 * the caller decides what an error status means.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly #origin: string;
  readonly #basePath: string;
  /** The caller's dispatcher, or our pool once the first request has created it. */
  #dispatcher: Dispatcher | undefined;
  /** Sends through `#dispatcher`; undefined until undici is loaded (the first request). */
  #dispatch: Dispatch | undefined;
  #connecting: Promise<Dispatch> | undefined;
  readonly #poolOptions: Pool.Options;
  readonly #ownsDispatcher: boolean;
  #closed = false;
  readonly #defaultHeaders: Record<string, string>;
  /** The same defaults as undici's flat `[name, value, ...]` list, which it reads without walking an object. */
  readonly #defaultHeaderList: readonly string[];
  readonly #requestIdHeader: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #redactor: Redactor | undefined;

  constructor(options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    this.baseUrl = base.href.replace(/\/$/, '');
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/$/, '');
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#ownsDispatcher = options.dispatcher === undefined;
    const dispatcher = options.dispatcher;
    this.#dispatcher = dispatcher;
    if (dispatcher !== undefined) this.#dispatch = (options, callback) => dispatcher.request(options, callback);
    // The pool is created with the first request (undici loads then, not on import). A Pool rather than an Agent:
    // every request goes to the one origin, so the Agent's per-request lookup of the origin's pool is work for nothing.
    this.#poolOptions = {
      connections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      keepAliveTimeout: 30_000,
      // The pool enforces the size limit.
      maxResponseSize: this.#maxResponseBytes,
      // A call gives up on a handshake at its deadline; the pool should not keep trying much longer than that.
      connectTimeout:
        this.#timeoutMs > 0 ? Math.min(this.#timeoutMs, DEFAULT_CONNECT_TIMEOUT_MS) : DEFAULT_CONNECT_TIMEOUT_MS,
    };
    this.#redactor = options.apiKey === undefined ? undefined : SecretRedactor.for(options.apiKey);
    // No User-Agent of our own: Truto asks for none, and every header is parsed again on the server for every call
    // (an extra one cost ~5% of throughput against the sandbox, bench/invoke.bench.ts). `headers` can add one.
    this.#defaultHeaders = {
      accept: 'application/json',
      ...lowerCaseKeys(options.headers ?? {}),
      ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
    };
    this.#defaultHeaderList = Object.freeze(Object.entries(this.#defaultHeaders).flat());
    this.#requestIdHeader = options.requestIdHeader?.toLowerCase();
  }

  /** The default deadline of a request, in milliseconds (`HttpClientOptions.timeoutMs`). */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Whether requests carry their `requestId` (the `requestIdHeader` option). */
  get sendsRequestId(): boolean {
    return this.#requestIdHeader !== undefined;
  }

  /**
   * Credentials for requests sent with `token` (an integrated-account token) instead of the API key. Answers to them
   * are redacted of the token and of the key, in every encoding, as answers to the key's requests are of the key.
   */
  authFor(token: string): RequestAuth {
    return { authorization: `Bearer ${token}`, redactor: chainRedactors([this.#redactor, SecretRedactor.for(token)]) };
  }

  /** The URL a request goes to (without secrets: the key travels in a header). */
  urlFor(path: string, query?: Record<string, QueryValue>): string {
    const search = query ? encodeQuery(query) : '';
    return `${this.#origin}${this.#basePath}${path}${search ? `?${search}` : ''}`;
  }

  /** The headers a request would carry, with the Authorization value left out (for dry runs and hooks). */
  headersFor(request: Pick<HttpRequest, 'headers' | 'requestId'>): Record<string, string> {
    const { authorization: _secret, ...visible } = this.#defaultHeaders;
    const requestId =
      this.#requestIdHeader !== undefined && request.requestId !== undefined
        ? { [this.#requestIdHeader]: request.requestId }
        : {};
    const headers = { ...visible, ...requestId, ...lowerCaseKeys(request.headers ?? {}) };
    // A caller's own header may carry the key too (`x-api-key`, say): what hooks and dry runs show never does.
    return this.#redactor ? (this.#redactor.headers(headers) as Record<string, string>) : headers;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const search = request.query ? encodeQuery(request.query) : '';
    const path = `${this.#basePath}${request.path}${search ? `?${search}` : ''}`;
    const url = `${this.#origin}${path}`;
    const timeoutMs = request.timeoutMs ?? this.#timeoutMs;
    refuseDotSegments(request.method, url, request.path);
    const auth = request.auth;
    const redactor = auth === undefined ? this.#redactor : auth.redactor;
    const remainingMs = request.deadline === undefined ? timeoutMs : request.deadline - Date.now();
    if (request.deadline !== undefined && remainingMs <= 0) {
      throw new TrutoTimeoutError({ method: request.method, url, timeoutMs });
    }
    const requestIdPair: [string, string | undefined] | undefined =
      this.#requestIdHeader === undefined ? undefined : [this.#requestIdHeader, request.requestId];
    const headers =
      auth !== undefined
        ? {
            ...mergedHeaders(this.#defaultHeaders, request.headers ?? {}, requestIdPair),
            authorization: auth.authorization,
          }
        : request.headers === undefined && (request.requestId === undefined || this.#requestIdHeader === undefined)
          ? // undici only reads the list: the common call shares it instead of copying it.
            (this.#defaultHeaderList as string[])
          : wireHeaders(this.#defaultHeaderList, this.#defaultHeaders, request.headers, requestIdPair);
    // Set once the status line has arrived: a socket that dies after it cut an answer short, it did not refuse one.
    let status: number | undefined;
    // The whole call's deadline and the caller's signal, as the one signal undici follows (see call-watch.ts).
    const watch = new CallWatch(remainingMs, request.signal);
    try {
      // Only the first request waits for undici to load.
      const dispatch = this.#dispatch ?? (await this.#connect());
      const answer = await this.#request(
        dispatch,
        {
          origin: this.#origin,
          path,
          method: request.method,
          headers,
          body: request.body as Dispatcher.DispatchOptions['body'],
          signal: watch as unknown as AbortSignal,
          // undici's silence timers stay as a second line; the watch is what bounds the whole call.
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        watch,
      );
      status = answer.statusCode;
      const received = toPlainHeaders(answer.headers as Record<string, string | string[] | undefined>);
      const plainHeaders = redactor ? redactor.headers(received) : received;
      const contentType = plainHeaders['content-type'] ?? '';
      const kind = bodyKind(contentType);
      // JSON and text from our own pool (which enforces maxResponseBytes itself) are read as a string in one step,
      // like `body.json()` does: going through a Buffer, a byte search and a second decode cost ~3 µs per call.
      const body =
        kind !== 'binary' && this.#ownsDispatcher
          ? this.#decodeText(await answer.body.text(), kind, answer.statusCode, request.method, url, redactor)
          : await this.#readBody(answer, plainHeaders, contentType, request, url, redactor);
      return { status: answer.statusCode, headers: plainHeaders, body, contentType, method: request.method, url };
    } catch (error) {
      throw translateError(error, {
        method: request.method,
        url,
        timeoutMs,
        signal: request.signal,
        watch,
        maxBytes: this.#maxResponseBytes,
        status,
        redactor,
      });
    } finally {
      watch.finish();
    }
  }

  /**
   * undici's request, settled early when the watch ends: a request still waiting for a connection (a peer that never
   * completes the handshake) would otherwise wait for the connect timeout, whatever the call's deadline.
   */
  #request(dispatch: Dispatch, options: Dispatcher.RequestOptions, watch: CallWatch): Promise<Dispatcher.ResponseData> {
    return new Promise((resolve, reject) => {
      watch.onEnd = reject;
      dispatch(options, (error, data) => (error ? reject(error) : resolve(data)));
    });
  }

  /** Loads undici and creates the pool, once (a caller's dispatcher needs neither: it is used from the start). */
  #connect(): Promise<Dispatch> {
    this.#connecting ??= loadUndiciPool().then(({ Pool, request }) => {
      const pool = new Pool(this.#origin, this.#poolOptions);
      this.#dispatcher = pool;
      // A pool closed before it existed refuses requests as a closed pool does (a TrutoConnectionError).
      if (this.#closed) void pool.close();
      const dispatch: Dispatch = (options, callback) => request(pool, options, callback);
      this.#dispatch = dispatch;
      return dispatch;
    });
    return this.#connecting;
  }

  async #readBody(
    answer: Dispatcher.ResponseData,
    headers: PlainHeaders,
    contentType: string,
    request: HttpRequest,
    url: string,
    redactor: Redactor | undefined,
  ): Promise<unknown> {
    const kind = bodyKind(contentType);
    const declaredLength = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (kind === 'binary' && request.onBinaryBody && answer.statusCode < 300) {
      return request.onBinaryBody(answer.body, {
        contentType,
        ...(Number.isFinite(declaredLength) ? { contentLength: declaredLength } : {}),
      });
    }
    if (declaredLength !== undefined && declaredLength > this.#maxResponseBytes) {
      answer.body.destroy();
      throw this.#tooLarge(request.method, url, answer.statusCode);
    }
    // Our own pool enforces maxResponseBytes itself (maxResponseSize); a caller's dispatcher may not.
    const received = this.#ownsDispatcher
      ? Buffer.from(await answer.body.arrayBuffer())
      : await readLimited(answer.body, this.#maxResponseBytes);
    if (received === undefined) throw this.#tooLarge(request.method, url, answer.statusCode);
    if (received.length === 0) return undefined;
    // Text and JSON reach messages, hooks and models, and so does any error body; a successful binary answer is a
    // file the caller asked for, left byte for byte.
    const bytes = redactor && (kind !== 'binary' || answer.statusCode >= 400) ? redactor.bytes(received) : received;
    if (kind === 'json') return decodeJson(bytes.toString('utf8'), answer.statusCode, request.method, url);
    if (kind === 'text') return bytes.toString('utf8');
    return bytes;
  }

  /** A JSON or text answer already decoded to a string: redacted, then parsed. */
  #decodeText(
    received: string,
    kind: BodyKind,
    status: number,
    method: string,
    url: string,
    redactor: Redactor | undefined,
  ): unknown {
    if (received.length === 0) return undefined;
    const text = redactor ? redactor.text(received) : received;
    if (kind === 'text') return text;
    return decodeJson(text, status, method, url);
  }

  #tooLarge(method: string, url: string, status: number): TrutoResponseError {
    return new TrutoResponseError({
      message: `${method} ${url} answered more than ${this.#maxResponseBytes} bytes (maxResponseBytes); the answer was cut off.`,
      method,
      url,
      status,
      reason: 'too_large',
    });
  }

  /** Closes the keep-alive pool (only when this client created it). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#ownsDispatcher) await this.#dispatcher?.close();
  }
}

type RequestCallback = (error: Error | null, data: Dispatcher.ResponseData) => void;
type Dispatch = (options: Dispatcher.RequestOptions, callback: RequestCallback) => void;

type BodyKind = 'json' | 'text' | 'binary';

function bodyKind(contentType: string): BodyKind {
  // Nearly every answer: no lower-cased copy needed to tell.
  if (contentType.startsWith('application/json')) return 'json';
  const type = contentType.toLowerCase();
  if (type === '' || type.includes('json')) return 'json';
  if (type.startsWith('text/') || type.includes('xml') || type.includes('x-www-form-urlencoded')) return 'text';
  return 'binary';
}

async function readLimited(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) {
      (stream as unknown as Readable).destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

function translateError(
  error: unknown,
  context: {
    method: string;
    url: string;
    timeoutMs: number;
    signal: AbortSignal | undefined;
    watch: CallWatch;
    maxBytes: number;
    status: number | undefined;
    redactor: Redactor | undefined;
  },
): Error {
  // Our own errors, and those an `onBinaryBody` handler (the file layer) throws, already say what went wrong.
  if (TrutoError.isInstance(error)) return error;
  const { method, url, timeoutMs, status } = context;
  const cause = redactedCause(error, context.redactor);
  if (context.watch.ended === 'aborted' || context.signal?.aborted) return new TrutoAbortError({ method, url, cause });
  const failure = undiciFailureOf(error);
  if (context.watch.ended === 'timeout' || failure === 'timeout') {
    return new TrutoTimeoutError({ method, url, timeoutMs, cause });
  }
  if (failure === 'headers-overflow') {
    // The server did answer: its header block alone was more than undici reads (thousands of headers, say).
    return new TrutoResponseError({
      message: `${method} ${url} answered with response headers larger than ${maxHeaderSize} bytes, more than the client reads; the answer was not read.`,
      method,
      url,
      reason: 'too_large',
      cause,
    });
  }
  if (failure === 'parser') {
    return new TrutoResponseError({
      message: `${method} ${url} answered something that is not a valid HTTP/1.1 response: ${describeCause(cause)}`,
      method,
      url,
      ...(status !== undefined ? { status } : {}),
      cause,
    });
  }
  if (failure === 'exceeded-max-size') {
    return new TrutoResponseError({
      message: `${method} ${url} answered more than ${context.maxBytes} bytes (maxResponseBytes); the answer was cut off.`,
      method,
      url,
      ...(status !== undefined ? { status } : {}),
      reason: 'too_large',
      cause,
    });
  }
  if (status !== undefined || failure === 'content-length-mismatch') {
    // undici reports a body cut short by a closing peer as a plain SocketError ("other side closed"), the same
    // error as a refused request; only whether the status line had arrived tells the two apart.
    return new TrutoResponseError({
      message: `${method} ${url} answered a truncated body${status !== undefined ? ` (status ${status})` : ''}: ${describeCause(cause)}`,
      method,
      url,
      ...(status !== undefined ? { status } : {}),
      reason: 'truncated',
      cause,
    });
  }
  return new TrutoConnectionError({ method, url, cause });
}

/**
 * The error as it is, or a copy without the key when its message or the raw bytes it carries (an HTTP parser error
 * keeps the offending header line) repeat it: a cause is as visible as the error that wraps it.
 */
function redactedCause(error: unknown, redactor: Redactor | undefined): unknown {
  if (redactor === undefined || !(error instanceof Error)) return error;
  const data = (error as { data?: unknown }).data;
  const dataText = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('latin1') : undefined;
  const cleanMessage = redactor.text(error.message);
  const cleanData = dataText === undefined ? undefined : redactor.text(dataText);
  if (cleanMessage === error.message && cleanData === dataText) return error;
  const copy = new Error(cleanMessage);
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  if (cleanData !== undefined) Object.assign(copy, { data: cleanData });
  return copy;
}

/** A path with a `.` or `..` segment (written plainly or percent-encoded) would reach another resource than it names. */
function refuseDotSegments(method: string, url: string, path: string): void {
  const segment = findDotSegment(path);
  if (segment === undefined) return;
  throw new TrutoConfigError(
    `Refused to send ${method} ${url}: its path has the segment "${segment}", which servers read as "." or ".." and which would reach another resource than the tool names. Nothing was sent.`,
  );
}

/**
 * The defaults, the request id and a call's own headers (names lower-cased; a call's header replaces a default of the
 * same name). Built as undici's flat `[name, value, ...]` list: a fresh object per call with a spread and hyphenated
 * keys cost about 1.5 µs more per request (bench/invoke.bench.ts), a sizeable share of the client's whole cost.
 */
function wireHeaders(
  defaultList: readonly string[],
  defaults: Record<string, string>,
  extra: Record<string, string> | undefined,
  requestId: [name: string, value: string | undefined] | undefined,
): string[] | Record<string, string> {
  // A manager-wide header of the request id's name is replaced by the id, as in `mergedHeaders`.
  if (requestId?.[1] !== undefined && hasName(defaultList, requestId[0])) {
    return mergedHeaders(defaults, extra ?? {}, requestId);
  }
  const list = defaultList.slice();
  let namesRequestId = false;
  if (extra !== undefined) {
    for (const name of Object.keys(extra)) {
      const lower = name.toLowerCase();
      // A call replacing a default (or naming one header twice) is rare: merge in an object then.
      if (hasName(list, lower)) return mergedHeaders(defaults, extra, requestId);
      if (lower === requestId?.[0]) namesRequestId = true;
      list.push(lower, extra[name] as string);
    }
  }
  if (requestId?.[1] !== undefined && !namesRequestId) list.push(requestId[0], requestId[1]);
  return list;
}

function hasName(list: readonly string[], name: string): boolean {
  for (let index = 0; index < list.length; index += 2) if (list[index] === name) return true;
  return false;
}

function mergedHeaders(
  defaults: Record<string, string>,
  extra: Record<string, string>,
  requestId: [name: string, value: string | undefined] | undefined,
): Record<string, string> {
  const merged = Object.assign({}, defaults);
  if (requestId?.[1] !== undefined) merged[requestId[0]] = requestId[1];
  for (const name of Object.keys(extra)) merged[name.toLowerCase()] = extra[name] as string;
  // The key is the manager's: a per-call or hook header cannot send the call under another identity.
  if (defaults.authorization !== undefined) merged.authorization = defaults.authorization;
  else delete merged.authorization;
  return merged;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const name of Object.keys(headers)) lowered[name.toLowerCase()] = headers[name] as string;
  return lowered;
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}

/**
 * Deepest nesting of arrays and objects accepted in a JSON answer. `JSON.parse` copes with any depth, but
 * `JSON.stringify`, `structuredClone` and every recursive walk over the value (hooks, redaction, the model's text)
 * overflow the stack a few thousand levels down, and an answer 100,000 deep would surface as a plain `RangeError`
 * that no retry or error mode can classify. No API answer comes near 512 levels.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Parses a JSON answer. An error page that is not JSON, or nests deeper than {@link MAX_JSON_DEPTH}, stays text (the
 * caller still gets the typed error of its status); a 2xx answer like that is a `TrutoResponseError`
 * (`invalid_json`, `too_deep`). `JSON.parse` itself copes with any depth; the depth is measured on what it built.
 */
function decodeJson(text: string, status: number, method: string, url: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // An error page with a JSON content type is still worth showing; a 2xx with broken JSON is not data.
    if (status >= 400) return text;
    throw new TrutoResponseError({
      message: `${method} ${url} answered ${status} with invalid JSON (${Buffer.byteLength(text)} bytes).`,
      method,
      url,
      status,
      reason: 'invalid_json',
    });
  }
  if (mayNestDeeperThan(text, MAX_JSON_DEPTH) && nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    if (status >= 400) return text;
    throw new TrutoResponseError({
      message: `${method} ${url} answered ${status} with JSON nested deeper than ${MAX_JSON_DEPTH} levels (${Buffer.byteLength(text)} bytes); it was not read.`,
      method,
      url,
      status,
      reason: 'too_deep',
    });
  }
  return value;
}

/**
 * Whether the text holds more than `limit` brackets and braces, counted with `indexOf` (native, fast): an answer of
 * a few hundred objects cannot nest deeper than the limit, and is never walked.
 */
function mayNestDeeperThan(text: string, limit: number): boolean {
  if (text.length <= 2 * limit) return false;
  let count = 0;
  for (const character of ['{', '[']) {
    for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/** Whether a parsed JSON value nests more than `limit` arrays and objects; without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const key in current) {
      const child = (current as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
