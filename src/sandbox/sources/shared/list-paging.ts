/**
 * Truto's list envelope over a fixed, ordered collection: `{ result, next_cursor, prev_cursor, result_count }`
 * with opaque cursors that encode an offset. Cursors are the sandbox's own: vendor paging parameters (Asana's
 * `offset` token, PagerDuty's `offset`) are accepted and left alone, as Truto maps paging itself.
 */
import { trutoError } from '../../errors';

const CURSOR_PREFIX = 'c_';

export interface ListPage<Item> {
  result: Item[];
  next_cursor: string | null;
  prev_cursor: string | null;
  result_count: number;
}

export function encodeCursor(offset: number): string {
  return CURSOR_PREFIX + Buffer.from(`offset:${offset}`).toString('base64url');
}

/** The offset a cursor encodes; 0 without one. @throws SandboxHttpError 400 for a cursor this sandbox never gave */
export function decodeCursor(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value === 'string' && value.startsWith(CURSOR_PREFIX)) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(value.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
    if (match) return Number(match[1]);
  }
  throw trutoError(
    400,
    "'next_cursor' is not a cursor this integration returned; pass the previous answer's next_cursor unchanged.",
  );
}

/** One page of `items` from the cursor's offset. */
export function pageOf<Item>(items: readonly Item[], options: { cursor: unknown; limit: number }): ListPage<Item> {
  const offset = decodeCursor(options.cursor);
  const limit = Math.max(1, Math.floor(options.limit));
  const result = items.slice(offset, offset + limit);
  const next = offset + result.length;
  return {
    result,
    next_cursor: next < items.length ? encodeCursor(next) : null,
    prev_cursor: offset > 0 ? encodeCursor(Math.max(0, offset - limit)) : null,
    result_count: result.length,
  };
}
