import { acceptsType, followRefs, isJsonSchema, type JsonSchema, jsonTypeOf } from '../shared/json-schema.js';

const MAX_DEPTH = 64;

/**
 * Undoes what `toOpenAIStrictSchema` asks of a model, guided by the tool's original schema: a `null` given for an
 * optional property that does not accept `null` means "left out" and is removed; a string given where the original
 * schema accepts no string is JSON-decoded (strict mode sends free-form values as JSON text). Everything else is
 * returned as it came, for the tool's validator to judge. Harmless for arguments of non-strict tools too. Pure.
 *
 * A key named `__proto__` stays an own property, as `JSON.parse` made it, so that the call refuses it like any other
 * (src/invoke/prototype-keys.ts): copied by assignment it would have become the copy's prototype, and its fields
 * (`{"__proto__":{"isAdmin":true}}`) would have reached the request as inherited arguments.
 */
export function restoreStrictArguments(args: unknown, originalSchema: JsonSchema): unknown {
  return restore(args, originalSchema, originalSchema, 0);
}

function restore(value: unknown, node: unknown, root: JsonSchema, depth: number): unknown {
  if (!isJsonSchema(node) || depth > MAX_DEPTH) return value;
  const schema = followRefs(root, node);
  if (typeof value === 'string' && !acceptsType(root, schema, 'string')) {
    const decoded = tryParseJson(value);
    return decoded === undefined ? value : restore(decoded, schema, root, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return schema.allOf.reduce((current: unknown, member) => restore(current, member, root, depth + 1), value);
  }
  const branches = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (branches) {
    const type = jsonTypeOf(value);
    const branch = branches.find((member) => acceptsType(root, member, type));
    return branch === undefined ? value : restore(value, branch, root, depth + 1);
  }
  if (Array.isArray(value)) {
    return isJsonSchema(schema.items) ? value.map((item) => restore(item, schema.items, root, depth + 1)) : value;
  }
  if (isJsonSchema(value)) return restoreObject(value, schema, root, depth);
  return value;
}

function restoreObject(value: JsonSchema, schema: JsonSchema, root: JsonSchema, depth: number): JsonSchema {
  const properties = isJsonSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const result: JsonSchema = {};
  for (const [key, item] of Object.entries(value)) {
    // Own properties only: `properties.__proto__` or `properties.constructor` must not find Object.prototype's.
    const property =
      (Object.hasOwn(properties, key) ? properties[key] : undefined) ??
      (isJsonSchema(schema.additionalProperties) ? schema.additionalProperties : undefined);
    if (item === null && Object.hasOwn(properties, key) && !required.has(key) && !acceptsType(root, property, 'null')) {
      continue;
    }
    setOwn(result, key, property === undefined ? item : restore(item, property, root, depth + 1));
  }
  return result;
}

/** Defines `key` as an own data property, whatever its name: `result[key] = …` with `__proto__` sets the prototype. */
function setOwn(target: JsonSchema, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
