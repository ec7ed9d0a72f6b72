/**
 * The expression table: every row was worked out by hand from a calendar, not by running the code.
 * Reference time: Wednesday 2026-11-25 12:00 UTC, which is 07:00 EST in New York (DST ended on Sunday
 * 2026-11-01, so October dates there are EDT, -04:00, and November ones EST, -05:00).
 */
import { describe, expect, it } from 'vitest';
import { resolveDateRange } from '../../src/dates/index.js';

const NOW = '2026-11-25T12:00:00Z';
const EST = '-05:00';
const EDT = '-04:00';

/** Local midnight of a date at an offset. */
const midnight = (date: string, offset: string) => `${date}T00:00:00${offset === 'Z' ? 'Z' : offset}`;
const seconds = (iso: string) => Date.parse(iso) / 1000;

type Bounds = readonly [start: string, end: string];
interface Row {
  text: string;
  utc: Bounds;
  newYork: Bounds;
}

/** A span of whole local days [from, to) in both zones, with the New York offsets of each boundary. */
function days(text: string, from: string, to: string, fromOffset: string, toOffset: string): Row {
  return {
    text,
    utc: [midnight(from, 'Z'), midnight(to, 'Z')],
    newYork: [midnight(from, fromOffset), midnight(to, toOffset)],
  };
}

/** The same instants in both zones. */
function instants(text: string, start: string, end = start): Row {
  return { text, utc: [start, end], newYork: [start, end] };
}

const ROWS: Row[] = [
  instants('now', NOW),
  days('today', '2026-11-25', '2026-11-26', EST, EST),
  days('yesterday', '2026-11-24', '2026-11-25', EST, EST),
  days('tomorrow', '2026-11-26', '2026-11-27', EST, EST),
  days('the day before yesterday', '2026-11-23', '2026-11-24', EST, EST),
  // Weekdays: the most recent one on or before today; "last" strictly before; "next" strictly after.
  days('Monday', '2026-11-23', '2026-11-24', EST, EST),
  days('Wednesday', '2026-11-25', '2026-11-26', EST, EST),
  days('Thursday', '2026-11-19', '2026-11-20', EST, EST),
  days('last Monday', '2026-11-23', '2026-11-24', EST, EST),
  days('last Wednesday', '2026-11-18', '2026-11-19', EST, EST),
  days('next Monday', '2026-11-30', '2026-12-01', EST, EST),
  days('this Friday', '2026-11-27', '2026-11-28', EST, EST),
  days('Monday of last week', '2026-11-16', '2026-11-17', EST, EST),
  // Calendar periods.
  days('this week', '2026-11-23', '2026-11-30', EST, EST),
  days('last week', '2026-11-16', '2026-11-23', EST, EST),
  days('previous week', '2026-11-16', '2026-11-23', EST, EST),
  days('next week', '2026-11-30', '2026-12-07', EST, EST),
  days('this month', '2026-11-01', '2026-12-01', EDT, EST),
  days('last month', '2026-10-01', '2026-11-01', EDT, EDT),
  days('next month', '2026-12-01', '2027-01-01', EST, EST),
  days('this quarter', '2026-10-01', '2027-01-01', EDT, EST),
  days('last quarter', '2026-07-01', '2026-10-01', EDT, EDT),
  days('next quarter', '2027-01-01', '2027-04-01', EST, EDT),
  days('this year', '2026-01-01', '2027-01-01', EST, EST),
  days('last year', '2025-01-01', '2026-01-01', EST, EST),
  days('next year', '2027-01-01', '2028-01-01', EST, EST),
  days('Q3 2026', '2026-07-01', '2026-10-01', EDT, EDT),
  days('Q3', '2026-07-01', '2026-10-01', EDT, EDT),
  days('Q1', '2026-01-01', '2026-04-01', EST, EDT),
  days('Q4 2025', '2025-10-01', '2026-01-01', EDT, EST),
  days('H1 2026', '2026-01-01', '2026-07-01', EST, EDT),
  days('2026-W48', '2026-11-23', '2026-11-30', EST, EST),
  days('last weekend', '2026-11-21', '2026-11-23', EST, EST),
  days('2026', '2026-01-01', '2027-01-01', EST, EST),
  // Rolling windows end now; days and months are counted on the wall clock.
  instants('past 7 days', '2026-11-18T12:00:00Z', NOW),
  instants('  Past 7 Days!  ', '2026-11-18T12:00:00Z', NOW),
  instants('past week', '2026-11-18T12:00:00Z', NOW),
  instants('the past week', '2026-11-18T12:00:00Z', NOW),
  instants('in the last week', '2026-11-18T12:00:00Z', NOW),
  instants('last 24 hours', '2026-11-24T12:00:00Z', NOW),
  instants('the last 24 hours', '2026-11-24T12:00:00Z', NOW),
  instants('past 2 weeks', '2026-11-11T12:00:00Z', NOW),
  instants('past year', '2025-11-25T12:00:00Z', NOW),
  instants('last 2 hours', '2026-11-25T10:00:00Z', NOW),
  instants('past 90 minutes', '2026-11-25T10:30:00Z', NOW),
  instants('next 7 days', NOW, '2026-12-02T12:00:00Z'),
  // A month back from 07:00 EST is 07:00 EDT: one hour less than 30 × 24 hours in New York.
  { text: 'past month', utc: ['2026-10-25T12:00:00Z', NOW], newYork: [`2026-10-25T07:00:00${EDT}`, NOW] },
  { text: 'last 3 months', utc: ['2026-08-25T12:00:00Z', NOW], newYork: [`2026-08-25T07:00:00${EDT}`, NOW] },
  { text: 'past 30 days', utc: ['2026-10-26T12:00:00Z', NOW], newYork: [`2026-10-26T07:00:00${EDT}`, NOW] },
  days('last 2 full weeks', '2026-11-09', '2026-11-23', EST, EST),
  { text: 'ytd', utc: [midnight('2026-01-01', 'Z'), NOW], newYork: [midnight('2026-01-01', EST), NOW] },
  { text: 'month to date', utc: [midnight('2026-11-01', 'Z'), NOW], newYork: [midnight('2026-11-01', EDT), NOW] },
  // "N units ago": the calendar day, week, month, year; hours and minutes are instants.
  days('3 days ago', '2026-11-22', '2026-11-23', EST, EST),
  days('2 weeks ago', '2026-11-09', '2026-11-16', EST, EST),
  days('1 month ago', '2026-10-01', '2026-11-01', EDT, EDT),
  days('a year ago', '2025-01-01', '2026-01-01', EST, EST),
  days('in 3 days', '2026-11-28', '2026-11-29', EST, EST),
  instants('2 hours ago', '2026-11-25T10:00:00Z'),
  instants('30 minutes ago', '2026-11-25T11:30:00Z'),
  // Month names without a year: the most recent one that started on or before now.
  days('October 1st', '2026-10-01', '2026-10-02', EDT, EDT),
  days('Oct 1', '2026-10-01', '2026-10-02', EDT, EDT),
  days('October', '2026-10-01', '2026-11-01', EDT, EDT),
  days('December', '2025-12-01', '2026-01-01', EST, EST),
  days('December 25', '2025-12-25', '2025-12-26', EST, EST),
  days('November 30', '2025-11-30', '2025-12-01', EST, EST),
  days('October 1, 2026', '2026-10-01', '2026-10-02', EDT, EDT),
  // Numeric dates: ISO; US month/day/year; day first only when the first number cannot be a month.
  days('2026-10-01', '2026-10-01', '2026-10-02', EDT, EDT),
  days('10/01/2026', '2026-10-01', '2026-10-02', EDT, EDT),
  days('25/10/2026', '2026-10-25', '2026-10-26', EDT, EDT),
  days('2026-10', '2026-10-01', '2026-11-01', EDT, EDT),
  instants('2026-10-01T09:30:00Z', '2026-10-01T09:30:00Z'),
  {
    text: '2026-10-01T09:30:00',
    utc: ['2026-10-01T09:30:00Z', '2026-10-01T09:30:00Z'],
    newYork: [`2026-10-01T09:30:00${EDT}`, `2026-10-01T09:30:00${EDT}`],
  },
  {
    text: '2026-10-01 09:30',
    utc: ['2026-10-01T09:30:00Z', '2026-10-01T09:30:00Z'],
    newYork: [`2026-10-01T09:30:00${EDT}`, `2026-10-01T09:30:00${EDT}`],
  },
  instants('2026-10-01T09:30:00+02:00', '2026-10-01T07:30:00Z'),
  instants('1730419200', '2024-11-01T00:00:00Z'),
  instants('1730419200000', '2024-11-01T00:00:00Z'),
  // Ranges and open ranges.
  { text: 'since Monday', utc: [midnight('2026-11-23', 'Z'), NOW], newYork: [midnight('2026-11-23', EST), NOW] },
  {
    text: 'starting from October 1st',
    utc: [midnight('2026-10-01', 'Z'), NOW],
    newYork: [midnight('2026-10-01', EDT), NOW],
  },
  { text: 'from last Monday', utc: [midnight('2026-11-23', 'Z'), NOW], newYork: [midnight('2026-11-23', EST), NOW] },
  { text: 'since midnight', utc: [midnight('2026-11-25', 'Z'), NOW], newYork: [midnight('2026-11-25', EST), NOW] },
  {
    text: 'from 2026-10-01 to now',
    utc: [midnight('2026-10-01', 'Z'), NOW],
    newYork: [midnight('2026-10-01', EDT), NOW],
  },
  // "from" and "starting" accept a start that lies ahead (the instant it starts); "since" does not.
  {
    text: 'starting tomorrow',
    utc: [midnight('2026-11-26', 'Z'), midnight('2026-11-26', 'Z')],
    newYork: [midnight('2026-11-26', EST), midnight('2026-11-26', EST)],
  },
  days('from Oct 1 to Oct 15', '2026-10-01', '2026-10-16', EDT, EDT),
  days('between 2026-10-01 and 2026-10-15', '2026-10-01', '2026-10-16', EDT, EDT),
  days('Oct 1-15', '2026-10-01', '2026-10-16', EDT, EDT),
  days('Dec 15 to Jan 10', '2025-12-15', '2026-01-11', EST, EST),
  days('Monday to Wednesday', '2026-11-23', '2026-11-26', EST, EST),
  // Boundaries are instants; "end of" is the exclusive end, the first moment after the period.
  {
    text: 'start of last month',
    utc: [midnight('2026-10-01', 'Z'), midnight('2026-10-01', 'Z')],
    newYork: [midnight('2026-10-01', EDT), midnight('2026-10-01', EDT)],
  },
  {
    text: 'end of last month',
    utc: [midnight('2026-11-01', 'Z'), midnight('2026-11-01', 'Z')],
    newYork: [midnight('2026-11-01', EDT), midnight('2026-11-01', EDT)],
  },
  {
    text: 'beginning of this week',
    utc: [midnight('2026-11-23', 'Z'), midnight('2026-11-23', 'Z')],
    newYork: [midnight('2026-11-23', EST), midnight('2026-11-23', EST)],
  },
  {
    text: 'end of this year',
    utc: [midnight('2027-01-01', 'Z'), midnight('2027-01-01', 'Z')],
    newYork: [midnight('2027-01-01', EST), midnight('2027-01-01', EST)],
  },
  // Times of day are wall times in the zone.
  {
    text: 'yesterday at 3pm',
    utc: ['2026-11-24T15:00:00Z', '2026-11-24T15:00:00Z'],
    newYork: [`2026-11-24T15:00:00${EST}`, `2026-11-24T15:00:00${EST}`],
  },
  {
    text: 'today at noon',
    utc: ['2026-11-25T12:00:00Z', '2026-11-25T12:00:00Z'],
    newYork: [`2026-11-25T12:00:00${EST}`, `2026-11-25T12:00:00${EST}`],
  },
  {
    text: 'Monday at 9:30am',
    utc: ['2026-11-23T09:30:00Z', '2026-11-23T09:30:00Z'],
    newYork: [`2026-11-23T09:30:00${EST}`, `2026-11-23T09:30:00${EST}`],
  },
  // Texts that name their own zone or offset ignore the configured one (chrono reads these two).
  instants('Thu, 01 Oct 2026 00:00:00 GMT', '2026-10-01T00:00:00Z'),
  instants('Oct 1 2026 3pm EST', '2026-10-01T20:00:00Z'),
  // More phrasings models use.
  days('first day of last month', '2026-10-01', '2026-10-02', EDT, EDT),
  days('last day of last month', '2026-10-31', '2026-11-01', EDT, EDT),
  days('December last year', '2025-12-01', '2026-01-01', EST, EST),
  days('Q3 of last year', '2025-07-01', '2025-10-01', EDT, EDT),
  days('2026-10-01/2026-10-15', '2026-10-01', '2026-10-16', EDT, EDT),
  days('Wed Nov 25 2026', '2026-11-25', '2026-11-26', EST, EST),
  days('this past weekend', '2026-11-21', '2026-11-23', EST, EST),
  {
    text: 'September 30th, 2026 at 5:00 PM',
    utc: ['2026-09-30T17:00:00Z', '2026-09-30T17:00:00Z'],
    newYork: [`2026-09-30T17:00:00${EDT}`, `2026-09-30T17:00:00${EDT}`],
  },
  {
    text: 'midnight yesterday',
    utc: [midnight('2026-11-24', 'Z'), midnight('2026-11-24', 'Z')],
    newYork: [midnight('2026-11-24', EST), midnight('2026-11-24', EST)],
  },
  // What models add around a date.
  days('LAST WEEK.', '2026-11-16', '2026-11-23', EST, EST),
  days('"last week"', '2026-11-16', '2026-11-23', EST, EST),
  days('during last week', '2026-11-16', '2026-11-23', EST, EST),
];

describe('resolveDateRange: the expression table', () => {
  it('has at least 60 expressions', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  describe.each([
    ['UTC', 'utc'],
    ['America/New_York', 'newYork'],
  ] as const)('in %s', (timeZone, column) => {
    it.each(ROWS.map((row) => [row.text, row[column]] as const))('%j', (text, [start, end]) => {
      expect(resolveDateRange(text, { now: new Date(NOW), timeZone })).toEqual({
        start: seconds(start),
        end: seconds(end),
      });
    });
  });

  it('reads the issue examples exactly', () => {
    const now = new Date(NOW);
    expect(resolveDateRange('last week', { now })).toEqual({
      start: seconds('2026-11-16T00:00:00Z'),
      end: seconds('2026-11-23T00:00:00Z'),
    });
    expect(resolveDateRange('past 7 days', { now })).toEqual({
      start: seconds('2026-11-18T12:00:00Z'),
      end: seconds(NOW),
    });
    expect(resolveDateRange('since Monday', { now })).toEqual({
      start: seconds('2026-11-23T00:00:00Z'),
      end: seconds(NOW),
    });
    expect(resolveDateRange('October 1st', { now })).toEqual({ start: 1790812800, end: 1790899200 });
    expect(resolveDateRange('last month', { now })).toEqual({ start: 1790812800, end: 1793491200 });
    expect(resolveDateRange('Q3 2026', { now })).toEqual({ start: seconds('2026-07-01T00:00:00Z'), end: 1790812800 });
    expect(resolveDateRange('1730419200000', { now })).toEqual({ start: 1730419200, end: 1730419200 });
  });

  it('reads numbers as seconds, milliseconds from 1e11, and 1900–2200 as years', () => {
    const now = new Date(NOW);
    expect(resolveDateRange(1730419200, { now })).toEqual({ start: 1730419200, end: 1730419200 });
    expect(resolveDateRange(1730419200123, { now })).toEqual({ start: 1730419200, end: 1730419200 });
    expect(resolveDateRange(2026, { now })).toEqual({
      start: seconds('2026-01-01T00:00:00Z'),
      end: seconds('2027-01-01T00:00:00Z'),
    });
    expect(resolveDateRange(0, { now })).toEqual({ start: 0, end: 0 });
  });

  it('accepts the clock as a Date, epoch milliseconds or a function', () => {
    const expected = { start: seconds('2026-11-16T00:00:00Z'), end: seconds('2026-11-23T00:00:00Z') };
    expect(resolveDateRange('last week', { now: Date.parse(NOW) })).toEqual(expected);
    expect(resolveDateRange('last week', { now: () => new Date(NOW) })).toEqual(expected);
  });
});
