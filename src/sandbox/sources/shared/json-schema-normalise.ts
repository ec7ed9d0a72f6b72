/**
 * Tool and response schemas as an independent validator (Ajv) and generator (json-schema-faker) read them. The
 * schemas a tool serves stay as the document wrote them; these copies only translate what those libraries do not
 * speak: OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`, the direction rules of
 * `readOnly` (never required in a request) and `writeOnly` (never present in an answer), `pattern`s that are
 * format placeholders rather than regular expressions, and overlapping `oneOf` branches (read as `anyOf` in a
 * request).
 */
import {
  isObject,
  type JsonObject,
  SCHEMA_KEYWORDS,
  SCHEMA_LIST_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
} from '../openapi/ref-resolver';

export interface NormaliseOptions {
  /** Translate OpenAPI 3.0 keywords (`nullable`, boolean exclusive bounds). */
  openApi30: boolean;
  /** `request`: readOnly properties are not required. `response`: writeOnly properties are left out. */
  direction: 'request' | 'response';
  /**
   * For generation: `nullable` adds nothing, so generated values are never null where a value is possible.
   * @default false
   */
  preferValues?: boolean;
}

/**
 * Translated copies by options, keyed by the original node: resolved schemas share their inlined components, so
 * each shared sub-schema is translated once however many operations use it (and its copy is shared the same way).
 */
const MEMO = new Map<string, WeakMap<object, unknown>>();

/** A translated copy; `schema` is not changed. Treat the result as read-only: it may be shared. */
export function normaliseSchema(schema: unknown, options: NormaliseOptions): unknown {
  const key = `${options.openApi30}:${options.direction}:${options.preferValues ?? false}`;
  let memo = MEMO.get(key);
  if (memo === undefined) {
    memo = new WeakMap();
    MEMO.set(key, memo);
  }
  return walk(schema, options, 0, memo);
}

function walk(node: unknown, options: NormaliseOptions, depth: number, memo: WeakMap<object, unknown>): unknown {
  if (typeof node !== 'object' || node === null || depth > 200) return node;
  const known = memo.get(node);
  if (known !== undefined) return known;
  const result = Array.isArray(node)
    ? node.map((item) => walk(item, options, depth + 1, memo))
    : walkObject(node as JsonObject, options, depth, memo);
  memo.set(node, result);
  return result;
}

function walkObject(
  node: JsonObject,
  options: NormaliseOptions,
  depth: number,
  memo: WeakMap<object, unknown>,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      const map: JsonObject = {};
      for (const [name, child] of Object.entries(value)) {
        if (key === 'properties' && options.direction === 'response' && isObject(child) && child.writeOnly === true)
          continue;
        map[name] = walk(child, options, depth + 1, memo);
      }
      out[key] = map;
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((child) => walk(child, options, depth + 1, memo));
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = walk(value, options, depth + 1, memo);
    } else out[key] = value;
  }
  if (options.openApi30) translateOpenApi30(out, options);
  if (typeof out.pattern === 'string' && isPlaceholderPattern(out.pattern)) delete out.pattern;
  // Vendors' `oneOf` branches often overlap (objects open to more properties): a request that fits two of them is
  // one the API takes, so a request only has to fit one or more.
  if (options.direction === 'request' && Array.isArray(out.oneOf) && out.anyOf === undefined) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  adjustRequired(out, node, options);
  return out;
}

/**
 * `"pattern": "YYYY-MM-DDThh:mm:ssZ"` (PagerDuty writes this) describes a format; as a regular expression it
 * demands those letters, refusing every real date the API accepts. Such placeholders are not applied.
 */
export function isPlaceholderPattern(pattern: string): boolean {
  return /^[A-Za-z0-9:_ +-]*$/.test(pattern) && /(YYYY|yyyy|MM|DD|dd|hh|HH|ss)/.test(pattern);
}

function translateOpenApi30(node: JsonObject, options: NormaliseOptions): void {
  if (node.nullable !== undefined) {
    const nullable = node.nullable === true;
    delete node.nullable;
    if (nullable && !options.preferValues) {
      if (typeof node.type === 'string') node.type = [node.type, 'null'];
      else if (Array.isArray(node.type) && !node.type.includes('null')) node.type = [...node.type, 'null'];
      if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum = [...node.enum, null];
    }
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[exclusive] !== 'boolean') continue;
    if (node[exclusive] === true && typeof node[bound] === 'number') {
      node[exclusive] = node[bound];
      delete node[bound];
    } else delete node[exclusive];
  }
}

/** Drops from `required` what the direction never carries (judged on the original node's properties). */
function adjustRequired(node: JsonObject, original: JsonObject, options: NormaliseOptions): void {
  if (!Array.isArray(node.required) || !isObject(original.properties)) return;
  const properties = original.properties;
  const flag = options.direction === 'request' ? 'readOnly' : 'writeOnly';
  node.required = node.required.filter((name) => {
    const property = typeof name === 'string' ? properties[name] : undefined;
    return !(isObject(property) && property[flag] === true);
  });
}
