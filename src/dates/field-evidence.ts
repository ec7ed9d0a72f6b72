/**
 * Whether the schema at one spot is a moment, and in what form the API wants it. Evidence, strongest first:
 * - a `format`: `date-time`, `date` (strings), `unix-time`, `unixtime`, `timestamp`, `unix-ms` (integers). `int64`
 *   alone says nothing. A format is taken at its word: no name or description overrules it.
 * - a `pattern` or an `example` shaped like an ISO date or date-time (strings);
 * - a description naming the form: "YYYY-MM-DD", "ISO 8601", "RFC 3339", "Unix timestamp", "epoch",
 *   "seconds since";
 * - a name that can only be a moment (`created_at`, `start_time`, `since`, `expiresAt`) — for strings only with a
 *   description that speaks of a date or a time, since `start_time: "09:00"` is as common as a timestamp;
 * - a bare bound name (`after`, `end`) with a description that speaks of time.
 *
 * Against it: names and descriptions of things that are not moments (a cursor, an id, a token, a count, a limit, an
 * amount, a duration, a timeout, a version, a phone number, a year or day-of-week number, "seconds to wait",
 * "milliseconds into the day"), an integer whose `maximum` is below any plausible timestamp, and the formats `time`
 * and `duration`.
 */
import type { DateFieldKind } from './date-field.js';
import { boundOf, hasBoundWord, isStartOrEndWord } from './field-words.js';
import type { SchemaNode } from './schema-facets.js';
import { typesOf } from './schema-facets.js';

export interface ScalarDate {
  kind: DateFieldKind;
  /** A Unix kind written in a string schema. */
  text?: boolean;
}

export interface EvidenceContext {
  words: readonly string[];
  /** Lower-cased descriptions of the spot (and of its parent for an operator key). */
  description: string;
  /** What the guards read when it differs from `description` (see `RoleEvidence.guardDescription`). */
  guardDescription?: string;
}

const MOMENT_WORDS = new Set(['timestamp', 'datetime', 'epoch', 'ts', 'unix']);
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
  'resolved',
  'acknowledged',
  'triggered',
  'submitted',
  'approved',
  'cancelled',
  'canceled',
  'requested',
  'reported',
]);
/** Words that mean "this is a moment" strongly enough to outweigh a guard word (`page_updated_at`, `limit_date`). */
const MOMENT_MARKERS = new Set(['at', 'timestamp', 'datetime', 'date', 'time', 'epoch', 'since', 'until', 'unix']);
/** Names built on these are quantities, identifiers or durations, never moments. */
const GUARD_WORDS = new Set([
  'cursor',
  'token',
  'tokens',
  'id',
  'ids',
  'uuid',
  'gid',
  'page',
  'offset',
  'index',
  'position',
  'limit',
  'count',
  'size',
  'amount',
  'total',
  'number',
  'quantity',
  'qty',
  'version',
  'phone',
  'duration',
  'timeout',
  'ttl',
  'interval',
  'delay',
  'elapsed',
  'lifetime',
  'age',
  'frequency',
  'retry',
  'per',
  'requests',
  'images',
  'quota',
  'bytes',
  'megabytes',
  'price',
  'cost',
  'score',
  'rate',
  'percent',
  'percentage',
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
  'live',
]);
/** An integer named after a calendar unit is a component (`start_year`, `start_day_of_week`), not a moment. */
const UNIT_WORDS = new Set(['year', 'month', 'day', 'hour', 'minute', 'second', 'week', 'quarter', 'weekday', 'dow']);

const NOT_A_MOMENT =
  /\b(?:cursor|ids?|gids?|uuids?|identifier|page|offset|index|token|position|duration|timeout|ttl|(?<!date |time )interval|elapsed|delay|lifetime|max[ _]age|number of|frequency|how long|how many|length of|amount of|time of (?:the )?day|into the day|day of (?:the )?week|hh:mm(?!:ss)|to wait)\b/;
const NOT_A_MOMENT_FORMAT = /^(?:time|partial-time|duration|time-delta|timedelta|int32)$/;
const UNIX_FORMAT = /unix|epoch|timestamp/;
const STRING_DATE_FORMAT = /^(?:date-time|datetime|date|iso-?8601|rfc-?3339|full-date|date-time-offset)$/;
const MILLISECONDS = /milli|\bms\b/;
const UNIX_DESCRIPTION = /\b(?:unix|epoch|posix)\b|\btimestamp\b|\b(?:milli)?seconds since\b/;
const TIME_DESCRIPTION = /\b(?:time|date|datetime|date-time|day|moment|seconds|milliseconds|timestamp)\b/;
const ISO_DESCRIPTION = /\biso[ -]?8601\b|\brfc[ -]?3339\b/;
const DATE_TEMPLATE = /\byyyy-mm-dd\b/;
const DATE_TIME_TEMPLATE = /\byyyy-mm-dd[t ]hh|\bhh:mm/;
const DATE_TIME_WORDS = /\b(?:date-?time|timestamp|time)\b/;
const DATE_EXAMPLE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_EXAMPLE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const DATE_PATTERN = /(?:\\d|\[0-9\])(?:\{4\}|\\d\\d\\d|\[0-9\]\[0-9\]\[0-9\]).{0,4}-/;
/** Below this an integer cannot be a Unix timestamp of this century (1e9 seconds is 2001-09-09). */
const SMALLEST_TIMESTAMP_MAXIMUM = 1e9;

/** The date form the spot's schema asks for, or `undefined` when it is not a moment. */
export function scalarDateOf(facets: readonly SchemaNode[], context: EvidenceContext): ScalarDate | undefined {
  const scalars = scalarFacets(facets);
  if (scalars.strings.length === 0 && scalars.numbers.length === 0) return undefined;

  // A format is the schema's own word for it.
  for (const facet of scalars.strings) {
    const format = formatOf(facet);
    if (STRING_DATE_FORMAT.test(format))
      return { kind: format === 'date' || format === 'full-date' ? 'date' : 'date-time' };
    if (UNIX_FORMAT.test(format))
      return { kind: MILLISECONDS.test(format) ? 'unix-milliseconds' : 'unix-seconds', text: true };
  }
  for (const facet of scalars.numbers) {
    const format = formatOf(facet);
    if (UNIX_FORMAT.test(format) || STRING_DATE_FORMAT.test(format)) return { kind: unixKind(format, context) };
  }
  if ([...scalars.strings, ...scalars.numbers].some((facet) => NOT_A_MOMENT_FORMAT.test(formatOf(facet)))) {
    return undefined;
  }

  const description = context.description;
  if (
    NOT_A_MOMENT.test(context.guardDescription ?? description) ||
    isGuardedName(context.words, scalars.numbers.length > 0)
  )
    return undefined;
  for (const facet of scalars.strings) {
    const shaped = shapedKind(facet);
    if (shaped !== undefined) return { kind: shaped };
  }

  if (scalars.numbers.length > 0 && !scalars.numbers.some(capsBelowTimestamps)) {
    if (UNIX_DESCRIPTION.test(description) || namesAMoment(context.words)) return { kind: unixKind('', context) };
    if (hasBoundWord(context.words) && TIME_DESCRIPTION.test(description)) return { kind: unixKind('', context) };
  }
  if (scalars.strings.length > 0) {
    if (DATE_TEMPLATE.test(description)) return { kind: DATE_TIME_TEMPLATE.test(description) ? 'date-time' : 'date' };
    if (ISO_DESCRIPTION.test(description)) return { kind: stringKind(context) };
    if (UNIX_DESCRIPTION.test(description) && /\b(?:unix|epoch|posix)\b/.test(description)) {
      return { kind: unixKind('', context), text: true };
    }
    // `created_after`, `updated_at`: an event with a bound is a moment whatever else the string could be; a bare
    // `start_time` may be "09:00", so it needs a description that speaks of dates.
    if (namesAnEvent(context.words)) return { kind: stringKind(context) };
    // Slack's `ts` ("1503435956.000247") names a message as much as a moment: a string `ts` needs a format.
    const timeWords = TIME_DESCRIPTION.test(description) && !context.words.includes('ts');
    if (timeWords && (namesAMoment(context.words) || hasBoundWord(context.words))) return { kind: stringKind(context) };
  }
  return undefined;
}

/**
 * Other values the spot takes besides a date: `lenient` when a branch without date evidence takes plain text or
 * numbers (PagerDuty's custom field `value`: a date in one branch, free text in another), and the literal values of
 * enum or const branches (Stripe's `'now'`).
 */
export function otherValuesOf(
  facets: readonly SchemaNode[],
  date: ScalarDate,
): { lenient: boolean; literals: unknown[] } {
  const scalars = scalarFacets(facets, true);
  const literals: unknown[] = [];
  const textDate = date.kind === 'date' || date.kind === 'date-time' || date.text === true;
  const plain = scalars.strings.filter((facet) => !isLiteral(facet));
  // Evidence from the name or the description speaks for every branch alike; only a branch that says "date"
  // by itself (a format) beside one that does not makes the spot take other text too.
  const signed = plain.filter(hasDateSign);
  let lenient = textDate && signed.length > 0 && signed.length < plain.length;
  for (const facet of [...scalars.strings, ...scalars.numbers]) {
    if (Array.isArray(facet.enum)) {
      for (const value of facet.enum) if (value !== null) literals.push(value);
    } else if ('const' in facet) {
      if (facet.const !== null) literals.push(facet.const);
    } else if (textDate && !scalars.strings.includes(facet)) {
      lenient = true;
    }
  }
  return { lenient, literals };
}

function isLiteral(facet: SchemaNode): boolean {
  return Array.isArray(facet.enum) || 'const' in facet;
}

/** Facets that take a string or a number (a facet that also takes an object or an array is a free-form shape). */
function scalarFacets(
  facets: readonly SchemaNode[],
  withLiterals = false,
): { strings: SchemaNode[]; numbers: SchemaNode[] } {
  const strings: SchemaNode[] = [];
  const numbers: SchemaNode[] = [];
  for (const facet of facets) {
    const types = typesOf(facet);
    if (types.includes('object') || types.includes('array')) continue;
    // A list of allowed words ('word', 'segment') is never a free date, whatever its name says.
    if (!withLiterals && isLiteral(facet) && typeof facet.format !== 'string') continue;
    if (
      types.includes('string') ||
      (types.length === 0 && typeof facet.format === 'string' && !isNumericFormat(facet.format))
    )
      strings.push(facet);
    if (types.includes('integer') || types.includes('number') || (types.length === 0 && isNumericFormat(facet.format)))
      numbers.push(facet);
  }
  return { strings, numbers };
}

function isNumericFormat(format: unknown): boolean {
  return typeof format === 'string' && /^(?:unix|epoch|int|float|double)/i.test(format);
}

/** A format, pattern or example that says "date" by itself, whatever the name. */
export function hasDateSign(facet: SchemaNode): boolean {
  const format = formatOf(facet);
  return STRING_DATE_FORMAT.test(format) || UNIX_FORMAT.test(format) || shapedKind(facet) !== undefined;
}

/** A `pattern` or an example that is an ISO date or date-time. */
function shapedKind(facet: SchemaNode): DateFieldKind | undefined {
  if (typeof facet.pattern === 'string' && DATE_PATTERN.test(facet.pattern)) {
    return /T|:/.test(facet.pattern.replace(/\\d|\[0-9\]/g, '')) ? 'date-time' : 'date';
  }
  for (const example of examplesOf(facet)) {
    if (typeof example !== 'string') continue;
    if (DATE_TIME_EXAMPLE.test(example) && !Number.isNaN(Date.parse(example))) return 'date-time';
    if (DATE_EXAMPLE.test(example)) return 'date';
  }
  return undefined;
}

function examplesOf(facet: SchemaNode): unknown[] {
  const examples: unknown[] = [];
  if ('example' in facet) examples.push(facet.example);
  if (Array.isArray(facet.examples)) examples.push(...facet.examples.slice(0, 3));
  return examples;
}

function formatOf(facet: SchemaNode): string {
  return typeof facet.format === 'string' ? facet.format.toLowerCase() : '';
}

function capsBelowTimestamps(facet: SchemaNode): boolean {
  const maximum = typeof facet.maximum === 'number' ? facet.maximum : facet.exclusiveMaximum;
  return typeof maximum === 'number' && maximum < SMALLEST_TIMESTAMP_MAXIMUM;
}

function unixKind(format: string, context: EvidenceContext): DateFieldKind {
  const words = context.words;
  const last = words[words.length - 1];
  const milliseconds =
    MILLISECONDS.test(format) ||
    MILLISECONDS.test(context.description) ||
    last === 'ms' ||
    last === 'millis' ||
    last === 'milliseconds';
  return milliseconds ? 'unix-milliseconds' : 'unix-seconds';
}

/** A string moment without a format: a date-time unless everything about it speaks of days only. */
function stringKind(context: EvidenceContext): DateFieldKind {
  if (DATE_TIME_WORDS.test(context.description)) return 'date-time';
  const words = context.words;
  if (words.some((word) => word === 'time' || word === 'at' || word === 'datetime' || word === 'timestamp'))
    return 'date-time';
  // "The start of the date range" speaks of a range of moments, not of a day: `since`/`until` strings without a
  // format get a date-time, which an API that reads ISO 8601 takes to the second (a bare day would drop the last one).
  const description = context.description.replace(/\bdate[- ]range\b/g, 'range');
  if (/\b(?:date|day)\b/.test(description) || words.some((word) => word === 'date' || word === 'on' || word === 'day'))
    return 'date';
  return 'date-time';
}

/** `start_time`, `end_time`, `created_at`, `created_after`, `since`, `until`, `timestamp`, `expires_at`. */
export function namesAMoment(words: readonly string[]): boolean {
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
      words.slice(index + 1).every((rest) => boundOf(rest, words) !== undefined || isStartOrEndWord(rest))
    )
      return true;
    // "time to resolve" is a duration; "start_time", "time_from" are moments.
    if (
      word === 'time' &&
      words[index + 1] !== 'to' &&
      words.some((other) => boundOf(other, words) !== undefined || isStartOrEndWord(other))
    )
      return true;
    if (EVENT_WORDS.has(word)) event = true;
    if (boundOf(word, words) !== undefined || word === 'on') bound = true;
  }
  return event && bound;
}

/** `created_after`, `updated_at`, `due_on`: a past event with a bound or an "at"/"on" after it. */
function namesAnEvent(words: readonly string[]): boolean {
  let event = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (EVENT_WORDS.has(word)) event = true;
    else if (event && (word === 'at' || word === 'on' || boundOf(word, words) !== undefined)) return true;
  }
  return false;
}

/** A name made of quantity, identifier or duration words, unless a moment word outweighs them. */
function isGuardedName(words: readonly string[], numeric: boolean): boolean {
  if (words.some((word) => MOMENT_MARKERS.has(word)) && !words.includes('ttl') && !isTimeTo(words)) return false;
  return words.some((word) => GUARD_WORDS.has(word) || (numeric && UNIT_WORDS.has(word))) || isTimeTo(words);
}

function isTimeTo(words: readonly string[]): boolean {
  for (let index = 0; index + 1 < words.length; index++)
    if (words[index] === 'time' && words[index + 1] === 'to') return true;
  return false;
}
