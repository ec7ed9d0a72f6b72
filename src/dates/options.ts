/** The clock, zone and week start every date function takes, checked once and read the same way everywhere. */
import { TrutoConfigError } from '../errors/index.js';
import type { EvaluationSettings } from './evaluate.js';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './zone.js';

export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface ResolveDateRangeOptions {
  /**
   * The moment relative expressions are read against: a `Date`, epoch milliseconds (like `Date.now()`), or a
   * function called once per resolution.
   * @default () => new Date()
   */
  now?: Date | number | (() => Date);
  /**
   * IANA zone whose local midnights bound days, weeks, months ("America/New_York"). Wall times without an
   * offset ("2026-10-01T09:00", "yesterday at 3pm") are read in it too.
   * @default 'UTC'
   */
  timeZone?: string;
  /** First day of the week for "this week", "last week": 0 = Sunday ... 6 = Saturday. @default 1 (Monday) */
  weekStartsOn?: WeekStartsOn;
}

export const DEFAULT_WEEK_STARTS_ON: WeekStartsOn = 1;

/** Epoch milliseconds of 1000-01-01 and 9999-12-31: the clock must sit well inside what we can resolve. */
const EARLIEST_NOW_MS = -30_610_224_000_000;
const LATEST_NOW_MS = 253_402_214_400_000;

export function readDateSettings(options: ResolveDateRangeOptions | undefined): EvaluationSettings {
  const timeZone = options?.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) {
    throw new TrutoConfigError(
      `"timeZone" must be an IANA time zone such as "UTC" or "America/New_York"; got ${JSON.stringify(timeZone)}.`,
    );
  }
  const weekStartsOn = options?.weekStartsOn ?? DEFAULT_WEEK_STARTS_ON;
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new TrutoConfigError(`"weekStartsOn" must be 0 (Sunday) to 6 (Saturday); got ${String(weekStartsOn)}.`);
  }
  return { nowMs: readClock(options?.now), timeZone, weekStartsOn };
}

function readClock(now: ResolveDateRangeOptions['now']): number {
  const value = now === undefined ? Date.now() : typeof now === 'function' ? now() : now;
  const epochMs = value instanceof Date ? value.getTime() : value;
  if (
    typeof epochMs !== 'number' ||
    !Number.isFinite(epochMs) ||
    epochMs < EARLIEST_NOW_MS ||
    epochMs > LATEST_NOW_MS
  ) {
    throw new TrutoConfigError(`"now" must be a valid Date, epoch milliseconds, or a function returning a Date.`);
  }
  return epochMs;
}
