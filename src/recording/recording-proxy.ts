/**
 * The recording proxy behind `truto-tools snapshot --record`: a loopback server that stands in for Truto. It
 * forwards `/integrated-account/:id/tools` and `/proxy/*` to the real base URL with the real key, hands the real
 * answers back, and appends every Proxy API exchange, scrubbed, to a snapshot file. Any client (an agent, a test,
 * `truto-tools call --base-url <proxy>`) records by pointing its base URL at it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Pool } from 'undici';
import { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from '../http/client.js';
import { snapshotAccount } from './account-snapshot.js';
import { accountOf, bodyKindOf, recordedRequestBody, recordedResponseBytes, splitTrutoUrl } from './exchange.js';
import { createScrubber, type Scrubber } from './scrub.js';
import { createSecretTextRedactor, type SecretTextRedactor } from './secret-text.js';
import type { SnapshotRecording } from './snapshot.js';
import { readSnapshotFile, SnapshotFileWriter, writeSnapshotFile } from './snapshot-file.js';
import { createToolRouteLookup, type ToolRouteLookup } from './tool-routes.js';

/** Request bodies above this are refused with 413 (a 25 MB audio upload fits). */
export const DEFAULT_PROXY_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RecordingProxyOptions {
  /** The real Truto API key. Added to every forwarded request; never recorded, printed or handed to clients. */
  apiKey: string;
  /** The account being recorded. Requests naming another account answer 404 and are not forwarded. */
  integratedAccountId: string;
  /**
   * The snapshot file exchanges are appended to. When it does not exist it is created first, with the account's
   * catalog (every page of `/tools`).
   */
  file: string;
  /** Real Truto. @default 'https://api.truto.one' */
  baseUrl?: string;
  /** Truto's server-side filters for a catalog fetched to create `file`. @default every tool */
  methods?: readonly string[];
  tags?: readonly string[];
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /**
   * What clients send as `Authorization: Bearer <token>`. The real key is accepted too, so a client already set
   * up with `TRUTO_API_KEY` only changes its base URL. @default a random token made at start
   */
  token?: string;
  /** Deadline for each forwarded request's answer. @default 60000 */
  timeoutMs?: number;
  /** Largest request body accepted. @default 67108864 (64 MiB) */
  maxBodyBytes?: number;
  /** Largest answer forwarded (and recorded). @default 33554432 (32 MiB) */
  maxResponseBytes?: number;
  /** Stamps each recording's `recordedAt`. @default () => new Date() */
  clock?: () => Date;
  /** Failures that do not stop the proxy (a snapshot write that failed). @default ignored */
  onWarning?: (message: string) => void;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`: the base URL for clients. */
  readonly baseUrl: string;
  /** The token clients may send instead of the real key. */
  readonly token: string;
  readonly file: string;
  readonly integratedAccountId: string;
  /** Recordings in the file, including those it held before the proxy started. */
  readonly recordingCount: number;
  /** Waits until every exchange answered so far is in the file. */
  flush(): Promise<void>;
  /** Stops listening, cuts open connections and waits for the last write. */
  close(): Promise<void>;
}

/** Headers that describe one hop, not the message: never copied from one side to the other. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);

const TOOLS_PATH = /^\/integrated-account\/([^/?#]+)\/tools$/;

interface ProxyState {
  apiKey: string;
  integratedAccountId: string;
  timeoutMs: number;
  maxBodyBytes: number;
  maxResponseBytes: number;
  clock: () => Date;
  onWarning: (message: string) => void;
  token: string;
  basePath: string;
  pool: Pool;
  writer: SnapshotFileWriter;
  toolFor: ToolRouteLookup;
  scrubber: Scrubber;
  redactForClient: SecretTextRedactor;
}

/** Starts the proxy; resolves once it listens (after creating the snapshot file, when it had to). */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  if (!options.apiKey) throw new TypeError('startRecordingProxy needs the real apiKey.');
  if (!options.integratedAccountId) throw new TypeError('startRecordingProxy needs the integratedAccountId to record.');
  const baseUrl = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  const snapshot = (await readSnapshotFile(options.file)) ?? (await createSnapshotFile(options, baseUrl.href));
  const token = options.token ?? `rec_${randomBytes(18).toString('base64url')}`;
  const state: ProxyState = {
    apiKey: options.apiKey,
    integratedAccountId: options.integratedAccountId,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_PROXY_MAX_BODY_BYTES,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    clock: options.clock ?? (() => new Date()),
    onWarning: options.onWarning ?? (() => {}),
    token,
    basePath: baseUrl.pathname.replace(/\/$/, ''),
    pool: new Pool(baseUrl.origin, { connections: 16, keepAliveTimeout: 30_000 }),
    writer: new SnapshotFileWriter(options.file, snapshot),
    toolFor: createToolRouteLookup(snapshot.tools),
    scrubber: createScrubber({ secrets: [options.apiKey, token] }),
    redactForClient: createSecretTextRedactor([options.apiKey]),
  };
  const server = createServer((request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      state.onWarning(`The recording proxy failed on ${request.method} ${pathOnly(request.url)}: ${describe(error)}`);
      if (!response.headersSent) writeTrutoError(response, 502, 'The recording proxy failed to forward this request.');
      else response.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await state.pool.close();
    throw error; // a port in use, say
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://${host}:${address.port}`,
    token,
    file: options.file,
    integratedAccountId: options.integratedAccountId,
    get recordingCount() {
      return state.writer.recordingCount;
    },
    flush: () => state.writer.flush(),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await state.pool.close();
        await state.writer.flush();
      })();
      return closing;
    },
  };
}

async function createSnapshotFile(options: RecordingProxyOptions, baseUrl: string) {
  const snapshot = await snapshotAccount({
    apiKey: options.apiKey,
    integratedAccountId: options.integratedAccountId,
    baseUrl,
    ...(options.methods ? { methods: options.methods } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  await writeSnapshotFile(options.file, snapshot);
  return snapshot;
}

async function handle(state: ProxyState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? '/';
  const method = (request.method ?? 'GET').toUpperCase();
  const presented = bearerToken(request.headers.authorization);
  if (presented === undefined || !isAccepted(state, presented)) {
    writeTrutoError(
      response,
      401,
      'The recording proxy needs "Authorization: Bearer <token>": the token it printed at start, or the real API key.',
    );
    return;
  }
  const path = pathOnly(url);
  const toolsMatch = TOOLS_PATH.exec(path);
  const isProxy = path.startsWith('/proxy/');
  if (!toolsMatch && !isProxy) {
    writeTrutoError(response, 404, `The recording proxy forwards /integrated-account/:id/tools and /proxy/* only.`);
    return;
  }
  const account = toolsMatch ? safeDecode(toolsMatch[1]!) : accountOf(url);
  if (account !== state.integratedAccountId) {
    writeTrutoError(response, 404, 'This recording proxy records one integrated account; the request names another.');
    return;
  }
  const requestBody = await readLimited(request, state.maxBodyBytes, 'drain');
  if (requestBody === undefined) {
    writeTrutoError(response, 413, `The request body is larger than ${state.maxBodyBytes} bytes.`);
    return;
  }

  let upstream: Awaited<ReturnType<Pool['request']>>;
  try {
    upstream = await state.pool.request({
      path: `${state.basePath}${url}`,
      method: method as 'GET',
      headers: forwardedHeaders(request.headers, state.apiKey),
      ...(requestBody.length > 0 ? { body: requestBody } : {}),
      headersTimeout: state.timeoutMs,
      bodyTimeout: state.timeoutMs,
    });
  } catch (error) {
    writeTrutoError(response, 502, `The recording proxy could not reach Truto: ${describe(error)}`);
    return;
  }
  const raw = await readLimited(upstream.body, state.maxResponseBytes);
  if (raw === undefined) {
    writeTrutoError(response, 502, `Truto's answer is larger than ${state.maxResponseBytes} bytes.`);
    return;
  }
  const headers = plainHeaders(upstream.headers);
  const decoded = decodeContent(raw, headers['content-encoding']);
  const answer = decoded === undefined ? raw : decoded;
  if (decoded !== undefined) delete headers['content-encoding'];

  if (isProxy) {
    const recording = recordingOf(state, {
      method,
      url,
      contentType: request.headers['content-type'],
      requestBody,
      status: upstream.statusCode,
      headers,
      answer,
    });
    try {
      // Written before the caller gets its answer: whatever a client has seen is in the file, even if the proxy
      // is killed right after.
      await state.writer.add(state.scrubber.recording(recording));
    } catch (error) {
      state.onWarning(`Could not write ${state.writer.file}: ${describe(error)}`);
    }
  }
  writeAnswer(state, response, upstream.statusCode, upstream.headers, headers, answer, decoded !== undefined);
}

/** One forwarded exchange, as the proxy saw it: bytes and headers, unscrubbed. */
interface ForwardedExchange {
  method: string;
  /** The path and query string as the client sent them. */
  url: string;
  contentType: string | undefined;
  requestBody: Buffer;
  status: number;
  /** The answer's headers, one string per lower-case name. */
  headers: Record<string, string>;
  /** The answer's body, without its content coding. */
  answer: Buffer;
}

function recordingOf(state: ProxyState, exchange: ForwardedExchange): SnapshotRecording {
  const { path, query } = splitTrutoUrl(exchange.url);
  const tool = state.toolFor(exchange.method, path);
  return {
    ...(tool !== undefined ? { tool } : {}),
    recordedAt: state.clock().toISOString(),
    request: {
      method: exchange.method,
      path,
      query,
      ...recordedRequestBody(exchange.contentType, parseJson(exchange.requestBody)),
    },
    response: {
      status: exchange.status,
      headers: exchange.headers,
      ...recordedResponseBytes(exchange.headers['content-type'], exchange.answer),
    },
  };
}

/**
 * The real answer, with the real key taken out of its headers and of a JSON or text body: the client never had the
 * key and must not learn it from an upstream that echoes request headers. Binary bodies pass byte for byte.
 */
function writeAnswer(
  state: ProxyState,
  response: ServerResponse,
  status: number,
  rawHeaders: IncomingHttpHeaders,
  headers: Record<string, string>,
  answer: Buffer,
  decoded: boolean,
): void {
  const redact = state.redactForClient;
  const kind = bodyKindOf(headers['content-type']);
  const body = kind === 'binary' || answer.length === 0 ? answer : redactBody(redact, answer);
  for (const [name, value] of Object.entries(rawHeaders)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_HEADERS.has(lower) || (decoded && lower === 'content-encoding')) continue;
    response.setHeader(lower, Array.isArray(value) ? value.map((item) => redact(item)) : redact(String(value)));
  }
  response.setHeader('content-length', String(body.length));
  response.writeHead(status);
  response.end(body);
}

/** The key's redactor keeps JSON valid (it replaces whole characters and escapes), so the text is redacted as it is. */
function redactBody(redact: SecretTextRedactor, bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const clean = redact(text);
  return clean === text ? bytes : Buffer.from(clean, 'utf8');
}

function forwardedHeaders(incoming: IncomingHttpHeaders, apiKey: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    const lower = name.toLowerCase();
    // The client's own credentials stay here; an encoded answer would have to be decoded twice for nothing.
    if (value === undefined || HOP_HEADERS.has(lower) || lower === 'authorization' || lower === 'accept-encoding')
      continue;
    headers[lower] = value;
  }
  headers.authorization = `Bearer ${apiKey}`;
  return headers;
}

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}

/** The body without its content coding, or undefined when it had none we know (then it is passed on as it is). */
function decodeContent(bytes: Buffer, encoding: string | undefined): Buffer | undefined {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity' || bytes.length === 0) return undefined;
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(bytes);
    if (coding === 'deflate') return inflateSync(bytes);
    if (coding === 'br') return brotliDecompressSync(bytes);
  } catch {
    return undefined;
  }
  return undefined;
}

function isAccepted(state: ProxyState, presented: string): boolean {
  return sameText(presented, state.token) || sameText(presented, state.apiKey);
}

/** Constant-time for equal lengths, so the comparison does not tell a guesser how much of a token was right. */
function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left, 'utf8');
  const b = Buffer.from(right, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

/**
 * The whole body, or undefined past `maxBytes`. An oversized request is still read to its end (and dropped), so the
 * 413 reaches a client that is still sending; an oversized answer is cut off at once.
 */
async function readLimited(
  stream: AsyncIterable<Uint8Array>,
  maxBytes: number,
  overflow: 'drain' | 'destroy' = 'destroy',
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total <= maxBytes) chunks.push(Buffer.from(chunk));
    else if (overflow === 'destroy') {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return undefined;
    }
  }
  return total > maxBytes ? undefined : Buffer.concat(chunks, total);
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Truto's error shape, so clients report the proxy's refusals the way they report Truto's. */
function writeTrutoError(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

function pathOnly(url: string | undefined): string {
  const text = url ?? '/';
  const end = text.search(/[?#]/);
  return end === -1 ? text : text.slice(0, end);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
