import type { TrutoToolDefinition } from './tool-definition.js';

/**
 * A name pattern: a `RegExp`, a glob when the string holds `*` (any run of characters) or `?` (one character),
 * an exact name otherwise. Globs are anchored: `*_costs` matches `list_all_open_ai_costs`, not `costs_export`.
 */
export type ToolNamePattern = string | RegExp;

/**
 * Client-side selection, applied after Truto's server-side `methods`/`tags` filters (which decide what is
 * fetched and cached). Every given part must match (AND); within a part any entry may match (OR).
 */
export interface ToolFilter {
  /** Keep only tools whose name matches one of these. @default every tool */
  include?: ToolNamePattern | readonly ToolNamePattern[];
  /** Drop tools whose name matches one of these; wins over `include`. @default none */
  exclude?: ToolNamePattern | readonly ToolNamePattern[];
  /** Keep only tools carrying at least one of these tags. @default any tags */
  tags?: string | readonly string[];
  /**
   * Keep only tools of these methods, in Truto's vocabulary: `list`, `get`, `create`, `update`, `delete`,
   * `read` (list + get), `write` (create + update + delete), `custom` (every other method), or a custom
   * method's own name (`archive`). @default any method
   */
  methods?: string | readonly string[];
}

/** The two names a tool answers to: the provider-safe one models see and the catalog's original. */
export interface FilterableTool {
  name: string;
  definition: Pick<TrutoToolDefinition, 'name' | 'method' | 'tags'>;
}

export type ToolPredicate = (tool: FilterableTool) => boolean;

const CRUD_METHODS = new Set(['list', 'get', 'create', 'update', 'delete']);
const METHOD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  read: ['list', 'get'],
  write: ['create', 'update', 'delete'],
};

/** Compiles a filter once into a predicate; `undefined` when the filter keeps everything (skip the loop). */
export function compileToolFilter(filter: ToolFilter | undefined): ToolPredicate | undefined {
  if (!filter) return undefined;
  const include = toList(filter.include).map(compileNamePattern);
  const exclude = toList(filter.exclude).map(compileNamePattern);
  const tags = new Set(toList(filter.tags));
  const methodMatches = toList(filter.methods).length > 0 ? compileMethodMatcher(toList(filter.methods)) : undefined;
  if (include.length === 0 && exclude.length === 0 && tags.size === 0 && !methodMatches) return undefined;
  return (tool) => {
    const matchesName = (test: (name: string) => boolean) => test(tool.name) || test(tool.definition.name);
    if (include.length > 0 && !include.some(matchesName)) return false;
    if (exclude.some(matchesName)) return false;
    if (tags.size > 0 && !(tool.definition.tags ?? []).some((tag) => tags.has(tag))) return false;
    if (methodMatches && !methodMatches(tool.definition.method)) return false;
    return true;
  };
}

/** The tools a filter keeps, in their original order. */
export function filterTools<Tool extends FilterableTool>(
  tools: readonly Tool[],
  filter: ToolFilter | undefined,
): Tool[] {
  const keep = compileToolFilter(filter);
  return keep ? tools.filter(keep) : tools.slice();
}

/** A pattern as a name test. Exported for the CLI, which accepts the same patterns on the command line. */
export function compileNamePattern(pattern: ToolNamePattern): (name: string) => boolean {
  if (pattern instanceof RegExp) {
    // A global or sticky RegExp remembers `lastIndex` between `test` calls and would skip every other match.
    const regex =
      pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
    return (name) => regex.test(name);
  }
  if (!/[*?]/.test(pattern)) return (name) => name === pattern;
  const regex = globToRegExp(pattern);
  return (name) => regex.test(name);
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const character of glob) {
    if (character === '*') source += '.*';
    else if (character === '?') source += '.';
    else source += character.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function compileMethodMatcher(terms: readonly string[]): (method: string) => boolean {
  const exact = new Set<string>();
  let custom = false;
  for (const term of terms) {
    const lowered = term.toLowerCase();
    if (lowered === 'custom') custom = true;
    else for (const method of METHOD_GROUPS[lowered] ?? [lowered]) exact.add(method);
  }
  return (method) => exact.has(method.toLowerCase()) || (custom && !CRUD_METHODS.has(method.toLowerCase()));
}

function toList<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as T[]).slice() : [value as T];
}
