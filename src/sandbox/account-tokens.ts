/**
 * Integrated-account tokens, as Truto issues them (`POST /integrated-account/token` with `{ integrated_account_id }`
 * → `{ integrated_account_token }`, valid 15 minutes, accepted on the Proxy API for that one account). The sandbox
 * keeps the tokens it issued with their account and expiry, by its clock.
 */
import { randomUUID } from 'node:crypto';

/** What a Bearer value that is not the API key turned out to be. */
export type AccountTokenCheck =
  | { kind: 'valid'; accountId: string }
  | { kind: 'expired'; accountId: string }
  | { kind: 'unknown' };

export class AccountTokens {
  readonly #tokens = new Map<string, { accountId: string; expiresAtMs: number }>();
  readonly #ttlMs: number;
  readonly #clock: () => number;

  constructor(ttlSeconds: number, clock: () => number) {
    this.#ttlMs = ttlSeconds * 1000;
    this.#clock = clock;
  }

  /** Whether any token was issued: until then, a request with an unknown Bearer value needs no lookup. */
  get issuedAny(): boolean {
    return this.#tokens.size > 0;
  }

  get tokens(): string[] {
    return [...this.#tokens.keys()];
  }

  issue(accountId: string): { token: string; expiresAtMs: number } {
    const token = randomUUID();
    const expiresAtMs = this.#clock() + this.#ttlMs;
    this.#tokens.set(token, { accountId, expiresAtMs });
    return { token, expiresAtMs };
  }

  /** The token an `Authorization: Bearer <token>` header carries, checked. */
  check(authorization: string | undefined): AccountTokenCheck {
    if (authorization === undefined) return { kind: 'unknown' };
    const match = /^bearer\s+(.+)$/i.exec(authorization.trim());
    const entry = match ? this.#tokens.get(match[1]!) : undefined;
    if (entry === undefined) return { kind: 'unknown' };
    return this.#clock() < entry.expiresAtMs
      ? { kind: 'valid', accountId: entry.accountId }
      : { kind: 'expired', accountId: entry.accountId };
  }

  revokeAll(): void {
    this.#tokens.clear();
  }
}
