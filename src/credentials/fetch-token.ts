/** Where tokens come from: Truto's exchange endpoint (with the API key), or the application's `getToken`. */
import { apiErrorFor, TrutoConfigError, TrutoResponseError } from '../errors/index.js';
import type { HttpClient } from '../http/client.js';
import { ACCOUNT_TOKEN_PATH, type GetAccountToken, type TokenRequestReason } from './options.js';
import type { TokenGrant } from './token-source.js';

/**
 * `POST /integrated-account/token` with `{ integrated_account_id }`, sent with the client's API key; Truto answers
 * `{ integrated_account_token }` and documents no expiry in the answer, so the token is given `ttlMs` from now (an
 * `expires_at` or `expires_in` in the answer, should Truto add one, is honoured).
 */
export async function exchangeApiKeyForToken(
  client: HttpClient,
  integratedAccountId: string,
  ttlMs: number,
  clock: () => number,
): Promise<TokenGrant> {
  const response = await client.send({
    method: 'POST',
    path: ACCOUNT_TOKEN_PATH,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ integrated_account_id: integratedAccountId }),
  });
  if (response.status < 200 || response.status >= 300) {
    throw apiErrorFor({
      status: response.status,
      headers: response.headers,
      body: response.body,
      method: response.method,
      url: response.url,
    });
  }
  const body = response.body as { integrated_account_token?: unknown; expires_at?: unknown; expires_in?: unknown };
  const token = body?.integrated_account_token;
  if (typeof token !== 'string' || token === '') {
    throw new TrutoResponseError({
      message: `POST ${response.url} answered without an "integrated_account_token".`,
      method: 'POST',
      url: response.url,
      status: response.status,
    });
  }
  const now = clock();
  const announced =
    typeof body.expires_in === 'number' && body.expires_in > 0
      ? now + body.expires_in * 1000
      : expiryMs(body.expires_at as string | number | undefined);
  return { token, expiresAtMs: announced ?? now + ttlMs };
}

/** The application's `getToken`, its answer checked and given an expiry. */
export async function tokenFromCallback(
  getToken: GetAccountToken,
  integratedAccountId: string,
  reason: TokenRequestReason,
  ttlMs: number,
  clock: () => number,
): Promise<TokenGrant> {
  const answer = await getToken({ integratedAccountId, reason });
  const token = typeof answer === 'string' ? answer : answer?.token;
  if (typeof token !== 'string' || token === '') {
    throw new TrutoConfigError('"getToken" must resolve to a token string or { token, expiresAt }.');
  }
  const announced = typeof answer === 'string' ? undefined : expiryMs(answer.expiresAt);
  return { token, expiresAtMs: announced ?? clock() + ttlMs };
}

function expiryMs(value: Date | number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}
