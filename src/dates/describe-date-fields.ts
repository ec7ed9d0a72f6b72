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
    description: `Optional period that fills ${pair.start.name} and ${pair.end.name}, e.g. 'last week', 'past 7 days', 'Q3 2026', 'from Oct 1 to Oct 15'. An explicit ${pair.start.name} or ${pair.end.name} wins.`,
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
  const description = joinDescription(original.description, hintFor(field) + note);
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

function hintFor(field: DateField): string {
  const native =
    field.kind === 'unix-seconds'
      ? 'Unix seconds'
      : field.kind === 'unix-milliseconds'
        ? 'Unix milliseconds'
        : field.kind === 'date-time'
          ? 'An ISO 8601 date-time'
          : 'A YYYY-MM-DD date';
  if (field.role === 'start')
    return `${native}, or a date expression like 'October 1st', 'last Monday', '2026-10-01' (a period gives its start).`;
  if (field.role === 'end')
    return `${native}, or a date expression like 'today', 'end of last month', '2026-10-15' (a period gives its end).`;
  return `${native}, or a date expression like 'yesterday at 3pm', '2026-10-01', 'now'.`;
}

function joinDescription(original: unknown, hint: string): string {
  const text = typeof original === 'string' ? original.trim() : '';
  if (text === '') return hint;
  return /[.!?]$/.test(text) ? `${text} ${hint}` : `${text}. ${hint}`;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
