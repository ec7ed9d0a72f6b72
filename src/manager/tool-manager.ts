import { type TrutoLangChainTool, toLangChainTools } from '../adapters/langchain.js';
import { fetchToolDefinitions } from '../catalog/fetch-tool-definitions.js';
import { TrutoTool } from '../catalog/truto-tool.js';
import { ToolNotFoundError } from '../errors/index.js';
import { HttpClient } from '../http/client.js';
import { formatResultForModel } from '../invoke/format-result.js';
import { type InvocationContext, type InvokeCallOptions, invokeTool, type ToolCallOutcome } from '../invoke/invoke-tool.js';
import { type ResolvedOptions, resolveOptions, type TrutoToolManagerOptions } from './options.js';

export interface InvokeOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Overrides the manager's `timeoutMs` for this call. */
  timeoutMs?: number;
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
  #catalog: Promise<Map<string, TrutoTool>> | undefined;
  #langChainTools: Promise<TrutoLangChainTool[]> | undefined;

  constructor(options: TrutoToolManagerOptions = {}) {
    this.#options = options;
    this.#resolved = resolveOptions(options);
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
    this.#context = {
      client: this.#client,
      integratedAccountId: this.#resolved.integratedAccountId,
      dates: {
        ...(this.#resolved.now ? { now: this.#resolved.now } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        ...(options.weekStartsOn !== undefined ? { weekStartsOn: options.weekStartsOn } : {}),
      },
    };
  }

  /** LangChain structured tools, ready for `llm.bindTools(tools)`, LangGraph's `ToolNode` or `createReactAgent`. */
  async getTools(): Promise<TrutoLangChainTool[]> {
    this.#langChainTools ??= this.#loadCatalog().then((catalog) =>
      toLangChainTools([...catalog.values()], (tool, args, signal) =>
        this.#runForModel(tool, args, { validated: true, ...(signal ? { signal } : {}) }),
      ),
    );
    return this.#langChainTools;
  }

  /** The framework-neutral tools: name, description, zod `inputSchema`, the model's `modelJsonSchema`, and more. */
  async getToolDefinitions(): Promise<TrutoTool[]> {
    return [...(await this.#loadCatalog()).values()];
  }

  /**
   * Calls a tool by name and returns the API's answer as data. Arguments are validated and date expressions
   * resolved exactly as when a model calls the tool.
   */
  async invoke<T = unknown>(name: string, args: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<T> {
    const outcome = await this.invokeWithDetails(name, args, options);
    return outcome.data as T;
  }

  /** Like `invoke`, with the status, headers, request id and the arguments as sent. */
  async invokeWithDetails(name: string, args: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<ToolCallOutcome> {
    const tool = await this.#findTool(name);
    return invokeTool(tool, args, this.#context, options);
  }

  /** Calls a tool and returns the text a model would receive. */
  async invokeForModel(name: string, args: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<string> {
    return this.#runForModel(await this.#findTool(name), args, options);
  }

  /** Releases the keep-alive connections. The manager cannot make calls afterwards. */
  async close(): Promise<void> {
    await this.#client.close();
  }

  async #runForModel(tool: TrutoTool, args: Record<string, unknown>, options: InvokeCallOptions): Promise<string> {
    const outcome = await invokeTool(tool, args, this.#context, options);
    return formatResultForModel(outcome.data, outcome.status);
  }

  async #findTool(name: string): Promise<TrutoTool> {
    const catalog = await this.#loadCatalog();
    const tool = catalog.get(name);
    if (!tool) throw new ToolNotFoundError(name, [...catalog.keys()]);
    return tool;
  }

  #loadCatalog(): Promise<Map<string, TrutoTool>> {
    this.#catalog ??= this.#fetchCatalog().catch((error: unknown) => {
      // A failed load must not poison the manager: the next call tries again.
      this.#catalog = undefined;
      this.#langChainTools = undefined;
      throw error;
    });
    return this.#catalog;
  }

  async #fetchCatalog(): Promise<Map<string, TrutoTool>> {
    const warn = this.#options.onWarning ?? ((message: string) => console.warn(`[truto-langchainjs-toolset] ${message}`));
    const definitions = await fetchToolDefinitions(this.#client, {
      integratedAccountId: this.#resolved.integratedAccountId,
      methods: this.#resolved.methods,
      tags: this.#resolved.tags,
      onWarning: warn,
    });
    const catalog = new Map<string, TrutoTool>();
    for (const definition of definitions) {
      if (catalog.has(definition.name)) {
        warn(`Skipped a second tool named "${definition.name}".`);
        continue;
      }
      catalog.set(
        definition.name,
        new TrutoTool(definition, {
          onSchemaWarning: (toolName, warning) =>
            warn(`Tool "${toolName}": ${warning.message} (at ${warning.path || '/'}); that part accepts any value.`),
        }),
      );
    }
    return catalog;
  }
}
