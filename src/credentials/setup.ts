/** What the manager builds from its credential options: who signs proxy calls, and where the catalog comes from. */
import { resolve } from 'node:path';
import { TrutoConfigError } from '../errors/index.js';
import type { HttpClient, RequestAuth } from '../http/client.js';
import { TOKEN_REFRESH_SPAN, TRUTO_INTEGRATED_ACCOUNT_ID } from '../telemetry/attributes.js';
import type { Tracing } from '../telemetry/tracing.js';
import { exchangeApiKeyForToken, tokenFromCallback } from './fetch-token.js';
import {
  type AccountTokenOptions,
  DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS,
  DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS,
  type GetAccountToken,
  type TokenRequestReason,
} from './options.js';
import { type SavedCatalog, savedCatalogClient } from './saved-catalog.js';
import { checkCatalogCacheKey, missingSharedCatalogMessage, sharedCatalogIdentity } from './shared-catalog-key.js';
import { AccountTokenSource, type TokenGrant } from './token-source.js';

export interface CredentialOptions {
  apiKey?: string | undefined;
  integratedAccountToken?: string;
  getToken?: GetAccountToken;
  accountTokens?: boolean | AccountTokenOptions;
  catalog?: SavedCatalog;
  catalogCacheKey?: string;
}

/** The per-call credentials `invokeTool` asks for; an `AccountTokenSource` is one. */
export interface CallCredentials {
  auth(): RequestAuth | Promise<RequestAuth>;
  rejected(auth: RequestAuth): Promise<RequestAuth> | undefined;
}

export interface CredentialSetup {
  /** Credentials for proxy calls; undefined sends them with the API key, exactly as without these options. */
  credentials?: CallCredentials;
  /** What the catalog is fetched with: the client (and its API key), or the saved catalog. */
  catalogClient: HttpClient;
  /** Stands for the credential in the catalog cache key (the API key itself when the catalog is fetched with it). */
  catalogIdentity: string;
  /**
   * Set with `catalogCacheKey` (and no saved catalog): the name the catalog is shared under, and whether this manager
   * only reads it (it has no API key to fetch with).
   */
  sharedCatalog?: { name: string; reader: boolean };
}

/** Whether the options run the manager without an API key. */
export function usesAccountTokenAlone(options: CredentialOptions): boolean {
  return options.integratedAccountToken !== undefined || options.getToken !== undefined;
}

export function setUpCredentials(
  options: CredentialOptions,
  context: {
    client: HttpClient;
    baseUrl: string;
    integratedAccountId: string;
    onWarning: (message: string) => void;
    tracing: Tracing | undefined;
  },
): CredentialSetup {
  checkCredentialOptions(options);
  const timing = typeof options.accountTokens === 'object' ? options.accountTokens : {};
  const ttlMs = (timing.ttlSeconds ?? DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS) * 1000;
  const refreshBeforeMs = (timing.refreshBeforeSeconds ?? DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS) * 1000;
  const { client, integratedAccountId } = context;
  const authFor = (token: string) => client.authFor(token);

  let credentials: CallCredentials | undefined;
  if (options.integratedAccountToken !== undefined) {
    credentials = AccountTokenSource.fixed(options.integratedAccountToken, authFor);
  } else {
    const getToken = options.getToken;
    const apiKey = options.apiKey;
    const fetchToken: ((reason: TokenRequestReason) => Promise<TokenGrant>) | undefined =
      getToken !== undefined
        ? (reason) => tokenFromCallback(getToken, integratedAccountId, reason, ttlMs, Date.now)
        : options.accountTokens && apiKey !== undefined
          ? () => exchangeApiKeyForToken(client, integratedAccountId, ttlMs, Date.now)
          : undefined;
    if (fetchToken !== undefined) {
      credentials = new AccountTokenSource({
        fetch: traced(fetchToken, context.tracing, integratedAccountId),
        authFor,
        refreshBeforeMs: Math.min(refreshBeforeMs, ttlMs / 2),
        onWarning: context.onWarning,
      });
    }
  }

  if (options.catalog !== undefined) {
    return {
      ...(credentials ? { credentials } : {}),
      catalogClient: savedCatalogClient(options.catalog, context.baseUrl),
      catalogIdentity: savedCatalogIdentity(options.catalog),
    };
  }
  const name = options.catalogCacheKey;
  if (options.apiKey === undefined) {
    return {
      ...(credentials ? { credentials } : {}),
      catalogClient: savedCatalogClient(
        undefined,
        context.baseUrl,
        ...(name !== undefined ? [missingSharedCatalogMessage(name)] : []),
      ),
      catalogIdentity: name !== undefined ? sharedCatalogIdentity(name, true) : `account-token:${integratedAccountId}`,
      ...(name !== undefined ? { sharedCatalog: { name, reader: true } } : {}),
    };
  }
  if (name !== undefined) {
    return {
      ...(credentials ? { credentials } : {}),
      catalogClient: client,
      catalogIdentity: sharedCatalogIdentity(name, false),
      sharedCatalog: { name, reader: false },
    };
  }
  return { ...(credentials ? { credentials } : {}), catalogClient: client, catalogIdentity: options.apiKey };
}

function checkCredentialOptions(options: CredentialOptions): void {
  if (options.integratedAccountToken !== undefined && options.getToken !== undefined) {
    throw new TrutoConfigError('Pass either "integratedAccountToken" or "getToken", not both.');
  }
  if (
    options.integratedAccountToken !== undefined &&
    (typeof options.integratedAccountToken !== 'string' || options.integratedAccountToken === '')
  ) {
    throw new TrutoConfigError('"integratedAccountToken" must be a non-empty string.');
  }
  if (options.getToken !== undefined && typeof options.getToken !== 'function') {
    throw new TrutoConfigError('"getToken" must be a function that resolves to a token.');
  }
  if (
    options.accountTokens === true &&
    options.apiKey === undefined &&
    options.getToken === undefined &&
    options.integratedAccountToken === undefined
  ) {
    throw new TrutoConfigError('"accountTokens: true" exchanges the API key for tokens, and there is no API key.');
  }
  const timing = typeof options.accountTokens === 'object' ? options.accountTokens : {};
  for (const name of ['ttlSeconds', 'refreshBeforeSeconds'] as const) {
    const value = timing[name];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new TrutoConfigError(
        `"accountTokens.${name}" must be a number of seconds ≥ 0; got ${JSON.stringify(value)}.`,
      );
    }
  }
  checkCatalogCacheKey(options.catalogCacheKey);
  const catalog = options.catalog;
  if (catalog !== undefined && !['string', 'object', 'function'].includes(typeof catalog)) {
    throw new TrutoConfigError('"catalog" must be a saved catalog, a file path, or a function that returns one.');
  }
}

/** Token fetches as spans of their own when tracing: a refresh can hold up calls. */
function traced(
  fetchToken: (reason: TokenRequestReason) => Promise<TokenGrant>,
  tracing: Tracing | undefined,
  integratedAccountId: string,
): (reason: TokenRequestReason) => Promise<TokenGrant> {
  if (tracing === undefined) return fetchToken;
  return (reason) => {
    const tracer = tracing.tracer();
    if (tracer === undefined) return fetchToken(reason);
    return tracing.inSpan(
      tracer,
      TOKEN_REFRESH_SPAN,
      { [TRUTO_INTEGRATED_ACCOUNT_ID]: integratedAccountId, 'truto.account_token.reason': reason },
      () => fetchToken(reason),
    );
  };
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/** Managers given the same saved catalog (the same file, object or function) share one cached copy. */
function savedCatalogIdentity(catalog: SavedCatalog): string {
  if (typeof catalog === 'string') return `saved-catalog:${resolve(catalog)}`;
  let id = objectIds.get(catalog);
  if (id === undefined) {
    id = ++nextObjectId;
    objectIds.set(catalog, id);
  }
  return `saved-catalog:#${id}`;
}
