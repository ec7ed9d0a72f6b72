/**
 * What OpenAI's strict mode (`strict: true` function tools, Structured Outputs) accepts.
 *
 * Source: OpenAI's Structured Outputs guide, section "Supported schemas"
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas), as it reads in 2026:
 * - types: string, number, boolean, integer, object, array, enum, anyOf (and null, for optional values);
 * - strings: `pattern`, and `format` limited to date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid;
 * - numbers: `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`;
 * - arrays: `minItems`, `maxItems`;
 * - not supported: `allOf`, `not`, `dependentRequired`, `dependentSchemas`, `if`, `then`, `else`;
 * - every object sets `additionalProperties: false` and lists every property in `required` (an optional field is
 *   emulated with a union with `null`); the root is an object, not an `anyOf`;
 * - definitions (`$defs` + `$ref`) and recursive schemas (`$ref: "#"`) are supported;
 * - limits: 5000 object properties, 10 levels of nesting, 1000 enum values, 120,000 characters of property names,
 *   enum values and const values.
 * Older versions of the guide listed `minLength`, `maxLength`, `pattern` and `format` as unsupported; OpenAI's own SDK
 * helpers still strip a `$ref`'s sibling keywords ("$ref cannot have keywords" is the API's error), so we inline them.
 */

export const STRICT_TYPES: ReadonlySet<string> = new Set([
  'string',
  'number',
  'boolean',
  'integer',
  'object',
  'array',
  'null',
]);

export const STRICT_STRING_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);

/** Keywords a strict schema node may carry, whatever its type. */
export const STRICT_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'description',
  'enum',
  'anyOf',
  '$ref',
  '$defs',
  // objects
  'properties',
  'required',
  'additionalProperties',
  // arrays
  'items',
  'minItems',
  'maxItems',
  // strings
  'pattern',
  'format',
  // numbers
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

export const STRICT_LIMITS = {
  maxProperties: 5000,
  maxNestingDepth: 10,
  maxEnumValues: 1000,
} as const;

/** Keywords that only say something about one JSON type, so a multi-type node can hand each to its own branch. */
export const KEYWORDS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['pattern', 'format', 'minLength', 'maxLength', 'contentEncoding', 'contentMediaType'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'minContains', 'maxContains'],
  object: [
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
    'propertyNames',
    'minProperties',
    'maxProperties',
  ],
};

/** Keywords dropped without a note: they carry nothing a model needs to fill in a value. */
export const SILENT_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'readOnly',
  'writeOnly',
]);
