/** OpenAI's `after`/`before` paging by object id, used by projects, rate limits and models. */
import { invalidValue } from '../errors';

export interface IdPage<Item> {
  page: Item[];
  hasMore: boolean;
}

export function pageById<Item extends { id: string }>(
  items: readonly Item[],
  options: { limit: number; after?: string; afterParameter?: string; before?: string },
): IdPage<Item> {
  let start = 0;
  let end = items.length;
  if (options.after !== undefined) {
    const index = items.findIndex((item) => item.id === options.after);
    if (index === -1)
      throw invalidValue(options.afterParameter ?? 'after', options.after, 'No object with this id is in the list.');
    start = index + 1;
  }
  if (options.before !== undefined) {
    const index = items.findIndex((item) => item.id === options.before);
    if (index === -1) throw invalidValue('before', options.before, 'No object with this id is in the list.');
    end = index;
    // `before` pages backwards: the `limit` objects right before the given one.
    if (options.after === undefined) start = Math.max(0, end - options.limit);
  }
  const page = items.slice(start, Math.min(end, start + options.limit));
  return { page, hasMore: start + page.length < end };
}
