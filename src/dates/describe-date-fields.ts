/**
 * The schema a model sees for date fields: the native value or a date expression, said in a few words.
 * Integer fields become `anyOf: [<the original integer schema>, {type: 'string'}]` (accepted by OpenAI,
 * Anthropic, Gemini and JSON Schema → zod compilers alike); string date fields lose their `format` and
 * `pattern`, which an expression would fail, and keep being strings.
 */
import type { JsonSchemaObject } from '../catalog/tool-definition.js';
import { type DateField, TIME_RANGE_ARGUMENT, timeRangePair } from './date-field.js';

/** Keywords that describe the property rather than constrain its value: they stay outside the `anyOf`. */
const ANNOTATIONS = ['title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly'];
/** String constraints an expression ("last week") would fail. */
const STRING_CONSTRAINTS = ['format', 'pattern', 'minLength', 'maxLength', 'formatMinimum', 'formatMaximum'];

/** Returns a new schema; the input is not modified. Fields missing from `properties` are skipped. */
export function describeDateFieldsForModel(schema: JsonSchemaObject, fields: DateField[]): JsonSchemaObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const widened: Record<string, unknown> = { ...properties };
  const pair = timeRangePair(fields);
  const offerTimeRange = pair !== undefined && !(TIME_RANGE_ARGUMENT in properties);
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const relaxed = new Set<string>();
  if (offerTimeRange) {
    for (const field of [pair.start, pair.end]) if (required.includes(field.name)) relaxed.add(field.name);
  }
  for (const field of fields) {
    const original = properties[field.name];
    if (!isRecord(original)) continue;
    const note = relaxed.has(field.name) ? ` Required unless ${TIME_RANGE_ARGUMENT} is given.` : '';
    widened[field.name] = widenProperty(original, field, note);
  }
  if (!offerTimeRange) return { ...schema, properties: widened };
  widened[TIME_RANGE_ARGUMENT] = {
    type: 'string',
    description: `Sets ${pair.start.name} and ${pair.end.name}, e.g. 'last week'.`,
  };
  const result: JsonSchemaObject = { ...schema, properties: widened };
  if (relaxed.size > 0) {
    const stillRequired = required.filter((name) => !relaxed.has(name as string));
    if (stillRequired.length > 0) result.required = stillRequired;
    else delete result.required;
  }
  return result;
}

function widenProperty(original: JsonSchemaObject, field: DateField, note: string): JsonSchemaObject {
  const description = joinDescription(original.description, hintFor(field, original.description) + note);
  if (field.kind === 'date-time' || field.kind === 'date') {
    const widened: JsonSchemaObject = { ...original, description };
    for (const keyword of STRING_CONSTRAINTS) delete widened[keyword];
    return widened;
  }
  const annotations: JsonSchemaObject = {};
  const value: JsonSchemaObject = {};
  for (const [keyword, content] of Object.entries(original)) {
    if (ANNOTATIONS.includes(keyword)) annotations[keyword] = content;
    else value[keyword] = content;
  }
  return { ...annotations, description, anyOf: [value, { type: 'string' }] };
}

/** How each kind of field is named when its own description does not say it already. */
const NATIVE_FORMS: Record<DateField['kind'], { name: string; named: RegExp }> = {
  'unix-seconds': { name: 'Unix seconds', named: /unix|epoch/i },
  'unix-milliseconds': { name: 'Unix milliseconds', named: /milli/i },
  'date-time': { name: 'An ISO 8601 date-time', named: /ISO.?8601|RFC.?3339|date-?time/i },
  date: { name: 'A YYYY-MM-DD date', named: /YYYY-MM-DD|ISO.?8601/i },
};

/**
 * One short sentence: every word here is paid for in tokens on every request that offers the tool. One example is
 * enough for a model to try others, and the native form is named only when the field's description does not name it.
 * "(…)" rather than "like …" and 'next Friday' rather than 'yesterday 3pm' save a token or two per date field
 * (bench/tokens.bench.ts), which a catalog of a thousand tools repeats a thousand times.
 */
function hintFor(field: DateField, description: unknown): string {
  const example = field.role === 'start' ? "'last Monday'" : field.role === 'end' ? "'today'" : "'next Friday'";
  const native = NATIVE_FORMS[field.kind];
  if (typeof description === 'string' && native.named.test(description)) {
    return `Or a date expression (${example}).`;
  }
  return `${native.name} or a date expression (${example}).`;
}

function joinDescription(original: unknown, hint: string): string {
  const text = typeof original === 'string' ? original.trim() : '';
  if (text === '') return hint;
  return /[.!?]$/.test(text) ? `${text} ${hint}` : `${text}. ${hint}`;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
