/**
 * The integrated-account token every proxy call is sent with: kept while fresh (a synchronous read on the call path),
 * replaced before it expires, and replaced at once when Truto refuses it. Refreshes are single-flight: however many
 * calls need a new token at the same moment, one request is made and they all share its answer.
 */
import type { RequestAuth } from '../http/client.js';
import type { TokenRequestReason } from './options.js';

/** A token and the time it stops working (milliseconds since the epoch; Infinity when unknown). */
export interface TokenGrant {
  token: string;
  expiresAtMs: number;
}

export interface AccountTokenSourceOptions {
  /** Fetches a new token. */
  fetch: (reason: TokenRequestReason) => Promise<TokenGrant>;
  /** Credentials for a token (the client's `authFor`): built once per token, not once per call. */
  authFor: (token: string) => RequestAuth;
  refreshBeforeMs: number;
  /** @default Date.now */
  clock?: () => number;
  /** A background refresh failed; calls go on with the current token until it expires. */
  onWarning: (message: string) => void;
}

interface Current {
  grant: TokenGrant;
  auth: RequestAuth;
}

export class AccountTokenSource {
  readonly #options: AccountTokenSourceOptions;
  readonly #clock: () => number;
  #current: Current | undefined;
  #refreshing: Promise<Current> | undefined;

  constructor(options: AccountTokenSourceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** A source for one token that cannot be renewed (the `integratedAccountToken` option). */
  static fixed(token: string, authFor: (token: string) => RequestAuth): AccountTokenSource {
    const source = new AccountTokenSource({
      fetch: () => Promise.resolve({ token, expiresAtMs: Number.POSITIVE_INFINITY }),
      authFor,
      refreshBeforeMs: 0,
      onWarning: () => {},
    });
    source.#current = { grant: { token, expiresAtMs: Number.POSITIVE_INFINITY }, auth: authFor(token) };
    source.#renewable = false;
    return source;
  }

  #renewable = true;

  /** The credentials to send now: synchronous while the token is fresh. */
  auth(): RequestAuth | Promise<RequestAuth> {
    const current = this.#current;
    if (current !== undefined) {
      const now = this.#clock();
      const expiresAtMs = current.grant.expiresAtMs;
      if (now < expiresAtMs - this.#options.refreshBeforeMs || !this.#renewable) return current.auth;
      if (now < expiresAtMs) {
        // Still valid: this call goes on with it while the next token is fetched.
        this.#refresh('expiring').catch((error: unknown) =>
          this.#options.onWarning(
            `Could not renew the integrated-account token before it expires: ${(error as Error).message}`,
          ),
        );
        return current.auth;
      }
    }
    return this.#refresh(current === undefined ? 'initial' : 'expiring').then((fresh) => fresh.auth);
  }

  /**
   * Truto answered 401 to a call sent with `auth`: the credentials to try once more, or undefined when the token
   * cannot be renewed. Calls refused with the same token share one refresh; a call refused with a token already
   * replaced gets the replacement.
   */
  rejected(auth: RequestAuth): Promise<RequestAuth> | undefined {
    if (!this.#renewable) return undefined;
    const current = this.#current;
    if (current !== undefined && current.auth !== auth) return Promise.resolve(current.auth);
    if (this.#refreshing !== undefined) return this.#refreshing.then((fresh) => fresh.auth);
    this.#current = undefined;
    return this.#refresh('rejected').then((fresh) => fresh.auth);
  }

  #refresh(reason: TokenRequestReason): Promise<Current> {
    this.#refreshing ??= this.#options
      .fetch(reason)
      .then((grant) => {
        const fresh = { grant, auth: this.#options.authFor(grant.token) };
        this.#current = fresh;
        return fresh;
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }
}
