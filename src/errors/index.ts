/**
 * The SDK's one error hierarchy.
 *
 * TrutoError
 * ├─ TrutoConfigError            bad options at construction (missing key, account id, ...)
 * ├─ ToolInputError              the model's (or caller's) arguments are wrong; nothing was sent
 * │   └─ FileReferenceError      a file reference is unreadable, outside the root, too big, ...
 * ├─ DateExpressionError         a date expression cannot be read (thrown by resolveDateRange)
 * ├─ ToolNotFoundError           no tool of that name in the catalog
 * ├─ TrutoApiError               the API answered non-2xx (status, headers, body, method, url)
 * │   ├─ BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404,
 * │   │  ConflictError 409, UnprocessableEntityError 422, RateLimitError 429, InternalServerError ≥ 500
 * ├─ TrutoResponseError          the answer could not be read (invalid JSON, truncated, too large)
 * └─ TrutoConnectionError        no answer at all (reset, refused, DNS)
 *     ├─ TrutoTimeoutError       the request took longer than its timeout
 *     └─ TrutoAbortError         the caller aborted through an AbortSignal
 *
 * Every error is JSON-serialisable through `toJSON()` and never carries the API key: messages are built
 * from URLs and bodies that the HTTP layer has already redacted.
 */

const MARKER = Symbol.for('truto-langchainjs-toolset.error');

export type PlainHeaders = Record<string, string>;

export class TrutoError extends Error {
  /** Lets `isInstance` work across two loaded copies of the package. */
  readonly [MARKER] = true;
  /** A stable, machine-readable kind (`rate_limited`, `invalid_arguments`, ...). */
  readonly code: string = 'truto_error';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }

  static isInstance(value: unknown): value is TrutoError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

export class TrutoConfigError extends TrutoError {
  override readonly code: string = 'invalid_config';
}

/** One problem with one argument, phrased so a model can fix it. */
export interface ToolInputIssue {
  /** Dotted path of the field (`start_time`, `group_by.0`); empty for the whole object. */
  path: string;
  message: string;
  /** What the field accepts, when known (`integer`, `one of: 1d, 1h`). */
  expected?: string;
  /** A short rendering of what was given. */
  received?: string;
}

export class ToolInputError extends TrutoError {
  override readonly code: string = 'invalid_arguments';
  readonly toolName: string;
  readonly issues: ToolInputIssue[];

  constructor(toolName: string, issues: ToolInputIssue[], options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? formatInputIssues(toolName, issues), options);
    this.toolName = toolName;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), tool: this.toolName, issues: this.issues };
  }
}

export class FileReferenceError extends ToolInputError {
  override readonly code: string = 'invalid_file_reference';
}

function formatInputIssues(toolName: string, issues: ToolInputIssue[]): string {
  const lines = issues.map((issue) => {
    const field = issue.path === '' ? '(arguments)' : issue.path;
    const expected = issue.expected ? ` (expected ${issue.expected})` : '';
    const received = issue.received !== undefined ? `; received ${issue.received}` : '';
    return `- ${field}: ${issue.message}${expected}${received}`;
  });
  return `Invalid arguments for tool "${toolName}"; nothing was sent. Fix these fields and call again:\n${lines.join('\n')}`;
}

export class DateExpressionError extends TrutoError {
  override readonly code: string = 'invalid_date_expression';
  readonly input: unknown;

  constructor(input: unknown, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.input = input;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), input: this.input };
  }
}

export class ToolNotFoundError extends TrutoError {
  override readonly code: string = 'tool_not_found';
  readonly toolName: string;

  constructor(toolName: string, known: readonly string[] = []) {
    const hint = known.length > 0 ? ` Known tools include: ${known.slice(0, 10).join(', ')}.` : '';
    super(`No tool named "${toolName}" in this integrated account's catalog.${hint}`);
    this.toolName = toolName;
  }
}

/** The shape the seed's agent loop reads: `error.response.status`, `error.response.headers['ratelimit-reset']`. */
export interface ApiErrorResponse {
  status: number;
  /** Lower-case header names; multiple values joined with `, `. */
  headers: PlainHeaders;
  /** Parsed JSON body, the text when it is not JSON, or undefined when empty. */
  data: unknown;
}

export interface TrutoApiErrorInit {
  status: number;
  headers: PlainHeaders;
  body: unknown;
  method: string;
  /** Already redacted: never contains the API key. */
  url: string;
  requestId?: string;
  toolName?: string;
  message?: string;
}

export class TrutoApiError extends TrutoError {
  override readonly code: string = 'api_error';
  readonly status: number;
  readonly headers: PlainHeaders;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
  readonly requestId?: string;
  readonly toolName?: string;
  /** Axios-style view, so loops written against Truto's examples keep working. */
  readonly response: ApiErrorResponse;
  /** True when Truto says the error came from the third-party API (`truto_is_remote_error`). */
  readonly isRemoteError: boolean;

  constructor(init: TrutoApiErrorInit) {
    super(init.message ?? describeApiError(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.toolName !== undefined) this.toolName = init.toolName;
    this.response = { status: init.status, headers: init.headers, data: init.body };
    this.isRemoteError = isRecord(init.body) && init.body.truto_is_remote_error === true;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      method: this.method,
      url: this.url,
      ...(this.toolName ? { tool: this.toolName } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
      body: this.body,
    };
  }
}

export class BadRequestError extends TrutoApiError {
  override readonly code: string = 'bad_request';
}
export class AuthenticationError extends TrutoApiError {
  override readonly code: string = 'unauthorized';
}
export class PermissionDeniedError extends TrutoApiError {
  override readonly code: string = 'forbidden';
}
export class NotFoundError extends TrutoApiError {
  override readonly code: string = 'not_found';
}
export class ConflictError extends TrutoApiError {
  override readonly code: string = 'conflict';
}
export class UnprocessableEntityError extends TrutoApiError {
  override readonly code: string = 'unprocessable_entity';
}
export class InternalServerError extends TrutoApiError {
  override readonly code: string = 'server_error';
}

/** Parsed rate-limit facts; the full shape lives in `http/rate-limit-headers.ts`. */
export interface RateLimitErrorInit extends TrutoApiErrorInit {
  rateLimit: import('../http/rate-limit-types.js').RateLimitInfo;
  /** The wait chosen for the caller: Retry-After > RateLimit reset > upstream reset. */
  retryAfterSeconds?: number;
}

export class RateLimitError extends TrutoApiError {
  override readonly code: string = 'rate_limited';
  readonly rateLimit: import('../http/rate-limit-types.js').RateLimitInfo;
  readonly retryAfterSeconds?: number;

  constructor(init: RateLimitErrorInit) {
    super({ ...init, message: init.message ?? describeRateLimit(init) });
    this.rateLimit = init.rateLimit;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterSeconds: this.retryAfterSeconds, rateLimit: this.rateLimit };
  }
}

/**
 * Why an answer could not be read. `truncated` (the connection closed mid-body) is the one a retry may fix, so the
 * retry policy needs to tell it apart from a body that arrived whole but was not JSON, was too large, or nested
 * deeper than any API answer does (`too_deep`: see MAX_JSON_DEPTH in src/http/client.ts).
 */
export type ResponseProblem = 'invalid_json' | 'truncated' | 'too_large' | 'too_deep';

export class TrutoResponseError extends TrutoError {
  override readonly code: string = 'invalid_response';
  readonly status?: number;
  readonly method: string;
  readonly url: string;
  readonly reason?: ResponseProblem;

  constructor(init: {
    message: string;
    method: string;
    url: string;
    status?: number;
    reason?: ResponseProblem;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
    if (init.status !== undefined) this.status = init.status;
    if (init.reason !== undefined) this.reason = init.reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, reason: this.reason, method: this.method, url: this.url };
  }
}

export class TrutoConnectionError extends TrutoError {
  override readonly code: string = 'connection_error';
  readonly method: string;
  readonly url: string;

  constructor(init: { message?: string; method: string; url: string; cause?: unknown }) {
    super(init.message ?? `Could not reach ${init.method} ${init.url}: ${causeMessage(init.cause)}`, {
      cause: init.cause,
    });
    this.method = init.method;
    this.url = init.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url };
  }
}

export class TrutoTimeoutError extends TrutoConnectionError {
  override readonly code: string = 'timeout';
  readonly timeoutMs: number;

  constructor(init: { method: string; url: string; timeoutMs: number; cause?: unknown }) {
    super({ ...init, message: `${init.method} ${init.url} timed out after ${init.timeoutMs} ms.` });
    this.timeoutMs = init.timeoutMs;
  }
}

export class TrutoAbortError extends TrutoConnectionError {
  override readonly code: string = 'aborted';

  constructor(init: { method: string; url: string; cause?: unknown }) {
    super({ ...init, message: `${init.method} ${init.url} was aborted by the caller.` });
  }
}

const STATUS_CLASSES: Record<number, typeof TrutoApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
};

/** Maps a non-2xx answer to its class (429 is built by the caller, which has parsed the rate-limit headers). */
export function apiErrorFor(init: TrutoApiErrorInit): TrutoApiError {
  const ErrorClass = STATUS_CLASSES[init.status] ?? (init.status >= 500 ? InternalServerError : TrutoApiError);
  return new ErrorClass(init);
}

function describeApiError(init: TrutoApiErrorInit): string {
  const detail = upstreamMessage(init.body);
  const tool = init.toolName ? `Tool "${init.toolName}": ` : '';
  return `${tool}${init.method} ${init.url} failed with ${init.status}${detail ? `: ${detail}` : '.'}`;
}

function describeRateLimit(init: RateLimitErrorInit): string {
  const detail = upstreamMessage(init.body);
  const wait =
    init.retryAfterSeconds !== undefined
      ? `Retry after ${formatSeconds(init.retryAfterSeconds)}.`
      : 'The answer gave no reset time; wait before retrying.';
  const tool = init.toolName ? `Tool "${init.toolName}": ` : '';
  return `${tool}rate limited (429) on ${init.method} ${init.url}. ${wait}${detail ? ` Upstream said: ${detail}` : ''}`;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? `${seconds} s` : `${seconds.toFixed(3).replace(/0+$/, '')} s`;
}

/**
 * The most specific human message in an error body: Truto wraps upstream errors
 * (`{ message, raw_response: { error: { message } } }`) and OpenAI nests its own under `error`.
 */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
  if (!isRecord(body)) return undefined;
  const raw = body.raw_response;
  const fromRaw = raw !== undefined && raw !== body ? upstreamMessage(raw) : undefined;
  if (fromRaw) return fromRaw;
  if (isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
  if (typeof body.message === 'string') return body.message;
  if (typeof body.error === 'string') return body.error;
  return undefined;
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
