/**
 * A resolved span → the exact value one field wants: integer Unix seconds or milliseconds (as numbers, or as decimal
 * text for a string schema), a `YYYY-MM-DD` date in the zone, or an RFC 3339 date-time carrying the zone's offset
 * (`2026-10-01T00:00:00-04:00`; `Z` for UTC). Values that already are in the field's form are recognised here too,
 * so they can pass through untouched.
 */
import { MS_PER_DAY, MS_PER_SECOND, utcMsFromWall, wallFromUtcMs } from './calendar.js';
import type { DateField, DateFieldKind } from './date-field.js';
import type { Span } from './evaluate.js';
import { MILLISECONDS_THRESHOLD } from './syntax.js';
import { zoneOffsetMs } from './zone.js';

/** A value as sent, plus the instant it stands for, so a start and an end can be compared whatever their kinds. */
export interface WrittenDate {
  value: unknown;
  epochMs: number;
}

/** What a writer needs to know about a field. */
export type DateTarget = Pick<DateField, 'kind' | 'text'>;

const UTC_ZONES = new Set([
  'utc',
  'etc/utc',
  'uct',
  'etc/uct',
  'gmt',
  'etc/gmt',
  'z',
  'zulu',
  'etc/zulu',
  'universal',
  'etc/universal',
  'greenwich',
  'etc/greenwich',
]);
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years above 1900 and below 2200 read as years, not as seconds; see syntax.ts. */
const YEAR_LIKE = { min: 1900, max: 2200 };

/**
 * Which instant of a span a field gets:
 * - `start`: the span's first instant, or with `exclusive` (a `gt` operator) the last unit before it;
 * - `end`: the span's exclusive end, or with `inclusive` the last unit inside it (last second, last day) — except for
 *   an instant ("now", an exact date-time), which is its own inclusive end.
 * - `after-instant`: the exclusive end of an instant, one unit past it (a range's `lt` fed an exact instant).
 */
export type SpanSide = 'start' | 'exclusive-start' | 'end' | 'inclusive-end' | 'after-instant';

export function writeSpan(span: Span, side: SpanSide, target: DateTarget, defaultTimeZone: string): WrittenDate {
  const timeZone = span.timeZone ?? defaultTimeZone;
  const isEnd = side === 'end' || side === 'inclusive-end' || side === 'after-instant';
  const epochMs = isEnd ? span.endMs : span.startMs;
  const unitBefore = side === 'exclusive-start' || (side === 'inclusive-end' && (!span.instant || span.closesPeriod));
  const unitAfter = side === 'after-instant';
  switch (target.kind) {
    case 'unix-seconds': {
      const seconds = Math.floor(epochMs / MS_PER_SECOND) - (unitBefore ? 1 : 0) + (unitAfter ? 1 : 0);
      return { value: target.text === true ? String(seconds) : seconds, epochMs: seconds * MS_PER_SECOND };
    }
    case 'unix-milliseconds': {
      const milliseconds = epochMs - (unitBefore ? 1 : 0) + (unitAfter ? 1 : 0);
      return { value: target.text === true ? String(milliseconds) : milliseconds, epochMs: milliseconds };
    }
    case 'date-time': {
      let instant = epochMs;
      if (unitBefore) instant = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND - MS_PER_SECOND;
      if (unitAfter) instant = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND + MS_PER_SECOND;
      return { value: formatDateTime(instant, timeZone), epochMs: instant };
    }
    case 'date': {
      const instant = unitBefore ? epochMs - 1 : epochMs;
      let day = Math.floor((instant + zoneOffsetMs(instant, timeZone)) / MS_PER_DAY);
      if (unitAfter) day += 1;
      const wall = wallFromUtcMs(day * MS_PER_DAY);
      return {
        value: `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`,
        epochMs: unitAfter ? instant + MS_PER_DAY : instant,
      };
    }
  }
}

/**
 * The value already is what the field wants: an integer of the right magnitude for Unix fields (decimal text for
 * a string schema), an RFC 3339 date-time with an offset, a valid `YYYY-MM-DD`. A year like 2026 is not one.
 */
export function nativeDate(value: unknown, target: DateTarget): WrittenDate | undefined {
  switch (target.kind) {
    case 'unix-seconds':
    case 'unix-milliseconds': {
      const number = target.text === true ? textInteger(value) : value;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) return undefined;
      if (number >= YEAR_LIKE.min && number <= YEAR_LIKE.max) return undefined;
      if (target.kind === 'unix-seconds') {
        return number < MILLISECONDS_THRESHOLD ? { value, epochMs: number * MS_PER_SECOND } : undefined;
      }
      return number >= MILLISECONDS_THRESHOLD && number < 1e14 ? { value, epochMs: number } : undefined;
    }
    case 'date-time': {
      if (typeof value !== 'string' || !RFC3339_DATE_TIME.test(value)) return undefined;
      const epochMs = Date.parse(value);
      return Number.isNaN(epochMs) || !hasValidClock(value) ? undefined : { value, epochMs };
    }
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const match = ISO_DATE.exec(value);
      if (match === null) return undefined;
      const wall = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
      const epochMs = utcMsFromWall({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 });
      const check = wallFromUtcMs(epochMs);
      return check.month === wall.month && check.day === wall.day ? { value, epochMs } : undefined;
    }
  }
}

/** RFC 3339 in the zone's offset at that instant; `Z` for UTC; milliseconds only when there are some. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const offsetMs = UTC_ZONES.has(timeZone.toLowerCase()) ? 0 : zoneOffsetMs(epochMs, timeZone);
  // Offsets of whole minutes only (all zones since 1972); anything else is written in UTC, the same instant.
  const usable = offsetMs % 60_000 === 0 ? offsetMs : 0;
  const wall = wallFromUtcMs(epochMs + usable);
  const fraction = wall.millisecond === 0 ? '' : `.${pad(wall.millisecond, 3)}`;
  const clock = `${pad(wall.hour, 2)}:${pad(wall.minute, 2)}:${pad(wall.second, 2)}${fraction}`;
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}T${clock}${offsetText(usable, timeZone)}`;
}

/** How each kind is named in messages. */
export const KIND_NAMES: Record<DateFieldKind, string> = {
  'unix-seconds': 'Unix seconds',
  'unix-milliseconds': 'Unix milliseconds',
  'date-time': 'an ISO 8601 date-time',
  date: 'a YYYY-MM-DD date',
};

function offsetText(offsetMs: number, timeZone: string): string {
  if (offsetMs === 0 && UTC_ZONES.has(timeZone.toLowerCase())) return 'Z';
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${sign}${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

/** Decimal text: `"1759276800"`, or with a fraction as Slack writes it (`"1759276800.000200"`, read as its seconds). */
function textInteger(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{1,16})(?:\.\d{1,9})?$/.exec(value);
  return match === null ? undefined : Number(match[1]);
}

/** `Date.parse` accepts 24:00 and rolls 23:59:60; a value we pass through untouched must be a real clock time. */
function hasValidClock(value: string): boolean {
  const hour = Number(value.slice(11, 13));
  const minute = Number(value.slice(14, 16));
  const second = Number(value.slice(17, 19));
  return hour < 24 && minute < 60 && second < 60;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
