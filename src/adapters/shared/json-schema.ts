/**
 * Small, pure facts about JSON Schema nodes that several adapters need: what a node is, which JSON types it accepts,
 * and where a local `$ref` points. Nothing here validates; the compiled zod schema stays the one validator.
 */

export type JsonSchema = Record<string, unknown>;

export function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a value, as JSON Schema names it (`integer` for whole numbers). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Resolves a local reference (`#`, `#/$defs/name`, `#/definitions/name`, or any JSON pointer into the root).
 * Remote references resolve to `undefined`: tool schemas arrive inlined, so one would be a catalog bug.
 */
export function resolveLocalRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJsonSchema(node)) return undefined;
    node = node[key];
  }
  return isJsonSchema(node) ? node : undefined;
}

/** Follows `$ref` chains; stops (returning the last node) at a cycle or a reference it cannot resolve. */
export function followRefs(root: JsonSchema, node: JsonSchema): JsonSchema {
  const seen = new Set<string>();
  let current = node;
  while (typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const target = resolveLocalRef(root, current.$ref);
    if (!target) return current;
    current = target;
  }
  return current;
}

/** The types a node declares through `type`, or `undefined` when it does not say (any type, or only enum/anyOf). */
export function declaredTypes(node: JsonSchema): string[] | undefined {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((type): type is string => typeof type === 'string');
  return undefined;
}

/** True when the node accepts a value of this JSON type (`integer` counts as a `number`). */
export function acceptsType(root: JsonSchema, node: unknown, type: string, depth = 0): boolean {
  if (node === true) return true;
  if (!isJsonSchema(node) || depth > 32) return false;
  const schema = followRefs(root, node);
  if (schema.nullable === true && type === 'null') return true;
  const branches = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (branches) return branches.some((branch) => acceptsType(root, branch, type, depth + 1));
  if (Array.isArray(schema.enum)) return schema.enum.some((value) => sameType(jsonTypeOf(value), type));
  if ('const' in schema) return sameType(jsonTypeOf(schema.const), type);
  const types = declaredTypes(schema);
  if (!types) return true;
  return types.some((declared) => sameType(type, declared));
}

function sameType(actual: string, declared: string): boolean {
  return actual === declared || (actual === 'integer' && declared === 'number');
}
