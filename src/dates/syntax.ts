/**
 * Date expressions, text → syntax tree. Nothing here knows the clock or the zone, so a parsed expression can
 * be cached and evaluated again at any time. Anything the grammar does not know is offered to chrono-node's
 * strict parser afterwards (see `chrono-fallback.ts`).
 *
 * The grammar reads lower-cased, punctuation-trimmed text. Its choices where English is ambiguous:
 * - "last week" is the previous calendar week, "past week" / "the last week" / "this past week" the last 7 days;
 * - "last Monday" is the most recent Monday before today, "Monday" the most recent one on or before today;
 * - slashed dates are US month/day/year ("10/01/2026" is October 1st) unless the first number is over 12;
 *   dotted dates are day.month.year; dashed day-month-year dates are only read when unambiguous;
 * - "last October" is refused: people use it both for the most recent October and for the one a year before;
 * - a month, month-day or quarter without a year is the most recent one that started on or before now, except
 *   at the end of a range, where it is the first one on or after the range's start ("Dec 15 to Jan 10");
 * - "since X" is [start of X, now) and refuses a future X; "from X" / "starting X" are the same, but a future X
 *   gives the instant it starts; "X to Y", "between X and Y" are [start of X, end of Y);
 * - "start of X" is the instant X starts, "end of X" the instant after it ends (exclusive, like every end);
 * - "last day" / "past day" are the last 24 hours, "previous day" is yesterday;
 * - a bare hour ("at 3") and two-digit years ("10/01/26") are refused;
 * - numbers are seconds, milliseconds from 1e11, a year from 1900 to 2200; numeric strings under 9 digits that
 *   are not such a year ("15", "1500") are refused, as are numbers from 1e14 (microseconds or nanoseconds).
 */
import { dayNumberFromCivil, isValidCivilDate, type WallTime, weekdayOfDayNumber } from './calendar.js';
import {
  type CalendarUnit,
  COUNT_PATTERN,
  isCalendarUnit,
  MONTH_PATTERN,
  MONTHS,
  parseCount,
  parseTimeOfDay,
  type TimeOfDay,
  type TimeUnit,
  UNIT_PATTERN,
  unitOf,
  WEEKDAY_PATTERN,
  WEEKDAYS,
} from './lexicon.js';

export type WeekdayChoice = 'recent' | 'last' | 'this' | 'next';

export type DateNode =
  | { kind: 'now' }
  | { kind: 'instant'; epochMs: number }
  /** A wall time the text spelled out; `offsetMs` when it also gave a UTC offset. */
  | { kind: 'wall'; wall: WallTime; offsetMs?: number }
  | { kind: 'day'; year: number; month: number; day: number; weekday?: number }
  /**
   * A month and day without a year: the year is inferred when evaluated, or `yearOffset` years from the
   * current one ("December 25 last year").
   */
  | { kind: 'month-day'; month: number; day: number; weekday?: number; yearOffset?: number }
  /** Without a year: the most recent one that started, or with `choice` this year's / the next one. */
  | { kind: 'month'; month: number; year?: number; choice?: 'this' | 'next'; yearOffset?: number }
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; quarter: number; year?: number; yearOffset?: number }
  | { kind: 'half'; half: number; year?: number; yearOffset?: number }
  /** "first day of last month", "last day of February". */
  | { kind: 'edge-day'; edge: 'first' | 'last'; of: DateNode }
  | { kind: 'iso-week'; year: number; week: number }
  | { kind: 'relative-day'; days: number }
  | { kind: 'weekday'; weekday: number; choice: WeekdayChoice }
  | { kind: 'weekday-of-week'; weekday: number; weeks: number }
  | { kind: 'weekend'; weekends: number }
  /** The calendar period `offset` periods from the current one ("last month" is −1). */
  | { kind: 'period'; unit: CalendarUnit; offset: number }
  /** "3 days ago" (−3) / "in 3 days" (+3): the calendar period that far away, or an instant for h/min/s. */
  | { kind: 'shifted'; unit: TimeUnit; amount: number }
  /** "past 7 days" (−7) / "next 7 days" (+7): a window from or to now. */
  | { kind: 'rolling'; unit: TimeUnit; amount: number }
  /** "last 3 full months": whole periods ending where the current one starts. */
  | { kind: 'full-periods'; unit: CalendarUnit; count: number }
  /** "year to date": from the start of the current period to now. */
  | { kind: 'to-date'; unit: CalendarUnit }
  | { kind: 'at-time'; base: DateNode; time: TimeOfDay }
  /** "since X" (`past: true`: X must have started) or "from X" / "starting X" (X may lie ahead). */
  | { kind: 'since'; from: DateNode; past: boolean }
  | { kind: 'range'; from: DateNode; to: DateNode }
  | { kind: 'boundary'; edge: 'start' | 'end'; of: DateNode };

export interface ParsedExpression {
  node: DateNode;
  /** Set when the text named its own zone ("... UTC"), which then wins over the caller's. */
  timeZone?: string;
}

/** A definite "no": the text is recognisably a date, but one we will not guess about. */
export class DateRefusal extends Error {}

const MS_PER_SECOND = 1000;
/** Numbers at or above this are milliseconds (1e11 s would be the year 5138; 1e11 ms is 1973). */
export const MILLISECONDS_THRESHOLD = 1e11;
/** Numbers at or above this are microseconds or nanoseconds: refused rather than guessed. */
const MICROSECONDS_THRESHOLD = 1e14;
/** A numeric string shorter than this is not a plausible timestamp ("7", "1500"). */
const SMALLEST_NUMERIC_STRING = 1e8;

/** Numbers: seconds, milliseconds from 1e11, a bare year 1900–2200. */
export function parseNumber(value: number, fromText: boolean): DateNode {
  if (!Number.isFinite(value) || value < 0) {
    throw new DateRefusal('a timestamp must be a non-negative number of seconds since 1970');
  }
  if (Number.isInteger(value) && value >= 1900 && value <= 2200) return { kind: 'year', year: value };
  if (value >= MICROSECONDS_THRESHOLD) {
    throw new DateRefusal('the number is too large for seconds or milliseconds (microseconds or nanoseconds?)');
  }
  if (fromText && value < SMALLEST_NUMERIC_STRING) {
    throw new DateRefusal('the number is too small to be a Unix timestamp in seconds (10 digits) or milliseconds (13)');
  }
  const epochMs = value >= MILLISECONDS_THRESHOLD ? Math.floor(value) : Math.floor(value * MS_PER_SECOND);
  return { kind: 'instant', epochMs };
}

const ABBREVIATION_DOT = new RegExp(`\\b(${MONTH_PATTERN}|${WEEKDAY_PATTERN})\\.`, 'g');

/** Lower-cases and trims what models add around a date: quotes, trailing punctuation, ordinals, commas. */
export function normaliseExpressionText(raw: string): string {
  let text = raw.toLowerCase();
  if (/[^\x20-\x7e]/.test(text)) {
    text = text
      .normalize('NFKC')
      .replace(/[\u2018\u2019\u201c\u201d]/g, "'")
      .replace(/\s*[\u2013\u2014]\s*/g, ' - ')
      .replace(/[\s\u00a0\u202f]+/g, ' ');
  }
  text = text
    .trim()
    .replace(/^['"`]+|['"`]+$/g, '')
    .replace(/\b([ap])\.m\b\.?/g, '$1m')
    .replace(/[\s.,;:!?]+$/, '')
    .replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/g, '$1')
    .replace(ABBREVIATION_DOT, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text;
}

const ZONE_SUFFIX = / (utc|gmt|z)$/;
const NOW_WORDS = new Set(['now', 'right now', 'just now', 'present', 'the present']);

/** Parses normalised text; `undefined` when the grammar does not know it. Throws `DateRefusal` for definite refusals. */
export function parseExpression(text: string): ParsedExpression | undefined {
  const zone = ZONE_SUFFIX.exec(text);
  if (zone !== null) {
    const node = parseRoot(text.slice(0, zone.index));
    return node === undefined ? undefined : { node, timeZone: 'UTC' };
  }
  const node = parseRoot(text);
  return node === undefined ? undefined : { node };
}

const TO_DATE = /^(?:(year|month|quarter|week)[- ]to[- ]date|(ytd|mtd|qtd|wtd))$/;
const TO_DATE_ABBREVIATIONS: Record<string, CalendarUnit> = { ytd: 'year', mtd: 'month', qtd: 'quarter', wtd: 'week' };
const SINCE_PREFIX = /^(since|from|starting(?: from| on| at)?|beginning(?: from| on)?) (?!of )(.+)$/;
const FILLER_PREFIX = /^(?:in|during|over|within|for|on|at|of) (.+)$/;

function parseRoot(text: string, allowFiller = true): DateNode | undefined {
  const toDate = TO_DATE.exec(text);
  if (toDate !== null) {
    return { kind: 'to-date', unit: (toDate[1] as CalendarUnit | undefined) ?? TO_DATE_ABBREVIATIONS[toDate[2]!]! };
  }
  if (text.startsWith('between ')) return splitRange(text.slice(8), BETWEEN_SEPARATORS);
  const prefixed = SINCE_PREFIX.exec(text);
  if (prefixed !== null) {
    const from = parseSideOrRange(prefixed[2]!);
    // "from Oct 1 to Oct 15" and "from Oct 1 - 15" are ranges; "from Monday" and "since Monday" run until now.
    if (from !== undefined)
      return from.kind === 'range' ? from : { kind: 'since', from, past: prefixed[1] === 'since' };
  }
  const side = parseSideOrRange(text);
  if (side !== undefined) return side;
  const filler = allowFiller ? FILLER_PREFIX.exec(text) : null;
  return filler === null ? undefined : parseRoot(filler[1]!, false);
}

/** "/" and ".." are ISO 8601 interval separators ("2026-10-01/2026-10-15"). */
const RANGE_SEPARATORS = [' to ', ' until ', ' till ', ' through ', ' thru ', ' - ', '/', '..'];
const BETWEEN_SEPARATORS = [' and '];
const RANGE_END_NOW = new Set(['date', 'now', 'present', 'the present', 'today so far']);

/** The text as one side, else as a range. A refusal only counts when no reading succeeds. */
function parseSideOrRange(text: string): DateNode | undefined {
  let refusal: DateRefusal | undefined;
  try {
    const side = parseSide(text);
    if (side !== undefined) return side;
  } catch (error) {
    if (!(error instanceof DateRefusal)) throw error;
    refusal = error;
  }
  const range = splitRange(text, RANGE_SEPARATORS);
  if (range !== undefined) return range;
  if (refusal !== undefined) throw refusal;
  return undefined;
}

function splitRange(text: string, separators: readonly string[]): DateNode | undefined {
  let found: DateNode | undefined;
  let refusal: DateRefusal | undefined;
  for (const separator of separators) {
    for (let at = text.indexOf(separator); at > 0; at = text.indexOf(separator, at + 1)) {
      const left = text.slice(0, at);
      const right = text.slice(at + separator.length);
      let candidate: DateNode | undefined;
      try {
        const from = parseSide(left);
        const to: DateNode | undefined =
          from === undefined ? undefined : RANGE_END_NOW.has(right) ? { kind: 'now' } : parseSide(right);
        if (from !== undefined && to !== undefined) candidate = { kind: 'range', from, to };
      } catch (error) {
        if (!(error instanceof DateRefusal)) throw error;
        refusal ??= error;
      }
      if (candidate === undefined) continue;
      if (found !== undefined) throw new DateRefusal('the range can be split in more than one way; use ISO dates');
      found = candidate;
    }
  }
  if (found === undefined && refusal !== undefined) throw refusal;
  return found;
}

const BOUNDARY = /^(?:the )?(start|beginning|end) of (?:the )?(.+)$/;
const EDGE_DAY = /^(?:the )?(first|last) day of (?:the )?(.+)$/;
const BARE_UNITS = new Set<CalendarUnit>(['day', 'week', 'month', 'quarter', 'year']);

/** One side of a range: a boundary ("end of last month") or a possibly timed atom. */
function parseSide(text: string): DateNode | undefined {
  const boundary = BOUNDARY.exec(text);
  if (boundary !== null) {
    const of = periodOrAtom(boundary[2]!);
    if (of === undefined) return undefined;
    return { kind: 'boundary', edge: boundary[1] === 'end' ? 'end' : 'start', of };
  }
  return parseEdgeDay(text) ?? parseTimed(text);
}

function parseEdgeDay(text: string): DateNode | undefined {
  const edgeDay = EDGE_DAY.exec(text);
  if (edgeDay === null) return undefined;
  const of = periodOrAtom(edgeDay[2]!);
  return of === undefined ? undefined : { kind: 'edge-day', edge: edgeDay[1] === 'last' ? 'last' : 'first', of };
}

/** "month" alone means this month after "start of", "end of", "first day of". */
function periodOrAtom(text: string): DateNode | undefined {
  return BARE_UNITS.has(text as CalendarUnit)
    ? { kind: 'period', unit: text as CalendarUnit, offset: 0 }
    : parseTimed(text);
}

/** Kinds that name one calendar day, the only ones a time of day can be attached to. */
export function isDayNode(node: DateNode): boolean {
  return (
    node.kind === 'day' ||
    node.kind === 'month-day' ||
    node.kind === 'relative-day' ||
    node.kind === 'weekday' ||
    node.kind === 'weekday-of-week' ||
    node.kind === 'edge-day' ||
    (node.kind === 'period' && node.unit === 'day') ||
    (node.kind === 'shifted' && node.unit === 'day')
  );
}

function parseTimed(text: string): DateNode | undefined {
  const atom = parseAtom(text);
  if (atom !== undefined) return atom;
  const alone = parseTimeOfDay(text.startsWith('at ') ? text.slice(3) : text);
  if (alone !== undefined) return { kind: 'at-time', base: { kind: 'relative-day', days: 0 }, time: alone };
  const at = text.lastIndexOf(' at ');
  if (at > 0) {
    const time = parseTimeOfDay(text.slice(at + 4));
    if (time === undefined) return undefined;
    return attachTime(text.slice(0, at), time);
  }
  // "yesterday 3pm", "oct 1 2026 9:30 am", "3pm yesterday", "9am on october 1".
  const words = text.split(' ');
  for (const timeWords of [1, 2]) {
    if (words.length <= timeWords) break;
    const trailing = parseTimeOfDay(words.slice(-timeWords).join(' '));
    if (trailing !== undefined) {
      const timed = attachTime(words.slice(0, -timeWords).join(' '), trailing);
      if (timed !== undefined) return timed;
    }
    const leading = parseTimeOfDay(words.slice(0, timeWords).join(' '));
    if (leading !== undefined) {
      const rest = words.slice(timeWords);
      if (rest[0] === 'on') rest.shift();
      const timed = attachTime(rest.join(' '), leading);
      if (timed !== undefined) return timed;
    }
  }
  return undefined;
}

function attachTime(baseText: string, time: TimeOfDay): DateNode | undefined {
  const base = parseAtom(baseText) ?? parseEdgeDay(baseText);
  if (base === undefined || !isDayNode(base)) return undefined;
  if (base.kind === 'day') {
    return {
      kind: 'wall',
      wall: { year: base.year, month: base.month, day: base.day, ...time },
    };
  }
  return { kind: 'at-time', base, time };
}

// ---------------------------------------------------------------------------------------------------------
// Atoms: one date, day, period or window.

const NUMBER = /^\d+(?:\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?: ?(z|[+-]\d{2}(?::?\d{2})?))?)?$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_WEEK = /^(\d{4})-?w(\d{2})$/;
const SLASHED_YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const SLASHED_NO_YEAR = /^(\d{1,2})\/(\d{1,2})$/;
const SLASHED_MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const DASHED = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;
const QUARTER = /^q([1-4])(?:(?: of|[-/])? ?(\d{4}))?$/;
const QUARTER_YEAR_FIRST = /^(\d{4}) ?-? ?q([1-4])$/;
const HALF = /^h([12])(?:(?: of|[-/])? ?(\d{4}))?$/;
const HALF_YEAR_FIRST = /^(\d{4}) ?-? ?h([12])$/;
const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
  ['day before yesterday', -2],
  ['the day before yesterday', -2],
  ['day after tomorrow', 2],
  ['the day after tomorrow', 2],
]);
const PERIOD =
  /^(?:(the|this) )?(this|current|last|previous|prior|next|following|coming|past) (day|week|month|quarter|year|hour|minute)$/;
const WINDOW = new RegExp(
  `^(?:(?:the|this) )?(past|last|previous|prior|preceding|next|coming|following) (${COUNT_PATTERN}) ?(?:(full|complete|whole|calendar|entire) )?(${UNIT_PATTERN})$`,
);
const AGO = new RegExp(`^(${COUNT_PATTERN}) ?(${UNIT_PATTERN}) (ago|before now|back|earlier)$`);
const FROM_NOW = new RegExp(`^(${COUNT_PATTERN}) ?(${UNIT_PATTERN}) (from now|from today|hence)$`);
const IN_FUTURE = new RegExp(`^in (${COUNT_PATTERN}) ?(${UNIT_PATTERN})$`);
const WEEKDAY = new RegExp(`^(?:(last|this|next|previous|past|coming|on) )?(${WEEKDAY_PATTERN})$`);
const WEEKDAY_OF_WEEK = new RegExp(`^(${WEEKDAY_PATTERN}) (?:of )?(this|last|previous|next) week$`);
const WEEKEND = /^(?:this )?(this|last|previous|past|next|coming|the) weekend$/;
const MONTH_DAY = new RegExp(
  `^(?:(${WEEKDAY_PATTERN}) )?(?:the )?(${MONTH_PATTERN}) (?:the )?(\\d{1,2})(?: (?:of )?(\\d{4}))?$`,
);
const DAY_MONTH = new RegExp(
  `^(?:(${WEEKDAY_PATTERN}) )?(?:the )?(\\d{1,2}) (?:of )?(${MONTH_PATTERN})(?: (\\d{4}))?$`,
);
const MONTH_DAYS = new RegExp(`^(${MONTH_PATTERN}) (\\d{1,2}) ?- ?(\\d{1,2})(?: (\\d{4}))?$`);
const MONTH_ALONE = new RegExp(`^(?:(this|next|last|previous|past) )?(${MONTH_PATTERN})(?: (?:of )?(\\d{4}))?$`);

function parseAtom(text: string): DateNode | undefined {
  if (NOW_WORDS.has(text)) return { kind: 'now' };
  const relativeDay = RELATIVE_DAYS.get(text);
  if (relativeDay !== undefined) return { kind: 'relative-day', days: relativeDay };
  if (text === 'midnight' || text === 'noon' || text === 'midday') {
    return { kind: 'at-time', base: { kind: 'relative-day', days: 0 }, time: parseTimeOfDay(text)! };
  }
  const first = text.charCodeAt(0);
  const atom = first >= 48 && first <= 57 ? parseNumeric(text) : parseWords(text);
  return atom ?? parseWithYearSuffix(text);
}

const YEAR_SUFFIX = /^(.+?) (?:of )?(this|last|previous|next) year$/;

/** "December last year", "Q3 of last year", "Dec 25 next year": a yearless date in a year relative to now. */
function parseWithYearSuffix(text: string): DateNode | undefined {
  const match = YEAR_SUFFIX.exec(text);
  if (match === null) return undefined;
  const inner = parseAtom(match[1]!);
  const yearOffset = match[2] === 'this' ? 0 : match[2] === 'next' ? 1 : -1;
  if (inner === undefined) return undefined;
  if (inner.kind === 'month-day') return { ...inner, yearOffset };
  if ((inner.kind === 'month' && inner.choice === undefined) || inner.kind === 'quarter' || inner.kind === 'half') {
    return inner.year === undefined ? { ...inner, yearOffset } : undefined;
  }
  return undefined;
}

type Rule = readonly [pattern: RegExp, read: (match: RegExpExecArray, text: string) => DateNode | undefined];

function firstRule(rules: readonly Rule[], text: string): DateNode | undefined {
  for (const [pattern, read] of rules) {
    const match = pattern.exec(text);
    if (match !== null) return read(match, text);
  }
  return undefined;
}

/** Atoms that start with a digit: numbers, ISO and slashed dates, "2026 Q3". Others fall through to words. */
const NUMERIC_RULES: readonly Rule[] = [
  [NUMBER, (_, text) => parseNumber(Number(text), true)],
  [ISO, (match) => isoNode(match)],
  [ISO_MONTH, (match) => monthNode(Number(match[2]), Number(match[1]))],
  [ISO_WEEK, (match) => isoWeekNode(Number(match[1]), Number(match[2]))],
  [SLASHED_YEAR_FIRST, (match) => dayNode(Number(match[1]), Number(match[2]), Number(match[3]))],
  [
    SLASHED,
    (match) => {
      const [month, day] = usOrder(Number(match[1]), Number(match[2]));
      return dayNode(Number(match[3]), month, day);
    },
  ],
  [
    SLASHED_NO_YEAR,
    (match) => {
      const [month, day] = usOrder(Number(match[1]), Number(match[2]));
      return monthDayNode(month, day);
    },
  ],
  [SLASHED_MONTH_YEAR, (match) => monthNode(Number(match[1]), Number(match[2]))],
  [DOTTED, (match) => dayNode(Number(match[3]), Number(match[2]), Number(match[1]))],
  [
    DASHED,
    (match, text) => {
      const first = Number(match[1]);
      const second = Number(match[2]);
      if (first <= 12 && second <= 12 && first !== second) {
        throw new DateRefusal(`"${text}" could be day-month or month-day; write it as YYYY-MM-DD`);
      }
      return first > 12 ? dayNode(Number(match[3]), second, first) : dayNode(Number(match[3]), first, second);
    },
  ],
  [QUARTER_YEAR_FIRST, (match) => ({ kind: 'quarter', quarter: Number(match[2]), year: yearOf(match[1]!) })],
  [HALF_YEAR_FIRST, (match) => ({ kind: 'half', half: Number(match[2]), year: yearOf(match[1]!) })],
];

function parseNumeric(text: string): DateNode | undefined {
  return firstRule(NUMERIC_RULES, text) ?? parseWords(text);
}

/** US order (month first) unless the first number cannot be a month. */
function usOrder(first: number, second: number): [month: number, day: number] {
  return first > 12 && second <= 12 ? [second, first] : [first, second];
}

const WORD_RULES: readonly Rule[] = [
  [PERIOD, (match) => periodNode(match[1], match[2]!, match[3]!)],
  [WINDOW, (match) => windowNode(match[1]!, match[2]!, match[3], match[4]!)],
  [AGO, (match) => shiftedNode(match[1]!, match[2]!, -1)],
  [FROM_NOW, (match) => shiftedNode(match[1]!, match[2]!, 1)],
  [IN_FUTURE, (match) => shiftedNode(match[1]!, match[2]!, 1)],
  [WEEKDAY, (match) => ({ kind: 'weekday', weekday: WEEKDAYS.get(match[2]!)!, choice: weekdayChoice(match[1]) })],
  [
    WEEKDAY_OF_WEEK,
    (match) => ({
      kind: 'weekday-of-week',
      weekday: WEEKDAYS.get(match[1]!)!,
      weeks: match[2] === 'this' ? 0 : match[2] === 'next' ? 1 : -1,
    }),
  ],
  [
    WEEKEND,
    (match) => {
      const word = match[1]!;
      const weekends = word === 'last' || word === 'previous' || word === 'past' ? -1 : word === 'next' ? 1 : 0;
      return { kind: 'weekend', weekends };
    },
  ],
  [MONTH_DAY, (match) => dateWithMonthName(match[1], MONTHS.get(match[2]!)!, Number(match[3]), match[4])],
  [DAY_MONTH, (match) => dateWithMonthName(match[1], MONTHS.get(match[3]!)!, Number(match[2]), match[4])],
  [
    MONTH_DAYS,
    (match) => {
      const month = MONTHS.get(match[1]!)!;
      const from = dateWithMonthName(undefined, month, Number(match[2]), match[4]);
      const to = dateWithMonthName(undefined, month, Number(match[3]), match[4]);
      return { kind: 'range', from, to };
    },
  ],
  [MONTH_ALONE, (match, text) => monthWithQualifier(match[1], match[2]!, match[3], text)],
  [
    QUARTER,
    (match) =>
      match[2] === undefined
        ? { kind: 'quarter', quarter: Number(match[1]) }
        : { kind: 'quarter', quarter: Number(match[1]), year: yearOf(match[2]) },
  ],
  [
    HALF,
    (match) =>
      match[2] === undefined
        ? { kind: 'half', half: Number(match[1]) }
        : { kind: 'half', half: Number(match[1]), year: yearOf(match[2]) },
  ],
];

function parseWords(text: string): DateNode | undefined {
  return firstRule(WORD_RULES, text);
}

function weekdayChoice(qualifier: string | undefined): WeekdayChoice {
  if (qualifier === 'last' || qualifier === 'previous' || qualifier === 'past') return 'last';
  if (qualifier === 'next' || qualifier === 'coming') return 'next';
  return qualifier === 'this' ? 'this' : 'recent';
}

function monthWithQualifier(
  qualifier: string | undefined,
  monthText: string,
  yearText: string | undefined,
  text: string,
): DateNode | undefined {
  const month = MONTHS.get(monthText)!;
  if (qualifier === undefined) return monthNode(month, yearText === undefined ? undefined : yearOf(yearText));
  if (yearText !== undefined) return undefined;
  if (qualifier === 'this' || qualifier === 'next') return { kind: 'month', month, choice: qualifier };
  throw new DateRefusal(
    `"${text}" is ambiguous (the most recent ${monthText} or the one a year before); give the year, e.g. "${monthText} 2026"`,
  );
}

function periodNode(article: string | undefined, word: string, unitWord: string): DateNode | undefined {
  const unit = unitWord as TimeUnit;
  const rolling = (amount: number): DateNode => ({ kind: 'rolling', unit, amount });
  if (word === 'past') return rolling(-1);
  if (article === 'the' && (word === 'last' || word === 'next')) return rolling(word === 'last' ? -1 : 1);
  if (article === 'this') return undefined;
  if (!isCalendarUnit(unit)) {
    if (word === 'last' || word === 'previous' || word === 'prior') return rolling(-1);
    if (word === 'next' || word === 'coming') return rolling(1);
    return undefined;
  }
  if (unit === 'day') {
    // "last day" reads as the last 24 hours, like "last 24 hours"; "previous day" as yesterday.
    if (word === 'last') return rolling(-1);
    if (word === 'previous' || word === 'prior') return { kind: 'relative-day', days: -1 };
    if (word === 'next' || word === 'following' || word === 'coming') return { kind: 'relative-day', days: 1 };
    return { kind: 'relative-day', days: 0 };
  }
  const offset =
    word === 'this' || word === 'current' ? 0 : word === 'last' || word === 'previous' || word === 'prior' ? -1 : 1;
  return { kind: 'period', unit, offset };
}

function windowNode(
  word: string,
  countText: string,
  whole: string | undefined,
  unitText: string,
): DateNode | undefined {
  const count = parseCount(countText);
  const unit = unitOf(unitText);
  if (count === undefined || unit === undefined || count === 0) return undefined;
  const forward = word === 'next' || word === 'coming' || word === 'following';
  if (whole !== undefined) {
    if (forward || !isCalendarUnit(unit)) return undefined;
    return { kind: 'full-periods', unit, count };
  }
  return { kind: 'rolling', unit, amount: forward ? count : -count };
}

function shiftedNode(countText: string, unitText: string, direction: 1 | -1): DateNode | undefined {
  const count = parseCount(countText);
  const unit = unitOf(unitText);
  if (count === undefined || unit === undefined) return undefined;
  return { kind: 'shifted', unit, amount: count * direction };
}

function yearOf(text: string): number {
  const year = Number(text);
  if (year < 1000) throw new DateRefusal(`the year ${text} is outside the supported range (1000–9999)`);
  return year;
}

function dayNode(year: number, month: number, day: number, weekday?: number): DateNode {
  yearOf(String(year));
  if (!isValidCivilDate(year, month, day)) {
    throw new DateRefusal(`${year}-${pad(month)}-${pad(day)} is not a date in the calendar`);
  }
  if (weekday !== undefined && weekdayOfDayNumber(dayNumberFromCivil(year, month, day)) !== weekday) {
    throw new DateRefusal(`${year}-${pad(month)}-${pad(day)} is not a ${WEEKDAY_NAMES[weekday]}`);
  }
  return weekday === undefined ? { kind: 'day', year, month, day } : { kind: 'day', year, month, day, weekday };
}

function monthDayNode(month: number, day: number, weekday?: number): DateNode {
  // February 29th is checked against a leap year: it exists, just not every year.
  if (!isValidCivilDate(2000, month, day))
    throw new DateRefusal(`month ${month}, day ${day} is not a date in the calendar`);
  return weekday === undefined ? { kind: 'month-day', month, day } : { kind: 'month-day', month, day, weekday };
}

function monthNode(month: number, year: number | undefined): DateNode {
  if (month < 1 || month > 12) throw new DateRefusal(`${month} is not a month`);
  if (year === undefined) return { kind: 'month', month };
  yearOf(String(year));
  return { kind: 'month', month, year };
}

function isoWeekNode(year: number, week: number): DateNode {
  yearOf(String(year));
  if (week < 1 || week > isoWeeksInYear(year)) throw new DateRefusal(`${year} has no ISO week ${week}`);
  return { kind: 'iso-week', year, week };
}

export function isoWeeksInYear(year: number): number {
  const januaryFirst = weekdayOfDayNumber(dayNumberFromCivil(year, 1, 1));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return januaryFirst === 4 || (leap && januaryFirst === 3) ? 53 : 52;
}

function dateWithMonthName(weekdayText: string | undefined, month: number, day: number, yearText: string | undefined) {
  const weekday = weekdayText === undefined ? undefined : WEEKDAYS.get(weekdayText);
  return yearText === undefined ? monthDayNode(month, day, weekday) : dayNode(yearOf(yearText), month, day, weekday);
}

function isoNode(match: RegExpExecArray): DateNode {
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, offsetText] = match;
  const day = dayNode(Number(yearText), Number(monthText), Number(dayText));
  if (hourText === undefined || day.kind !== 'day') return day;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (hour > 23 || minute > 59 || second > 59) throw new DateRefusal(`${hourText}:${minuteText} is not a time of day`);
  const millisecond = fractionText === undefined ? 0 : Number(fractionText.slice(0, 3).padEnd(3, '0'));
  const wall: WallTime = { year: day.year, month: day.month, day: day.day, hour, minute, second, millisecond };
  if (offsetText === undefined) return { kind: 'wall', wall };
  return { kind: 'wall', wall, offsetMs: parseOffset(offsetText) };
}

function parseOffset(text: string): number {
  if (text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) throw new DateRefusal(`${text} is not a UTC offset`);
  return sign * (hours * 60 + minutes) * 60_000;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
