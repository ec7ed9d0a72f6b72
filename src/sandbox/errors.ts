/**
 * Error answers the way Truto writes them. Truto's own refusals carry `{ statusCode, error, message }`; errors that
 * came from the API behind the account (OpenAI here) add `truto_is_remote_error: true` and the upstream body in
 * `raw_response`, which for OpenAI is `{ error: { message, type, param, code } }`.
 */
import { STATUS_CODES } from 'node:http';

export interface TrutoErrorBody {
  statusCode: number;
  error: string;
  message: string;
  truto_is_remote_error?: true;
  raw_response?: unknown;
}

/** OpenAI's error object (`ErrorResponse.error` in the spec). */
export interface OpenAiErrorDetail {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Thrown by handlers and caught by the router, which writes it as the answer. */
export class SandboxHttpError extends Error {
  readonly status: number;
  readonly body: TrutoErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: TrutoErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.name = 'SandboxHttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

export function trutoErrorBody(status: number, message: string): TrutoErrorBody {
  return { statusCode: status, error: statusText(status), message };
}

export function remoteErrorBody(status: number, detail: OpenAiErrorDetail): TrutoErrorBody {
  return {
    statusCode: status,
    error: statusText(status),
    message: detail.message,
    truto_is_remote_error: true,
    raw_response: { error: detail },
  };
}

/** An error Truto raises itself (auth, routing, its own limits). */
export function trutoError(status: number, message: string, headers?: Record<string, string>): SandboxHttpError {
  return new SandboxHttpError(status, trutoErrorBody(status, message), headers);
}

/** An error OpenAI raised, passed through Truto. */
export function remoteError(
  status: number,
  detail: Partial<OpenAiErrorDetail> & { message: string },
  headers?: Record<string, string>,
): SandboxHttpError {
  const full: OpenAiErrorDetail = {
    message: detail.message,
    type: detail.type ?? 'invalid_request_error',
    param: detail.param ?? null,
    code: detail.code ?? null,
  };
  return new SandboxHttpError(status, remoteErrorBody(status, full), headers);
}

/** OpenAI's 400 for a required parameter that was not sent. */
export function missingParameter(name: string): SandboxHttpError {
  return remoteError(400, {
    message: `Missing required parameter: '${name}'.`,
    param: name,
    code: 'missing_required_parameter',
  });
}

/** OpenAI's 400 for a parameter of the wrong type. */
export function invalidType(name: string, expected: string, received: unknown): SandboxHttpError {
  return remoteError(400, {
    message: `Invalid type for '${name}': expected ${expected}, but got ${describe(received)} instead.`,
    param: name,
    code: 'invalid_type',
  });
}

/** OpenAI's 400 for a parameter outside its allowed values. */
export function invalidValue(name: string, received: unknown, allowed: string): SandboxHttpError {
  return remoteError(400, {
    message: `Invalid value for '${name}': ${describe(received)}. ${allowed}`,
    param: name,
    code: 'invalid_value',
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
