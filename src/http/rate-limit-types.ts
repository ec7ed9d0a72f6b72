/** One upstream dimension (OpenAI's requests or tokens budget). */
export interface UpstreamLimit {
  limit?: number;
  remaining?: number;
  /** Seconds until this dimension resets. */
  resetSeconds?: number;
}

/**
 * What an answer's headers say about rate limits. Every field is optional: a field the headers do not give
 * is absent, never guessed.
 */
export interface RateLimitInfo {
  /** Requests allowed in the current window. */
  limit?: number;
  /** Requests left in the current window. */
  remaining?: number;
  /** Seconds until the window resets (a delta, never an epoch). */
  resetSeconds?: number;
  /** `now + resetSeconds`. */
  resetAt?: Date;
  /** Length of the window in seconds (`w=` of a policy). */
  windowSeconds?: number;
  /** The raw policy text (`RateLimit-Policy`, or the `;w=` form of `RateLimit-Limit`). */
  policy?: string;
  /**
   * The name of the policy in effect (drafts -08 to -10): the item key of the `RateLimit` field that binds
   * (`"default"` in `RateLimit: "default";r=50;t=30`), present even without `RateLimit-Policy`; with no `RateLimit`
   * field, the name of the `RateLimit-Policy` item that gives `limit`. Absent in the numeric dialects, whose
   * policies have no names.
   */
  policyName?: string;
  /** From `Retry-After` (seconds or HTTP-date) or `retry-after-ms`. */
  retryAfterSeconds?: number;
  /** Limits of the third-party API behind Truto, when its own headers came through. */
  upstream?: { requests?: UpstreamLimit; tokens?: UpstreamLimit };
}
