import type { HttpClient } from '../http/client.js';
import { fetchToolDefinitions } from './fetch-tool-definitions.js';
import { assignToolNames } from './tool-names.js';
import { TrutoTool } from './truto-tool.js';

export interface LoadCatalogOptions {
  integratedAccountId: string;
  methods: string[];
  tags: string[];
  onWarning: (message: string) => void;
  signal?: AbortSignal;
}

/** The tools of one integrated account, by their provider-safe name. */
export type Catalog = Map<string, TrutoTool>;

/**
 * Fetches an account's tool definitions and wraps each in a lazily compiled `TrutoTool`.
 * A second tool with a name already seen is skipped: names are how models and frameworks address tools.
 */
export async function loadCatalog(client: HttpClient, options: LoadCatalogOptions): Promise<Catalog> {
  const definitions = await fetchToolDefinitions(client, {
    integratedAccountId: options.integratedAccountId,
    methods: options.methods,
    tags: options.tags,
    onWarning: options.onWarning,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const catalog: Catalog = new Map();
  const onSchemaWarning = (toolName: string, warning: { message: string; path: string }) =>
    options.onWarning(`Tool "${toolName}": ${warning.message} (at ${warning.path || '/'}); that part accepts any value.`);
  const seen = new Set<string>();
  const unique = definitions.filter((definition) => {
    if (!seen.has(definition.name)) return seen.add(definition.name);
    options.onWarning(`Skipped a second tool named "${definition.name}".`);
    return false;
  });
  const names = assignToolNames(unique.map((definition) => definition.name));
  for (const definition of unique) {
    const name = names.get(definition.name)!;
    if (name !== definition.name) options.onWarning(`Tool "${definition.name}" is exposed as "${name}" (provider name rules).`);
    catalog.set(name, new TrutoTool(definition, { onSchemaWarning, name }));
  }
  return catalog;
}
