/**
 * The headers OpenAI puts on every answer, which Truto forwards: `x-ratelimit-*` per requests and tokens (Go
 * durations for resets) and `x-request-id`. Like the account headers when unenforced, the budget is a snapshot of
 * a quiet organisation: each answer spends one request and a token estimate from its own size, so the same request
 * always gets the same headers.
 */
import { formatGoDuration } from './go-duration';

/** A tier-4-like organisation: 10,000 requests and 2,000,000 tokens per minute. */
export const UPSTREAM_REQUESTS_PER_MINUTE = 10_000;
export const UPSTREAM_TOKENS_PER_MINUTE = 2_000_000;

const REQUEST_RESET = formatGoDuration(60_000 / UPSTREAM_REQUESTS_PER_MINUTE);

/** Headers for one answer; `requestBytes` drives the token estimate (about four bytes a token). */
export function upstreamRateLimitHeaders(requestBytes: number): Record<string, string> {
  const tokens = 16 + Math.ceil(requestBytes / 4);
  return {
    'x-ratelimit-limit-requests': String(UPSTREAM_REQUESTS_PER_MINUTE),
    'x-ratelimit-remaining-requests': String(UPSTREAM_REQUESTS_PER_MINUTE - 1),
    'x-ratelimit-reset-requests': REQUEST_RESET,
    'x-ratelimit-limit-tokens': String(UPSTREAM_TOKENS_PER_MINUTE),
    'x-ratelimit-remaining-tokens': String(UPSTREAM_TOKENS_PER_MINUTE - tokens),
    // At least 1ms: Go would print sub-millisecond waits in µs, which few clients expect from OpenAI.
    'x-ratelimit-reset-tokens': formatGoDuration(Math.max(1, (tokens * 60_000) / UPSTREAM_TOKENS_PER_MINUTE)),
  };
}
