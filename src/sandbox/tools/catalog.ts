/**
 * The catalog one sandbox serves: the source's tools (OpenAI's by default), then the synthetic ones, with the
 * malformed entries mixed in when asked for. Filtering follows Truto's `/tools` query:
 *
 * - `methods`: comma list; `list`, `get`, `create`, `update`, `delete` match exactly, `read` = list + get,
 *   `write` = create + update + delete, `custom` = every non-CRUD method, any other word matches a custom method
 *   by name (`archive`). A tool matches when any term matches.
 * - `tags`: comma list; a tool matches when it has at least one of them.
 * - `has_description` (default true): tools without a description are left out.
 *
 * The filters combine with AND. Filtered lists are memoised, so paging a 1,000-tool catalog stays cheap.
 */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import { MALFORMED_POSITIONS, MALFORMED_TOOLS } from './malformed-tools';
import { createSyntheticTools } from './synthetic-tools';

export type CatalogEntry = Readonly<Record<string, unknown>>;

export interface CatalogFilter {
  methods?: readonly string[];
  tags?: readonly string[];
  hasDescription: boolean;
}

const CRUD = new Set(['list', 'get', 'create', 'update', 'delete']);
const METHOD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  read: ['list', 'get'],
  write: ['create', 'update', 'delete'],
};
const MEMO_LIMIT = 64;

export class ToolCatalog {
  /** Everything served, in order, malformed entries included. */
  readonly entries: readonly CatalogEntry[];
  /** The well-formed tools, for routing proxy calls. */
  readonly tools: readonly TrutoToolDefinition[];
  readonly #memo = new Map<string, readonly CatalogEntry[]>();

  constructor(options: {
    /** The source's well-formed tools. */
    tools: readonly TrutoToolDefinition[];
    /** What the source serves, when it holds more than its tools (a saved catalog's unusable entries). */
    entries?: readonly CatalogEntry[];
    syntheticTools: number;
    includeMalformedTool: boolean;
  }) {
    const synthetic = createSyntheticTools(options.syntheticTools);
    this.tools = [...options.tools, ...synthetic];
    const entries: CatalogEntry[] = [...(options.entries ?? options.tools), ...synthetic];
    if (options.includeMalformedTool) {
      for (const [index, entry] of MALFORMED_TOOLS.entries()) {
        entries.splice(Math.min(MALFORMED_POSITIONS[index]!, entries.length), 0, entry);
      }
    }
    this.entries = entries;
  }

  filter(filter: CatalogFilter): readonly CatalogEntry[] {
    const key = `${filter.methods?.join(',') ?? ''}|${filter.tags?.join(',') ?? ''}|${filter.hasDescription}`;
    const memoised = this.#memo.get(key);
    if (memoised !== undefined) return memoised;
    const methodMatches = filter.methods && filter.methods.length > 0 ? methodMatcher(filter.methods) : undefined;
    const tags = filter.tags && filter.tags.length > 0 ? new Set(filter.tags) : undefined;
    const result = this.entries.filter((entry) => {
      if (filter.hasDescription && (typeof entry.description !== 'string' || entry.description === '')) return false;
      if (methodMatches && !methodMatches(String(entry.method))) return false;
      if (tags && !(Array.isArray(entry.tags) && entry.tags.some((tag) => tags.has(String(tag))))) return false;
      return true;
    });
    if (this.#memo.size >= MEMO_LIMIT) this.#memo.delete(this.#memo.keys().next().value!);
    this.#memo.set(key, result);
    return result;
  }
}

function methodMatcher(terms: readonly string[]): (method: string) => boolean {
  const exact = new Set<string>();
  let custom = false;
  for (const term of terms) {
    if (term === 'custom') custom = true;
    else for (const method of METHOD_GROUPS[term] ?? [term]) exact.add(method);
  }
  return (method) => exact.has(method) || (custom && !CRUD.has(method));
}
