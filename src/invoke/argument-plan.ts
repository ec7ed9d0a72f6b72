import type { ArgumentLocation, TrutoToolDefinition } from '../catalog/tool-definition.js';

export type ProxyMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How one tool's arguments travel: computed once per tool, read on every call. */
export interface ArgumentPlan {
  httpMethod: ProxyMethod;
  /** `/proxy/<resource>` or `/proxy/<resource>/<method>`; the id, when there is one, is appended per call. */
  basePath: string;
  /** True for get, update and delete: the `id` argument becomes the last path segment. */
  idInPath: boolean;
  /** Where each known argument goes. An argument in both schemas goes to both. */
  locations: ReadonlyMap<string, readonly ArgumentLocation[]>;
  /** Where arguments that neither schema names go, when a schema allows additional properties. */
  extraLocation?: ArgumentLocation;
}

const CRUD: Record<string, { httpMethod: ProxyMethod; idInPath: boolean }> = {
  list: { httpMethod: 'GET', idInPath: false },
  get: { httpMethod: 'GET', idInPath: true },
  create: { httpMethod: 'POST', idInPath: false },
  update: { httpMethod: 'PATCH', idInPath: true },
  delete: { httpMethod: 'DELETE', idInPath: true },
};

export function planArguments(tool: TrutoToolDefinition): ArgumentPlan {
  const crud = CRUD[tool.method];
  const resourcePath = tool.resource.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  const basePath = crud ? `/proxy/${resourcePath}` : `/proxy/${resourcePath}/${encodeURIComponent(tool.method)}`;
  const locations = new Map<string, ArgumentLocation[]>();
  const add = (name: string, location: ArgumentLocation) => {
    const existing = locations.get(name);
    if (existing) {
      if (!existing.includes(location)) existing.push(location);
    } else locations.set(name, [location]);
  };
  for (const name of propertyNames(tool.query_schema)) add(name, 'query');
  for (const name of propertyNames(tool.body_schema)) add(name, 'body');
  const idInPath = crud?.idInPath ?? false;
  if (idInPath) locations.set('id', ['path']);
  const extraLocation = allowsAdditional(tool.body_schema)
    ? 'body'
    : allowsAdditional(tool.query_schema)
      ? 'query'
      : undefined;
  return {
    httpMethod: crud?.httpMethod ?? 'POST',
    basePath,
    idInPath,
    locations,
    ...(extraLocation ? { extraLocation } : {}),
  };
}

export function propertyNames(schema: Record<string, unknown> | undefined): string[] {
  const properties = schema?.properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

function allowsAdditional(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  const additional = schema.additionalProperties;
  return additional === true || (typeof additional === 'object' && additional !== null);
}
