/**
 * `GET /integrated-account/:id/tools`: the catalog filtered by `methods`, `tags` and `has_description`, one page at
 * a time. `limit` defaults to the sandbox's `toolsPageSize` (5) and is capped at 100; `next_cursor` is opaque.
 * Answers `{ result: [...], next_cursor }` (or `results` with `toolsEnvelope: 'results'`).
 */
import { trutoError } from './errors';
import { MAX_TOOLS_PAGE_SIZE } from './options';
import type { ParsedQuery, QueryValue } from './query';
import type { SandboxState } from './state';

const CURSOR_PREFIX = 'tools_';

export function answerTools(state: SandboxState, query: ParsedQuery): Record<string, unknown> {
  const methods = commaList(query.methods, 'methods');
  const tags = commaList(query.tags, 'tags');
  const hasDescription = readHasDescription(query.has_description);
  const limit = readLimit(query.limit, state.options.toolsPageSize);
  const offset = readCursor(query.next_cursor);
  const matching = state.catalog.filter({
    hasDescription,
    ...(methods !== undefined ? { methods } : {}),
    ...(tags !== undefined ? { tags } : {}),
  });
  const page = matching.slice(offset, offset + limit);
  const next = offset + page.length;
  return {
    [state.options.toolsEnvelope]: page,
    next_cursor: next < matching.length ? CURSOR_PREFIX + Buffer.from(`offset:${next}`).toString('base64url') : null,
  };
}

function commaList(value: QueryValue | undefined, name: string): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value);
  if (!items.every((item): item is string => typeof item === 'string'))
    throw trutoError(400, `'${name}' must be a comma-separated list.`);
  const list = items
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return list.length === 0 ? undefined : list;
}

function readHasDescription(value: QueryValue | undefined): boolean {
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw trutoError(400, "'has_description' must be true or false.");
}

function readLimit(value: QueryValue | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1) {
    throw trutoError(400, `'limit' must be a whole number ≥ 1, got ${JSON.stringify(value)}.`);
  }
  return Math.min(Number(value), MAX_TOOLS_PAGE_SIZE);
}

function readCursor(value: QueryValue | undefined): number {
  if (value === undefined || value === '') return 0;
  if (typeof value === 'string' && value.startsWith(CURSOR_PREFIX)) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(value.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
    if (match) return Number(match[1]);
  }
  throw trutoError(
    400,
    "'next_cursor' is not a cursor this endpoint returned; pass the previous answer's next_cursor unchanged.",
  );
}
