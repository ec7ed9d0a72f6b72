/**
 * Anthropic's own tool search: every tool is sent with `defer_loading: true`, so none of them costs context until
 * Claude finds it with the tool search tool, which runs on Anthropic's side (its results come back as
 * `tool_reference` blocks the API expands; `executeAnthropicToolUses` runs only the `tool_use` blocks, so a turn with
 * a search in it is handled as any other). Tools you name in `loaded` (a `selectTools` selection, say) are sent
 * in full, so that the likely ones need no search.
 *
 * Wire names, as checked against their sources (not guessed):
 * - `@anthropic-ai/sdk` 1.14 (node_modules/@anthropic-ai/sdk/resources/messages/messages.d.ts and beta/messages):
 *   `ToolSearchToolBm25_20251119 { name: 'tool_search_tool_bm25'; type: 'tool_search_tool_bm25_20251119' }`,
 *   `ToolSearchToolRegex20251119 { name: 'tool_search_tool_regex'; type: 'tool_search_tool_regex_20251119' }`,
 *   and `Tool.defer_loading?: boolean` ("If true, tool will not be included in initial system prompt. Only loaded
 *   when returned via tool_reference from tool search.").
 * - `@langchain/anthropic` (langchain-ai/langchainjs, libs/providers/langchain-anthropic/src/tools/toolSearch.ts):
 *   `tools.toolSearchRegex_20251119()` and `tools.toolSearchBM25_20251119()` return exactly those objects, with
 *   "This tool requires the beta header `advanced-tool-use-2025-11-20` in API requests", and mark tools with
 *   `extras: { defer_loading: true }`.
 * - Anthropic's tool search documentation (docs.anthropic.com/en/docs/agents-and-tools/tool-use/tool-search-tool):
 *   at least one tool must not be deferred; the search tool itself never is.
 */
import type { TrutoTool } from '../../catalog/truto-tool.js';
import { toAnthropicTools } from './tools.js';
import type { AnthropicTool } from './types.js';

/** The beta the tool search tool needs: `anthropic.beta.messages.create({ betas: [ANTHROPIC_TOOL_SEARCH_BETA] })`. */
export const ANTHROPIC_TOOL_SEARCH_BETA = 'advanced-tool-use-2025-11-20';

/** The BM25 variant: Claude searches in natural language. */
export interface AnthropicToolSearchBm25 {
  type: 'tool_search_tool_bm25_20251119';
  name: 'tool_search_tool_bm25';
}

/** The regex variant: Claude searches with Python `re.search()` patterns. */
export interface AnthropicToolSearchRegex {
  type: 'tool_search_tool_regex_20251119';
  name: 'tool_search_tool_regex';
}

export type AnthropicToolSearchTool = AnthropicToolSearchBm25 | AnthropicToolSearchRegex;

/** A client tool that may be deferred until tool search finds it. */
export interface AnthropicDeferrableTool extends AnthropicTool {
  defer_loading?: boolean;
}

export interface AnthropicToolSearchOptions {
  /** `'bm25'`: natural-language queries; `'regex'`: patterns. @default 'bm25' */
  search?: 'bm25' | 'regex';
  /** Tools sent in full (not deferred), e.g. `selection.names` from `manager.selectTools(request)`. @default none */
  loaded?: readonly string[];
}

/** The tool search tool entry. */
export function anthropicToolSearchTool(search: 'bm25' | 'regex' = 'bm25'): AnthropicToolSearchTool {
  return search === 'regex'
    ? { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' }
    : { type: 'tool_search_tool_bm25_20251119', name: 'tool_search_tool_bm25' };
}

/**
 * `tools` for `anthropic.beta.messages.create({ betas: [ANTHROPIC_TOOL_SEARCH_BETA], tools })`: the tool search
 * tool first, then every tool with `defer_loading: true` except those in `loaded`.
 */
export function toAnthropicToolSearchTools(
  tools: readonly TrutoTool[],
  options: AnthropicToolSearchOptions = {},
): Array<AnthropicToolSearchTool | AnthropicDeferrableTool> {
  const loaded = new Set(options.loaded ?? []);
  const definitions = toAnthropicTools(tools).map(
    (tool): AnthropicDeferrableTool => (loaded.has(tool.name) ? tool : { ...tool, defer_loading: true }),
  );
  return [anthropicToolSearchTool(options.search), ...definitions];
}
