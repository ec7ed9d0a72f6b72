/**
 * Writes one rate-limit window in the header dialect a sandbox is set to, so clients can be tested against every
 * form Truto or an IETF draft may use:
 *
 * | dialect    | headers                                                                                       |
 * |------------|-----------------------------------------------------------------------------------------------|
 * | `truto`    | `ratelimit-limit: 50;w=10`, `ratelimit-remaining: 49`, `ratelimit-reset: 7` (Truto's documented form, `110;w=10`) |
 * | `draft-06` | `RateLimit-Limit: 50`, `RateLimit-Remaining: 49`, `RateLimit-Reset: 7`, `RateLimit-Policy: 50;w=10` |
 * | `draft-07` | `RateLimit: limit=50, remaining=49, reset=7`, `RateLimit-Policy: 50;w=10`                       |
 * | `draft-10` | `RateLimit-Policy: "account";q=50;w=10`, `RateLimit: "account";r=49;t=7` (RFC 9651 fields)       |
 * | `none`     | nothing                                                                                       |
 *
 * `reset` is always a delay in seconds, never an epoch.
 */

export type RateLimitDialect = 'truto' | 'draft-06' | 'draft-07' | 'draft-10' | 'none';

export const RATE_LIMIT_DIALECTS: readonly RateLimitDialect[] = ['truto', 'draft-06', 'draft-07', 'draft-10', 'none'];

/** One window as a client should see it. */
export interface RateLimitWindow {
  limit: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
}

/** The policy name used by `draft-10` (Truto limits per integrated account). */
export const RATE_LIMIT_POLICY_NAME = 'account';

export function rateLimitHeaders(dialect: RateLimitDialect, window: RateLimitWindow): Record<string, string> {
  const { limit, remaining, resetSeconds, windowSeconds } = window;
  switch (dialect) {
    case 'truto':
      return {
        'ratelimit-limit': `${limit};w=${windowSeconds}`,
        'ratelimit-remaining': String(remaining),
        'ratelimit-reset': String(resetSeconds),
      };
    case 'draft-06':
      return {
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': String(remaining),
        'RateLimit-Reset': String(resetSeconds),
        'RateLimit-Policy': `${limit};w=${windowSeconds}`,
      };
    case 'draft-07':
      return {
        RateLimit: `limit=${limit}, remaining=${remaining}, reset=${resetSeconds}`,
        'RateLimit-Policy': `${limit};w=${windowSeconds}`,
      };
    case 'draft-10':
      return {
        'RateLimit-Policy': `"${RATE_LIMIT_POLICY_NAME}";q=${limit};w=${windowSeconds}`,
        RateLimit: `"${RATE_LIMIT_POLICY_NAME}";r=${remaining};t=${resetSeconds}`,
      };
    case 'none':
      return {};
  }
}
