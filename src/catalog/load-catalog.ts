import type { HttpClient } from '../http/client.js';
import type { SchemaWarning } from '../schema/index.js';
import { fetchToolDefinitions } from './fetch-tool-definitions.js';
import type { TrutoToolDefinition } from './tool-definition.js';
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
  return buildCatalog(definitions, options.onWarning);
}

/**
 * Definitions (from the wire or the disk cache) → tools by provider-safe name. Nothing is compiled here: the
 * per-tool cost is one small object, so a 1,000-tool catalog costs little more than parsing its JSON.
 */
export function buildCatalog(
  definitions: readonly TrutoToolDefinition[],
  onWarning: (message: string) => void,
): Catalog {
  const catalog: Catalog = new Map();
  // One listener for the whole catalog, not a closure per tool.
  const onSchemaWarning = (toolName: string, warning: SchemaWarning) =>
    // Each warning says itself what became of that part ("ignored", "accepting anything", "checked with RE2").
    onWarning(`Tool "${toolName}": ${warning.message} (at ${warning.path || '/'}).`);
  const seen = new Set<string>();
  const unique = definitions.filter((definition) => {
    if (!seen.has(definition.name)) return seen.add(definition.name);
    onWarning(`Skipped a second tool named "${definition.name}".`);
    return false;
  });
  const names = assignToolNames(unique.map((definition) => definition.name));
  const sameNameOptions = { onSchemaWarning };
  for (const definition of unique) {
    const name = names.get(definition.name)!;
    if (name === definition.name) {
      catalog.set(name, new TrutoTool(definition, sameNameOptions));
      continue;
    }
    onWarning(`Tool "${definition.name}" is exposed as "${name}" (provider name rules).`);
    catalog.set(name, new TrutoTool(definition, { onSchemaWarning, name }));
  }
  return catalog;
}
