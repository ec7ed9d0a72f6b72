/**
 * The catalog of a manager that holds no API key. Truto's integrated-account tokens are not accepted on
 * `GET /integrated-account/:id/tools` (its reference lists the endpoints they are: the Proxy and Unified APIs, the
 * post-connect form and `/integrated-account/me`), so such a manager reads its catalog from elsewhere: a saved catalog
 * (a `truto-tools snapshot` file, a `/tools` answer, an array of definitions) or a function that asks a process that
 * holds the key. It is served to the catalog layer as if it were the tools endpoint, so the definitions are checked,
 * named, cached and refreshed (`refresh()` calls the function again) exactly like fetched ones.
 */
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { TrutoConfigError } from '../errors/index.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import { loadCatalog } from '../sandbox/sources/catalog/load-catalog.js';

/** A saved catalog as a value, a file path, or a function that returns either (asked on every catalog load). */
export type SavedCatalog =
  | string
  | readonly TrutoToolDefinition[]
  | object
  | (() => Promise<string | readonly TrutoToolDefinition[] | object>);

const NO_CATALOG_MESSAGE =
  'This manager has an integrated-account token and no API key, and Truto does not list tools for account tokens. Give it a "catalog" (a saved catalog such as a `truto-tools snapshot` file, or a function that asks a process holding the API key), a "catalogCacheKey" shared with a manager that holds the key, or an "apiKey" to fetch the catalog with.';

const CRUD = new Set(['list', 'get', 'create', 'update', 'delete']);
const GROUPS: Record<string, readonly string[]> = { read: ['list', 'get'], write: ['create', 'update', 'delete'] };

/**
 * A stand-in for the HTTP client that the catalog layer fetches tools with: it answers the tools request from `saved`
 * (Truto's server-side `methods` and `tags` filters applied here), or, with no saved catalog, refuses with a message
 * that says where a token-only manager gets its catalog.
 */
export function savedCatalogClient(
  saved: SavedCatalog | undefined,
  baseUrl: string,
  missingMessage = NO_CATALOG_MESSAGE,
): HttpClient {
  const send = async (request: HttpRequest): Promise<HttpResponse> => {
    const url = `${baseUrl}${request.path}`;
    if (saved === undefined) throw new TrutoConfigError(missingMessage);
    const value = typeof saved === 'function' ? await saved() : saved;
    let entries: unknown[];
    try {
      entries = (await loadCatalog(value as string | object)).entries;
    } catch (error) {
      if (error instanceof TrutoConfigError) throw error;
      throw new TrutoConfigError(`"catalog" could not be read: ${(error as Error).message}`, { cause: error });
    }
    const methods = listOf(request.query?.methods);
    const tags = listOf(request.query?.tags);
    const result = entries.filter((entry) => matches(entry as Partial<TrutoToolDefinition>, methods, tags));
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { result, next_cursor: null },
      contentType: 'application/json',
      method: 'GET',
      url,
    };
  };
  return { send, baseUrl } as unknown as HttpClient;
}

function listOf(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',').map((item) => item.trim()) : [];
}

/** Truto's server filters: any of `methods` (with `read`, `write` and `custom` groups) and any of `tags`. */
function matches(entry: Partial<TrutoToolDefinition>, methods: string[], tags: string[]): boolean {
  const method = typeof entry.method === 'string' ? entry.method : '';
  if (
    methods.length > 0 &&
    !methods.some((name) =>
      name === 'custom' ? method !== '' && !CRUD.has(method) : (GROUPS[name] ?? [name]).includes(method),
    )
  ) {
    return false;
  }
  if (tags.length > 0 && !(Array.isArray(entry.tags) && entry.tags.some((tag) => tags.includes(tag)))) return false;
  return true;
}
