/**
 * What tools cost a model per turn: the JSON each framework sends for them, counted with a real tokenizer when one
 * is available and estimated otherwise.
 *
 * - Tokenizer: the one passed in (`tokenizer` option), else `gpt-tokenizer`'s o200k_base (GPT-4o, GPT-4.1, o-series;
 *   an optional dependency, loaded on first use), else an estimate of one token per 4.6 characters of JSON, which
 *   on the Asana, PagerDuty, OpenAI and synthetic catalogs is within 4% of o200k_base per tool at the median and
 *   within 1% over a whole catalog (measured in bench/selection.bench.ts).
 * - Frameworks: what each adapter sends (`toOpenAIChatTools`, `toOpenAIResponsesTools`, `toAnthropicTools`, MCP
 *   `toMcpTool`; LangChain's `bindTools` sends the OpenAI Chat shape without `strict`; the AI SDK's OpenAI provider
 *   the Responses shape). Providers add a little formatting of their own around tool lists, not counted here.
 */
import { toAnthropicTools } from '../adapters/anthropic/tools.js';
import { toMcpTool } from '../adapters/mcp/tool-listing.js';
import { toOpenAIChatTools, toOpenAIResponsesTools } from '../adapters/openai/tool-definitions.js';
import type { TrutoTool } from '../catalog/truto-tool.js';

import type { TokenFramework } from './frameworks.js';

export { TOKEN_FRAMEWORKS, type TokenFramework } from './frameworks.js';

/** Counts the tokens of a text. */
export type Tokenizer = (text: string) => number;

/** How counts were made: a real tokenizer (`o200k_base`), your own (`custom`), or the `estimate`. */
export type TokenizerName = 'o200k_base' | 'custom' | 'estimate';

export interface TokenCounter {
  count: Tokenizer;
  name: TokenizerName;
}

/** Characters of tool JSON per o200k_base token, measured over four catalogs (see the module comment). */
export const ESTIMATED_CHARACTERS_PER_TOKEN = 4.6;

/** A tokenizer-free estimate for tool JSON. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / ESTIMATED_CHARACTERS_PER_TOKEN);
}

export const ESTIMATE: TokenCounter = { count: estimateTokens, name: 'estimate' };

let defaultCounter: Promise<TokenCounter> | undefined;

/**
 * The best counter available: `gpt-tokenizer`'s o200k_base when installed (it is an optional dependency), else the
 * estimate. Loaded once per process.
 */
export function defaultTokenCounter(): Promise<TokenCounter> {
  defaultCounter ??= import('gpt-tokenizer/encoding/o200k_base').then(
    (module) => {
      const count = (module as { countTokens?: Tokenizer }).countTokens;
      return typeof count === 'function' ? { count, name: 'o200k_base' as const } : ESTIMATE;
    },
    () => ESTIMATE,
  );
  return defaultCounter;
}

/** The counter to use: the caller's tokenizer when given, else the default. */
export async function tokenCounterFor(tokenizer: Tokenizer | undefined): Promise<TokenCounter> {
  return tokenizer ? { count: tokenizer, name: 'custom' } : defaultTokenCounter();
}

/** What `framework` sends for one tool. */
export function toolPayload(tool: TrutoTool, framework: TokenFramework): unknown {
  switch (framework) {
    case 'openai':
      return toOpenAIChatTools([tool])[0];
    case 'openai-responses':
    case 'ai-sdk':
      return toOpenAIResponsesTools([tool])[0];
    case 'anthropic':
      return toAnthropicTools([tool])[0];
    case 'mcp':
      return toMcpTool(tool);
    case 'langchain':
      return {
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.modelJsonSchema },
      };
  }
}

/** Per tool, per framework and counter: a tool's count never changes, and catalogs are cached per process. */
const counts = new WeakMap<TrutoTool, Map<string, number>>();

/** Tokens of one tool as `framework` sends it. */
export function toolTokens(tool: TrutoTool, framework: TokenFramework, counter: TokenCounter): number {
  let perTool = counts.get(tool);
  if (!perTool) {
    perTool = new Map();
    counts.set(tool, perTool);
  }
  // A custom tokenizer is not cached: two callers may pass different ones under the same name.
  const key = `${framework}:${counter.name}`;
  const known = counter.name === 'custom' ? undefined : perTool.get(key);
  if (known !== undefined) return known;
  const tokens = counter.count(JSON.stringify(toolPayload(tool, framework)));
  if (counter.name !== 'custom') perTool.set(key, tokens);
  return tokens;
}

/** What a set of tools costs per turn. */
export interface ToolTokenCount {
  /** All the tools together. */
  tokens: number;
  /** How many tools were counted. */
  tools: number;
  /** Tokens per tool name. */
  perTool: Record<string, number>;
  framework: TokenFramework;
  tokenizer: TokenizerName;
}

export function countToolTokens(
  tools: readonly TrutoTool[],
  framework: TokenFramework,
  counter: TokenCounter,
): ToolTokenCount {
  const perTool: Record<string, number> = {};
  let tokens = 0;
  for (const tool of tools) {
    const count = toolTokens(tool, framework, counter);
    perTool[tool.name] = count;
    tokens += count;
  }
  return { tokens, tools: tools.length, perTool, framework, tokenizer: counter.name };
}

/**
 * A cheap upper-range estimate of a catalog's tokens from the definitions as served (no schema compiled): their
 * JSON over the estimate's characters per token. Used to decide `discovery: 'auto'` for catalogs far from the
 * budget without compiling every tool's schema.
 */
export function roughCatalogTokens(tools: readonly TrutoTool[]): number {
  let characters = 0;
  for (const tool of tools) {
    const { name, description, query_schema, body_schema } = tool.definition;
    characters += JSON.stringify({ name, description, query_schema, body_schema }).length;
  }
  return Math.ceil(characters / ESTIMATED_CHARACTERS_PER_TOKEN);
}
