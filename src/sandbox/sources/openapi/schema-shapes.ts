/**
 * Questions asked of resolved schemas: which properties an object has (through `allOf` and friends), where a list
 * answer keeps its records, which property is a record's id. Pure functions over plain JSON.
 */
import { isObject, type JsonObject } from './ref-resolver';

/** Follows a `#/$defs/...` reference against the schema's root. */
export function followLocal(schema: unknown, root: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 16 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(current.$ref);
    const defs = match && isObject(root) ? root[match[1]!] : undefined;
    if (!match || !isObject(defs)) return current;
    current = defs[decodeURIComponent(match[2]!).replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/**
 * Every property an object schema declares, its own and those of its `allOf` members (and, for questions of
 * shape, of each `anyOf`/`oneOf` branch); the first declaration of a name wins.
 */
export function mergedProperties(schema: unknown, root: unknown = schema, depth = 0): Map<string, unknown> {
  const result = new Map<string, unknown>();
  const node = followLocal(schema, root);
  if (!isObject(node) || depth > 8) return result;
  if (isObject(node.properties)) for (const [name, value] of Object.entries(node.properties)) result.set(name, value);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const members = node[keyword];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      for (const [name, value] of mergedProperties(member, root, depth + 1))
        if (!result.has(name)) result.set(name, value);
    }
  }
  return result;
}

/** The `required` names of an object schema and of its `allOf` members. */
export function mergedRequired(schema: unknown, root: unknown = schema, depth = 0): string[] {
  const node = followLocal(schema, root);
  if (!isObject(node) || depth > 8) return [];
  const names = new Set<string>(Array.isArray(node.required) ? node.required.filter(isString) : []);
  if (Array.isArray(node.allOf))
    for (const member of node.allOf) for (const name of mergedRequired(member, root, depth + 1)) names.add(name);
  return [...names];
}

/** Whether a schema describes an object (by type, properties or object members). */
export function isObjectSchema(schema: unknown, root: unknown = schema, depth = 0): boolean {
  const node = followLocal(schema, root);
  if (!isObject(node) || depth > 8) return false;
  const type = node.type;
  if (type === 'object' || (Array.isArray(type) && type.includes('object'))) return true;
  if (type !== undefined) return false;
  if (isObject(node.properties) || node.additionalProperties !== undefined) return true;
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const members = node[keyword];
    if (Array.isArray(members) && members.some((member) => isObjectSchema(member, root, depth + 1))) return true;
  }
  return false;
}

/** The item schema of an array schema, or undefined when the schema is not an array. */
export function arrayItems(schema: unknown, root: unknown = schema): unknown {
  const node = followLocal(schema, root);
  if (!isObject(node)) return undefined;
  const type = node.type;
  const isArray =
    type === 'array' || (Array.isArray(type) && type.includes('array')) || (type === undefined && 'items' in node);
  if (!isArray) return undefined;
  return node.items ?? {};
}

/** Names under which APIs commonly put a list's records, in order of preference. */
const RECORD_LIST_NAMES = [
  'data',
  'results',
  'result',
  'items',
  'records',
  'entries',
  'values',
  'elements',
  'objects',
  'list',
  'collection',
];

/**
 * Where a list answer keeps its records: `[]` for a top-level array, `['data']` for Asana's `{ data: [...] }`,
 * `['users']` for PagerDuty's `{ users: [...], limit, offset, more }`. Records are objects; an array of strings is
 * not a list of records. `names` are the preferred keys (the resource's last segment, its singular...).
 */
export function findRecordList(
  schema: unknown,
  names: readonly string[],
): { path: string[]; items: unknown } | undefined {
  const top = arrayItems(schema, schema);
  if (top !== undefined) return isObjectSchema(top, schema) ? { path: [], items: top } : undefined;
  const candidates = [...mergedProperties(schema)].filter(([, value]) => {
    const items = arrayItems(value, schema);
    return items !== undefined && isObjectSchema(items, schema);
  });
  if (candidates.length === 0) return undefined;
  const preferred = [...names, ...RECORD_LIST_NAMES];
  const chosen =
    preferred.map((name) => candidates.find(([key]) => key === name)).find((entry) => entry !== undefined) ??
    candidates[0]!;
  return { path: [chosen[0]], items: arrayItems(chosen[1], schema) };
}

/** Property names that identify a record, in order of preference (`<singular>_id` is tried after `uuid`). */
const ID_PROPERTIES = ['id', 'gid', 'uuid'];
const ID_FALLBACKS = ['_id', 'key', 'slug', 'uid', 'guid'];

/** The record's identifying property; `id` when the schema names none (the sandbox then adds it). */
export function idPropertyOf(recordSchema: unknown, singular: string, root: unknown = recordSchema): string {
  const properties = mergedProperties(recordSchema, root);
  for (const name of [...ID_PROPERTIES, `${singular}_id`, `${singular.split('_').pop()}_id`, ...ID_FALLBACKS]) {
    if (properties.has(name)) return name;
  }
  return 'id';
}

/** Whether a schema (through its merged properties) has the given property. */
export function hasProperty(schema: unknown, name: string, root: unknown = schema): boolean {
  return mergedProperties(schema, root).has(name);
}

/**
 * Where a single-record answer keeps its record: `[]` when the answer is the record, `['data']` for Asana's
 * `{ data: {...} }`, `['incident']` for PagerDuty's `{ incident: {...} }`. Undefined when no object in it looks
 * like a record with an id.
 */
export function findRecordWrapper(
  schema: unknown,
  names: readonly string[],
): { path: string[]; record: unknown } | undefined {
  if (!isObjectSchema(schema)) return undefined;
  const properties = mergedProperties(schema);
  if ([...ID_PROPERTIES, ...names.map((name) => `${name}_id`)].some((name) => properties.has(name)))
    return { path: [], record: schema };
  const objects = [...properties].filter(
    ([, value]) => isObjectSchema(value, schema) && arrayItems(value, schema) === undefined,
  );
  const preferred = [...names, 'data', 'result', 'record', 'item', 'object'];
  const chosen =
    preferred.map((name) => objects.find(([key]) => key === name)).find((entry) => entry !== undefined) ??
    (objects.length === 1 ? objects[0] : undefined);
  return chosen === undefined ? undefined : { path: [chosen[0]], record: chosen[1] };
}

/** The value at `path` inside `value` (undefined when a step is missing). */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `container` with `value` placed at `path` (`[]` replaces the container). */
export function withValueAt(container: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const base: JsonObject = isObject(container) ? { ...container } : {};
  base[head] = withValueAt(base[head], rest, value);
  return base;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
