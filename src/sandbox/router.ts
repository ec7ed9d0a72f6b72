/**
 * Routes one request: control endpoints, the tools catalog, the Proxy API, and `POST /integrated-account/token`.
 * Order of checks for tools and proxy: body size → log → Bearer key or integrated-account token (401) → a token's
 * scope (403) → integrated account (400/404) → account window (429) → queued failure → handler. The hot path (a GET
 * proxy call with the key) does no I/O beyond the socket and no logging.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountTokenCheck } from './account-tokens';
import { handleControl } from './control';
import { SandboxHttpError, trutoError, trutoErrorBody } from './errors';
import { applyFailure } from './faults';
import type { ProxyAnswer } from './handlers/types';
import { readBody, writeChunks, writeJson, writeText } from './http-io';
import {
  type MultipartBody,
  type MultipartError,
  multipartBoundary,
  parseMultipart,
  summariseMultipart,
} from './multipart';
import { type ParsedQuery, parseQuery } from './query';
import { rateLimitHeaders } from './rate-limit-headers';
import { REDACTED_AUTHORIZATION, type SandboxRequestRecord } from './request-log';
import type { SandboxSource, SourceBodyKind, SourceCall, SourceHandler, SourceResource } from './sources/types';
import type { SandboxState } from './state';
import { answerTools } from './tools-endpoint';

type Route =
  | { kind: 'tools'; accountId: string }
  /** `POST /integrated-account/token`: exchanges the API key for an integrated-account token. */
  | { kind: 'account-token' }
  /** The percent-decoded segments after `/proxy/`; the state splits them into resource and id / method. */
  | { kind: 'proxy'; segments: string[] };

type ProxyRoute = { kind: 'proxy'; resource: string; segment?: string };

interface ParsedBody {
  kind: SourceBodyKind;
  /** The JSON value, the parsed form or the text. */
  value?: unknown;
  multipart?: MultipartBody;
  /** Why the body could not be read; answered as a 400 once the caller is authenticated. */
  problem?: string;
}

const NO_BODY: ParsedBody = { kind: 'none' };

export async function handleRequest(
  state: SandboxState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = request.url ?? '/';
  const questionMark = url.indexOf('?');
  const path = questionMark === -1 ? url : url.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : url.slice(questionMark + 1);
  if (path.startsWith('/__sandbox/')) return handleControl(state, request, response, path, rawQuery);
  const route = matchRoute(path);
  if (route === undefined) {
    writeJson(response, 404, trutoErrorBody(404, `No route for ${request.method} ${path}.`));
    return;
  }
  const method = request.method ?? 'GET';
  let bytes: Buffer | undefined;
  // A GET may carry a body too (a vendor's search GET): read it when the request says it has one.
  if (method !== 'HEAD' && (method !== 'GET' || declaresBody(request))) {
    const result = await readBody(request, state.options.maxBodyBytes);
    if ('tooLarge' in result) {
      writeJson(
        response,
        413,
        trutoErrorBody(413, `The request body is larger than ${state.options.maxBodyBytes} bytes.`),
        {
          connection: 'close',
        },
      );
      return;
    }
    bytes = result.bytes;
  }
  const query = parseQuery(rawQuery);
  const contentType = request.headers['content-type'];
  const body =
    bytes !== undefined && bytes.length > 0 ? parseBody(bytes, contentType, state.source.bodyPolicy) : NO_BODY;
  const authorization = request.headers.authorization;
  const byKey = state.isAuthorized(authorization);
  // Only a request that did not bring the key is looked up among tokens: the key's path is unchanged.
  const token: AccountTokenCheck =
    byKey || !state.accountTokens.issuedAny ? { kind: 'unknown' } : state.accountTokens.check(authorization);
  const authenticated = byKey || token.kind === 'valid';
  const record: SandboxRequestRecord = {
    id: state.log.nextId(),
    receivedAt: state.options.clock(),
    route: route.kind,
    method,
    path,
    rawQuery,
    query,
    headers:
      authorization === undefined ? request.headers : { ...request.headers, authorization: REDACTED_AUTHORIZATION },
    authenticated,
    ...(byKey
      ? { credential: 'api-key' as const }
      : token.kind === 'valid'
        ? { credential: 'account-token' as const }
        : {}),
    bodyBytes: bytes?.length ?? 0,
  };
  if (body.value !== undefined) record.body = body.value;
  if (body.multipart !== undefined) record.multipart = summariseMultipart(body.multipart);
  state.log.add(record);

  if (!authenticated) {
    const message =
      authorization === undefined
        ? 'Missing API token. Send it as "Authorization: Bearer <token>".'
        : token.kind === 'expired'
          ? 'The integrated account token has expired. Create a new one with POST /integrated-account/token.'
          : 'Invalid API token. Send a valid token as "Authorization: Bearer <token>".';
    record.status = 401;
    writeJson(response, 401, trutoErrorBody(401, message));
    return;
  }
  try {
    if (route.kind === 'account-token') {
      record.status = 200;
      writeJson(response, 200, issueAccountToken(state, method, body, token));
      return;
    }
    const accountId = route.kind === 'tools' ? route.accountId : query.integrated_account_id;
    if (token.kind === 'valid' && route.kind === 'tools') {
      throw trutoError(
        403,
        'Integrated account tokens are not accepted on /integrated-account/:id/tools. Use your API key to list tools.',
      );
    }
    if (accountId === undefined || accountId === '') {
      throw trutoError(400, "The query parameter 'integrated_account_id' is required.");
    }
    if (token.kind === 'valid' && accountId !== token.accountId) {
      throw trutoError(
        403,
        `This integrated account token is scoped to integrated account ${token.accountId}; it cannot be used for ${typeof accountId === 'string' ? accountId : JSON.stringify(accountId)}.`,
      );
    }
    if (accountId !== state.options.integratedAccountId) {
      throw trutoError(
        404,
        `Integrated account ${typeof accountId === 'string' ? accountId : JSON.stringify(accountId)} not found.`,
      );
    }
    const decision = state.limiter.take(accountId);
    const limitHeaders = rateLimitHeaders(state.options.rateLimitDialect, decision.window);
    if (!decision.allowed) {
      const retryAfter = decision.window.resetSeconds;
      throw trutoError(
        429,
        `Too many requests for integrated account ${accountId}. Retry after ${retryAfter} seconds.`,
        {
          ...limitHeaders,
          'retry-after': String(retryAfter),
        },
      );
    }
    const failure = state.failures.take(route.kind);
    if (failure !== undefined) {
      const outcome = await applyFailure(failure, { request, response, state, window: decision.window });
      if (outcome.kind !== 'continue') {
        if (outcome.status !== undefined) record.status = outcome.status;
        return;
      }
    }
    if (route.kind === 'tools') {
      if (method !== 'GET')
        throw trutoError(405, `The tools endpoint answers GET only, not ${method}.`, { ...limitHeaders, allow: 'GET' });
      record.status = 200;
      writeJson(response, 200, answerTools(state, query), limitHeaders);
      return;
    }
    const { resource, rest } = state.splitProxyPath(route.segments);
    const proxyRoute: ProxyRoute =
      rest.length === 0 ? { kind: 'proxy', resource } : { kind: 'proxy', resource, segment: rest.join('/') };
    await answerProxy(state, proxyRoute, method, path, query, body, contentType, record, response, limitHeaders);
  } catch (error) {
    const answer =
      error instanceof SandboxHttpError
        ? error
        : new SandboxHttpError(500, trutoErrorBody(500, `Sandbox bug: ${String(error)}`));
    record.status = answer.status;
    writeJson(response, answer.status, answer.body, answer.headers);
  }
}

async function answerProxy(
  state: SandboxState,
  route: ProxyRoute,
  method: string,
  path: string,
  query: ParsedQuery,
  body: ParsedBody,
  contentType: string | undefined,
  record: SandboxRequestRecord,
  response: ServerResponse,
  limitHeaders: Record<string, string>,
): Promise<void> {
  const source = state.source;
  const handlers = state.resource(route.resource);
  if (handlers === undefined) {
    throw trutoError(404, `The ${source.label} integration has no resource '${route.resource}'.`, limitHeaders);
  }
  const target = selectHandler(handlers, method, route.segment);
  record.resource = route.resource;
  record.toolMethod = target.toolMethod;
  if (route.segment !== undefined) record.resourceId = route.segment;
  const toolName = state.toolNames.get(`${route.resource} ${target.toolMethod}`);
  if (toolName !== undefined) record.toolName = toolName;
  if (target.handler === undefined) {
    const status = target.unknownMethod ? 404 : 405;
    const message = target.unknownMethod
      ? `Resource '${route.resource}' has no method '${route.segment}'.`
      : `Method '${target.toolMethod}' (${method}) is not supported on resource '${route.resource}'.`;
    throw trutoError(status, message, {
      ...limitHeaders,
      ...(status === 405 ? { allow: allowedMethods(handlers) } : {}),
    });
  }
  if (body.problem !== undefined) throw trutoError(400, body.problem, limitHeaders);
  if (
    source.bodyPolicy === 'json-object' &&
    body.kind === 'json' &&
    (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
  ) {
    throw trutoError(400, 'The request body must be a JSON object.', limitHeaders);
  }
  const upstream = upstreamHeaders(state, source, record.bodyBytes, limitHeaders);
  const call: SourceCall = {
    resource: route.resource,
    method: target.toolMethod,
    httpMethod: method,
    path,
    query,
    bodyKind: body.kind,
    body: body.value,
    nowMs: state.options.clock(),
  };
  if (target.id !== undefined) call.id = target.id;
  if (body.multipart !== undefined) call.multipart = body.multipart;
  if (contentType !== undefined) call.contentType = contentType;
  let answer: ProxyAnswer;
  try {
    answer = target.handler(call);
  } catch (error) {
    // An upstream error comes with the upstream's headers, as Truto forwards them; Truto's own errors do not.
    if (error instanceof SandboxHttpError && error.body.truto_is_remote_error) {
      throw new SandboxHttpError(error.status, error.body, { ...upstream, ...error.headers });
    }
    if (error instanceof SandboxHttpError)
      throw new SandboxHttpError(error.status, error.body, { ...limitHeaders, ...error.headers });
    throw error;
  }
  const status = answer.status ?? 200;
  record.status = status;
  const headers = answer.headers ? { ...upstream, ...answer.headers } : upstream;
  if ('json' in answer) writeJson(response, status, answer.json, headers);
  else if ('text' in answer) writeText(response, status, answer.contentType, answer.text, headers);
  else await writeChunks(response, status, answer.contentType, answer.chunks, headers, state.closing.signal);
}

function upstreamHeaders(
  state: SandboxState,
  source: SandboxSource,
  requestBytes: number,
  limitHeaders: Record<string, string>,
): Record<string, string> {
  const requestId = { 'x-request-id': state.nextRequestId() };
  return state.options.upstreamRateLimitHeaders && source.upstreamHeaders
    ? { ...limitHeaders, ...source.upstreamHeaders(requestBytes), ...requestId }
    : { ...limitHeaders, ...requestId };
}

interface HandlerTarget {
  toolMethod: string;
  handler?: SourceHandler;
  id?: string;
  /** POST /proxy/<resource>/<name> where the resource has no custom method of that name. */
  unknownMethod?: boolean;
}

function selectHandler(handlers: SourceResource, method: string, segment: string | undefined): HandlerTarget {
  const withId = (toolMethod: 'get' | 'update' | 'delete'): HandlerTarget => {
    const handler = handlers[toolMethod];
    return { toolMethod, ...(handler ? { handler } : {}), ...(segment !== undefined ? { id: segment } : {}) };
  };
  switch (method) {
    case 'GET':
      return segment === undefined
        ? { toolMethod: 'list', ...(handlers.list ? { handler: handlers.list } : {}) }
        : withId('get');
    case 'POST': {
      if (segment === undefined)
        return { toolMethod: 'create', ...(handlers.create ? { handler: handlers.create } : {}) };
      const custom = handlers.custom?.[segment];
      return custom ? { toolMethod: segment, handler: custom } : { toolMethod: segment, unknownMethod: true };
    }
    case 'PATCH':
      return segment === undefined ? { toolMethod: 'update' } : withId('update');
    case 'DELETE':
      return segment === undefined ? { toolMethod: 'delete' } : withId('delete');
    default:
      return { toolMethod: method.toLowerCase() };
  }
}

function allowedMethods(handlers: SourceResource): string {
  const allowed = new Set<string>();
  if (handlers.list || handlers.get) allowed.add('GET');
  if (handlers.create || handlers.custom) allowed.add('POST');
  if (handlers.update) allowed.add('PATCH');
  if (handlers.delete) allowed.add('DELETE');
  return [...allowed].join(', ');
}

function matchRoute(path: string): Route | undefined {
  if (path.startsWith('/proxy/')) {
    const raw = path.slice('/proxy/'.length).split('/');
    if (raw[0] === '') return undefined;
    // An id with an unencoded `/` arrives as several segments; the state joins what follows the resource.
    const segments: string[] = [];
    for (const [index, segment] of raw.entries()) {
      if (index > 0 && segment === '') continue;
      const decoded = decodeSegment(segment);
      if (decoded === undefined) return undefined;
      segments.push(decoded);
    }
    return { kind: 'proxy', segments };
  }
  if (path === '/integrated-account/token' || path === '/integrated-account/token/') return { kind: 'account-token' };
  const match = /^\/integrated-account\/([^/]+)\/tools\/?$/.exec(path);
  if (match) {
    const accountId = decodeSegment(match[1]!);
    return accountId === undefined ? undefined : { kind: 'tools', accountId };
  }
  return undefined;
}

/**
 * `POST /integrated-account/token` with `{ integrated_account_id }`, sent with the API key: `{ integrated_account_token }`
 * for that account, as Truto answers (no expiry in the answer; the token lasts `accountTokenTtlSeconds`).
 */
function issueAccountToken(
  state: SandboxState,
  method: string,
  body: ParsedBody,
  token: AccountTokenCheck,
): Record<string, unknown> {
  if (method !== 'POST') throw trutoError(405, `This endpoint answers POST only, not ${method}.`, { allow: 'POST' });
  if (token.kind === 'valid') {
    throw trutoError(403, 'Integrated account tokens cannot create tokens. Use your API key.');
  }
  if (body.problem !== undefined) throw trutoError(400, body.problem);
  const value = body.value as { integrated_account_id?: unknown } | undefined;
  const accountId = value?.integrated_account_id;
  if (typeof accountId !== 'string' || accountId === '') {
    throw trutoError(400, "The body must be a JSON object with an 'integrated_account_id'.");
  }
  if (accountId !== state.options.integratedAccountId)
    throw trutoError(404, `Integrated account ${accountId} not found.`);
  const issued = state.accountTokens.issue(accountId);
  return { integrated_account_token: issued.token };
}

function decodeSegment(segment: string): string | undefined {
  if (segment.indexOf('%') === -1) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseBody(bytes: Buffer, contentType: string | undefined, policy: SandboxSource['bodyPolicy']): ParsedBody {
  const boundary = multipartBoundary(contentType);
  if (boundary !== undefined) {
    try {
      return { kind: 'multipart', multipart: parseMultipart(bytes, boundary) };
    } catch (error) {
      return {
        kind: 'multipart',
        problem: `The multipart body could not be read: ${(error as MultipartError).message}`,
      };
    }
  }
  if (contentType === undefined || /^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    try {
      return { kind: 'json', value: JSON.parse(bytes.toString('utf8')) };
    } catch {
      return { kind: 'json', problem: 'The request body is not valid JSON.' };
    }
  }
  if (policy === 'any') {
    // Vendors take forms and text too; the operation's handler validates what arrived.
    if (/^application\/x-www-form-urlencoded\b/i.test(contentType))
      return { kind: 'form', value: parseQuery(bytes.toString('utf8')) };
    return { kind: 'text', value: bytes.toString('utf8') };
  }
  return {
    kind: 'none',
    problem: `Unsupported Content-Type '${contentType}': send application/json, or multipart/form-data with truto_body_passthrough=true.`,
  };
}

function declaresBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}
