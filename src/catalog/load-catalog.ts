import type { HttpClient } from '../http/client.js';
import { fetchToolDefinitions } from './fetch-tool-definitions.js';
import { TrutoTool } from './truto-tool.js';

export interface LoadCatalogOptions {
  integratedAccountId: string;
  methods: string[];
  tags: string[];
  onWarning: (message: string) => void;
  signal?: AbortSignal;
}

/** The tools of one integrated account, by name. */
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
  for (const definition of definitions) {
    if (catalog.has(definition.name)) {
      options.onWarning(`Skipped a second tool named "${definition.name}".`);
      continue;
    }
    catalog.set(definition.name, new TrutoTool(definition, { onSchemaWarning }));
  }
  return catalog;
}
