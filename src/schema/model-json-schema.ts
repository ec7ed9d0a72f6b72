import { z } from 'zod';
import { countJsonObjects } from './budget.js';
import { getCompiledSize } from './compile-json-schema.js';
import { isJsonObject } from './json-value.js';

export interface ModelJsonSchemaOptions {
  /**
   * Keep `additionalProperties: false` on closed objects (OpenAI's strict mode wants it). Off by default: models do
   * not invent keys they were not told about, so the keyword only costs tokens.
   * @default false
   */
  keepAdditionalPropertiesFalse?: boolean;
}

/** Keywords whose values are data, not schemas: never rewritten. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'required']);
/** Keywords holding one schema. */
const SCHEMA_KEYWORDS = [
  'items',
  'additionalProperties',
  'not',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'additionalItems',
];
/** Keywords holding a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords holding a map of schemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/**
 * The JSON Schema to show a model for a compiled schema, in adapters that do not go through LangChain: zod's own
 * `z.toJSONSchema` on the input side, then stripped of what costs tokens and says nothing (`$schema`, empty
 * `required`, `additionalProperties: false`, titles that repeat the property name, empty `allOf` members, defaults
 * and examples the description already states). Descriptions, enums, required lists, other defaults and nesting are
 * kept as they are.
 */
export function toModelJsonSchema(schema: z.ZodType, options: ModelJsonSchemaOptions = {}): Record<string, unknown> {
  // Sub-schemas used in several places are written out each time, as models read best, unless that multiplies the
  // schema: references doubling through properties would make 2 KB of catalog into gigabytes of JSON. Our compiler
  // has counted both sizes already; any other zod schema is rendered compactly first, to count.
  const sizes = getCompiledSize(schema);
  const inlineBudget = (objects: number) => Math.max(MIN_INLINE_OBJECTS, INLINE_OBJECTS_PER_OBJECT * objects);
  let json: Record<string, unknown>;
  if (sizes !== undefined && sizes.expanded <= inlineBudget(sizes.documentObjects)) {
    json = render(schema, 'inline');
  } else {
    const compact = render(schema, 'ref');
    const budget = inlineBudget(countJsonObjects(compact));
    json =
      expandedObjectCount(compact, budget) <= budget ? render(schema, 'inline') : inlineTrivialDefinitions(compact);
  }
  const cleaned = cleanSchema(json, undefined, options);
  delete cleaned.$schema;
  return cleaned;
}

/**
 * Writing every reused sub-schema out in full may make the model's schema at most this many times as many objects
 * as writing it once (in `$defs`) and referring to it, and at least this many objects...
 */
export const INLINE_OBJECTS_PER_OBJECT = 4;
/** ...whatever the compact form's size. Past that, the model reads `$defs` and `$ref`s. */
export const MIN_INLINE_OBJECTS = 2_000;

function render(schema: z.ZodType, reused: 'ref' | 'inline'): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused }) as Record<string, unknown>;
  } catch {
    // A hand-written zod schema with an unrepresentable node (ours never have one), or one nested deep enough to
    // exhaust the stack.
    return {};
  }
}

const LOCAL_DEFINITION = /^#\/\$defs\/([^/]+)$/;

/**
 * How many objects `schema` would have with every local `$ref` written out (a recursive reference counts once),
 * counting no further than `limit`. Linear in the compact form: each definition is sized once.
 */
function expandedObjectCount(schema: Record<string, unknown>, limit: number): number {
  const definitions = isJsonObject(schema.$defs) ? schema.$defs : {};
  const sizes = new Map<string, number>();
  const inProgress = new Set<string>();
  const sizeOf = (value: unknown): number => {
    if (Array.isArray(value)) {
      let total = 0;
      for (const item of value) total = Math.min(limit + 1, total + sizeOf(item));
      return total;
    }
    if (!isJsonObject(value)) return 0;
    const reference = typeof value.$ref === 'string' ? LOCAL_DEFINITION.exec(value.$ref)?.[1] : undefined;
    if (reference !== undefined && Object.hasOwn(definitions, reference)) {
      const known = sizes.get(reference);
      if (known !== undefined) return known;
      if (inProgress.has(reference)) return 1;
      inProgress.add(reference);
      const size = sizeOf(definitions[reference]);
      inProgress.delete(reference);
      sizes.set(reference, size);
      return size;
    }
    let total = 1;
    for (const [key, item] of Object.entries(value)) {
      if (key !== '$defs') total = Math.min(limit + 1, total + sizeOf(item));
    }
    return total;
  };
  try {
    return sizeOf(schema);
  } catch {
    // Too deep to walk: too deep to write out.
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The compact form shares every node used twice, down to `{}` for "anything": those are written in place again
 * (small, so no multiplication), and definitions nobody refers to any more are dropped.
 */
function inlineTrivialDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  if (!isJsonObject(schema.$defs)) return schema;
  const definitions = schema.$defs;
  const trivial = new Set(
    Object.keys(definitions).filter((name) => {
      const definition = definitions[name];
      return (
        isJsonObject(definition) && countJsonObjects(definition) <= 2 && !JSON.stringify(definition).includes('$ref')
      );
    }),
  );
  if (trivial.size === 0) return schema;
  const used = new Set<string>();
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isJsonObject(value)) return value;
    const reference = typeof value.$ref === 'string' ? LOCAL_DEFINITION.exec(value.$ref)?.[1] : undefined;
    if (reference !== undefined && trivial.has(reference) && Object.keys(value).length === 1) {
      return structuredClone(definitions[reference]);
    }
    if (reference !== undefined) used.add(reference);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== '$defs') result[key] = DATA_KEYWORDS.has(key) ? item : rewrite(item);
    }
    return result;
  };
  const root = rewrite(schema) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  // Definitions refer to each other: keep rewriting until no new one is reached.
  const pending = [...used];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in kept || !Object.hasOwn(definitions, name)) continue;
    const before = new Set(used);
    kept[name] = rewrite(definitions[name]);
    for (const reached of used) if (!before.has(reached)) pending.push(reached);
  }
  if (Object.keys(kept).length > 0) root.$defs = kept;
  return root;
}

function cleanSchema(
  node: unknown,
  propertyName: string | undefined,
  options: ModelJsonSchemaOptions,
): Record<string, unknown> {
  if (!isJsonObject(node)) return node as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key) && key !== 'required') {
      result[key] = value;
    } else if (SCHEMA_KEYWORDS.includes(key)) {
      result[key] = typeof value === 'boolean' ? value : cleanSchema(value, undefined, options);
    } else if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
      result[key] = value.map((member) => cleanSchema(member, undefined, options));
    } else if (SCHEMA_MAP_KEYWORDS.includes(key) && isJsonObject(value)) {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, member]) => [
          name,
          cleanSchema(member, key === 'properties' ? name : undefined, options),
        ]),
      );
    } else {
      result[key] = value;
    }
  }
  if (Array.isArray(result.required) && result.required.length === 0) delete result.required;
  if (result.additionalProperties === false && !options.keepAdditionalPropertiesFalse)
    delete result.additionalProperties;
  if (isEmptySchema(result.additionalProperties) || result.additionalProperties === true)
    delete result.additionalProperties;
  if (isEmptySchema(result.items) && result.type === 'array') delete result.items;
  if ('default' in result && isNoiseDefault(result)) delete result.default;
  if (typeof result.description === 'string') dropStatedBounds(result, result.description);
  if (Array.isArray(result.examples) && typeof result.description === 'string') {
    if (result.examples.every((example) => statedIn(result.description as string, example))) delete result.examples;
  }
  if (
    typeof result.title === 'string' &&
    (sameWords(result.title, propertyName) || result.title === result.description)
  )
    delete result.title;
  if (Array.isArray(result.allOf)) {
    const members = result.allOf.filter((member) => !isEmptySchema(member) && member !== true);
    if (members.length === 0) delete result.allOf;
    else if (members.length === 1 && canMerge(result, members[0])) {
      delete result.allOf;
      Object.assign(result, members[0]);
    } else result.allOf = members;
  }
  // zod writes `properties: {}` for maps; no properties constrains nothing, so the key only costs tokens.
  if (isEmptySchema(result.properties)) delete result.properties;
  return descriptionFirst(result);
}

/**
 * `description` first, then `type`: the JSON tokenises into fewer tokens for models (o200k, measured in
 * bench/tokens.bench.ts: about 0.5% of a catalog against `type` first) and reads as a sentence about the value that
 * follows. Key order means nothing to JSON Schema.
 */
function descriptionFirst(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('description' in schema)) return schema;
  const { description, type, ...rest } = schema;
  return { description, ...(type === undefined ? {} : { type }), ...rest };
}

/**
 * A default that tells a model nothing: the description already states it ("the default is 7", "defaults to `1d`",
 * "`json` by default"), or it is the one value the schema allows. Leaving it out changes nothing anyway, since tools
 * show defaults but never fill them in (the API applies its own).
 */
function isNoiseDefault(schema: Record<string, unknown>): boolean {
  const value = schema.default;
  const only = Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : schema.const;
  if (only !== undefined && only === value) return true;
  const literal = scalarLiteral(value);
  if (literal === undefined || typeof schema.description !== 'string') return false;
  const quoted = `[\`'"]?${literal}[\`'"]?`;
  return new RegExp(
    `\\bdefault(?:s|ed)?(?:\\s+value)?(?:\\s+(?:is|of|to)|\\s*[:=])?\\s*${quoted}${END}|${quoted}\\s+(?:by default|is the default|\\(default\\))`,
    'iu',
  ).test(schema.description);
}

/**
 * `minimum` and `maximum` that the description gives as a range ("between 0 and 1", "can range between 1 and 180",
 * "from 1 to 100"): the model reads them there, and the validator still enforces them. Bounds the description
 * does not state as that range stay.
 */
function dropStatedBounds(schema: Record<string, unknown>, description: string): void {
  const minimum = scalarLiteral(schema.minimum);
  const maximum = scalarLiteral(schema.maximum);
  if (typeof schema.minimum !== 'number' || typeof schema.maximum !== 'number') return;
  if (minimum === undefined || maximum === undefined) return;
  const range = new RegExp(`\\b(?:between|from)\\s+${minimum}\\s*(?:and|to|-|–)\\s*${maximum}${END}`, 'iu');
  if (range.test(description)) {
    delete schema.minimum;
    delete schema.maximum;
  }
}

/** A stated value ends where the word does: `7` is not stated by "70" or "7.5". */
const END = '(?![\\p{L}\\p{N}_-]|[.,]\\d)';

/** A string, number or boolean as a regular-expression literal; undefined for anything else. */
function scalarLiteral(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return text === '' ? undefined : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether every example is written in the description as a word of its own (`whisper-1` in "`whisper-1`"). */
function statedIn(description: string, value: unknown): boolean {
  const literal = scalarLiteral(value);
  return literal !== undefined && new RegExp(`(?<![\\p{L}\\p{N}_-]|\\d[.,])${literal}${END}`, 'u').test(description);
}

function isEmptySchema(value: unknown): boolean {
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** `Due date` repeats `due_date`: the model already reads the property name. */
function sameWords(title: string, propertyName: string | undefined): boolean {
  if (propertyName === undefined) return false;
  const normalise = (text: string) => text.replace(/[\s_\-.]+/g, '').toLowerCase();
  return normalise(title) === normalise(propertyName);
}

function canMerge(target: Record<string, unknown>, member: unknown): boolean {
  if (!isJsonObject(member)) return false;
  return Object.keys(member).every((key) => key !== 'allOf' && !(key in target && key !== 'allOf'));
}
