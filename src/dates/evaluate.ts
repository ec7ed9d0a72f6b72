/**
 * Syntax tree + clock + zone → a span of instants. Calendar boundaries are local midnights in the zone; all
 * arithmetic on days and months is done on wall-clock dates, so a week that contains a DST change is 167 or
 * 169 hours long and "past 7 days" ends and starts at the same wall-clock time.
 */
import {
  civilFromDayNumber,
  dayNumberFromCivil,
  daysInMonth,
  isValidCivilDate,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  shiftMonth,
  utcMsFromWall,
  type WallTime,
  weekdayOfDayNumber,
} from './calendar.js';
import type { CalendarUnit, TimeUnit } from './lexicon.js';
import { type DateNode, DateRefusal } from './syntax.js';
import { instantOfWallTime, wallTimeAt } from './zone.js';

/** A half-open span [startMs, endMs) of epoch milliseconds; an instant has startMs === endMs. */
export interface Span {
  startMs: number;
  endMs: number;
  instant: boolean;
  /** Set for "end of X": an instant that closes a period, so a date-only field shows X's last day. */
  closesPeriod: boolean;
  /** Set when the text named its own zone ("2026-10-01 UTC"); date-only values are then written in it. */
  timeZone?: string;
}

export interface EvaluationSettings {
  nowMs: number;
  timeZone: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekStartsOn: number;
}

/**
 * Where a date without a year is looked for, as a local day number: on or before it (the default, with today:
 * "October 1st" is the most recent one), or on or after it (the end of a range, with the range's start day).
 */
interface Anchor {
  direction: 'before' | 'after';
  dayNumber: number;
}

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const UNIT_MS: Partial<Record<TimeUnit, number>> = {
  second: MS_PER_SECOND,
  minute: MS_PER_MINUTE,
  hour: MS_PER_HOUR,
};
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function evaluateDateNode(node: DateNode, settings: EvaluationSettings): Span {
  return new Evaluator(settings).evaluate(node, undefined);
}

class Evaluator {
  readonly #nowMs: number;
  readonly #timeZone: string;
  readonly #weekStartsOn: number;
  readonly #now: WallTime;
  readonly #today: number;

  constructor(settings: EvaluationSettings) {
    this.#nowMs = settings.nowMs;
    this.#timeZone = settings.timeZone;
    this.#weekStartsOn = settings.weekStartsOn;
    this.#now = wallTimeAt(settings.nowMs, settings.timeZone);
    this.#today = dayNumberFromCivil(this.#now.year, this.#now.month, this.#now.day);
  }

  evaluate(node: DateNode, anchor: Anchor | undefined): Span {
    switch (node.kind) {
      case 'now':
        return instant(this.#nowMs);
      case 'instant':
        return instant(node.epochMs);
      case 'wall':
        return instant(
          node.offsetMs === undefined ? this.#instantOf(node.wall) : utcMsFromWall(node.wall) - node.offsetMs,
        );
      case 'day':
      case 'month-day':
      case 'relative-day':
      case 'weekday':
      case 'weekday-of-week':
      case 'edge-day':
        return this.#daySpan(this.#dayNumberOf(node, anchor));
      case 'at-time': {
        const { year, month, day } = civilFromDayNumber(this.#dayNumberOf(node.base, anchor));
        return instant(this.#instantOf({ year, month, day, ...node.time }));
      }
      case 'month':
        return this.#monthsSpan(this.#yearOfMonth(node, anchor), node.month, 1);
      case 'year':
        return this.#monthsSpan(node.year, 1, 12);
      case 'quarter': {
        const firstMonth = node.quarter * 3 - 2;
        const year = this.#yearOf(node.year, node.yearOffset) ?? this.#impliedYear(firstMonth, firstMonth + 2, anchor);
        return this.#monthsSpan(year, firstMonth, 3);
      }
      case 'half': {
        const firstMonth = node.half * 6 - 5;
        const year = this.#yearOf(node.year, node.yearOffset) ?? this.#impliedYear(firstMonth, firstMonth + 5, anchor);
        return this.#monthsSpan(year, firstMonth, 6);
      }
      case 'iso-week': {
        const januaryFourth = dayNumberFromCivil(node.year, 1, 4);
        const firstMonday = januaryFourth - ((weekdayOfDayNumber(januaryFourth) + 6) % 7);
        const start = firstMonday + (node.week - 1) * 7;
        return this.#span(this.#dayStart(start), this.#dayStart(start + 7));
      }
      case 'period':
        return this.#periodSpan(node.unit, node.offset);
      case 'shifted':
        return this.#shiftedSpan(node.unit, node.amount);
      case 'rolling': {
        const other = this.#shiftNow(node.unit, node.amount);
        return node.amount < 0 ? this.#span(other, this.#nowMs) : this.#span(this.#nowMs, other);
      }
      case 'full-periods': {
        const current = this.#periodSpan(node.unit, 0);
        return this.#span(this.#periodSpan(node.unit, -node.count).startMs, current.startMs);
      }
      case 'to-date':
        return this.#span(this.#periodSpan(node.unit, 0).startMs, this.#nowMs);
      case 'weekend': {
        const weekday = weekdayOfDayNumber(this.#today);
        // Saturday of the current weekend; on a Sunday the weekend began yesterday.
        const saturday = weekday === 0 ? this.#today - 1 : this.#today + (6 - weekday);
        const start = saturday + node.weekends * 7;
        return this.#span(this.#dayStart(start), this.#dayStart(start + 2));
      }
      case 'since': {
        const from = this.evaluate(node.from, undefined);
        if (from.startMs <= this.#nowMs) return this.#span(from.startMs, this.#nowMs);
        if (node.past) throw new DateRefusal('"since" needs a moment in the past, and this one is in the future');
        // "starting tomorrow" for a future-facing API: the moment it starts, with no end to guess.
        return instant(from.startMs);
      }
      case 'range':
        return this.#rangeSpan(node.from, node.to);
      case 'boundary': {
        const of = this.evaluate(node.of, anchor);
        if (node.edge === 'start') return instant(of.startMs);
        return { startMs: of.endMs, endMs: of.endMs, instant: true, closesPeriod: true };
      }
    }
  }

  #rangeSpan(fromNode: DateNode, toNode: DateNode): Span {
    let from: Span;
    let to: Span;
    if (hasImpliedYear(fromNode) && !hasImpliedYear(toNode)) {
      // "Dec 15 to Jan 10 2026": the start is the latest Dec 15 on or before the end.
      to = this.evaluate(toNode, undefined);
      from = this.evaluate(fromNode, { direction: 'before', dayNumber: this.#localDayNumber(to.startMs) });
    } else {
      // "Oct 1 to Oct 15", "Monday to Wednesday": the end is the first one on or after the start.
      from = this.evaluate(fromNode, undefined);
      to = this.evaluate(toNode, { direction: 'after', dayNumber: this.#localDayNumber(from.startMs) });
    }
    if (to.endMs < from.startMs) throw new DateRefusal('the range ends before it starts');
    return this.#span(from.startMs, to.endMs);
  }

  #dayNumberOf(node: DateNode, anchor: Anchor | undefined): number {
    switch (node.kind) {
      case 'day':
        return dayNumberFromCivil(node.year, node.month, node.day);
      case 'relative-day':
        return this.#today + node.days;
      case 'period':
        return this.#today + node.offset;
      case 'shifted':
        return this.#today + node.amount;
      case 'weekday': {
        if (node.choice === 'recent') {
          const reference = anchor?.dayNumber ?? this.#today;
          const referenceWeekday = weekdayOfDayNumber(reference);
          return anchor?.direction === 'after'
            ? reference + ((node.weekday - referenceWeekday + 7) % 7)
            : reference - ((referenceWeekday - node.weekday + 7) % 7);
        }
        const todayWeekday = weekdayOfDayNumber(this.#today);
        if (node.choice === 'last') return this.#today - ((todayWeekday - node.weekday + 7) % 7 || 7);
        if (node.choice === 'next') return this.#today + ((node.weekday - todayWeekday + 7) % 7 || 7);
        return this.#weekStart(this.#today) + ((node.weekday - this.#weekStartsOn + 7) % 7);
      }
      case 'weekday-of-week':
        return this.#weekStart(this.#today) + node.weeks * 7 + ((node.weekday - this.#weekStartsOn + 7) % 7);
      case 'edge-day': {
        const of = this.evaluate(node.of, anchor);
        return this.#localDayNumber(node.edge === 'first' || of.instant ? of.startMs : of.endMs - 1);
      }
      case 'month-day': {
        if (node.yearOffset !== undefined) {
          const year = this.#now.year + node.yearOffset;
          if (!isValidCivilDate(year, node.month, node.day)) {
            throw new DateRefusal(`${year}-${pad(node.month)}-${pad(node.day)} is not a date in the calendar`);
          }
          return this.#checkWeekday(dayNumberFromCivil(year, node.month, node.day), node.weekday);
        }
        const reference = anchor?.dayNumber ?? this.#today;
        const referenceDate = civilFromDayNumber(reference);
        const after = anchor?.direction === 'after';
        // The end of a range moves to the next year only across New Year ("Dec 15 to Jan 10"); a reversed
        // range within one month ("Oct 15 to Oct 1") stays reversed and is refused as such.
        const crossesNewYear = after && node.month < referenceDate.month;
        // Eight years always reach a leap year, for February 29th.
        for (let step = 0; step <= 8; step++) {
          const year = after ? referenceDate.year + step : referenceDate.year - step;
          if (!isValidCivilDate(year, node.month, node.day)) continue;
          const dayNumber = dayNumberFromCivil(year, node.month, node.day);
          if (after ? dayNumber < reference && crossesNewYear : dayNumber > reference) continue;
          return this.#checkWeekday(dayNumber, node.weekday);
        }
        throw new DateRefusal('no such date near the reference year');
      }
      default:
        throw new DateRefusal('a time of day needs a day (like "yesterday at 3pm" or "2026-10-01 15:00")');
    }
  }

  #checkWeekday(dayNumber: number, weekday: number | undefined): number {
    if (weekday !== undefined && weekdayOfDayNumber(dayNumber) !== weekday) {
      const { year, month, day } = civilFromDayNumber(dayNumber);
      throw new DateRefusal(
        `${year}-${pad(month)}-${pad(day)} is a ${WEEKDAY_NAMES[weekdayOfDayNumber(dayNumber)]}, not a ${WEEKDAY_NAMES[weekday]}; give the year`,
      );
    }
    return dayNumber;
  }

  #yearOfMonth(node: Extract<DateNode, { kind: 'month' }>, anchor: Anchor | undefined): number {
    const explicit = this.#yearOf(node.year, node.yearOffset);
    if (explicit !== undefined) return explicit;
    if (node.choice === 'this') return this.#now.year;
    if (node.choice === 'next') return node.month > this.#now.month ? this.#now.year : this.#now.year + 1;
    return this.#impliedYear(node.month, node.month, anchor);
  }

  #yearOf(year: number | undefined, yearOffset: number | undefined): number | undefined {
    return year ?? (yearOffset === undefined ? undefined : this.#now.year + yearOffset);
  }

  /** The year of a yearless period spanning months first..last: the latest one started, or the first one not over. */
  #impliedYear(firstMonth: number, lastMonth: number, anchor: Anchor | undefined): number {
    const reference = civilFromDayNumber(anchor?.dayNumber ?? this.#today);
    if (anchor?.direction === 'after') return lastMonth >= reference.month ? reference.year : reference.year + 1;
    return firstMonth <= reference.month ? reference.year : reference.year - 1;
  }

  #periodSpan(unit: CalendarUnit, offset: number): Span {
    switch (unit) {
      case 'day':
        return this.#daySpan(this.#today + offset);
      case 'week': {
        const start = this.#weekStart(this.#today) + offset * 7;
        return this.#span(this.#dayStart(start), this.#dayStart(start + 7));
      }
      case 'month': {
        const { year, month } = shiftMonth(this.#now.year, this.#now.month, offset);
        return this.#monthsSpan(year, month, 1);
      }
      case 'quarter': {
        const firstMonth = Math.floor((this.#now.month - 1) / 3) * 3 + 1;
        const { year, month } = shiftMonth(this.#now.year, firstMonth, offset * 3);
        return this.#monthsSpan(year, month, 3);
      }
      case 'year':
        return this.#monthsSpan(this.#now.year + offset, 1, 12);
    }
  }

  /** "3 days ago": the calendar period that contains the moment that far away; hours and less give instants. */
  #shiftedSpan(unit: TimeUnit, amount: number): Span {
    const unitMs = UNIT_MS[unit];
    if (unitMs !== undefined) return instant(this.#nowMs + amount * unitMs);
    switch (unit) {
      case 'day':
        return this.#daySpan(this.#today + amount);
      case 'week': {
        const start = this.#weekStart(this.#today + amount * 7);
        return this.#span(this.#dayStart(start), this.#dayStart(start + 7));
      }
      case 'month': {
        const { year, month } = shiftMonth(this.#now.year, this.#now.month, amount);
        return this.#monthsSpan(year, month, 1);
      }
      case 'quarter': {
        const firstMonth = Math.floor((this.#now.month - 1) / 3) * 3 + 1;
        const { year, month } = shiftMonth(this.#now.year, firstMonth, amount * 3);
        return this.#monthsSpan(year, month, 3);
      }
      default:
        return this.#monthsSpan(this.#now.year + amount, 1, 12);
    }
  }

  /** Now moved by whole units on the wall clock (days keep the time of day; months clamp the 31st). */
  #shiftNow(unit: TimeUnit, amount: number): number {
    const unitMs = UNIT_MS[unit];
    if (unitMs !== undefined) return this.#nowMs + amount * unitMs;
    const now = this.#now;
    if (unit === 'day' || unit === 'week') {
      const civil = civilFromDayNumber(this.#today + amount * (unit === 'week' ? 7 : 1));
      return this.#instantOf({ ...now, ...civil });
    }
    const months = amount * (unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1);
    const { year, month } = shiftMonth(now.year, now.month, months);
    return this.#instantOf({ ...now, year, month, day: Math.min(now.day, daysInMonth(year, month)) });
  }

  #weekStart(dayNumber: number): number {
    return dayNumber - ((weekdayOfDayNumber(dayNumber) - this.#weekStartsOn + 7) % 7);
  }

  #monthsSpan(year: number, month: number, months: number): Span {
    const next = shiftMonth(year, month, months);
    return this.#span(
      this.#dayStart(dayNumberFromCivil(year, month, 1)),
      this.#dayStart(dayNumberFromCivil(next.year, next.month, 1)),
    );
  }

  #daySpan(dayNumber: number): Span {
    return this.#span(this.#dayStart(dayNumber), this.#dayStart(dayNumber + 1));
  }

  #dayStart(dayNumber: number): number {
    return this.#instantOf({ ...civilFromDayNumber(dayNumber), hour: 0, minute: 0, second: 0, millisecond: 0 });
  }

  #localDayNumber(epochMs: number): number {
    const wall = wallTimeAt(epochMs, this.#timeZone);
    return dayNumberFromCivil(wall.year, wall.month, wall.day);
  }

  #instantOf(wall: WallTime): number {
    if (wall.year < MIN_YEAR || wall.year > MAX_YEAR) {
      throw new DateRefusal(
        `the date falls in the year ${wall.year}, outside the supported range (${MIN_YEAR}–${MAX_YEAR})`,
      );
    }
    return instantOfWallTime(wall, this.#timeZone);
  }

  #span(startMs: number, endMs: number): Span {
    return { startMs, endMs, instant: startMs === endMs, closesPeriod: false };
  }
}

function instant(epochMs: number): Span {
  return { startMs: epochMs, endMs: epochMs, instant: true, closesPeriod: false };
}

/** True when the node's year (or week) is inferred, so a range may anchor it to its other end. */
function hasImpliedYear(node: DateNode): boolean {
  switch (node.kind) {
    case 'month-day':
      return node.yearOffset === undefined;
    case 'month':
      return node.year === undefined && node.choice === undefined && node.yearOffset === undefined;
    case 'quarter':
    case 'half':
      return node.year === undefined && node.yearOffset === undefined;
    case 'edge-day':
      return hasImpliedYear(node.of);
    case 'weekday':
      return node.choice === 'recent';
    case 'at-time':
      return hasImpliedYear(node.base);
    case 'boundary':
      return hasImpliedYear(node.of);
    default:
      return false;
  }
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
