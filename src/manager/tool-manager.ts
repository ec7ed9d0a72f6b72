import { type TrutoLangChainTool, toLangChainTools } from '../adapters/langchain.js';
import { type Catalog, loadCatalog } from '../catalog/load-catalog.js';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { type PlainHeaders, ToolNotFoundError, type TrutoError } from '../errors/index.js';
import { HttpClient } from '../http/client.js';
import { createConcurrencyLimiter } from '../http/concurrency.js';
import { parseRateLimitHeaders } from '../http/rate-limit-headers.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';
import { type ErrorMode, formatErrorForModel, mustThrow } from '../invoke/format-error.js';
import { formatResultForModel } from '../invoke/format-result.js';
import { type InvocationContext, type InvokeCallOptions, invokeTool, type ToolCallOutcome } from '../invoke/invoke-tool.js';
import { type ResolvedOptions, resolveOptions, type TrutoToolManagerOptions } from './options.js';

export interface InvokeOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Overrides the manager's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides the manager's `dryRun` for this call. */
  dryRun?: boolean;
  /** Extra headers for this call only (an `Idempotency-Key`, say). */
  headers?: Record<string, string>;
}

/** What a model receives for one call: the text, and whether it is an error report. */
export interface ModelToolResult {
  content: string;
  isError: boolean;
}

/**
 * The entry point: loads an integrated account's tools from Truto and hands them to an agent framework.
 *
 * ```ts
 * const toolManager = new TrutoToolManager({ apiKey, integratedAccountId });
 * const tools = await toolManager.getTools(); // LangChain tools for llm.bindTools(tools)
 * ```
 */
export class TrutoToolManager {
  readonly integratedAccountId: string;
  readonly baseUrl: string;
  readonly #options: TrutoToolManagerOptions;
  readonly #resolved: ResolvedOptions;
  readonly #client: HttpClient;
  readonly #context: InvocationContext;
  readonly #errorMode: ErrorMode;
  readonly #warn: (message: string) => void;
  /** The latest answer's headers per tool; parsed only when someone asks. */
  readonly #latestHeaders = new Map<string, { headers: PlainHeaders; receivedAtMs: number }>();
  #catalog: Promise<Catalog> | undefined;
  /** The same catalog once loaded, so a call need not wait a turn for an already resolved promise. */
  #loadedCatalog: Catalog | undefined;
  #langChainTools: Promise<TrutoLangChainTool[]> | undefined;

  constructor(options: TrutoToolManagerOptions = {}) {
    this.#options = options;
    this.#resolved = resolveOptions(options);
    this.#warn = options.onWarning ?? ((message) => console.warn(`[truto-langchainjs-toolset] ${message}`));
    this.#errorMode = options.errorMode ?? 'throw';
    this.integratedAccountId = this.#resolved.integratedAccountId;
    this.#client = new HttpClient({
      baseUrl: this.#resolved.baseUrl,
      apiKey: this.#resolved.apiKey,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
      ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
      ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
    });
    this.baseUrl = this.#client.baseUrl;
    const retry = options.retry === true ? {} : options.retry || undefined;
    this.#context = {
      client: this.#client,
      integratedAccountId: this.#resolved.integratedAccountId,
      dates: {
        ...(this.#resolved.now ? { now: this.#resolved.now } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        ...(options.weekStartsOn !== undefined ? { weekStartsOn: options.weekStartsOn } : {}),
      },
      limiter: createConcurrencyLimiter(options.maxConcurrency),
      ...(retry ? { retry } : {}),
      hooks: options.hooks ?? {},
      dryRun: options.dryRun ?? false,
      onResponseHeaders: (toolName, headers, receivedAtMs) => this.#latestHeaders.set(toolName, { headers, receivedAtMs }),
      onWarning: this.#warn,
    };
  }

  /** LangChain structured tools, ready for `llm.bindTools(tools)`, LangGraph's `ToolNode` or `createReactAgent`. */
  async getTools(): Promise<TrutoLangChainTool[]> {
    this.#langChainTools ??= this.#loadCatalog().then((catalog) =>
      toLangChainTools([...catalog.values()], async (tool, args, signal) => {
        const result = await this.#runForModel(tool, args, { validated: true, ...(signal ? { signal } : {}) });
        return result.content;
      }),
    );
    return this.#langChainTools;
  }

  /** The framework-neutral tools: name, description, zod `inputSchema`, the model's `modelJsonSchema`, and more. */
  async getToolDefinitions(): Promise<TrutoTool[]> {
    return [...(await this.#loadCatalog()).values()];
  }

  /**
   * Calls a tool by name and returns the API's answer as data. Arguments are validated and date expressions
   * resolved exactly as when a model calls the tool. Always throws typed errors.
   */
  async invoke<T = unknown>(name: string, args: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<T> {
    const outcome = await this.invokeWithDetails(name, args, options);
    return outcome.data as T;
  }

  /** Like `invoke`, with the status, headers, request id, rate-limit facts and the arguments as sent. */
  async invokeWithDetails(
    name: string,
    args: Record<string, unknown> = {},
    options: InvokeOptions = {},
  ): Promise<ToolCallOutcome> {
    return invokeTool(await this.#findTool(name), args, this.#context, options);
  }

  /**
   * Calls a tool the way a model does: returns the text the model should read. In `errorMode: 'return'` a failure
   * (except 429, authentication and aborts) comes back as `{ isError: true, content: '{"error": ...}' }`.
   */
  async invokeForModel(name: string, args: unknown = {}, options: InvokeOptions = {}): Promise<ModelToolResult> {
    return this.#runForModel(await this.#findTool(name), args, options);
  }

  /** The latest rate-limit facts seen, per tool: for a pre-flight check before a batch of calls. */
  rateLimits(): Record<string, RateLimitInfo> {
    const limits: Record<string, RateLimitInfo> = {};
    for (const [toolName, { headers, receivedAtMs }] of this.#latestHeaders) {
      const info = parseRateLimitHeaders(headers, { now: receivedAtMs });
      if (Object.keys(info).length > 0) limits[toolName] = info;
    }
    return limits;
  }

  /** Releases the keep-alive connections. The manager cannot make calls afterwards. */
  async close(): Promise<void> {
    await this.#client.close();
  }

  async #runForModel(tool: TrutoTool, args: unknown, options: InvokeCallOptions): Promise<ModelToolResult> {
    try {
      const outcome = await invokeTool(tool, args, this.#context, options);
      const rateLimit = this.#options.rateLimitInResult ? outcome.rateLimit : undefined;
      return { content: formatResultForModel(outcome.data, outcome.status, { rateLimit }), isError: false };
    } catch (error) {
      if (this.#errorMode === 'throw' || mustThrow(error)) throw error;
      return { content: formatErrorForModel(error as TrutoError), isError: true };
    }
  }

  async #findTool(name: string): Promise<TrutoTool> {
    const catalog = this.#loadedCatalog ?? (await this.#loadCatalog());
    const tool = catalog.get(name) ?? [...catalog.values()].find((candidate) => candidate.definition.name === name);
    if (!tool) throw new ToolNotFoundError(name, [...catalog.keys()]);
    return tool;
  }

  #loadCatalog(): Promise<Catalog> {
    this.#catalog ??= loadCatalog(this.#client, {
      integratedAccountId: this.#resolved.integratedAccountId,
      methods: this.#resolved.methods,
      tags: this.#resolved.tags,
      onWarning: this.#warn,
    }).then(
      (catalog) => {
        this.#loadedCatalog = catalog;
        return catalog;
      },
    ).catch((error: unknown) => {
      // A failed load must not poison the manager: the next call tries again.
      this.#catalog = undefined;
      this.#langChainTools = undefined;
      throw error;
    });
    return this.#catalog;
  }
}
