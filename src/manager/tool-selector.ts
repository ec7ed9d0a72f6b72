/**
 * The manager's side of tool selection (kept here so the manager stays small): ranking a catalog view for a request
 * (lexical, fused with embeddings when the manager has `embed`), fitting a selection into budgets, token counts per
 * framework, and the `discovery: 'auto'` decision. The pure parts live in src/selection.
 */
import type { CatalogView } from '../catalog/catalog-source.js';
import { discoveryTools } from '../catalog/discovery.js';
import type { ToolNamePattern } from '../catalog/filter.js';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { ToolNotFoundError } from '../errors/index.js';
import type { EmbeddingOptions } from '../selection/embeddings.js';
import type { TokenFramework } from '../selection/frameworks.js';
import { requestText, type SelectionRequest } from '../selection/request-text.js';
import {
  type FitOptions,
  fitSelection,
  type RankedTool,
  rankTools,
  rankToolsWithEmbeddings,
} from '../selection/select.js';
import {
  countToolTokens,
  roughCatalogTokens,
  type TokenCounter,
  type Tokenizer,
  type ToolTokenCount,
  tokenCounterFor,
  toolTokens,
} from '../selection/tokens.js';
import type { StateStore } from '../state/types.js';

/** `discovery: 'auto'` binds the catalog directly up to this many tokens per turn. */
export const DEFAULT_DISCOVERY_MAX_TOKENS = 4_000;
/** Tools `selectTools` returns unless told otherwise. */
export const DEFAULT_SELECT_MAX_TOOLS = 10;
/**
 * The share of the catalog's tokens a selection may cost unless told otherwise: a turn with a selection costs at
 * most 5% of what the whole catalog would. The catalog's size is estimated (counting every tool exactly would
 * compile every schema: seconds for 500 tools), so the budget keeps `SELECT_ESTIMATE_MARGIN` below the share.
 */
export const DEFAULT_SELECT_CATALOG_SHARE = 0.05;
/**
 * The estimate of a catalog's tokens is within a few percent of the exact count (a sample of its tools is counted
 * exactly and the rest scaled by their definitions' size: measured within 3% on nine vendor catalogs); the budget
 * stays this share of the 5% so that the worst estimate still keeps a turn under 5%.
 */
export const SELECT_ESTIMATE_MARGIN = 0.95;
/**
 * ... but never less than this for a tiny catalog (under `SMALL_CATALOG_TOKENS`), so that it still gets a few tools:
 * there 5% is less than one tool, and binding the whole catalog costs little anyway. Larger catalogs keep to 5%.
 */
export const MIN_SELECT_MAX_TOKENS = 1_000;
/** Catalogs below this many tokens (as the framework sends them) are tiny: see `MIN_SELECT_MAX_TOKENS`. */
export const SMALL_CATALOG_TOKENS = 10_000;
/** A catalog whose rough size is this many times the budget is over it: no need to count it exactly. */
const CLEARLY_OVER = 3;

export interface SelectToolsOptions {
  /** At most this many tools. @default 10 */
  maxTools?: number;
  /**
   * At most this many tokens for the selected tools together, as `framework` sends them; a tool that would break it
   * is skipped for a smaller one further down. `Infinity` for no limit.
   * @default 5% of the catalog's estimated tokens less a 5% margin for the estimate, at least 1,000: a turn costs
   * under 5% of the whole catalog
   */
  maxTokens?: number;
  /**
   * Tools always selected, first: names (exposed or original), globs (`*_users`) or RegExps. The tools the
   * conversation already called are a good choice.
   */
  include?: ToolNamePattern | readonly ToolNamePattern[];
  /** Whose tool JSON `maxTokens` and `tokens` count. @default the manager's `tokenFramework` ('openai') */
  framework?: TokenFramework;
}

/** One selected tool. */
export interface SelectedTool {
  name: string;
  /** Higher is better; only meaningful within one selection. */
  score: number;
  /** `include`: asked for; `match`: the request describes it; `lookup`: it finds a record the request names. */
  reason: 'include' | 'match' | 'lookup';
  /** Tokens of this tool as `framework` sends it. */
  tokens: number;
  tool: TrutoTool;
}

/** What `selectTools` returns. */
export interface ToolSelection {
  /** The request text the selection was made for (the latest user message, for a conversation). */
  request: string;
  /** The selected tools, best first: hand them to `toOpenAIChatTools`, `toAnthropicTools`, ... */
  tools: TrutoTool[];
  /** Their names, in the same order (for `activeTools`, or to pick LangChain tools from `getTools()`). */
  names: string[];
  selected: SelectedTool[];
  /** The selected tools' tokens per turn. */
  tokens: number;
  framework: TokenFramework;
  tokenizer: ToolTokenCount['tokenizer'];
}

/** Which tools `countTokens` counts. */
export type TokenCountTarget = 'catalog' | 'model' | 'discovery' | readonly (string | TrutoTool)[] | ToolSelection;

export interface CountTokensOptions {
  /** @default the manager's `tokenFramework` ('openai') */
  framework?: TokenFramework;
  /**
   * `'catalog'` (every selected tool), `'model'` (what `getModelTools()` gives: the catalog or, in discovery, the
   * meta-tools), `'discovery'` (the three meta-tools), tool names or tools, or a `selectTools` result.
   * @default 'model'
   */
  tools?: TokenCountTarget;
}

export interface ToolSelectorOptions {
  embed?: (texts: string[]) => Promise<number[][]>;
  embeddingNamespace?: string;
  /** A shared store for tool vectors; none keeps them in this process. */
  store?: StateStore;
  tokenizer?: Tokenizer;
  framework: TokenFramework;
  discovery: boolean | 'auto';
  discoveryMaxTokens: number;
}

const catalogEstimates = new WeakMap<readonly TrutoTool[], Map<string, number>>();

/**
 * The default `maxTokens` for a catalog, in the counter's units, as `framework` sends the tools: 5% of the catalog's
 * estimated tokens, less the estimate's margin. Remembered per catalog array, framework and counter.
 */
export function defaultMaxTokens(
  tools: readonly TrutoTool[],
  counter: TokenCounter,
  framework: TokenFramework = 'openai',
): number {
  let byCounter = catalogEstimates.get(tools);
  if (!byCounter) {
    byCounter = new Map();
    catalogEstimates.set(tools, byCounter);
  }
  const key = `${framework}:${counter.name}`;
  let estimate = counter.name === 'custom' ? undefined : byCounter.get(key);
  if (estimate === undefined) {
    estimate = estimatedCatalogTokens(tools, counter, framework);
    if (counter.name !== 'custom') byCounter.set(key, estimate);
  }
  const share = Math.floor(estimate * DEFAULT_SELECT_CATALOG_SHARE * SELECT_ESTIMATE_MARGIN);
  return estimate < SMALL_CATALOG_TOKENS ? Math.max(MIN_SELECT_MAX_TOKENS, share) : share;
}

/** The largest tools, counted exactly: tool sizes are heavy-tailed, and the few largest carry most of the error. */
const LARGEST_TOOLS_COUNTED = 16;
/** Tools spread over the rest of the catalog, counted exactly to scale the others' estimate. */
const SAMPLED_TOOLS = 24;

/**
 * The catalog's tokens as `framework` sends them, estimated without compiling every schema: the largest tools
 * counted exactly, the rest estimated from their definitions' size scaled by how a sample of them spread over the
 * catalog really counts. Small catalogs are counted whole.
 */
export function estimatedCatalogTokens(
  tools: readonly TrutoTool[],
  counter: TokenCounter,
  framework: TokenFramework = 'openai',
): number {
  if (tools.length <= LARGEST_TOOLS_COUNTED + SAMPLED_TOOLS) return countToolTokens(tools, framework, counter).tokens;
  const rough = tools.map((tool) => roughCatalogTokens([tool]));
  const bySize = tools.map((_, position) => position).sort((left, right) => rough[right]! - rough[left]!);
  let exact = 0;
  for (const position of bySize.slice(0, LARGEST_TOOLS_COUNTED))
    exact += toolTokens(tools[position]!, framework, counter);
  const rest = bySize.slice(LARGEST_TOOLS_COUNTED).sort((left, right) => left - right);
  const step = rest.length / SAMPLED_TOOLS;
  let sampledExact = 0;
  let sampledRough = 0;
  for (let at = 0; at < SAMPLED_TOOLS; at++) {
    const position = rest[Math.floor(at * step)]!;
    sampledExact += toolTokens(tools[position]!, framework, counter);
    sampledRough += rough[position]!;
  }
  let restRough = 0;
  for (const position of rest) restRough += rough[position]!;
  return exact + (sampledRough === 0 ? 0 : restRough * (sampledExact / sampledRough));
}

export class ToolSelector {
  readonly #options: ToolSelectorOptions;
  readonly #embedding: EmbeddingOptions | undefined;
  /** The `discovery: 'auto'` decision, per catalog view (it changes only with the catalog). */
  readonly #discoveryByView = new WeakMap<CatalogView, Promise<boolean>>();

  constructor(options: ToolSelectorOptions) {
    this.#options = options;
    this.#embedding = options.embed
      ? {
          embed: options.embed,
          ...(options.embeddingNamespace ? { namespace: options.embeddingNamespace } : {}),
          ...(options.store ? { store: options.store } : {}),
        }
      : undefined;
  }

  get framework(): TokenFramework {
    return this.#options.framework;
  }

  /** The view's tools ranked for `request` (lookups woven in; fused with embeddings when configured). */
  async rank(view: CatalogView, request: string, limit?: number): Promise<RankedTool<TrutoTool>[]> {
    const options = limit === undefined ? {} : { limit };
    return this.#embedding
      ? rankToolsWithEmbeddings(view.tools, request, this.#embedding, options)
      : rankTools(view.tools, request, options);
  }

  async select(view: CatalogView, request: SelectionRequest, options: SelectToolsOptions = {}): Promise<ToolSelection> {
    const framework = options.framework ?? this.#options.framework;
    const counter = await tokenCounterFor(this.#options.tokenizer);
    const text = requestText(request);
    const ranking = text.trim() === '' ? [] : await this.rank(view, text);
    const fitOptions: FitOptions<TrutoTool> = {
      tokensOf: (tool) => toolTokens(tool, framework, counter),
      maxTools: options.maxTools ?? DEFAULT_SELECT_MAX_TOOLS,
      maxTokens: options.maxTokens ?? defaultMaxTokens(view.tools, counter, framework),
      ...(options.include !== undefined ? { include: options.include } : {}),
    };
    const fitted = fitSelection(view.tools, ranking, fitOptions);
    const selected = fitted.ranked.map((entry) => ({
      name: entry.tool.name,
      score: entry.score,
      reason: entry.reason,
      tokens: toolTokens(entry.tool, framework, counter),
      tool: entry.tool,
    }));
    return {
      request: text,
      tools: fitted.tools,
      names: fitted.tools.map((tool) => tool.name),
      selected,
      tokens: fitted.tokens,
      framework,
      tokenizer: counter.name,
    };
  }

  async countTokens(view: CatalogView, options: CountTokensOptions = {}): Promise<ToolTokenCount> {
    const framework = options.framework ?? this.#options.framework;
    const counter = await tokenCounterFor(this.#options.tokenizer);
    return countToolTokens(await this.#toolsToCount(view, options.tools ?? 'model'), framework, counter);
  }

  /** Whether the model gets the meta-tools instead of the catalog. */
  usesDiscovery(view: CatalogView): boolean | Promise<boolean> {
    const { discovery } = this.#options;
    if (discovery !== 'auto') return discovery;
    let decided = this.#discoveryByView.get(view);
    if (!decided) {
      decided = this.#overBudget(view);
      this.#discoveryByView.set(view, decided);
    }
    return decided;
  }

  async #overBudget(view: CatalogView): Promise<boolean> {
    const budget = this.#options.discoveryMaxTokens;
    // Counting exactly compiles every tool's schema; a catalog far over the budget needs no exact count.
    if (roughCatalogTokens(view.tools) > budget * CLEARLY_OVER) return true;
    const counter = await tokenCounterFor(this.#options.tokenizer);
    return countToolTokens(view.tools, this.#options.framework, counter).tokens > budget;
  }

  async #toolsToCount(view: CatalogView, target: TokenCountTarget): Promise<readonly TrutoTool[]> {
    if (target === 'catalog') return view.tools;
    if (target === 'discovery') return discoveryTools();
    if (target === 'model') return (await this.usesDiscovery(view)) ? discoveryTools() : view.tools;
    if (!Array.isArray(target)) return (target as ToolSelection).tools;
    return (target as readonly (string | TrutoTool)[]).map((entry) => {
      if (typeof entry !== 'string') return entry;
      const tool = view.byName.get(entry) ?? view.tools.find((candidate) => candidate.definition.name === entry);
      if (!tool) throw new ToolNotFoundError(entry, [...view.byName.keys()].slice(0, 10));
      return tool;
    });
  }
}
