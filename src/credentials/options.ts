/**
 * Least-privilege credentials. Truto issues integrated-account tokens (`POST /integrated-account/token` with
 * `{ integrated_account_id }` → `{ integrated_account_token }`), valid for 15 minutes and accepted on the Proxy API for
 * that one account (Truto's API reference, "Create integrated account token"). A worker that runs a model can hold
 * such a token instead of the organisation's API key.
 */

/** Why the manager asks `getToken` for a token. */
export type TokenRequestReason =
  /** The first call. */
  | 'initial'
  /** The current token expires within `refreshBeforeSeconds`. */
  | 'expiring'
  /** Truto answered 401 to the current token (revoked, or expired sooner than announced). */
  | 'rejected';

export interface TokenRequest {
  integratedAccountId: string;
  reason: TokenRequestReason;
}

/** A token, with when it stops working if the issuer said so. */
export interface IssuedAccountToken {
  token: string;
  /** A `Date`, milliseconds since the epoch, or an ISO 8601 string. @default now + `ttlSeconds` */
  expiresAt?: Date | number | string;
}

/**
 * Hands the manager a fresh integrated-account token: from your backend, a secrets service, or a key-holding process.
 * Called for the first call, again before the token expires, and after a 401. Concurrent calls share one request.
 */
export type GetAccountToken = (request: TokenRequest) => Promise<string | IssuedAccountToken>;

export interface AccountTokenOptions {
  /**
   * How long a token lasts when its issuer does not say (Truto's tokens: 15 minutes).
   * @default 900 (DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS)
   */
  ttlSeconds?: number;
  /**
   * A token this close to its expiry is replaced: calls go on with it while a new one is fetched in the background.
   * @default 60 (DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS)
   */
  refreshBeforeSeconds?: number;
}

/**
 * Sharing one account's catalog between a process that holds the API key and workers that run on integrated-account
 * tokens alone, which cannot fetch it (Truto does not list tools for account tokens).
 */
export interface CatalogSharingOptions {
  /**
   * Names this account's catalog in the catalog caches (the process-wide cache, `cache.dir`, a shared `store`) in place
   * of the fingerprint of the API key, so that managers without the key can find it. Give the same name to the manager
   * that holds the API key (it fetches the catalog as usual and writes the copy) and to the workers that run on
   * `integratedAccountToken` or `getToken` alone, with the same `store` (Redis for a fleet; within one process the
   * default memory store is enough) or the same `cache.dir`: a worker reads the copy the key holder wrote and never
   * fetches the catalog itself. It takes the newest copy there is, even one older than the cache TTL (it cannot fetch
   * a fresher one), and until a key holder has written one its calls fail with a `TrutoConfigError` that says so.
   *
   * The base URL, the account id and the `methods` / `tags` filters stay part of the key, and nothing derived from the
   * API key is: a worker sees neither the key nor its fingerprint. Use one name per set of credentials that see the same
   * catalogs (one per Truto environment, say). A manager given a saved `catalog` reads that instead.
   * @default none: the catalog is cached under a fingerprint of the API key, and a token-only manager needs `catalog`
   */
  catalogCacheKey?: string;
}

export const DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS = 15 * 60;
export const DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS = 60;
/** Truto's endpoint that exchanges the API key for an integrated-account token. */
export const ACCOUNT_TOKEN_PATH = '/integrated-account/token';
