import { DateExpressionError } from '../errors/index.js';
import { parseWithChrono } from './chrono-fallback.js';
import { type EvaluationSettings, evaluateDateNode, type Span } from './evaluate.js';
import { type ResolveDateRangeOptions, readDateSettings } from './options.js';
import { DateRefusal, normaliseExpressionText, type ParsedExpression, parseExpression, parseNumber } from './syntax.js';

/** A half-open range of Unix seconds: `start` inclusive, `end` exclusive; an instant has `start === end`. */
export interface DateRange {
  start: number;
  end: number;
}

/** What error messages offer as examples of readable input. */
export const DATE_EXPRESSION_EXAMPLES =
  'Unix seconds (1759276800), an ISO date or date-time (2026-10-01, 2026-10-01T09:00:00Z), or an expression such as "today", "yesterday at 3pm", "last week", "past 7 days", "since Monday", "October 1st", "Q3 2026", "end of last month", "from 2026-10-01 to 2026-10-15"';

/**
 * Reads a date expression as a range of Unix seconds: calendar periods start and end at local midnight in
 * `timeZone`, rolling windows ("past 7 days") end now, instants ("now", ISO date-times, timestamps) have
 * `start === end`.
 *
 * @throws DateExpressionError when the text cannot be read, or reads as something we refuse to guess about.
 * @throws TrutoConfigError when an option is invalid (unknown zone, bad clock).
 * @example resolveDateRange('last month', { now: new Date('2026-11-25T12:00:00Z') }) // { start: 1790812800, end: 1793491200 }
 */
export function resolveDateRange(text: string | number, options?: ResolveDateRangeOptions): DateRange {
  const span = resolveDateSpan(text, readDateSettings(options));
  if ('reason' in span) throw new DateExpressionError(text, describeRefusal(text, span.reason));
  return { start: Math.floor(span.startMs / 1000), end: Math.floor(span.endMs / 1000) };
}

/** Why an expression was not read; `undefined` when nothing in it looked like a date we know. */
export interface Refusal {
  reason: string | undefined;
}

/** The span in milliseconds, with what a date-only field needs to know (`closesPeriod`), or why not. */
export function resolveDateSpan(input: unknown, settings: EvaluationSettings): Span | Refusal {
  const parsed = parseDateExpression(input);
  if ('reason' in parsed) return parsed;
  try {
    if (parsed.timeZone === undefined) return evaluateDateNode(parsed.node, settings);
    const span = evaluateDateNode(parsed.node, { ...settings, timeZone: parsed.timeZone });
    span.timeZone = parsed.timeZone;
    return span;
  } catch (error) {
    if (error instanceof DateRefusal) return { reason: error.message };
    throw error;
  }
}

const CACHE_LIMIT = 1000;
/** Parsing is pure, so the few expressions a model repeats are parsed once; refusals are cached too. */
const parseCache = new Map<string, ParsedExpression | Refusal>();

function parseDateExpression(input: unknown): ParsedExpression | Refusal {
  if (typeof input === 'number') {
    try {
      return { node: parseNumber(input, false) };
    } catch (error) {
      if (error instanceof DateRefusal) return { reason: error.message };
      throw error;
    }
  }
  if (typeof input !== 'string') return { reason: `expected a string or a number, got ${typeName(input)}` };
  let parsed = parseCache.get(input);
  if (parsed === undefined) {
    parsed = parseUncached(input);
    if (parseCache.size >= CACHE_LIMIT) parseCache.clear();
    parseCache.set(input, parsed);
  }
  return parsed;
}

const MAX_EXPRESSION_LENGTH = 200;

function parseUncached(input: string): ParsedExpression | Refusal {
  if (input.length > MAX_EXPRESSION_LENGTH) return { reason: 'it is too long to be a date' };
  const text = normaliseExpressionText(input);
  if (text === '') return { reason: 'it is empty' };
  try {
    return parseExpression(text) ?? parseWithChrono(text) ?? { reason: undefined };
  } catch (error) {
    if (error instanceof DateRefusal) return { reason: error.message };
    throw error;
  }
}

/** `Cannot read "next tuesday-ish" as a date. Use ...`, with the reason when there is one. */
export function describeRefusal(input: unknown, reason: string | undefined, withExamples = true): string {
  const shown =
    typeof input === 'string'
      ? JSON.stringify(input.length > 60 ? `${input.slice(0, 57)}...` : input)
      : describeValue(input);
  const why = reason === undefined ? '' : `: ${reason}`;
  return `Cannot read ${shown} as a date${why}.${withExamples ? ` Use ${DATE_EXPRESSION_EXAMPLES}.` : ''}`;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** `String(value)` throws for objects with a broken `toString`; a refusal message must never throw itself. */
function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
