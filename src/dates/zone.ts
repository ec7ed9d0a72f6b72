/**
 * Time-zone math with nothing but `Intl.DateTimeFormat`: the offset of an IANA zone at an instant, the wall
 * time of an instant, and the instant of a wall time (DST-correct, with the same gap and overlap rules as
 * Temporal's `disambiguation: 'compatible'`).
 */
import { MS_PER_SECOND, utcMsFromWall, type WallTime, wallFromUtcMs } from './calendar.js';

export const DEFAULT_TIME_ZONE = 'UTC';

/** Building a formatter costs tens of microseconds; formatting with a cached one costs about one. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = UTC_NAMES.has(timeZone.toLowerCase())
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `Intl` knows the zone (IANA names such as `America/New_York`, or `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const DIGITS = /\d+/g;

/**
 * Offsets already read, per zone and whole second. A call resolves a handful of instants (now, a few midnights) and
 * writes a few more, many of them the same: a map lookup costs a fraction of an `Intl` format.
 */
const offsets = new Map<string, Map<number, number>>();
const OFFSETS_PER_ZONE = 4096;

/** The zone's offset from UTC at an instant, in milliseconds (New York in winter: −18,000,000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const formatter = formatterFor(timeZone);
  if (formatter === null) return 0;
  const wholeSecondMs = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
  let known = offsets.get(timeZone);
  const cached = known?.get(wholeSecondMs);
  if (cached !== undefined) return cached;
  const offset = readOffsetMs(formatter, wholeSecondMs, timeZone);
  if (known === undefined) {
    known = new Map();
    offsets.set(timeZone, known);
  } else if (known.size >= OFFSETS_PER_ZONE) {
    known.clear();
  }
  known.set(wholeSecondMs, offset);
  return offset;
}

function readOffsetMs(formatter: Intl.DateTimeFormat, wholeSecondMs: number, timeZone: string): number {
  // "11/25/2026, 07:00:00": taking the digit groups is faster than formatToParts and immune to the separator.
  const parts = formatter.format(wholeSecondMs).match(DIGITS);
  if (parts === null || parts.length < 6) throw new RangeError(`Cannot read the wall time in ${timeZone}.`);
  const wall: WallTime = {
    year: Number(parts[2]),
    month: Number(parts[0]),
    day: Number(parts[1]),
    hour: Number(parts[3]),
    minute: Number(parts[4]),
    second: Number(parts[5]),
    millisecond: 0,
  };
  return utcMsFromWall(wall) - wholeSecondMs;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  return wallFromUtcMs(epochMs + zoneOffsetMs(epochMs, timeZone));
}

const TRANSITION_PROBE_MS = 86_400_000;

/**
 * The instant a wall time names in a zone. A wall time that happens twice (the hour repeated when clocks fall
 * back) gives the earlier instant; one that never happens (skipped when clocks spring forward) is pushed
 * forward by the length of the gap, so a day whose midnight is skipped starts at the first instant it has.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const asUtc = utcMsFromWall(wall);
  if (formatterFor(timeZone) === null) return asUtc;
  // Offsets change at most once within a day either side in every real zone, so the offsets a day before and
  // a day after are the only two candidates.
  const offsetBefore = zoneOffsetMs(asUtc - TRANSITION_PROBE_MS, timeZone);
  const offsetAfter = zoneOffsetMs(asUtc + TRANSITION_PROBE_MS, timeZone);
  if (offsetBefore === offsetAfter) {
    const candidate = asUtc - offsetBefore;
    if (zoneOffsetMs(candidate, timeZone) === offsetBefore) return candidate;
  }
  const early = asUtc - offsetBefore;
  const late = asUtc - offsetAfter;
  const earlyValid = zoneOffsetMs(early, timeZone) === offsetBefore;
  const lateValid = zoneOffsetMs(late, timeZone) === offsetAfter;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // In the gap: read the wall time with the offset in force before the change, which lands after the gap.
  return asUtc - offsetBefore;
}
