/**
 * Reads a recorded query with the sandbox's own reader (Truto's `qs` rules), so a recorded query compares equal to
 * the one the sandbox parses on replay.
 */
import { parseQuery } from '../sandbox/query.js';
import type { RecordedQueryValue } from './snapshot.js';

/** `search` with or without its leading `?`. */
export function parseQueryString(search: string): Record<string, RecordedQueryValue> {
  return parseQuery(search.startsWith('?') ? search.slice(1) : search);
}
