/**
 * The catalog for a snapshot: every page of `GET /integrated-account/:id/tools`, each entry kept exactly as served.
 * The manager's loader (src/catalog/fetch-tool-definitions.ts) normalises entries as it parses them; a snapshot
 * wants what Truto said, so the sandbox replays the same catalog the real account serves.
 */
import { parseToolDefinition } from '../catalog/parse-tool-definition.js';
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { apiErrorFor, TrutoResponseError } from '../errors/index.js';
import type { HttpClient } from '../http/client.js';

export interface FetchCatalogOptions {
  integratedAccountId: string;
  /** Truto's server-side method filter. @default all */
  methods?: readonly string[];
  /** Truto's server-side tag filter. @default all */
  tags?: readonly string[];
  /** Called once per entry that is not a usable tool definition (it is left out, as the SDK would skip it). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

/** A catalog that keeps pointing at new pages forever is a server bug; stop rather than loop. */
const MAX_PAGES = 1_000;

export async function fetchCatalogDefinitions(
  client: HttpClient,
  options: FetchCatalogOptions,
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
      if (parsed.ok) tools.push(entry as TrutoToolDefinition);
      else options.onWarning?.(`Left out a malformed tool definition: ${parsed.reason}.`);
    }
    const next = envelope?.next_cursor;
    if (typeof next !== 'string' || next === '' || seenCursors.has(next)) return tools;
    seenCursors.add(next);
    cursor = next;
  }
  options.onWarning?.(`Stopped paging the tool catalog after ${MAX_PAGES} pages.`);
  return tools;
}
