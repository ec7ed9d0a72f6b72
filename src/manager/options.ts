import type { Dispatcher } from 'undici';
import type { RequireApproval } from '../approval/rule.js';
import type { CatalogCacheOptions } from '../catalog/cache.js';
import type { CatalogChanges } from '../catalog/change.js';
import type { ToolFilter } from '../catalog/filter.js';
import type { AccountTokenOptions, CatalogSharingOptions, GetAccountToken } from '../credentials/options.js';
import type { SavedCatalog } from '../credentials/saved-catalog.js';
import { isValidTimeZone } from '../dates/index.js';
import { TrutoConfigError } from '../errors/index.js';
import type { FileOptions } from '../files/options.js';
import { DEFAULT_BASE_URL } from '../http/client.js';
import type { RetryOptions } from '../http/retry.js';
import type { ErrorMode } from '../invoke/format-error.js';
import type { CallHooks } from '../invoke/hooks.js';
import { TOKEN_FRAMEWORKS, type TokenFramework } from '../selection/frameworks.js';
import type { CoordinationOptions } from '../state/options.js';
import type { StateStore } from '../state/types.js';
import type { TelemetryOptions } from '../telemetry/options.js';
import { describeEnvironmentVariable, readEnvironmentVariable } from './environment.js';

export interface TrutoToolManagerOptions extends CatalogSharingOptions {
  /**
   * Your Truto API token.
   * @default process.env.TRUTO_API_KEY, else process.env.TRUTO_API_TOKEN
   */
  apiKey?: string;
  /**
   * The integrated account whose tools the agent gets (a UUID).
   * @default process.env.TRUTO_INTEGRATED_ACCOUNT_ID, else process.env.OPENAI_INTEGRATED_ACCOUNT_ID
   */
  integratedAccountId?: string;
  /** @default process.env.TRUTO_API_BASE_URL, else 'https://api.truto.one' */
  baseUrl?: string;
  /**
   * Truto's server-side method filter: `list`, `get`, `create`, `update`, `delete`, `read` (list + get),
   * `write` (create + update + delete), `custom`, or a custom method name. @default all methods
   */
  methods?: string[] | string;
  /** Truto's server-side tag filter. @default all tags */
  tags?: string[] | string;
  /**
   * Client-side selection on top of `methods`/`tags`: names (exact, glob like `*_costs`, or RegExp) to include
   * or exclude, tags, methods. Tools it leaves out are not listed, searched or callable through this manager.
   * The cached catalog is shared unfiltered, so managers with different filters still fetch once.
   * @example { include: ['list_all_*'], exclude: [/_usage$/], tags: ['usage'] }
   * @default every tool
   */
  filter?: ToolFilter;
  /**
   * Catalog caching: definitions and compiled validators are kept per base URL, API key, account and server
   * filters, shared by every manager in the process, for `ttlMs`; optionally on disk.
   * @default { ttlMs: 300000, shared: true } (memory only)
   */
  cache?: CatalogCacheOptions;
  /**
   * Called with `{ added, removed, changed }` tool names when the catalog this manager sees changes: a reload
   * after the TTL, `refresh()` here or in a manager sharing the cache, or (with `cache.dir`) a fetched catalog
   * that differs from the copy an earlier run left on disk. If it throws, the error becomes a warning.
   */
  onCatalogChange?: (changes: CatalogChanges) => void;
  /**
   * For very large accounts: `getTools()` returns three small meta-tools instead of the catalog. The model
   * finds tools with `search_tools` (the `selectTools` ranker), reads their parameters with `describe_tool` (one
   * name or several) and runs one with `call_tool`, which validates against the target tool and goes through the
   * same pipeline (dates, hooks, error mode). `'auto'` binds the catalog directly while its tools cost at most
   * `discoveryMaxTokens` per turn (counted as `tokenFramework` sends them), and the meta-tools beyond that.
   * @default false
   */
  discovery?: boolean | 'auto';
  /**
   * With `discovery: 'auto'`: the most tokens per turn the catalog's tools may cost and still be bound directly.
   * @default 4000 (DEFAULT_DISCOVERY_MAX_TOKENS)
   */
  discoveryMaxTokens?: number;
  /**
   * Semantic retrieval for `selectTools`, `searchTools` and `search_tools`: an embedding function (for example
   * OpenAI's embeddings) whose ranking is fused with the lexical one (reciprocal rank fusion). Tool vectors are
   * cached by a hash of their text, in this process and in `store`, so a fleet embeds each tool once.
   * @example async (texts) => (await openai.embeddings.create({ model: 'text-embedding-3-small', input: texts })).data.map((item) => item.embedding)
   * @default none: the offline lexical ranker alone
   */
  embed?: (texts: string[]) => Promise<number[][]>;
  /** Names the embedding model, so a shared store never mixes vectors of two models. @default 'default' */
  embeddingNamespace?: string;
  /**
   * Counts the tokens of a text, for `maxTokens`, `discovery: 'auto'` and `countTokens`.
   * @default gpt-tokenizer's o200k_base when installed (an optional dependency), else an estimate (JSON length / 4.6)
   */
  tokenizer?: (text: string) => number;
  /**
   * Whose tool JSON token budgets are counted in: 'openai' (Chat Completions), 'openai-responses', 'anthropic',
   * 'langchain', 'ai-sdk' or 'mcp'.
   * @default 'openai'
   */
  tokenFramework?: TokenFramework;
  /** Deadline of one HTTP request, in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** Answers larger than this fail with a `TrutoResponseError`. @default 33554432 (32 MiB) */
  maxResponseBytes?: number;
  /** Keep-alive connections to Truto. @default 32 */
  maxConnections?: number;
  /** Your own undici dispatcher (corporate proxy, custom TLS). */
  dispatcher?: Dispatcher;
  /**
   * Headers sent on every request, e.g. `{ 'User-Agent': 'my-agent/1.2' }`. `Authorization` is always the API key's.
   * @default none besides `Accept: application/json` and `Authorization`
   */
  headers?: Record<string, string>;
  /** The clock relative dates resolve against; pass a fixed date in tests. @default the system clock */
  now?: Date | number | (() => Date);
  /** IANA time zone for calendar boundaries ("last week" starts at local midnight there). @default 'UTC' */
  timeZone?: string;
  /** First day of the week, 0 = Sunday. @default 1 (Monday) */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /**
   * Receives warnings: skipped catalog entries, schema parts that could not be compiled.
   * @default console.warn
   */
  onWarning?: (message: string) => void;
  /**
   * Opt-in retries: 429s after the advertised wait (with jitter), and network errors / 502–504 for idempotent
   * calls. `true` uses the defaults (2 retries, waits up to 60 s). A wait longer than `maxWaitSeconds` is not
   * slept: the `RateLimitError` is thrown at once with its wait. Truto itself never retries. @default off
   */
  retry?: boolean | RetryOptions;
  /** Calls in flight at once; more are queued in order. @default unbounded */
  maxConcurrency?: number;
  /**
   * How a failed call reaches the model through `getTools()` and the adapters. `'throw'` raises typed errors (LangGraph's
   * ToolNode and the AI SDK turn them into tool errors the model sees); `'return'` gives the model compact JSON
   * `{ error, status, message, hint }` instead. Rate limits (429), authentication failures and aborts always throw,
   * so that the agent loop sees them. `manager.invoke()` always throws. @default 'throw'
   */
  errorMode?: ErrorMode;
  /** Logging, metrics and per-call headers. */
  hooks?: CallHooks;
  /**
   * Send each call's request id (the UUID hooks, dry runs and API errors carry) in this header, e.g. `'x-request-id'`,
   * so that a server or proxy that logs it can be matched with your logs. Off by default: Truto does not document
   * reading one, and an extra header on every call costs the client and the server time for nothing.
   * @default not sent
   */
  requestIdHeader?: string;
  /** Build each request and return it (method, URL, headers without secrets, body) instead of sending it. @default false */
  dryRun?: boolean;
  /** Add a compact `rate_limit` note (`remaining`, `reset_seconds`) to each successful result the model sees. @default false */
  rateLimitInResult?: boolean;
  /**
   * File uploads and downloads (see src/files/README.md). Models pass file references: a path inside `root`, a
   * `file://` URL inside it, an `http(s)` URL on `allowedHosts`, or a `truto-file://` handle from an earlier result;
   * programs may also pass a Buffer, Blob, stream or `fileFromPath(path)`. Binary answers are written to
   * `outputDir` and reach the model as `{ file, mime_type, bytes }`; base64 is offloaded to files; results are cut
   * to `resultBudgetChars`. @default no root, no allowed hosts, outputs in a temp folder, 60,000-character results
   */
  files?: FileOptions;
  /**
   * Where state shared between workers lives: rate-limit snapshots, the request budget and (for stores other than
   * memory) a second-level catalog cache. Pass `createRedisStore(...)` from `truto-langchainjs-toolset/redis` to run a
   * fleet; it is yours to `close()`. If the store fails, calls go on with local state and one warning says so.
   * @default a memory store shared by the managers of this process
   */
  store?: StateStore;
  /**
   * Sharing the account's limits with the other workers: `coordinate` ('off' | 'wait' | 'fail-fast'),
   * `maxWaitSeconds`, and a fleet-wide budget `maxRequestsPerWindow` per `windowSeconds` (see src/state/README.md).
   * @default { coordinate: 'off', maxWaitSeconds: 60 } and no budget: calls go out as they come
   */
  coordination?: CoordinationOptions;
  /**
   * Calls a person must approve before they are sent, when a model makes them through an adapter: Truto methods
   * (`'create'`, `'update'`, `'delete'`, a custom method's name; `'write'` for every method but `list` and `get`, custom
   * methods included) and/or predicates `(tool, args) => boolean` over the arguments as they would be sent. Each adapter
   * asks its framework's way: LangGraph `interrupt()`, the AI SDK's `needsApproval`, pending calls from the OpenAI and
   * Anthropic helpers, MCP elicitation. `invoke()` from your own code is never held. @default none
   */
  requireApproval?: RequireApproval;
  /**
   * OpenTelemetry spans (`@opentelemetry/api`, an optional peer): one `execute_tool <name>` span per call, by the GenAI
   * semantic conventions, and spans for catalog loads, tool selection, coordination waits and token refreshes. Nothing
   * is made until a tracer provider is registered; arguments and results only with `recordInputs` / `recordOutputs`.
   * `false` turns it off. @default on whenever a tracer provider is registered
   */
  telemetry?: false | TelemetryOptions;
  /**
   * Run on an integrated-account token instead of the API key: every proxy call is sent with it. It cannot be
   * renewed: when Truto refuses it (401), calls fail with an `AuthenticationError`. With a token and no `apiKey`, the
   * catalog comes from `catalog` (Truto does not list tools for account tokens). @default none: the API key
   */
  integratedAccountToken?: string;
  /**
   * Run on integrated-account tokens your code hands out: called for the first call, again before the token expires
   * (`accountTokens.refreshBeforeSeconds`) and after a 401, once for any number of concurrent calls. Return the token,
   * or `{ token, expiresAt }`. @default none
   */
  getToken?: GetAccountToken;
  /**
   * With the API key: exchange it for integrated-account tokens (`POST /integrated-account/token`) and send proxy calls
   * with those, renewed before they expire; the key itself then only fetches the catalog and tokens. An object also
   * sets the timing for `getToken`. @default false
   */
  accountTokens?: boolean | AccountTokenOptions;
  /**
   * A saved catalog instead of `GET /integrated-account/:id/tools`: a `truto-tools snapshot` file (path or parsed), a
   * `/tools` answer, an array of definitions, or a function returning one (asked again on each reload, e.g. from a
   * shared cache or a process that holds the API key). What a token-only manager needs. @default fetched with the key
   */
  catalog?: SavedCatalog;
}

export interface ResolvedOptions {
  apiKey: string;
  integratedAccountId: string;
  baseUrl: string;
  methods: string[];
  tags: string[];
  now?: () => Date;
}

/** RFC 9110's token: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Connection-level headers undici sets for each request itself, and refuses or mishandles from callers. */
const TRANSPORT_HEADERS = new Set([
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);
/** Headers the client or the transport sets: a request id there would replace the key or break the request. */
const RESERVED_HEADERS = new Set(['authorization', 'accept', 'content-type', ...TRANSPORT_HEADERS]);

export function resolveOptions(
  options: TrutoToolManagerOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOptions {
  const apiKey = options.apiKey ?? readEnvironmentVariable('apiKey', env);
  if (!apiKey) {
    throw new TrutoConfigError(
      `No Truto API key. Pass the "apiKey" option, or set ${describeEnvironmentVariable('apiKey')}.`,
    );
  }
  const integratedAccountId = options.integratedAccountId ?? readEnvironmentVariable('integratedAccountId', env);
  if (!integratedAccountId) {
    throw new TrutoConfigError(
      `No integrated account id. Pass the connected account's id in the "integratedAccountId" option, or set ${describeEnvironmentVariable('integratedAccountId')}.`,
    );
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new TrutoConfigError(
      `"timeZone" must be an IANA time zone such as "America/New_York"; got ${JSON.stringify(options.timeZone)}.`,
    );
  }
  if (
    options.requestIdHeader !== undefined &&
    (!HEADER_NAME.test(options.requestIdHeader) || RESERVED_HEADERS.has(options.requestIdHeader.toLowerCase()))
  ) {
    throw new TrutoConfigError(
      `"requestIdHeader" must be an HTTP header name of its own such as "x-request-id"; got ${JSON.stringify(options.requestIdHeader)}.`,
    );
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      throw new TrutoConfigError(
        `"headers" must map header names to single-line strings; ${JSON.stringify(name)} is not one.`,
      );
    }
    if (TRANSPORT_HEADERS.has(name.toLowerCase())) {
      throw new TrutoConfigError(
        `"headers" cannot set ${JSON.stringify(name)}: the HTTP client sets it for each request.`,
      );
    }
  }
  checkSelectionOptions(options);
  const baseUrl = options.baseUrl ?? readEnvironmentVariable('baseUrl', env) ?? DEFAULT_BASE_URL;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    // Name where the value came from: a bad TRUTO_API_BASE_URL is not fixed by looking at the code's options.
    const source =
      options.baseUrl === undefined ? `${describeEnvironmentVariable('baseUrl')} (in the environment)` : '"baseUrl"';
    throw new TrutoConfigError(`${source} must be an http(s) URL; got ${JSON.stringify(baseUrl)}.`);
  }
  return {
    apiKey,
    integratedAccountId,
    baseUrl,
    methods: toList(options.methods),
    tags: toList(options.tags),
    ...(options.now !== undefined ? { now: toClock(options.now) } : {}),
  };
}

function checkSelectionOptions(options: TrutoToolManagerOptions): void {
  if (
    options.discovery !== undefined &&
    options.discovery !== true &&
    options.discovery !== false &&
    options.discovery !== 'auto'
  ) {
    throw new TrutoConfigError(`"discovery" must be true, false or 'auto'; got ${JSON.stringify(options.discovery)}.`);
  }
  const budget = options.discoveryMaxTokens;
  if (budget !== undefined && !(typeof budget === 'number' && Number.isFinite(budget) && budget >= 0)) {
    throw new TrutoConfigError(`"discoveryMaxTokens" must be a number of tokens ≥ 0; got ${JSON.stringify(budget)}.`);
  }
  if (options.tokenFramework !== undefined && !TOKEN_FRAMEWORKS.includes(options.tokenFramework)) {
    throw new TrutoConfigError(
      `"tokenFramework" must be one of ${TOKEN_FRAMEWORKS.join(', ')}; got ${JSON.stringify(options.tokenFramework)}.`,
    );
  }
  for (const name of ['embed', 'tokenizer'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TrutoConfigError(`"${name}" must be a function.`);
    }
  }
}

function toList(value: string[] | string | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((item) => item.trim()).filter(Boolean);
}

function toClock(now: Date | number | (() => Date)): () => Date {
  if (typeof now === 'function') return now;
  const fixed = new Date(now);
  return () => fixed;
}
