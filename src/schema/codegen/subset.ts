import type { DialectRules } from '../dialect.js';
import { isJsonObject } from '../json-value.js';
import { ARRAY_KEYWORDS } from '../keywords/array.js';
import { NUMBER_KEYWORDS } from '../keywords/number.js';
import { OBJECT_KEYWORDS } from '../keywords/object.js';
import { STRING_KEYWORDS } from '../keywords/string.js';
import { compilePattern } from '../pattern.js';

/** Keywords the generated code does not evaluate: a sub-schema using one is left to its zod node. */
const RUNTIME_KEYWORDS = [
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'patternProperties',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'contains',
  '$dynamicRef',
  '$recursiveRef',
];

const TYPE_NAMES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];
const BOUNDS = ['minimum', 'maximum'];
/** Keywords that constrain one JSON type; without `type` they need the runtime's per-type dispatch. */
const TYPE_SPECIFIC = [
  ...COUNTS,
  ...BOUNDS,
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'uniqueItems',
];
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

const isPrimitive = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Why the generated code would not reproduce the runtime for this schema object exactly, or `undefined` when it
 * would. Only this node's own keywords are judged; sub-schemas are judged when the generator reaches them.
 * Anything malformed (which the runtime reports and relaxes) is left to the runtime as well.
 */
export function islandReason(schema: unknown, rules: DialectRules): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (!isJsonObject(schema)) return 'not a schema';
  if (isPureUnion(schema, rules)) return undefined;
  for (const keyword of RUNTIME_KEYWORDS) if (schema[keyword] !== undefined) return keyword;
  if (typeof schema.$ref === 'string') {
    if (rules.refOverridesSiblings) return undefined;
    const siblings = Object.keys(schema).filter((key) => key !== '$ref' && isValidationKeyword(key));
    return siblings.length > 0 ? '$ref with siblings' : undefined;
  }
  if (schema.$ref !== undefined) return '$ref';
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (
    types !== undefined &&
    (types.length === 0 || !types.every((type) => typeof type === 'string' && TYPE_NAMES.has(type)))
  )
    return 'type';
  if (types === undefined && TYPE_SPECIFIC.some((keyword) => schema[keyword] !== undefined)) return 'untyped keywords';
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || !schema.enum.every(isPrimitive))) return 'enum';
  if (Object.hasOwn(schema, 'const') && schema.const !== undefined && !isPrimitive(schema.const)) return 'const';
  if (
    (schema.enum !== undefined || schema.const !== undefined) &&
    types?.some((type) => type === 'object' || type === 'array')
  )
    return 'enum of objects';
  for (const keyword of COUNTS) {
    const value = schema[keyword];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) return keyword;
  }
  for (const keyword of [...BOUNDS, 'exclusiveMinimum', 'exclusiveMaximum']) {
    const value = schema[keyword];
    if (value !== undefined && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value)))
      return keyword;
  }
  if (
    schema.multipleOf !== undefined &&
    !(typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && Number.isFinite(schema.multipleOf))
  )
    return 'multipleOf';
  if (
    schema.pattern !== undefined &&
    (typeof schema.pattern !== 'string' || compilePattern(schema.pattern) === undefined)
  )
    return 'pattern';
  if (schema.properties !== undefined) {
    if (!isJsonObject(schema.properties)) return 'properties';
    if (Object.keys(schema.properties).some((key) => PROTOTYPE_NAMES.has(key))) return 'inherited property names';
  }
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || !schema.required.every((name) => typeof name === 'string'))
      return 'required';
    if (schema.required.some((name) => PROTOTYPE_NAMES.has(name as string))) return 'inherited property names';
  }
  const additional = schema.additionalProperties;
  if (additional !== undefined && typeof additional !== 'boolean' && !isJsonObject(additional))
    return 'additionalProperties';
  if (rules.prefixItems) {
    if (Array.isArray(schema.items)) return 'array-form items';
    if (schema.prefixItems !== undefined && !Array.isArray(schema.prefixItems)) return 'prefixItems';
  }
  if (
    schema.items !== undefined &&
    typeof schema.items !== 'boolean' &&
    !isJsonObject(schema.items) &&
    !Array.isArray(schema.items)
  )
    return 'items';
  return undefined;
}

/**
 * `anyOf` or `oneOf` alone (annotations aside): the runtime node is exactly a zod union, whose output is the first
 * accepting branch's (anyOf) or the only one's (oneOf), which generated code can reproduce branch by branch.
 */
export function isPureUnion(schema: Record<string, unknown>, rules: DialectRules): boolean {
  const keyword = Array.isArray(schema.anyOf) ? 'anyOf' : Array.isArray(schema.oneOf) ? 'oneOf' : undefined;
  if (keyword === undefined || (schema[keyword] as unknown[]).length === 0) return false;
  if (rules.openApi && schema.discriminator !== undefined) return false;
  return Object.keys(schema).every((key) => key === keyword || !isValidationKeyword(key));
}

/**
 * The keywords the runtime compiler acts on. Everything else (annotations, `x-*`, vendor keywords, `nullable`
 * without `type`) is ignored there, so it may sit next to a `$ref` or a union without changing anything.
 */
const VALIDATION_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'const',
  ...OBJECT_KEYWORDS,
  ...ARRAY_KEYWORDS,
  ...STRING_KEYWORDS,
  ...NUMBER_KEYWORDS,
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'unevaluatedProperties',
  'unevaluatedItems',
  'discriminator',
]);

function isValidationKeyword(key: string): boolean {
  return VALIDATION_KEYWORDS.has(key);
}
