/**
 * Which tool arguments are timestamps or dates. Only top-level properties of `query_schema` and `body_schema`
 * are examined: a date nested inside an object is left alone (it is sent exactly as the model gives it).
 *
 * Evidence, strongest first: a string `format` of `date-time` / `date`; an integer `format` naming a timestamp
 * (`unixtime`, `unix-time`, `timestamp`); a description saying "Unix", "epoch" or "timestamp"; a name that can
 * only be a moment (`start_time`, `created_at`, `created_after`, `since`). Bare bound names (`after`, `before`,
 * `from`, `to`) are pagination cursors as often as dates, so they need a description that speaks of time, and
 * anything described as a cursor, an id or a duration is never a date.
 */
import type { JsonSchemaObject } from '../catalog/tool-definition.js';
import { type DateField, type DateFieldKind, type DateFieldRole, TIME_RANGE_ARGUMENT } from './date-field.js';

const START_BOUNDS = new Set(['after', 'since', 'from', 'gte', 'gt', 'min', 'oldest', 'earliest']);
const END_BOUNDS = new Set(['before', 'until', 'till', 'to', 'lte', 'lt', 'max', 'latest']);
const START_WORDS = new Set(['start', 'starts', 'starting', 'begin', 'begins', 'beginning']);
const END_WORDS = new Set(['end', 'ends', 'ending', 'finish']);
const MOMENT_WORDS = new Set(['timestamp', 'datetime', 'epoch', 'ts']);
const EVENT_WORDS = new Set([
  'created',
  'updated',
  'modified',
  'deleted',
  'started',
  'ended',
  'completed',
  'closed',
  'occurred',
  'sent',
  'received',
  'paid',
  'due',
  'expires',
  'expired',
  'published',
  'scheduled',
  'archived',
  'changed',
]);

const TIMESTAMP_FORMAT = /unix|epoch|timestamp/;
const MILLISECONDS = /milli|\bms\b/;
const TIMESTAMP_DESCRIPTION = /\b(?:unix|epoch|posix)\b|\btimestamp\b/;
const TIME_DESCRIPTION = /\b(?:time|date|day|when|moment|seconds)\b/;
const NOT_A_MOMENT =
  /\b(?:cursor|ids?|identifier|page|offset|index|token|position|duration|timeout|ttl|interval|elapsed|delay|lifetime|max[ _]age|number of)\b/;
/** Words that make a name a quantity (`max_requests_per_1_day`, `batch_1_day_max_input_tokens`), never a moment. */
const QUANTITY_WORDS = new Set([
  'per',
  'requests',
  'tokens',
  'images',
  'count',
  'limit',
  'quota',
  'size',
  'bytes',
  'megabytes',
  'amount',
  'total',
  'number',
]);
const INCLUSIVE = /\binclusive\b/;
const EXCLUSIVE = /\bexclusive\b/;

/**
 * The date fields of a tool, in schema order, query before body. Cheap enough to run on every tool of a
 * large catalog: a few regular expressions per property, nothing compiled.
 */
export function findDateFields(tool: { query_schema?: object; body_schema?: object }): DateField[] {
  const fields: DateField[] = [];
  const toolRequired = (tool as { required?: unknown }).required;
  let ownTimeRange = false;
  for (const location of ['query', 'body'] as const) {
    const schema = location === 'query' ? tool.query_schema : tool.body_schema;
    if (!isRecord(schema) || !isRecord(schema.properties)) continue;
    const properties = schema.properties;
    if (TIME_RANGE_ARGUMENT in properties) ownTimeRange = true;
    for (const name of Object.keys(properties)) {
      const property = properties[name];
      if (!isRecord(property)) continue;
      const field = dateFieldOf(name, property, location);
      if (field === undefined) continue;
      if (listsName(schema.required, name) || listsName(toolRequired, name)) field.required = true;
      fields.push(field);
    }
  }
  if (ownTimeRange) for (const field of fields) field.timeRange = false;
  return fields;
}

function dateFieldOf(name: string, property: JsonSchemaObject, location: 'query' | 'body'): DateField | undefined {
  const types = typesOf(property);
  const format = typeof property.format === 'string' ? property.format.toLowerCase() : '';
  const description = typeof property.description === 'string' ? property.description.toLowerCase() : '';
  const words = wordsOf(name);
  let kind: DateFieldKind | undefined;
  if (types.has('integer') || types.has('number')) {
    if (isTimestamp(words, format, description)) {
      kind =
        MILLISECONDS.test(format) || MILLISECONDS.test(description) || endsWithMilliseconds(name, words)
          ? 'unix-milliseconds'
          : 'unix-seconds';
    }
  } else if (types.has('string')) {
    if (format === 'date-time') kind = 'date-time';
    else if (format === 'date') kind = 'date';
  }
  if (kind === undefined) return undefined;
  const role = roleOf(words);
  const field: DateField = { name, location, kind, role };
  if (role === 'end' && isInclusiveEnd(kind, words, description)) field.inclusiveEnd = true;
  return field;
}

function isTimestamp(words: string[], format: string, description: string): boolean {
  if (TIMESTAMP_FORMAT.test(format)) return true;
  if (NOT_A_MOMENT.test(description)) return false;
  if (TIMESTAMP_DESCRIPTION.test(description)) return true;
  // "max … per day" is a budget: `max`/`min` read as bounds and "day" as time would otherwise make it a date.
  if (words.some((word) => QUANTITY_WORDS.has(word))) return false;
  if (namesAMoment(words)) return true;
  return hasBoundWord(words) && TIME_DESCRIPTION.test(description);
}

/** `start_time`, `end_time`, `created_at`, `created_after`, `since`, `until`, `timestamp`, `expires_at`. */
function namesAMoment(words: string[]): boolean {
  if (words.length === 1) return words[0] === 'since' || words[0] === 'until' || MOMENT_WORDS.has(words[0]!);
  let event = false;
  let bound = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (MOMENT_WORDS.has(word)) return true;
    // "at" only as a suffix, or before a comparison ("created_at[gte]"): "at_risk" is not a moment.
    if (
      word === 'at' &&
      index > 0 &&
      words.slice(index + 1).every((rest) => START_BOUNDS.has(rest) || END_BOUNDS.has(rest))
    ) {
      return true;
    }
    if (
      word === 'time' &&
      words.some(
        (other) => START_WORDS.has(other) || END_WORDS.has(other) || START_BOUNDS.has(other) || END_BOUNDS.has(other),
      )
    ) {
      return true;
    }
    if (EVENT_WORDS.has(word)) event = true;
    if (START_BOUNDS.has(word) || END_BOUNDS.has(word)) bound = true;
  }
  return event && bound;
}

function hasBoundWord(words: string[]): boolean {
  return words.some(
    (word) => START_BOUNDS.has(word) || END_BOUNDS.has(word) || START_WORDS.has(word) || END_WORDS.has(word),
  );
}

/** A comparison word decides ("start_before" is an upper bound); else start/end words; else an instant. */
function roleOf(words: string[]): DateFieldRole {
  for (const word of words) {
    if (START_BOUNDS.has(word)) return 'start';
    if (END_BOUNDS.has(word)) return 'end';
  }
  for (const word of words) {
    if (START_WORDS.has(word)) return 'start';
    if (END_WORDS.has(word)) return 'end';
  }
  return 'instant';
}

function isInclusiveEnd(kind: DateFieldKind, words: string[], description: string): boolean {
  if (EXCLUSIVE.test(description) || words.includes('before') || words.includes('lt')) return false;
  if (INCLUSIVE.test(description) || words.includes('lte')) return true;
  // Date-only end fields ("end_date") name the last day included in nearly every API.
  return kind === 'date';
}

function endsWithMilliseconds(name: string, words: string[]): boolean {
  const last = words[words.length - 1];
  return last === 'ms' || last === 'millis' || last === 'milliseconds' || /[a-z]Ms$/.test(name);
}

/** `createdAt[gte]` → created, at, gte. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function typesOf(property: JsonSchemaObject): Set<string> {
  const types = new Set<string>();
  const add = (type: unknown) => {
    if (typeof type === 'string') types.add(type);
    else if (Array.isArray(type)) for (const item of type) if (typeof item === 'string') types.add(item);
  };
  add(property.type);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = property[key];
    if (Array.isArray(members)) for (const member of members) if (isRecord(member)) add(member.type);
  }
  types.delete('null');
  // A property that mixes kinds (integer or object) is not a plain timestamp.
  if (types.size > 1 && !(types.size === 2 && types.has('integer') && types.has('number'))) types.clear();
  return types;
}

function listsName(required: unknown, name: string): boolean {
  return Array.isArray(required) && required.includes(name);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
