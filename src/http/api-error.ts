import { apiErrorFor, RateLimitError, type TrutoApiError } from '../errors/index.js';
import type { HttpResponse } from './client.js';
import { chooseRetryAfterSeconds, parseRateLimitHeaders } from './rate-limit-headers.js';

/** The typed error for a non-2xx answer; 429s carry their parsed rate-limit facts and the wait to honour. */
export function errorFromResponse(
  response: HttpResponse,
  context: { toolName?: string; requestId?: string; now?: () => Date } = {},
): TrutoApiError {
  const init = {
    status: response.status,
    headers: response.headers,
    body: response.body,
    method: response.method,
    url: response.url,
    ...(context.toolName ? { toolName: context.toolName } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
  if (response.status !== 429) return apiErrorFor(init);
  const rateLimit = parseRateLimitHeaders(response.headers, context.now ? { now: context.now() } : undefined);
  const retryAfterSeconds = chooseRetryAfterSeconds(rateLimit);
  return new RateLimitError({ ...init, rateLimit, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });
}
