/**
 * Keyword search over tool names and descriptions: small enough to run on every `search_tools` call of a
 * 1,000-tool catalog without an index, good enough for a model that asks "openai costs" or "transcribe audio".
 *
 * Scoring, per query word (after dropping a plural `s`, so "cost" finds `costs`):
 * - 4 when it equals a word of the name, 2 when a word of the name starts with it,
 * - 1 when the name without separators contains it (`openai` finds `open_ai`),
 * - 1 when the description has a word starting with it.
 * A tool matching every query word gets 3 more, and the whole query inside the name 3 more. Tools matching no
 * word are left out; so a model's wordy query ("openai costs for last week") still finds `list_all_open_ai_costs`.
 */

export interface SearchableTool {
  name: string;
  description: string;
}

export interface ToolSearchOptions {
  /** Most results returned. @default 10 (DEFAULT_SEARCH_LIMIT) */
  limit?: number;
}

export interface ToolSearchHit<Tool extends SearchableTool> {
  tool: Tool;
  score: number;
}

export const DEFAULT_SEARCH_LIMIT = 10;

/** Words that say nothing about what a tool does; Truto puts them in most names. */
const NOISE = new Set([
  'a',
  'an',
  'the',
  'all',
  'single',
  'by',
  'of',
  'for',
  'to',
  'in',
  'and',
  'or',
  'with',
  'me',
  'my',
]);

interface ToolIndex {
  nameWords: string[];
  joinedName: string;
  descriptionWords: string[];
}

// Tools are long-lived (cached per process) and often searched more than once: remember their words.
const indexes = new WeakMap<SearchableTool, ToolIndex>();

export function searchTools<Tool extends SearchableTool>(
  tools: readonly Tool[],
  query: string,
  options: ToolSearchOptions = {},
): ToolSearchHit<Tool>[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT));
  const queryWords = words(query).filter((word) => !NOISE.has(word));
  const phrase = query
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (queryWords.length === 0) {
    return tools.slice(0, limit).map((tool) => ({ tool, score: 0 }));
  }
  const hits: ToolSearchHit<Tool>[] = [];
  for (const tool of tools) {
    const index = indexFor(tool);
    let score = 0;
    let matched = 0;
    for (const word of queryWords) {
      const wordScore = scoreWord(word, index);
      if (wordScore > 0) matched++;
      score += wordScore;
    }
    if (matched === 0) continue;
    if (matched === queryWords.length) score += 3;
    if (phrase.length > 0 && tool.name.toLowerCase().includes(phrase)) score += 3;
    hits.push({ tool, score });
  }
  hits.sort((left, right) => right.score - left.score || left.tool.name.localeCompare(right.tool.name));
  return hits.slice(0, limit);
}

function scoreWord(word: string, index: ToolIndex): number {
  let score = 0;
  for (const nameWord of index.nameWords) {
    if (nameWord === word) {
      score = 4;
      break;
    }
    if (nameWord.startsWith(word)) score = Math.max(score, 2);
  }
  if (score === 0 && index.joinedName.includes(word)) score = 1;
  if (index.descriptionWords.some((descriptionWord) => descriptionWord.startsWith(word))) score += 1;
  return score;
}

function indexFor(tool: SearchableTool): ToolIndex {
  let index = indexes.get(tool);
  if (!index) {
    const nameWords = words(tool.name);
    index = { nameWords, joinedName: nameWords.join(''), descriptionWords: words(tool.description) };
    indexes.set(tool, index);
  }
  return index;
}

/** Lower-case words split on anything that is not a letter or digit, with a plural `s` dropped. */
function words(text: string): string[] {
  const result: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (raw === '') continue;
    result.push(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return result;
}
