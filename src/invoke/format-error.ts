import {
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
  ToolInputError,
  TrutoAbortError,
  TrutoApiError,
  TrutoConnectionError,
  TrutoError,
  TrutoTimeoutError,
  upstreamMessage,
} from '../errors/index.js';

/** How a failed call reaches the model. */
export type ErrorMode = 'throw' | 'return';

/**
 * Errors the agent loop itself must see, whatever the mode: a 429 (the loop decides when to come back), bad
 * credentials (no model can fix them), and the caller's own abort.
 */
export function mustThrow(error: unknown): boolean {
  return (
    error instanceof RateLimitError ||
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError ||
    error instanceof TrutoAbortError ||
    !(error instanceof TrutoError)
  );
}

/** Compact JSON a model can read and act on: `{ error, status?, message, hint, issues?, retry_after_seconds? }`. */
export function formatErrorForModel(error: TrutoError): string {
  const payload: Record<string, unknown> = { error: error.code };
  if (error instanceof TrutoApiError) {
    payload.status = error.status;
    payload.message = upstreamMessage(error.body) ?? error.message;
  } else {
    payload.message = error.message;
  }
  if (error instanceof ToolInputError) payload.issues = error.issues;
  payload.hint = hintFor(error);
  if (error instanceof RateLimitError && error.retryAfterSeconds !== undefined) {
    payload.retry_after_seconds = error.retryAfterSeconds;
  }
  // Which limit was hit, so an agent with several (per minute, per day) can tell them apart.
  if (error instanceof RateLimitError && error.rateLimit.policyName !== undefined) {
    payload.rate_limit_policy = error.rateLimit.policyName;
  }
  return JSON.stringify(payload);
}

function hintFor(error: TrutoError): string {
  if (error instanceof ToolInputError) return 'Fix the listed arguments and call the tool again.';
  if (error instanceof TrutoTimeoutError)
    return 'The call timed out; try again later or ask for less data (a smaller limit).';
  if (error instanceof TrutoConnectionError) return 'The service could not be reached; try again later.';
  if (error instanceof TrutoApiError) {
    if (error.status === 404) return 'Nothing exists under that id or resource; list the records to find a valid id.';
    if (error.status === 400 || error.status === 422)
      return 'The API rejected the arguments; read the message and adjust them.';
    if (error.status >= 500) return 'The service failed; try again later.';
  }
  return 'The call failed; read the message before trying again.';
}
