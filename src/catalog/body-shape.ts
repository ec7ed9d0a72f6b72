import type { JsonSchemaObject } from './tool-definition.js';

/** The name of the one argument that carries a body which is not a set of named fields (an array, a scalar, a union). */
export const BODY_ARGUMENT = 'body';

/**
 * How a tool's `body_schema` reaches the model:
 * - `fields`: an object with named properties (also an `allOf` of such objects), flattened into the tool's arguments
 *   beside the query fields;
 * - `whole`: anything else (a JSON array for JSON-Patch or bulk endpoints, a string, a `oneOf` of shapes), shown as
 *   one argument holding the whole schema and sent as the bare body. Truto's own MCP server does the same, naming
 *   the argument `body`.
 * - `none`: no body schema, or an empty one.
 */
export type BodyShape =
  | { kind: 'none' }
  | {
      kind: 'fields';
      properties: Record<string, unknown>;
      required: string[];
      /** `additionalProperties` said true or gave a schema: unknown arguments belong in the body. */
      allowsAdditional: boolean;
    }
  | { kind: 'whole'; schema: JsonSchemaObject };

/** Keywords that make a body more than a list of fields: flattening would silently lose what they say. */
const UNION_KEYWORDS = ['oneOf', 'anyOf', 'not', 'if'] as const;
/** Deep `allOf` chains of vendor schemas are a few levels at most; this bounds a hostile one. */
const MAX_ALL_OF_DEPTH = 8;

/** Pure and cheap: reads the top of the schema only (and the members of a top-level `allOf`). */
export function readBodyShape(schema: JsonSchemaObject | undefined): BodyShape {
  if (schema === undefined || Object.keys(schema).length === 0) return { kind: 'none' };
  const fields = { properties: {} as Record<string, unknown>, required: new Set<string>(), allowsAdditional: false };
  if (!collectFields(schema, schema, fields, 0)) return { kind: 'whole', schema };
  // A bare `{ type: 'object' }` (no `properties` keyword at all) is a free-form object: what the model gives goes in
  // it. An empty `properties: {}` says "no fields" and stays closed.
  const bare = ['properties', 'allOf', 'oneOf', 'anyOf', '$ref'].every((keyword) => schema[keyword] === undefined);
  if (bare && schema.additionalProperties !== false) {
    fields.allowsAdditional = true;
  }
  return {
    kind: 'fields',
    properties: fields.properties,
    required: [...fields.required],
    allowsAdditional: fields.allowsAdditional,
  };
}

interface CollectedFields {
  properties: Record<string, unknown>;
  required: Set<string>;
  allowsAdditional: boolean;
}

/** False when `schema` is not (an `allOf` of) plain objects with fields. */
function collectFields(schema: unknown, root: JsonSchemaObject, into: CollectedFields, depth: number): boolean {
  const node = resolveLocalRef(schema, root);
  if (!isRecord(node) || depth > MAX_ALL_OF_DEPTH) return false;
  // A union of one (`oneOf: [{ $ref: Input }]`, a habit of generated documents) is that one schema.
  const single = singleBranch(node);
  if (!isObjectType(node) && single === undefined) return false;
  for (const keyword of UNION_KEYWORDS) {
    if (node[keyword] !== undefined && !(single !== undefined && (keyword === 'oneOf' || keyword === 'anyOf')))
      return false;
  }
  const members = node.allOf;
  if (members !== undefined) {
    if (!Array.isArray(members)) return false;
    for (const member of members) if (!collectFields(member, root, into, depth + 1)) return false;
  }
  if (single !== undefined && !collectFields(single, root, into, depth + 1)) return false;
  if (node.properties !== undefined) {
    if (!isRecord(node.properties)) return false;
    for (const name of Object.keys(node.properties)) {
      const property = node.properties[name];
      // The same field in two `allOf` members must satisfy both.
      const existing = Object.hasOwn(into.properties, name) ? into.properties[name] : undefined;
      defineOwn(into.properties, name, existing === undefined ? property : { allOf: [existing, property] });
    }
  }
  if (Array.isArray(node.required)) {
    for (const name of node.required) if (typeof name === 'string') into.required.add(name);
  }
  const additional = node.additionalProperties;
  if (additional === true || (isRecord(additional) && Object.keys(additional).length > 0)) into.allowsAdditional = true;
  return true;
}

/** The only member of a one-member `oneOf` or `anyOf` (and no other union), else undefined. */
function singleBranch(node: Record<string, unknown>): unknown {
  const oneOf = node.oneOf;
  const anyOf = node.anyOf;
  if (node.not !== undefined || node.if !== undefined) return undefined;
  if (Array.isArray(oneOf) && oneOf.length === 1 && anyOf === undefined) return oneOf[0];
  if (Array.isArray(anyOf) && anyOf.length === 1 && oneOf === undefined) return anyOf[0];
  return undefined;
}

/** `type: 'object'`, or no type at all but object keywords (vendors often leave `type` out). */
function isObjectType(node: Record<string, unknown>): boolean {
  const type = node.type;
  if (type === 'object') return true;
  if (Array.isArray(type)) return type.length === 1 && type[0] === 'object';
  if (type !== undefined) return false;
  return node.properties !== undefined || node.allOf !== undefined;
}

/** Follows `#/...` references inside the body schema itself (its `$defs` / `definitions`). */
function resolveLocalRef(schema: unknown, root: JsonSchemaObject): unknown {
  let node = schema;
  for (let hops = 0; hops < MAX_ALL_OF_DEPTH && isRecord(node) && typeof node.$ref === 'string'; hops++) {
    const reference = node.$ref;
    if (!reference.startsWith('#/')) return undefined;
    let target: unknown = root;
    for (const part of reference.slice(2).split('/')) {
      if (!isRecord(target)) return undefined;
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = Object.hasOwn(target, key) ? target[key] : undefined;
    }
    node = target;
  }
  return node;
}

/** A property named `__proto__` (or `constructor`) is a field like any other here, not a prototype to set. */
function defineOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
