import { readBodyShape } from '../catalog/body-shape.js';
import type { ArgumentLocation, TrutoToolDefinition } from '../catalog/tool-definition.js';
import { wholeBodyArgument } from '../catalog/tool-input-schema.js';

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
  /**
   * The argument that is the whole body, for a body that is not a set of fields (a JSON array, a scalar, a union):
   * its value is sent as the bare body. Undefined for field bodies.
   */
  bodyArgument?: string;
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
  const query = readBodyShape(tool.query_schema);
  const body = readBodyShape(tool.body_schema);
  if (query.kind === 'fields') for (const name of Object.keys(query.properties)) add(name, 'query');
  if (body.kind === 'fields') for (const name of Object.keys(body.properties)) add(name, 'body');
  const bodyArgument = wholeBodyArgument(query, body);
  if (bodyArgument !== undefined) locations.set(bodyArgument, ['body']);
  const idInPath = crud?.idInPath ?? false;
  if (idInPath) locations.set('id', ['path']);
  const extraLocation =
    body.kind === 'fields' && body.allowsAdditional
      ? 'body'
      : query.kind === 'fields' && query.allowsAdditional
        ? 'query'
        : undefined;
  return {
    httpMethod: crud?.httpMethod ?? 'POST',
    basePath,
    idInPath,
    locations,
    ...(extraLocation ? { extraLocation } : {}),
    ...(bodyArgument !== undefined ? { bodyArgument } : {}),
  };
}
