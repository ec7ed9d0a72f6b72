/** The sandbox's options, their defaults, and the public `Sandbox` handle. */
import type { TrutoToolDefinition } from '../catalog/tool-definition';
import type { AccountLimit } from './account-limiter';
import type { SandboxFailure } from './failure';
import type { RateLimitDialect } from './rate-limit-headers';
import type { SandboxRequestRecord } from './request-log';
import type { SandboxSourceKind } from './sources/types';

/** The API key the sandbox accepts unless told otherwise. */
export const DEFAULT_SANDBOX_API_KEY = 'sandbox-api-key';
/** The integrated account the sandbox serves unless told otherwise. */
export const DEFAULT_SANDBOX_ACCOUNT_ID = '6a1f4c2e-93b8-4d57-a0e2-5c7b9d3f8e14';
export const DEFAULT_SANDBOX_HOST = '127.0.0.1';
/**
 * Tools per page of `/tools` when the client sends no `limit`: small on purpose, so that a client which does not
 * follow `next_cursor` visibly misses tools (the OpenAI catalog alone is 13 tools, three pages).
 */
export const DEFAULT_TOOLS_PAGE_SIZE = 5;
/** The largest `limit` the tools endpoint honours; larger values are capped. */
export const MAX_TOOLS_PAGE_SIZE = 100;
export const DEFAULT_REQUEST_LOG_SIZE = 1000;
/** Bodies above this are refused with 413 before being read in full (a 25 MB audio upload fits). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** The seed of generated data when none is given: fixed, so every run of a test sees the same records. */
export const DEFAULT_SANDBOX_SEED = 1;
/** How long an integrated-account token lasts: Truto's tokens are valid for 15 minutes. */
export const DEFAULT_SANDBOX_ACCOUNT_TOKEN_TTL_SECONDS = 15 * 60;

export interface SandboxOptions {
  /**
   * Serve the integration an OpenAPI 3.0 or 3.1 document describes, instead of the OpenAI account: a file path
   * (JSON or YAML) or the parsed document. The catalog is derived from it (one tool per operation, see
   * `toolsFromOpenApi`) and `/proxy/*` validates requests against it and answers with data generated from its
   * response schemas. Needs the optional packages listed in the sandbox README.
   * @default undefined (the OpenAI account)
   */
  openapi?: string | object;
  /**
   * Serve a saved catalog instead of the OpenAI account: a snapshot file written by `truto-tools snapshot` (tools
   * and recorded answers), a `/tools` answer (`{ result: [...] }`) or an array of tool definitions; a file path or
   * the parsed value. Recorded answers are replayed; other calls get stateful answers built from the requests.
   * @default undefined (the OpenAI account)
   */
  catalog?: string | object;
  /**
   * The integration name in tool names (with `openapi`) and in messages.
   * @default derived from the document's `info.title` ("PagerDuty API" → `pagerduty`); for a catalog, from its tool names
   */
  integration?: string;
  /** Seed of the generated data (`openapi` and `catalog` sources): the same seed gives the same answers. @default 1 (DEFAULT_SANDBOX_SEED) */
  seed?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** The Bearer token clients must send. @default 'sandbox-api-key' (DEFAULT_SANDBOX_API_KEY) */
  apiKey?: string;
  /** The one integrated account served; any other id answers 404. @default DEFAULT_SANDBOX_ACCOUNT_ID */
  integratedAccountId?: string;
  /** Key of the tools array in `/tools` answers: Truto's `result`, or the legacy `results` of older docs. @default 'result' */
  toolsEnvelope?: 'result' | 'results';
  /** Tools per page when the client sends no `limit`. @default 5 (DEFAULT_TOOLS_PAGE_SIZE) */
  toolsPageSize?: number;
  /**
   * Mix entries a client must skip into the catalog: one without a name, one whose `query_schema` is not an
   * object (both on the first page), and one without a description (served only with `has_description=false`).
   * @default false
   */
  includeMalformedTool?: boolean;
  /** Add this many synthetic tools after the OpenAI ones (`list_all_synthetic_widgets_0000`, ...). @default 0 */
  syntheticTools?: number;
  /** How rate-limit headers are written (see `rate-limit-headers.ts`). @default 'truto' */
  rateLimitDialect?: RateLimitDialect;
  /**
   * Enforce a fixed window per integrated account over tools and proxy requests; beyond it answer 429 with
   * `Retry-After` (seconds left in the window). Truto's real limit is `{ requests: 50, windowSeconds: 10 }`.
   * @default undefined (nothing enforced; headers advertise 50 per 10 s)
   */
  accountLimit?: AccountLimit;
  /** Add OpenAI's `x-ratelimit-*` headers to proxied answers, as Truto forwards them. @default true */
  upstreamRateLimitHeaders?: boolean;
  /** How many requests `requests` keeps (the oldest go first). @default 1000 */
  requestLogSize?: number;
  /** Largest request body accepted, in bytes. @default 67108864 (64 MiB) */
  maxBodyBytes?: number;
  /** The clock, in milliseconds since the epoch; inject one for reproducible "now"-relative answers. @default Date.now */
  clock?: () => number;
  /**
   * Lifetime of the integrated-account tokens `POST /integrated-account/token` issues, in seconds (by `clock`).
   * @default 900 (DEFAULT_SANDBOX_ACCOUNT_TOKEN_TTL_SECONDS), as Truto's
   */
  accountTokenTtlSeconds?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash: the `baseUrl` for a Truto client. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly integratedAccountId: string;
  /** Where the catalog comes from: the OpenAI account, an OpenAPI document or a saved catalog. */
  readonly source: SandboxSourceKind;
  /** The integration as tool names spell it (`open_ai`, `asana`, `pagerduty`). */
  readonly integration: string;
  /** The well-formed tools served (synthetic ones included), in catalog order: what a test compares with. */
  readonly tools: readonly TrutoToolDefinition[];
  /** Make the next `count` answers of the failure's scope (proxy by default) fail as described. */
  failNext(count: number, failure: SandboxFailure): void;
  /**
   * The last requests received on the tools and proxy routes (up to `requestLogSize`), oldest first. A live array:
   * `sandbox.requests.length = 0` empties the log.
   */
  readonly requests: SandboxRequestRecord[];
  /**
   * TCP connections open on the server right now (idle keep-alive ones included). Read-only; lets a test check that a
   * client closes what it opened, e.g. that a timed-out or faulted call does not leave its socket behind.
   */
  readonly openConnections: number;
  /** Forget queued failures, the request log, rate-limit windows and every write (creates, updates, deletes). */
  reset(): void;
  /**
   * Make every integrated-account token issued so far invalid (as a revocation would): their next calls answer 401.
   * Tokens survive `reset()`, like the API key.
   */
  revokeAccountTokens(): void;
  /** The integrated-account tokens issued and not revoked, expired ones included. */
  readonly accountTokens: readonly string[];
  /** Stop listening and destroy every open connection, stalled ones included. */
  close(): Promise<void>;
}

/** Which fake integration a sandbox serves. */
export type SourceSpec =
  | { kind: 'openai' }
  | { kind: 'openapi'; document: string | object; integration?: string }
  | { kind: 'catalog'; catalog: string | object; integration?: string };

export interface ResolvedOptions {
  source: SourceSpec;
  seed: number;
  host: string;
  port: number;
  apiKey: string;
  integratedAccountId: string;
  toolsEnvelope: 'result' | 'results';
  toolsPageSize: number;
  includeMalformedTool: boolean;
  syntheticTools: number;
  rateLimitDialect: RateLimitDialect;
  accountLimit: AccountLimit | undefined;
  upstreamRateLimitHeaders: boolean;
  requestLogSize: number;
  maxBodyBytes: number;
  clock: () => number;
  accountTokenTtlSeconds: number;
}

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const toolsPageSize = options.toolsPageSize ?? DEFAULT_TOOLS_PAGE_SIZE;
  if (!Number.isInteger(toolsPageSize) || toolsPageSize < 1 || toolsPageSize > MAX_TOOLS_PAGE_SIZE) {
    throw new RangeError(
      `toolsPageSize must be a whole number from 1 to ${MAX_TOOLS_PAGE_SIZE}, got ${toolsPageSize}.`,
    );
  }
  if (options.apiKey === '') throw new RangeError('apiKey must not be empty.');
  const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
  if (typeof seed !== 'number' || !Number.isFinite(seed))
    throw new RangeError(`seed must be a finite number, got ${String(seed)}.`);
  if (options.integratedAccountId === '') throw new RangeError('integratedAccountId must not be empty.');
  return {
    source: resolveSource(options),
    seed,
    host: options.host ?? DEFAULT_SANDBOX_HOST,
    port: options.port ?? 0,
    apiKey: options.apiKey ?? DEFAULT_SANDBOX_API_KEY,
    integratedAccountId: options.integratedAccountId ?? DEFAULT_SANDBOX_ACCOUNT_ID,
    toolsEnvelope: options.toolsEnvelope ?? 'result',
    toolsPageSize,
    includeMalformedTool: options.includeMalformedTool ?? false,
    syntheticTools: options.syntheticTools ?? 0,
    rateLimitDialect: options.rateLimitDialect ?? 'truto',
    accountLimit: options.accountLimit,
    upstreamRateLimitHeaders: options.upstreamRateLimitHeaders ?? true,
    requestLogSize: options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    clock: options.clock ?? Date.now,
    accountTokenTtlSeconds: checkedTokenTtl(options.accountTokenTtlSeconds),
  };
}

function checkedTokenTtl(seconds: number | undefined): number {
  if (seconds === undefined) return DEFAULT_SANDBOX_ACCOUNT_TOKEN_TTL_SECONDS;
  if (typeof seconds !== 'number' || !(seconds > 0)) {
    throw new RangeError(`accountTokenTtlSeconds must be a number of seconds > 0, got ${String(seconds)}.`);
  }
  return seconds;
}

function resolveSource(options: SandboxOptions): SourceSpec {
  const { openapi, catalog, integration } = options;
  if (openapi !== undefined && catalog !== undefined) {
    throw new RangeError(
      'Pass either openapi (an OpenAPI document to serve) or catalog (a saved catalog to replay), not both.',
    );
  }
  if (integration !== undefined && (typeof integration !== 'string' || !/[A-Za-z0-9]/.test(integration))) {
    throw new RangeError(`integration must be a name with a letter or digit, got ${JSON.stringify(integration)}.`);
  }
  for (const [name, value] of [
    ['openapi', openapi],
    ['catalog', catalog],
  ] as const) {
    if (value !== undefined && typeof value !== 'string' && (typeof value !== 'object' || value === null)) {
      throw new TypeError(`${name} must be a file path or a parsed object, got ${typeof value}.`);
    }
  }
  const named = integration !== undefined ? { integration } : {};
  if (openapi !== undefined) return { kind: 'openapi', document: openapi, ...named };
  if (catalog !== undefined) return { kind: 'catalog', catalog, ...named };
  if (integration !== undefined) {
    throw new RangeError(
      'integration names the integration of an openapi or catalog source; the default sandbox is OpenAI.',
    );
  }
  return { kind: 'openai' };
}
