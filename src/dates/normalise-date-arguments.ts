/**
 * Date expressions in a tool call's arguments → the values the API expects. Runs after validation and before
 * the request is built; the model's arguments are never modified in place.
 *
 * Output by kind: `unix-seconds` integers; `unix-milliseconds` integers; `date-time` ISO 8601 in UTC
 * (`2026-10-01T04:00:00Z`, with `.sss` only when the milliseconds are not zero); `date` `YYYY-MM-DD` in the
 * configured zone. `time_range` is removed and fills the start/end pair; an explicitly given start or end wins.
 */
import { ToolInputError, type ToolInputIssue } from '../errors/index.js';
import { MS_PER_SECOND } from './calendar.js';
import { type DateField, TIME_RANGE_ARGUMENT, timeRangePair } from './date-field.js';
import type { EvaluationSettings, Span } from './evaluate.js';
import { type ResolveDateRangeOptions, readDateSettings } from './options.js';
import { describeRefusal, resolveDateSpan } from './resolve-date-range.js';
import { MILLISECONDS_THRESHOLD } from './syntax.js';
import { wallTimeAt } from './zone.js';

export interface NormaliseDateArgumentsOptions extends ResolveDateRangeOptions {
  /** Named in the `ToolInputError` thrown for unreadable dates. */
  toolName: string;
}

const EXPRESSION_EXAMPLES = "'last week', 'October 1st', '2026-10-01', 'past 7 days', 'from 2026-10-01 to 2026-10-15'";
const EXPECTED: Record<DateField['kind'], string> = {
  'unix-seconds': `Unix seconds or a date expression like ${EXPRESSION_EXAMPLES}`,
  'unix-milliseconds': `Unix milliseconds or a date expression like ${EXPRESSION_EXAMPLES}`,
  'date-time': `an ISO 8601 date-time or a date expression like ${EXPRESSION_EXAMPLES}`,
  date: `a YYYY-MM-DD date or a date expression like ${EXPRESSION_EXAMPLES}`,
};
const TIME_RANGE_EXPECTED = `a period like 'last week', 'past 7 days', 'Q3 2026', 'from 2026-10-01 to 2026-10-15'`;

/** A value as sent, plus the instant it stands for, so the pair can be compared whatever its kind. */
interface Converted {
  value: unknown;
  epochMs: number;
}

/**
 * Returns new arguments with every date field converted (or `args` itself when no date field is present).
 * @throws ToolInputError with one issue per unreadable field, a range that ends before it starts, or a
 *   required field of a `time_range` pair that neither it nor `time_range` gave.
 */
export function normaliseDateArguments(
  args: Record<string, unknown>,
  fields: DateField[],
  options: NormaliseDateArgumentsOptions,
): Record<string, unknown> {
  const pair = timeRangePair(fields);
  if (!needsWork(args, fields, pair !== undefined)) return args;
  const settings = readDateSettings(options);
  const result: Record<string, unknown> = { ...args };
  const issues: ToolInputIssue[] = [];

  let range: Span | undefined;
  if (pair !== undefined && TIME_RANGE_ARGUMENT in result) {
    const given = result[TIME_RANGE_ARGUMENT];
    delete result[TIME_RANGE_ARGUMENT];
    if (given !== undefined && given !== null) {
      const span = resolveDateSpan(given, settings);
      if ('reason' in span) {
        issues.push({
          path: TIME_RANGE_ARGUMENT,
          message: describeRefusal(given, span.reason, false),
          expected: TIME_RANGE_EXPECTED,
          received: render(given),
        });
      } else {
        range = span;
      }
    }
  }

  const converted = new Map<DateField, Converted>();
  for (const field of fields) {
    const given = result[field.name];
    if (given === undefined || given === null) {
      if (pair !== undefined && (field === pair.start || field === pair.end)) {
        if (range !== undefined) {
          const value = convert(range, field, settings);
          result[field.name] = value.value;
          converted.set(field, value);
        } else if (field.required) {
          issues.push({
            path: field.name,
            message: `required: give ${field.name} or ${TIME_RANGE_ARGUMENT}`,
            expected: EXPECTED[field.kind],
          });
        }
      }
      continue;
    }
    if (typeof given !== 'string' && typeof given !== 'number') continue;
    const native = nativeValue(given, field);
    if (native !== undefined) {
      converted.set(field, native);
      continue;
    }
    const span = resolveDateSpan(given, settings);
    if ('reason' in span) {
      issues.push({
        path: field.name,
        message: describeRefusal(given, span.reason, false),
        expected: EXPECTED[field.kind],
        received: render(given),
      });
      continue;
    }
    const value = convert(span, field, settings);
    result[field.name] = value.value;
    converted.set(field, value);
  }

  if (pair !== undefined) {
    const start = converted.get(pair.start);
    const end = converted.get(pair.end);
    if (start !== undefined && end !== undefined && end.epochMs < start.epochMs) {
      issues.push({
        path: pair.end.name,
        message: `ends before ${pair.start.name} (${render(start.value)})`,
        expected: `a moment at or after ${pair.start.name}`,
        received: render(end.value),
      });
    }
  }
  if (issues.length > 0) throw new ToolInputError(options.toolName, issues);
  return result;
}

function needsWork(args: Record<string, unknown>, fields: DateField[], hasPair: boolean): boolean {
  if (hasPair && TIME_RANGE_ARGUMENT in args) return true;
  for (const field of fields) {
    if (args[field.name] !== undefined && args[field.name] !== null) return true;
    if (hasPair && field.required && field.role !== 'instant') return true;
  }
  return false;
}

/** Numbers that already are what the field wants pass through untouched (a year like 2026 is not one of them). */
function nativeValue(given: string | number, field: DateField): Converted | undefined {
  if (typeof given !== 'number' || !Number.isInteger(given) || given < 0) return undefined;
  if (given >= 1900 && given <= 2200) return undefined;
  if (field.kind === 'unix-seconds' && given < MILLISECONDS_THRESHOLD)
    return { value: given, epochMs: given * MS_PER_SECOND };
  if (field.kind === 'unix-milliseconds' && given >= MILLISECONDS_THRESHOLD && given < 1e14)
    return { value: given, epochMs: given };
  return undefined;
}

/** Picks the span's start or end by role, then writes it the way the field's kind wants. */
function convert(span: Span, field: DateField, settings: EvaluationSettings): Converted {
  let epochMs = field.role === 'end' ? span.endMs : span.startMs;
  // An inclusive end names the last moment inside the span rather than the first one after it.
  const lastInside = field.role === 'end' && field.inclusiveEnd === true && (!span.instant || span.closesPeriod);
  switch (field.kind) {
    case 'unix-seconds': {
      const seconds = Math.floor(epochMs / MS_PER_SECOND) - (lastInside ? 1 : 0);
      return { value: seconds, epochMs: seconds * MS_PER_SECOND };
    }
    case 'unix-milliseconds':
      if (lastInside) epochMs -= 1;
      return { value: epochMs, epochMs };
    case 'date-time': {
      if (lastInside) epochMs = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND - MS_PER_SECOND;
      return { value: formatIsoUtc(epochMs), epochMs };
    }
    case 'date': {
      const wall = wallTimeAt(lastInside ? epochMs - 1 : epochMs, span.timeZone ?? settings.timeZone);
      return { value: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, epochMs: lastInside ? epochMs - 1 : epochMs };
    }
  }
}

function formatIsoUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return String(value);
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
