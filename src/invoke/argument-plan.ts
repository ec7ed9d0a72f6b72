import { readBodyShape } from '../catalog/body-shape.js';
import type { ArgumentLocation, TrutoToolDefinition } from '../catalog/tool-definition.js';
import { wholeBodyArgument } from '../catalog/tool-input-schema.js';
import { describeUnsafeSegment } from '../http/path-segments.js';

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
  /**
   * Set when the catalog's resource or method cannot be a path: a `.` or `..` segment in any encoding, a backslash,
   * a control character (see `describeUnsafeCatalogPath`). Such a tool must not be called; the HTTP client refuses
   * every dot segment in any case.
   */
  unsafePath?: string;
}

const CRUD: Record<string, { httpMethod: ProxyMethod; idInPath: boolean }> = {
  list: { httpMethod: 'GET', idInPath: false },
  get: { httpMethod: 'GET', idInPath: true },
  create: { httpMethod: 'POST', idInPath: false },
  update: { httpMethod: 'PATCH', idInPath: true },
  delete: { httpMethod: 'DELETE', idInPath: true },
};

/** The CRUD method's plan, or undefined for a custom method (own keys only: a method named `constructor` is custom). */
function crudOf(method: string): { httpMethod: ProxyMethod; idInPath: boolean } | undefined {
  return Object.hasOwn(CRUD, method) ? CRUD[method] : undefined;
}

/**
 * Why a tool's resource or custom method cannot be turned into a request path, or undefined when it can. Catalog
 * data is encoded segment by segment, but encoding does not neutralise a `..` (servers read `%2e%2e` as `..` too), so
 * such tools are refused rather than sent somewhere their name does not say. Pure.
 */
export function describeUnsafeCatalogPath(tool: Pick<TrutoToolDefinition, 'resource' | 'method'>): string | undefined {
  for (const segment of tool.resource.split('/').filter(Boolean)) {
    const problem = describeUnsafeSegment(segment);
    if (problem !== undefined) return `resource "${tool.resource}": ${problem}`;
  }
  if (crudOf(tool.method) !== undefined) return undefined;
  // The method is one encoded segment; its parts are checked too, for servers that decode `%2F` before routing.
  for (const part of [tool.method, ...tool.method.split('/')]) {
    const problem = describeUnsafeSegment(part);
    if (problem !== undefined) return `method "${tool.method}": ${problem}`;
  }
  return undefined;
}

export function planArguments(tool: TrutoToolDefinition): ArgumentPlan {
  const crud = crudOf(tool.method);
  const unsafePath = describeUnsafeCatalogPath(tool);
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
  // The record's id goes in the path. A body that declares a writable `id` field of its own gets it too (never
  // dropped; a read-only one is what the API returns, not what it takes); a query `id` is how catalogs describe the
  // path's id, so it is not repeated there.
  if (idInPath) locations.set('id', bodyTakesId(body) ? ['path', 'body'] : ['path']);
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
    ...(unsafePath !== undefined ? { unsafePath } : {}),
  };
}

function bodyTakesId(body: ReturnType<typeof readBodyShape>): boolean {
  if (body.kind !== 'fields' || !Object.hasOwn(body.properties, 'id')) return false;
  const id = body.properties.id;
  return !(typeof id === 'object' && id !== null && (id as { readOnly?: unknown }).readOnly === true);
}
