/**
 * The ready-made answers of `failNext({ status })`: Truto's own errors, and OpenAI's errors as Truto passes them
 * through (with OpenAI's headers). A failure's own `body` and `headers` replace the preset's.
 */
import { ORGANIZATION_ID } from './data/organization';
import { type OpenAiErrorDetail, remoteErrorBody, trutoErrorBody } from './errors';
import type { SandboxFailure } from './failure';
import { formatGoDuration } from './go-duration';
import { type RateLimitWindow, rateLimitHeaders } from './rate-limit-headers';
import type { SandboxState } from './state';
import { upstreamRateLimitHeaders } from './upstream-headers';

export interface PresetAnswer {
  status: number;
  headers: Record<string, string>;
  /** An object is sent as JSON, a string as is. */
  body: unknown;
}

/** The model, limit and wait of OpenAI's requests-per-minute 429. */
const UPSTREAM_RPM_LIMIT = 500;
const UPSTREAM_RETRY_MS = 120;

const TRUTO_MESSAGES: Readonly<Record<number, string>> = {
  400: 'The request could not be understood.',
  401: 'Invalid API token. Pass a valid token as "Authorization: Bearer <token>".',
  403: 'This API token may not access this integrated account.',
  404: 'Not found.',
  500: 'Something went wrong on our side. Please try again.',
  502: 'The integration did not answer properly.',
  503: 'The integrated account is blocked because its connection needs attention. Reconnect it before retrying.',
  504: 'The integration took too long to answer.',
};

const OPENAI_ERRORS: Readonly<Record<number, Omit<OpenAiErrorDetail, 'param'>>> = {
  400: {
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
    type: 'invalid_request_error',
    code: null,
  },
  401: {
    message:
      'Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  403: {
    message: 'You have insufficient permissions for this operation. Missing scopes: api.usage.read.',
    type: 'invalid_request_error',
    code: null,
  },
  404: {
    message: 'The model `gpt-4o-preview` does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message: `Rate limit reached for gpt-4o in organization ${ORGANIZATION_ID} on requests per min (RPM): Limit ${UPSTREAM_RPM_LIMIT}, Used ${UPSTREAM_RPM_LIMIT}, Requested 1. Please try again in ${UPSTREAM_RETRY_MS}ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

const INSUFFICIENT_QUOTA: Omit<OpenAiErrorDetail, 'param'> = {
  message:
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  type: 'insufficient_quota',
  code: 'insufficient_quota',
};

export function presetAnswer(failure: SandboxFailure, state: SandboxState, window: RateLimitWindow): PresetAnswer {
  const status = failure.status ?? 500;
  const preset =
    failure.upstream === 'openai' ? openAiPreset(failure, status, state) : trutoPreset(failure, status, state, window);
  return {
    status,
    headers: { ...preset.headers, ...failure.headers },
    body: failure.body !== undefined ? failure.body : preset.body,
  };
}

function trutoPreset(
  failure: SandboxFailure,
  status: number,
  state: SandboxState,
  window: RateLimitWindow,
): PresetAnswer {
  const dialect = state.options.rateLimitDialect;
  if (status === 429) {
    const retryAfter = failure.retryAfterSeconds ?? 10;
    return {
      status,
      headers: {
        'retry-after': String(retryAfter),
        ...rateLimitHeaders(dialect, { ...window, remaining: 0, resetSeconds: retryAfter }),
      },
      body: trutoErrorBody(
        429,
        `Too many requests for integrated account ${state.options.integratedAccountId}. Retry after ${retryAfter} seconds.`,
      ),
    };
  }
  return {
    status,
    headers: rateLimitHeaders(dialect, window),
    body: trutoErrorBody(status, TRUTO_MESSAGES[status] ?? `The sandbox was told to answer ${status}.`),
  };
}

function openAiPreset(failure: SandboxFailure, status: number, state: SandboxState): PresetAnswer {
  const quota = status === 429 && failure.code === 'insufficient_quota';
  const base = quota
    ? INSUFFICIENT_QUOTA
    : (OPENAI_ERRORS[status] ?? { message: `Upstream answered ${status}.`, type: 'api_error', code: null });
  const detail: OpenAiErrorDetail = { ...base, param: null, code: failure.code ?? base.code };
  const headers: Record<string, string> = { 'x-request-id': state.nextRequestId(), ...upstreamRateLimitHeaders(0) };
  if (status === 429 && !quota) {
    // A requests-per-minute limit: OpenAI says so in its own headers, and Truto normalises them into ratelimit-*.
    const retryAfter = failure.retryAfterSeconds ?? 1;
    Object.assign(
      headers,
      {
        'x-ratelimit-limit-requests': String(UPSTREAM_RPM_LIMIT),
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': formatGoDuration(UPSTREAM_RETRY_MS),
        'retry-after': String(retryAfter),
      },
      rateLimitHeaders(state.options.rateLimitDialect, {
        limit: UPSTREAM_RPM_LIMIT,
        remaining: 0,
        resetSeconds: retryAfter,
        windowSeconds: 60,
      }),
    );
  }
  return { status, headers, body: remoteErrorBody(status, detail) };
}
