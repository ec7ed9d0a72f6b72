import { apiErrorFor, TrutoResponseError } from '../errors/index.js';
import type { HttpClient } from '../http/client.js';
import { parseToolDefinition } from './parse-tool-definition.js';
import type { TrutoToolDefinition } from './tool-definition.js';

export interface FetchToolDefinitionsOptions {
  integratedAccountId: string;
  /** Truto's server-side method filter: `list`, `get`, `create`, `update`, `delete`, `read`, `write`, `custom`, or a custom method name. */
  methods?: readonly string[];
  /** Truto's server-side tag filter. */
  tags?: readonly string[];
  signal?: AbortSignal;
  /** Called once per catalog entry that had to be skipped. */
  onWarning?: (message: string) => void;
  /**
   * Keep each usable entry exactly as served instead of normalised: a snapshot wants what Truto said, so the sandbox
   * replays the catalog the real account serves. @default false
   */
  asServed?: boolean;
}

/** A catalog that keeps pointing at new pages forever is a server bug; stop rather than loop. */
const MAX_PAGES = 1_000;

/**
 * `GET /integrated-account/:id/tools`, following `next_cursor` until it is null. Accepts both the documented
 * `result` envelope and the older `results`. Malformed entries are skipped with a warning.
 */
export async function fetchToolDefinitions(
  client: HttpClient,
  options: FetchToolDefinitionsOptions,
): Promise<TrutoToolDefinition[]> {
  const path = `/integrated-account/${encodeURIComponent(options.integratedAccountId)}/tools`;
  const tools: TrutoToolDefinition[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = {};
    if (options.methods?.length) query.methods = options.methods.join(',');
    if (options.tags?.length) query.tags = options.tags.join(',');
    if (cursor !== undefined) query.next_cursor = cursor;
    const response = await client.send({ method: 'GET', path, query, signal: options.signal });
    if (response.status < 200 || response.status >= 300) {
      throw apiErrorFor({
        status: response.status,
        headers: response.headers,
        body: response.body,
        method: response.method,
        url: response.url,
      });
    }
    const envelope = response.body as { result?: unknown; results?: unknown; next_cursor?: unknown } | undefined;
    const entries = envelope?.result ?? envelope?.results;
    if (!Array.isArray(entries)) {
      throw new TrutoResponseError({
        message: `GET ${response.url} answered without a "result" list of tools.`,
        method: 'GET',
        url: response.url,
        status: response.status,
      });
    }
    for (const entry of entries) {
      const parsed = parseToolDefinition(entry);
      if (parsed.ok) tools.push(options.asServed ? (entry as TrutoToolDefinition) : parsed.tool);
      else options.onWarning?.(`Skipped a malformed tool definition: ${parsed.reason}.`);
    }
    const next = envelope?.next_cursor;
    if (typeof next !== 'string' || next === '' || seenCursors.has(next)) return tools;
    seenCursors.add(next);
    cursor = next;
  }
  options.onWarning?.(`Stopped paging the tool catalog after ${MAX_PAGES} pages.`);
  return tools;
}
