/**
 * Spans for what the SDK does: one per tool call (GenAI "execute tool" conventions, see attributes.ts), and one each
 * for catalog loads, tool selection, coordination waits and account-token refreshes. Spans start under the active
 * context (`context.active()`), so they nest under the agent's own spans — the AI SDK's `ai.toolCall`, a LangGraph
 * node an application wrapped in `startActiveSpan`, LangSmith's OpenTelemetry spans — as long as the application
 * registered a context manager (the OpenTelemetry Node SDK does); the tool call's span is itself made active while
 * the call runs, so HTTP instrumentation and our own child spans nest under it.
 *
 * Nothing here runs without a registered tracer provider: `tracer()` answers undefined and callers skip tracing.
 * Headers, URLs (whose query holds argument values) and error messages (which may quote them) are never recorded;
 * arguments and results only with `recordInputs` / `recordOutputs`.
 */
import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import { TrutoError } from '../errors/index.js';
import {
  CONCURRENCY_WAIT_EVENT,
  ERROR_TYPE,
  EXECUTE_TOOL_OPERATION,
  GEN_AI_OPERATION_NAME,
  GEN_AI_TOOL_CALL_ARGUMENTS,
  GEN_AI_TOOL_CALL_ID,
  GEN_AI_TOOL_CALL_RESULT,
  GEN_AI_TOOL_NAME,
  GEN_AI_TOOL_TYPE,
  HTTP_REQUEST_METHOD,
  HTTP_RESPONSE_STATUS_CODE,
  RETRY_EVENT,
  TOKEN_REJECTED_EVENT,
  TOOL_TYPE,
  TRUTO_DRY_RUN,
  TRUTO_ERROR_CODE,
  TRUTO_INTEGRATED_ACCOUNT_ID,
  TRUTO_RATE_LIMIT_LIMIT,
  TRUTO_RATE_LIMIT_REMAINING,
  TRUTO_RATE_LIMIT_RESET_SECONDS,
  TRUTO_REQUEST_ID,
  TRUTO_RESPONSE_REQUEST_ID,
  TRUTO_RETRIES,
  TRUTO_TOOL_METHOD,
  TRUTO_TOOL_RESOURCE,
} from './attributes.js';
import { loadOpenTelemetry, type OpenTelemetryApi } from './open-telemetry.js';
import { DEFAULT_MAX_RECORDED_CHARS, type TelemetryOptions, TRACER_NAME } from './options.js';

/** What a tool call's span is told at the start. */
export interface ToolCallSpanInit {
  toolName: string;
  /** The model's id for this call, when an adapter knows it. */
  toolCallId?: string | undefined;
  /** Truto's method (`list`, `create`, a custom method). */
  method: string;
  resource: string;
  integratedAccountId: string;
}

/** What a finished call tells its span; a `ToolCallOutcome` fits. */
export interface TracedOutcome {
  data: unknown;
  status: number;
  headers: Record<string, string | undefined>;
  requestId: string;
  dryRun: boolean;
  rateLimit: { remaining?: number; limit?: number; resetSeconds?: number };
}

/** A provider as `@opentelemetry/api`'s proxy exposes it: `getDelegate` tells whether one was registered. */
interface ProxyLikeProvider {
  getTracer(name: string, version?: string): Tracer;
  getDelegate?: () => unknown;
  getDelegateTracer?: (name: string, version?: string) => Tracer | undefined;
}

const NOT_LOOKED_UP = Symbol('not looked up');

export class Tracing {
  readonly recordInputs: boolean;
  readonly recordOutputs: boolean;
  readonly maxRecordedChars: number;
  readonly #api: OpenTelemetryApi;
  readonly #provider: ProxyLikeProvider | undefined;
  /** The registered provider the cached tracer came from: a new registration is noticed on the next call. */
  #delegate: unknown = NOT_LOOKED_UP;
  #tracer: Tracer | undefined;

  /** Tracing for a manager, or undefined when it is off or `@opentelemetry/api` is not installed. */
  static create(options: TelemetryOptions | false | undefined): Tracing | undefined {
    if (options === false || options?.enabled === false) return undefined;
    const api = loadOpenTelemetry();
    return api === undefined ? undefined : new Tracing(api, options ?? {});
  }

  constructor(api: OpenTelemetryApi, options: TelemetryOptions) {
    this.#api = api;
    this.#provider = options.tracerProvider as ProxyLikeProvider | undefined;
    this.recordInputs = options.recordInputs ?? false;
    this.recordOutputs = options.recordOutputs ?? false;
    this.maxRecordedChars = options.maxRecordedChars ?? DEFAULT_MAX_RECORDED_CHARS;
  }

  /**
   * The tracer to use now, or undefined while no tracer provider is registered: one global read and a comparison per
   * call. The API's global provider is a proxy whose `getDelegate()` is its no-op provider until an SDK registers
   * one, and whose `getDelegateTracer()` is undefined until then (ProxyTracerProvider in `@opentelemetry/api`).
   */
  tracer(): Tracer | undefined {
    const provider = this.#provider ?? (this.#api.trace.getTracerProvider() as ProxyLikeProvider);
    const delegate = provider.getDelegate ? provider.getDelegate() : provider;
    if (delegate !== this.#delegate) {
      this.#delegate = delegate;
      this.#tracer = provider.getDelegateTracer
        ? provider.getDelegateTracer(TRACER_NAME)
        : provider.getTracer(TRACER_NAME);
    }
    return this.#tracer;
  }

  /**
   * Runs a tool call under its `execute_tool <name>` span, made the active span while it runs. `run` gets the span's
   * handle for what only the call knows (arguments, retries); the outcome or error closes the span.
   */
  traceToolCall<Outcome extends TracedOutcome>(
    tracer: Tracer,
    init: ToolCallSpanInit,
    run: (trace: ToolCallTrace) => Promise<Outcome>,
  ): Promise<Outcome> {
    const api = this.#api;
    const parent = api.context.active();
    const attributes: Attributes = {
      [GEN_AI_OPERATION_NAME]: EXECUTE_TOOL_OPERATION,
      [GEN_AI_TOOL_NAME]: init.toolName,
      [GEN_AI_TOOL_TYPE]: TOOL_TYPE,
      [TRUTO_TOOL_METHOD]: init.method,
      [TRUTO_TOOL_RESOURCE]: init.resource,
      [TRUTO_INTEGRATED_ACCOUNT_ID]: init.integratedAccountId,
    };
    if (init.toolCallId !== undefined) attributes[GEN_AI_TOOL_CALL_ID] = init.toolCallId;
    const span = tracer.startSpan(
      `${EXECUTE_TOOL_OPERATION} ${init.toolName}`,
      { kind: api.SpanKind.INTERNAL, attributes },
      parent,
    );
    const trace = new ToolCallTrace(span, this);
    const active = api.trace.setSpan(parent, span);
    return api.context
      .with(active, () => run(trace))
      .then(
        (outcome) => {
          trace.succeeded(outcome);
          return outcome;
        },
        (error: unknown) => {
          trace.failed(error);
          throw error;
        },
      );
  }

  /** Runs `work` under a span of its own (catalog loads, selection, waits), made active while it runs. */
  inSpan<T>(tracer: Tracer, name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
    const api = this.#api;
    const parent: Context = api.context.active();
    const span = tracer.startSpan(name, { kind: api.SpanKind.INTERNAL, attributes }, parent);
    return api.context
      .with(api.trace.setSpan(parent, span), () => work(span))
      .then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          markFailed(span, error, this.#api);
          span.end();
          throw error;
        },
      );
  }

  /** The API's `SpanStatusCode.ERROR`, for the span handles. */
  get errorStatus(): number {
    return this.#api.SpanStatusCode.ERROR;
  }

  /** Text for an opt-in attribute: JSON, cut to `maxRecordedChars`. */
  recorded(value: unknown): string {
    let text: string;
    try {
      text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    } catch {
      text = String(value);
    }
    const limit = this.maxRecordedChars;
    return text.length <= limit
      ? text
      : `${text.slice(0, limit)}… [${text.length - limit} more characters not recorded]`;
  }
}

/** A tool call's span while the call runs. */
export class ToolCallTrace {
  readonly span: Span;
  readonly #tracing: Tracing;
  #retries = 0;

  constructor(span: Span, tracing: Tracing) {
    this.span = span;
    this.#tracing = tracing;
  }

  /** The arguments as they will be sent (validated, dates resolved): recorded only with `recordInputs`. */
  arguments(args: Record<string, unknown>, httpMethod: string): void {
    this.span.setAttribute(HTTP_REQUEST_METHOD, httpMethod);
    if (this.#tracing.recordInputs) this.span.setAttribute(GEN_AI_TOOL_CALL_ARGUMENTS, this.#tracing.recorded(args));
  }

  /** Wraps the retry loop's `onRetry` so that each retry and its wait become an event on the span. */
  onRetry<Info extends { attempt: number; reason: string; delayMs: number; retryAfterSeconds?: number }>(
    inner: ((info: Info) => void) | undefined,
  ): (info: Info) => void {
    return (info) => {
      this.#retries++;
      const event: Attributes = { attempt: info.attempt, reason: info.reason, wait_ms: Math.round(info.delayMs) };
      if (info.retryAfterSeconds !== undefined) event.retry_after_seconds = info.retryAfterSeconds;
      this.span.addEvent(RETRY_EVENT, event);
      inner?.(info);
    };
  }

  /** The call waited `waitMs` for a `maxConcurrency` slot behind `queuedAhead` others. */
  waitedForSlot(waitMs: number, queuedAhead: number): void {
    this.span.addEvent(CONCURRENCY_WAIT_EVENT, { wait_ms: Math.round(waitMs), queued_ahead: queuedAhead });
  }

  /** Truto answered 401 to the account token; the call goes again with a new one (the token is never recorded). */
  resentAfterRejectedToken(): void {
    this.span.addEvent(TOKEN_REJECTED_EVENT, { [HTTP_RESPONSE_STATUS_CODE]: 401 });
  }

  succeeded(outcome: TracedOutcome): void {
    const span = this.span;
    if (outcome.dryRun) span.setAttribute(TRUTO_DRY_RUN, true);
    else {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, outcome.status);
      const upstreamId = outcome.headers['x-request-id'];
      if (upstreamId !== undefined) span.setAttribute(TRUTO_RESPONSE_REQUEST_ID, upstreamId);
      const { remaining, limit, resetSeconds } = outcome.rateLimit;
      if (remaining !== undefined) span.setAttribute(TRUTO_RATE_LIMIT_REMAINING, remaining);
      if (limit !== undefined) span.setAttribute(TRUTO_RATE_LIMIT_LIMIT, limit);
      if (resetSeconds !== undefined) span.setAttribute(TRUTO_RATE_LIMIT_RESET_SECONDS, resetSeconds);
    }
    span.setAttribute(TRUTO_REQUEST_ID, outcome.requestId);
    if (this.#retries > 0) span.setAttribute(TRUTO_RETRIES, this.#retries);
    if (this.#tracing.recordOutputs) span.setAttribute(GEN_AI_TOOL_CALL_RESULT, this.#tracing.recorded(outcome.data));
    span.end();
  }

  failed(error: unknown): void {
    const span = this.span;
    const details = error as {
      status?: unknown;
      requestId?: unknown;
      rateLimit?: { remaining?: unknown; limit?: unknown; resetSeconds?: unknown };
    };
    if (typeof details.status === 'number') span.setAttribute(HTTP_RESPONSE_STATUS_CODE, details.status);
    if (typeof details.requestId === 'string') span.setAttribute(TRUTO_REQUEST_ID, details.requestId);
    // A 429 says when the window resets: what an operator looks for first.
    const limits = details.rateLimit;
    if (typeof limits?.remaining === 'number') span.setAttribute(TRUTO_RATE_LIMIT_REMAINING, limits.remaining);
    if (typeof limits?.limit === 'number') span.setAttribute(TRUTO_RATE_LIMIT_LIMIT, limits.limit);
    if (typeof limits?.resetSeconds === 'number')
      span.setAttribute(TRUTO_RATE_LIMIT_RESET_SECONDS, limits.resetSeconds);
    if (this.#retries > 0) span.setAttribute(TRUTO_RETRIES, this.#retries);
    span.setAttribute(ERROR_TYPE, errorType(error));
    if (TrutoError.isInstance(error)) span.setAttribute(TRUTO_ERROR_CODE, error.code);
    // The class, never the message: messages can quote arguments and answers.
    span.setStatus({ code: this.#tracing.errorStatus, message: errorType(error) });
    span.end();
  }
}

function markFailed(span: Span, error: unknown, api: OpenTelemetryApi): void {
  span.setAttribute(ERROR_TYPE, errorType(error));
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: errorType(error) });
}

/** A low-cardinality error class, as `error.type` asks: the error's class name, else `_OTHER`. */
function errorType(error: unknown): string {
  return error instanceof Error && error.name ? error.name : '_OTHER';
}
