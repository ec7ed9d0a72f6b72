/**
 * Choosing the tools for one request, as pure functions over a catalog's tools (the manager supplies the catalog,
 * token counts and embeddings):
 *
 * 1. rank: BM25F with the bridge vocabulary and intent (rank.ts), lookups woven in for two-step requests
 *    (lookups.ts), fused with a semantic ranking when an embedding function is given (embeddings.ts);
 * 2. fit: tools the caller insists on (`include`) first, then the ranking, within `maxTools` and `maxTokens`.
 */
import { compileNamePattern, type ToolNamePattern } from '../catalog/filter.js';
import { type EmbeddingOptions, reciprocalRankFusion, semanticRanking } from './embeddings.js';
import { lookupsFor, readRequestFor, weaveLookups } from './lookups.js';
import { analyseRequest, rankPositions, scoreTools } from './rank.js';
import { selectionIndexFor } from './selection-index.js';
import type { SelectableTool } from './tool-document.js';

/** Tools selected when neither `maxTools` nor `maxTokens` says otherwise. */
export const DEFAULT_MAX_TOOLS = 10;

/** Why a tool is in a selection. */
export type SelectionReason = 'include' | 'match' | 'lookup';

export interface RankedTool<Tool extends SelectableTool = SelectableTool> {
  tool: Tool;
  /** Higher is better; only meaningful within one ranking. */
  score: number;
  /** `match`: the request describes it; `lookup`: it finds a record the request names (two-step requests). */
  reason: SelectionReason;
}

export interface RankOptions {
  /** How many tools to return. @default all that match */
  limit?: number;
}

/** The catalog's tools ranked for `request`, best first (lexical, with lookups for named records). */
export function rankTools<Tool extends SelectableTool>(
  tools: readonly Tool[],
  request: string,
  options: RankOptions = {},
): RankedTool<Tool>[] {
  const { ranked, scores, lookups } = lexicalRanking(tools, request);
  return toRanked(tools, weaveLookups(ranked, lookups), scores, new Set(lookups.flat()), options.limit);
}

/** Just the tools of `rankTools`. */
export function rankCatalog<Tool extends SelectableTool>(
  tools: readonly Tool[],
  request: string,
  options: RankOptions = {},
): Tool[] {
  return rankTools(tools, request, options).map((entry) => entry.tool);
}

/**
 * `rankTools` fused with a semantic ranking by embeddings (reciprocal rank fusion): scores are the fused ones.
 * Lookups are woven into the fused order as they are into the lexical one.
 */
export async function rankToolsWithEmbeddings<Tool extends SelectableTool>(
  tools: readonly Tool[],
  request: string,
  embedding: EmbeddingOptions,
  options: RankOptions = {},
): Promise<RankedTool<Tool>[]> {
  const { ranked, lookups } = lexicalRanking(tools, request);
  const semantic = request.trim() === '' ? [] : await semanticRanking(tools, request, embedding);
  // The semantic ranking orders every tool; only its head carries signal.
  const fused = reciprocalRankFusion([ranked, semantic.slice(0, Math.max(ranked.length, SEMANTIC_DEPTH))]);
  const fusedScores = new Float64Array(tools.length);
  fused.forEach((position, rank) => {
    fusedScores[position] = 1 / (rank + 1);
  });
  return toRanked(tools, weaveLookups(fused, lookups), fusedScores, new Set(lookups.flat()), options.limit);
}

/** How deep into the semantic ranking fusion looks. */
const SEMANTIC_DEPTH = 50;

function lexicalRanking(tools: readonly SelectableTool[], request: string) {
  const index = selectionIndexFor(tools);
  const reading = readRequestFor(index, request);
  const analysed = analyseRequest(request, reading);
  const scores = scoreTools(index, analysed);
  const ranked = rankPositions(scores);
  const lookups = lookupsFor(index, reading, scores, ranked, analysed.terms);
  return { ranked, scores, lookups };
}

/** Positions → entries; a lookup woven in above better-scoring tools takes the score before it (scores never rise). */
function toRanked<Tool extends SelectableTool>(
  tools: readonly Tool[],
  order: readonly number[],
  scores: Float64Array,
  lookups: ReadonlySet<number>,
  limit: number | undefined,
): RankedTool<Tool>[] {
  const entries: RankedTool<Tool>[] = [];
  let previous = Number.POSITIVE_INFINITY;
  for (const position of order.slice(0, limit ?? order.length)) {
    const own = scores[position]!;
    const isLookup = lookups.has(position);
    const score = Math.min(previous, isLookup && Number.isFinite(previous) ? previous : own);
    entries.push({ tool: tools[position]!, score, reason: isLookup ? 'lookup' : 'match' });
    previous = score;
  }
  return entries;
}

export interface FitOptions<Tool extends SelectableTool> {
  /** At most this many tools. @default 10, or no limit when `maxTokens` is given */
  maxTools?: number;
  /** At most this many tokens for the selected tools together (as `tokensOf` counts them). @default no limit */
  maxTokens?: number;
  /** Tools always selected, first, whatever the ranking: names (exposed or original), globs or RegExps. */
  include?: ToolNamePattern | readonly ToolNamePattern[];
  /** A tool's token cost; needed for `maxTokens`. */
  tokensOf?: (tool: Tool) => number;
}

export interface FittedSelection<Tool extends SelectableTool> {
  /** The selected tools, in order: included ones, then best first. */
  tools: Tool[];
  /** Each selected tool with its score and why it was chosen. */
  ranked: RankedTool<Tool>[];
  /** The selected tools' tokens (0 without `tokensOf`). */
  tokens: number;
}

/**
 * Picks from a ranking within the budgets. Included tools come first and always (even past a budget: the caller
 * asked for them); then ranked tools in order, skipping any that would break `maxTokens` (a smaller one further
 * down may still fit), until `maxTools` are chosen.
 */
export function fitSelection<Tool extends SelectableTool>(
  catalog: readonly Tool[],
  ranking: readonly RankedTool<Tool>[],
  options: FitOptions<Tool> = {},
): FittedSelection<Tool> {
  const maxTools = options.maxTools ?? (options.maxTokens === undefined ? DEFAULT_MAX_TOOLS : Number.POSITIVE_INFINITY);
  const maxTokens = options.maxTokens ?? Number.POSITIVE_INFINITY;
  const cost = (tool: Tool) => options.tokensOf?.(tool) ?? 0;
  const chosen: RankedTool<Tool>[] = [];
  const seen = new Set<Tool>();
  let tokens = 0;
  const patterns = (options.include === undefined ? [] : [options.include].flat()).map(compileNamePattern);
  if (patterns.length > 0) {
    for (const tool of catalog) {
      if (!patterns.some((matches) => matches(tool.name) || matches(tool.definition.name))) continue;
      const entry = ranking.find((candidate) => candidate.tool === tool);
      chosen.push({ tool, score: entry?.score ?? 0, reason: 'include' });
      seen.add(tool);
      tokens += cost(tool);
    }
  }
  for (const entry of ranking) {
    if (chosen.length >= maxTools) break;
    if (seen.has(entry.tool)) continue;
    const toolTokens = cost(entry.tool);
    if (tokens + toolTokens > maxTokens) continue;
    chosen.push(entry);
    seen.add(entry.tool);
    tokens += toolTokens;
  }
  return { tools: chosen.map((entry) => entry.tool), ranked: chosen, tokens };
}
