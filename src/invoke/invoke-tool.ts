import { randomUUID } from 'node:crypto';
import type { TrutoTool } from '../catalog/truto-tool.js';
import type { CallCredentials } from '../credentials/setup.js';
import { normaliseDateArguments } from '../dates/index.js';
import type { PlainHeaders } from '../errors/index.js';
import { errorFromResponse } from '../http/api-error.js';
import type { HttpClient, HttpRequest, HttpResponse, RequestAuth, RequestBody } from '../http/client.js';
import type { ConcurrencyLimiter } from '../http/concurrency.js';
import { parseRateLimitHeaders } from '../http/rate-limit-headers.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';
import { isIdempotentMethod, type RetryOptions, withRateLimitRetry } from '../http/retry.js';
import { COORDINATION_WAIT_SPAN, GEN_AI_TOOL_NAME } from '../telemetry/attributes.js';
import type { ToolCallTrace, Tracing } from '../telemetry/tracing.js';
import { buildProxyRequest, type ProxyRequest } from './build-request.js';
import type { CallHooks, DryRunRequest, RequestInfo } from './hooks.js';
import { refusePrototypeKeys } from './prototype-keys.js';
import { type CallLimits, type EncodedBody, encodeRequestBody, type RequestBodyContext } from './request-body.js';

export interface DateOptions {
  /** The clock relative dates are resolved against. @default () => new Date() */
  now?: () => Date;
  /** IANA zone for calendar boundaries ("last week" starts at local midnight). @default 'UTC' */
  timeZone?: string;
  /** 0 = Sunday ... 6 = Saturday. @default 1 (Monday) */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** Everything a call needs besides the tool and its arguments; built once per manager. */
export interface InvocationContext {
  client: HttpClient;
  integratedAccountId: string;
  dates: DateOptions;
  limiter: ConcurrencyLimiter;
  /** Opt-in retries; undefined sends each call exactly once. */
  retry?: RetryOptions;
  hooks: CallHooks;
  dryRun: boolean;
  /**
   * Receives every answer's headers and the time they arrived. Parsing them into `RateLimitInfo` is left to
   * whoever reads them (`rateLimits()`), because most answers' limits are never looked at.
   */
  onResponseHeaders?: (toolName: string, headers: PlainHeaders, receivedAtMs: number) => void;
  /**
   * Shares rate-limit knowledge between workers (src/state). `beforeSend` may wait or throw a `RateLimitError`
   * built from shared state; `observe` publishes what each answer said.
   */
  coordinator?: CallCoordinator;
  /** File handling (uploads and downloads); see src/files. */
  files?: RequestBodyContext['files'];
  /**
   * OpenTelemetry (src/telemetry); undefined when the manager's `telemetry` is off or `@opentelemetry/api` is not
   * installed. Even when set, a call makes no span until a tracer provider is registered.
   */
  tracing?: Tracing;
  /**
   * Integrated-account tokens for proxy calls (src/credentials); undefined sends every call with the client's API key,
   * on exactly the path calls took before tokens existed.
   */
  credentials?: CallCredentials;
  onWarning: (message: string) => void;
}

export interface CallCoordinator {
  beforeSend(toolName: string, signal?: AbortSignal): Promise<void>;
  observe(toolName: string, info: RateLimitInfo, status: number): void | Promise<void>;
}

export interface InvokeCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Set by adapters whose framework already validated with `tool.inputSchema` (skips a second parse). */
  validated?: boolean;
  /** Overrides the manager's `dryRun` for this call. */
  dryRun?: boolean;
  /** Extra headers for this call only (an `Idempotency-Key`, say). */
  headers?: Record<string, string>;
  /** The model's id for this call (`gen_ai.tool.call.id` on its span), passed by the framework adapters. */
  toolCallId?: string;
  /** The arguments' date expressions were already resolved (an approved pending call): they are only validated. */
  datesResolved?: boolean;
}

/** What one successful call produced. */
export class ToolCallOutcome {
  /** Parsed JSON (or text, or a file result) exactly as the API answered; a `DryRunRequest` in dry-run mode. */
  readonly data: unknown;
  readonly status: number;
  readonly headers: PlainHeaders;
  /** The arguments after validation and date normalisation: what was actually sent. */
  readonly sentArguments: Record<string, unknown>;
  readonly dryRun: boolean;
  readonly #receivedAtMs: number;
  readonly #call: RequestIdHolder;
  #rateLimit: RateLimitInfo | undefined;

  constructor(init: {
    data: unknown;
    status: number;
    headers: PlainHeaders;
    /** The call's id, or where to make it when first read. */
    requestId: string | RequestIdHolder;
    sentArguments: Record<string, unknown>;
    dryRun?: boolean;
    receivedAtMs?: number;
  }) {
    this.data = init.data;
    this.status = init.status;
    this.headers = init.headers;
    this.#call = typeof init.requestId === 'string' ? { requestId: init.requestId } : init.requestId;
    this.sentArguments = init.sentArguments;
    this.dryRun = init.dryRun ?? false;
    this.#receivedAtMs = init.receivedAtMs ?? Date.now();
  }

  /** The call's UUID, the one hooks, dry runs and API errors carry (and `requestIdHeader` sends). */
  get requestId(): string {
    return requestIdOf(this.#call);
  }

  toJSON(): Record<string, unknown> {
    const { data, status, headers, requestId, sentArguments, dryRun } = this;
    return { data, status, headers, requestId, sentArguments, dryRun };
  }

  /** What the answer's headers said about rate limits (parsed on first read; `{}` when they said nothing). */
  get rateLimit(): RateLimitInfo {
    this.#rateLimit ??= parseRateLimitHeaders(this.headers, { now: this.#receivedAtMs });
    return this.#rateLimit;
  }
}

/** Where a call's request id lives until someone needs it. */
export interface RequestIdHolder {
  requestId: string | undefined;
}

/**
 * A call's id is made on first use: most calls (no hooks, no `requestIdHeader`, no error, only `invoke()`'s data)
 * never read it, and a UUID was a measurable share of the client's per-call cost.
 */
function requestIdOf(holder: RequestIdHolder): string {
  holder.requestId ??= randomUUID();
  return holder.requestId;
}

/** Shared by calls that pass no options: one object less to allocate on every call. */
const NO_OPTIONS: InvokeCallOptions = Object.freeze({});

/**
 * validate → normalise dates → build the Proxy API request → (hooks) → send, with retries if asked → map errors; under
 * an `execute_tool` span when a tracer provider is registered.
 */
export function invokeTool(
  tool: TrutoTool,
  args: unknown,
  context: InvocationContext,
  options: InvokeCallOptions = NO_OPTIONS,
): Promise<ToolCallOutcome> {
  const tracing = context.tracing;
  const tracer = tracing === undefined ? undefined : tracing.tracer();
  if (tracer === undefined) return runToolCall(tool, args, context, options, undefined);
  return tracing!.traceToolCall(
    tracer,
    {
      toolName: tool.name,
      toolCallId: options.toolCallId,
      method: tool.definition.method,
      resource: tool.definition.resource,
      integratedAccountId: context.integratedAccountId,
    },
    (trace) => runToolCall(tool, args, context, options, trace),
  );
}

async function runToolCall(
  tool: TrutoTool,
  args: unknown,
  context: InvocationContext,
  options: InvokeCallOptions,
  trace: ToolCallTrace | undefined,
): Promise<ToolCallOutcome> {
  if (!options.validated) refusePrototypeKeys(tool.name, args);
  const validated = options.validated ? (args as Record<string, unknown>) : tool.validate(args);
  const normalised =
    tool.dateFields.length > 0 && !options.datesResolved
      ? normaliseDateArguments(validated, tool.dateFields, { ...context.dates, toolName: tool.name })
      : validated;
  const proxyRequest = buildProxyRequest(tool.plan, normalised, context.integratedAccountId, tool.name);
  trace?.arguments(normalised, proxyRequest.method);
  // A body that may download files starts the call's clock now: `timeoutMs` bounds downloads and the request together.
  const limits = mayUpload(tool, context) ? callLimits(context, options) : undefined;
  const pending = encodeRequestBody(tool, proxyRequest, context, limits);
  const encoded = pending instanceof Promise ? await pending : pending;
  const call: PreparedCall = {
    tool,
    context,
    options,
    proxyRequest,
    encoded,
    // A holder of its own, so that an outcome kept for later does not keep the whole call alive.
    id: { requestId: undefined },
    normalised,
    headers: callHeaders(encoded.headers, options.headers),
    deadline: limits?.deadline,
    trace,
  };

  if (context.hooks.beforeRequest) {
    const change = await context.hooks.beforeRequest(requestInfo(call));
    if (change?.headers) call.headers = { ...call.headers, ...change.headers };
  }
  if (options.dryRun ?? context.dryRun) {
    const dryRun: DryRunRequest = { dryRun: true, ...requestInfo(call) };
    return new ToolCallOutcome({
      data: dryRun,
      status: 0,
      headers: {},
      requestId: call.id,
      sentArguments: normalised,
      dryRun: true,
    });
  }

  // Only hooks read durations: a clock read per call for nobody is skipped.
  const started = context.hooks.afterResponse || context.hooks.onError ? performance.now() : 0;
  try {
    const response = context.retry
      ? await withRateLimitRetry(() => send(call), {
          ...context.retry,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(trace ? { onRetry: trace.onRetry(context.retry.onRetry) } : {}),
          idempotent:
            context.retry.idempotent ??
            (isIdempotentMethod(proxyRequest.method) ||
              (call.headers !== undefined && 'idempotency-key' in lowerKeys(call.headers))),
        })
      : isPlainSend(call)
        ? checkResponse(call, await context.client.send(httpRequest(call, undefined)))
        : await send(call);
    const outcome = new ToolCallOutcome({
      data: response.body,
      status: response.status,
      headers: response.headers,
      requestId: call.id,
      sentArguments: normalised,
    });
    if (context.hooks.afterResponse) {
      await runObserver(context, () =>
        context.hooks.afterResponse!({
          request: requestInfo(call),
          status: response.status,
          headers: response.headers,
          body: response.body,
          durationMs: performance.now() - started,
          rateLimit: outcome.rateLimit,
        }),
      );
    }
    return outcome;
  } catch (error) {
    if (context.hooks.onError) {
      await runObserver(context, () =>
        context.hooks.onError!({ request: requestInfo(call), error, durationMs: performance.now() - started }),
      );
    }
    throw error;
  }
}

/**
 * One call, ready to send. Plain data read by the functions below rather than closures made per call: on a path that
 * costs a few tens of microseconds in all, three closures (and, in builds that keep function names, a
 * `defineProperty` for each) were a measurable share.
 */
interface PreparedCall {
  id: RequestIdHolder;
  tool: TrutoTool;
  context: InvocationContext;
  options: InvokeCallOptions;
  proxyRequest: ProxyRequest;
  encoded: EncodedBody;
  normalised: Record<string, unknown>;
  /** The call's own headers (body type, caller's, hooks'); the client adds its defaults and the request id. */
  headers: Record<string, string> | undefined;
  /**
   * When the first attempt must be over, for calls whose clock started before sending (file downloads); undefined
   * lets the client start it. A retry after a rate-limit wait gets a fresh `timeoutMs`.
   */
  deadline: number | undefined;
  /** The call's span, when tracing. */
  trace: ToolCallTrace | undefined;
}

function mayUpload(tool: TrutoTool, context: InvocationContext): boolean {
  const files = context.files;
  return files?.encodeMultipart !== undefined && (files.hasFileFields?.(tool) ?? true);
}

function callLimits(context: InvocationContext, options: InvokeCallOptions): CallLimits {
  const timeoutMs = options.timeoutMs ?? context.client.timeoutMs;
  return {
    signal: options.signal,
    timeoutMs,
    deadline: timeoutMs > 0 ? Date.now() + timeoutMs : undefined,
  };
}

function requestInfo(call: PreparedCall): RequestInfo {
  const { context, encoded, proxyRequest } = call;
  return {
    requestId: requestIdOf(call.id),
    toolName: call.tool.name,
    method: proxyRequest.method,
    url: context.client.urlFor(proxyRequest.path, encoded.query),
    headers: context.client.headersFor({ headers: call.headers, requestId: requestIdOf(call.id) }),
    body: encoded.description,
    arguments: call.normalised,
  };
}

/** Through the concurrency limiter when there is a cap; an unbounded limiter would only add a call. */
function send(call: PreparedCall): Promise<HttpResponse> {
  const limiter = call.context.limiter;
  if (limiter.max === Number.POSITIVE_INFINITY) return sendOnce(call);
  const signal = call.options.signal;
  const run =
    call.trace !== undefined && limiter.active >= limiter.max ? queuedRun(call, limiter) : () => sendOnce(call);
  // Only a call that can be aborted while queued needs describing (the error names the call, not the queue).
  return signal === undefined
    ? limiter.run(run, undefined)
    : limiter.run(run, signal, {
        method: call.proxyRequest.method,
        url: call.context.client.urlFor(call.proxyRequest.path, call.encoded.query),
      });
}

/** A traced call that has to wait for a slot: the wait becomes an event on its span when the slot comes. */
function queuedRun(call: PreparedCall, limiter: ConcurrencyLimiter): () => Promise<HttpResponse> {
  const queuedAt = performance.now();
  const ahead = limiter.pending;
  return () => {
    call.trace!.waitedForSlot(performance.now() - queuedAt, ahead);
    return sendOnce(call);
  };
}

/**
 * No limiter, coordinator or body to wait for (a GET, say): `invokeTool` then awaits the client itself, which saves
 * an async frame, a promise and a closure on the most common call (they showed up as GC and microtask time).
 */
function isPlainSend(call: PreparedCall): boolean {
  const { context } = call;
  return (
    context.limiter.max === Number.POSITIVE_INFINITY &&
    context.coordinator === undefined &&
    context.credentials === undefined &&
    call.encoded.body === undefined
  );
}

async function sendOnce(call: PreparedCall): Promise<HttpResponse> {
  const { tool, context, options, encoded } = call;
  if (context.coordinator) await waitForCoordination(call, context.coordinator, tool.name, options.signal);
  const body = encoded.body === undefined ? undefined : await encoded.body();
  const credentials = context.credentials;
  if (credentials === undefined) return checkResponse(call, await context.client.send(httpRequest(call, body)));
  const pending = credentials.auth();
  const auth = pending instanceof Promise ? await pending : pending;
  const response = await context.client.send(httpRequest(call, body, auth));
  if (response.status !== 401) return checkResponse(call, response);
  // A refused token (expired early, revoked) is replaced once and the call sent again: a 401 means nothing was done.
  const renewed = credentials.rejected(auth);
  if (renewed === undefined) return checkResponse(call, response);
  call.trace?.resentAfterRejectedToken();
  const fresh = await renewed;
  const again = encoded.body === undefined ? undefined : await encoded.body();
  return checkResponse(call, await context.client.send(httpRequest(call, again, fresh)));
}

/** The fleet's admission (src/state); a span of its own when tracing, since it may wait for a window to reset. */
function waitForCoordination(
  call: PreparedCall,
  coordinator: CallCoordinator,
  toolName: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const tracing = call.context.tracing;
  const tracer = call.trace === undefined ? undefined : tracing?.tracer();
  if (tracer === undefined) return coordinator.beforeSend(toolName, signal);
  return tracing!.inSpan(tracer, COORDINATION_WAIT_SPAN, { [GEN_AI_TOOL_NAME]: toolName }, () =>
    coordinator.beforeSend(toolName, signal),
  );
}

/** Absent options are passed as undefined, which the client treats as not given: no temporary objects to spread. */
function httpRequest(call: PreparedCall, body: RequestBody | undefined, auth?: RequestAuth): HttpRequest {
  const deadline = call.deadline;
  call.deadline = undefined;
  return {
    method: call.proxyRequest.method,
    path: call.proxyRequest.path,
    query: call.encoded.query,
    headers: call.headers,
    requestId: call.context.client.sendsRequestId ? requestIdOf(call.id) : undefined,
    auth,
    body,
    signal: call.options.signal,
    timeoutMs: call.options.timeoutMs,
    deadline,
    onBinaryBody: call.encoded.onBinaryBody,
  };
}

function checkResponse(call: PreparedCall, response: HttpResponse): HttpResponse {
  const { tool, context } = call;
  observeResponse(tool.name, response, context);
  if (response.status < 200 || response.status >= 300) {
    throw errorFromResponse(response, {
      toolName: tool.name,
      requestId: requestIdOf(call.id),
      ...(context.dates.now ? { now: context.dates.now } : {}),
    });
  }
  return response;
}

function observeResponse(toolName: string, response: HttpResponse, context: InvocationContext): void {
  context.onResponseHeaders?.(toolName, response.headers, Date.now());
  if (!context.coordinator) return;
  const info = parseRateLimitHeaders(response.headers, context.dates.now ? { now: context.dates.now() } : undefined);
  for (const _key in info) {
    // Publishing is best effort: a slow or failed store must not hold up or fail the call.
    void Promise.resolve(context.coordinator.observe(toolName, info, response.status)).catch(() => {});
    return;
  }
}

/** Observers (logging, metrics) must never turn a good call into a failure; their errors become warnings. */
async function runObserver(context: InvocationContext, observe: () => unknown): Promise<void> {
  try {
    await observe();
  } catch (error) {
    context.onWarning(`A hook threw and was ignored: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Undefined when neither adds a header: the client then sends its defaults as they are. */
function callHeaders(
  encoded: Record<string, string>,
  caller: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (caller === undefined) return hasKeys(encoded) ? encoded : undefined;
  return { ...encoded, ...caller };
}

function hasKeys(record: Record<string, string>): boolean {
  for (const _name in record) return true;
  return false;
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const name of Object.keys(headers)) lowered[name.toLowerCase()] = headers[name] as string;
  return lowered;
}
