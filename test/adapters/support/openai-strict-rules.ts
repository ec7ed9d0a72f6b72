/**
 * An independent check of OpenAI's strict-mode rules, written from the Structured Outputs guide ("Supported
 * schemas"), not from our converter: if both share a misreading, at least it is stated twice. Returns every
 * violation as "<JSON pointer>: <rule>".
 */
const TYPES = new Set(['string', 'number', 'boolean', 'integer', 'object', 'array', 'null']);
const FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const KEYWORDS: Record<string, Set<string>> = {
  any: new Set(['type', 'description', 'enum', 'anyOf', '$ref', '$defs']),
  string: new Set(['pattern', 'format']),
  number: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  integer: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  array: new Set(['items', 'minItems', 'maxItems']),
  object: new Set(['properties', 'required', 'additionalProperties']),
  boolean: new Set(),
  null: new Set(),
};
const MAX_PROPERTIES = 5000;
const MAX_DEPTH = 10;
const MAX_ENUM_VALUES = 1000;

type Schema = Record<string, unknown>;

export function findStrictViolations(root: Schema): string[] {
  const problems: string[] = [];
  const totals = { properties: 0, enumValues: 0 };
  if (root.type !== 'object') problems.push('/: the root must be an object');
  if ('anyOf' in root) problems.push('/: the root must not be anyOf');
  const definitions = (root.$defs ?? {}) as Record<string, Schema>;
  check(root, '', 0);
  for (const [name, definition] of Object.entries(definitions)) check(definition, `/$defs/${name}`, 0);
  if (totals.properties > MAX_PROPERTIES)
    problems.push(`/: ${totals.properties} properties, more than ${MAX_PROPERTIES}`);
  if (totals.enumValues > MAX_ENUM_VALUES)
    problems.push(`/: ${totals.enumValues} enum values, more than ${MAX_ENUM_VALUES}`);
  return problems;

  function check(node: unknown, pointer: string, depth: number): void {
    const at = pointer || '/';
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      problems.push(`${at}: a schema must be an object`);
      return;
    }
    const schema = node as Schema;
    if (typeof schema.$ref === 'string') {
      if (Object.keys(schema).length > 1) problems.push(`${at}: $ref cannot have sibling keywords`);
      const ref = schema.$ref;
      if (ref !== '#' && !(ref.startsWith('#/$defs/') && decodeURIComponent(ref.slice(8)) in definitions)) {
        problems.push(`${at}: $ref ${ref} does not point into $defs`);
      }
      return;
    }
    const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
    if (types.length === 0 && !Array.isArray(schema.anyOf) && !Array.isArray(schema.enum)) {
      problems.push(`${at}: every schema needs a type, an enum or anyOf`);
    }
    for (const type of types) if (!TYPES.has(type as string)) problems.push(`${at}: unsupported type ${String(type)}`);
    const nonNull = types.filter((type) => type !== 'null');
    if (nonNull.length > 1) problems.push(`${at}: a type list may only add "null" to one type (use anyOf)`);
    const allowed = new Set([...KEYWORDS.any!, ...types.flatMap((type) => [...(KEYWORDS[type as string] ?? [])])]);
    for (const key of Object.keys(schema)) {
      if (!allowed.has(key)) problems.push(`${at}: keyword "${key}" is not supported here`);
    }
    if (pointer !== '' && '$defs' in schema) problems.push(`${at}: $defs belongs at the root`);
    if (typeof schema.format === 'string' && !FORMATS.has(schema.format))
      problems.push(`${at}: format ${schema.format}`);
    if (Array.isArray(schema.enum)) {
      totals.enumValues += schema.enum.length;
      for (const value of schema.enum) {
        const type = value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
        const fits = types.length === 0 || types.includes(type) || (type === 'integer' && types.includes('number'));
        if (!fits) problems.push(`${at}: enum value ${JSON.stringify(value)} does not match the type`);
      }
    }
    if (Array.isArray(schema.anyOf)) {
      for (const [index, branch] of schema.anyOf.entries()) check(branch, `${pointer}/anyOf/${index}`, depth);
    }
    if (types.includes('object')) {
      if (depth + 1 > MAX_DEPTH) problems.push(`${at}: nested deeper than ${MAX_DEPTH} objects`);
      if (schema.additionalProperties !== false) problems.push(`${at}: objects need additionalProperties: false`);
      const properties = schema.properties as Record<string, unknown> | undefined;
      if (!properties || typeof properties !== 'object') {
        problems.push(`${at}: objects need properties`);
        return;
      }
      const keys = Object.keys(properties);
      totals.properties += keys.length;
      const required = Array.isArray(schema.required) ? schema.required : [];
      const missing = keys.filter((key) => !required.includes(key));
      if (missing.length > 0 || required.length !== keys.length) {
        problems.push(`${at}: every property must be required (missing: ${missing.join(', ')})`);
      }
      for (const key of keys) check(properties[key], `${pointer}/properties/${key}`, depth + 1);
    }
    if (types.includes('array')) {
      if (schema.items === undefined) problems.push(`${at}: arrays need items`);
      else check(schema.items, `${pointer}/items`, depth);
    }
  }
}
