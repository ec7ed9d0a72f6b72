import { z } from 'zod';
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
 * `required`, `additionalProperties: false`, titles that repeat the property name, empty `allOf` members).
 * Descriptions, enums, required lists, defaults and nesting are kept as they are.
 */
export function toModelJsonSchema(schema: z.ZodType, options: ModelJsonSchemaOptions = {}): Record<string, unknown> {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    // A hand-written zod schema with an unrepresentable node; ours never have one.
    json = {};
  }
  const cleaned = cleanSchema(json, undefined, options);
  delete cleaned.$schema;
  return cleaned;
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
  return typeAndDescriptionFirst(result);
}

/**
 * `type` and `description` first, as people write schemas: the JSON tokenises into fewer tokens for models
 * (measured with o200k in bench/tokens.bench.ts) and reads better in logs. Key order means nothing to JSON Schema.
 */
function typeAndDescriptionFirst(schema: Record<string, unknown>): Record<string, unknown> {
  if (!('description' in schema)) return schema;
  const { type, description, ...rest } = schema;
  return { ...(type === undefined ? {} : { type }), description, ...rest };
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
