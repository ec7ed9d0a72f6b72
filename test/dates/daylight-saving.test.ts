/**
 * Reference times just after New York's 2026 clock changes, worked out by hand:
 * - spring forward on Sunday 2026-03-08 at 02:00 EST (07:00 UTC) → 03:00 EDT: that day has 23 hours;
 * - fall back on Sunday 2026-11-01 at 02:00 EDT (06:00 UTC) → 01:00 EST: that day has 25 hours.
 */
import { describe, expect, it } from 'vitest';
import { resolveDateRange } from '../../src/dates/index.js';

const seconds = (iso: string) => Date.parse(iso) / 1000;
const HOUR = 3600;
const NEW_YORK = 'America/New_York';

describe('just after spring forward (now = Sunday 2026-03-08 04:00 EDT = 08:00 UTC)', () => {
  const options = { now: new Date('2026-03-08T08:00:00Z'), timeZone: NEW_YORK };

  it('today is 23 hours long', () => {
    const today = resolveDateRange('today', options);
    expect(today).toEqual({ start: seconds('2026-03-08T00:00:00-05:00'), end: seconds('2026-03-09T00:00:00-04:00') });
    expect(today.end - today.start).toBe(23 * HOUR);
  });

  it('this week (Monday to Monday) is 167 hours long', () => {
    const week = resolveDateRange('this week', options);
    expect(week).toEqual({ start: seconds('2026-03-02T00:00:00-05:00'), end: seconds('2026-03-09T00:00:00-04:00') });
    expect(week.end - week.start).toBe(167 * HOUR);
  });

  it('yesterday and last week are untouched by the change', () => {
    expect(resolveDateRange('yesterday', options)).toEqual({
      start: seconds('2026-03-07T00:00:00-05:00'),
      end: seconds('2026-03-08T00:00:00-05:00'),
    });
    expect(resolveDateRange('last week', options)).toEqual({
      start: seconds('2026-02-23T00:00:00-05:00'),
      end: seconds('2026-03-02T00:00:00-05:00'),
    });
  });

  it('past 7 days keeps the wall-clock time (167 hours), last 24 hours is exact', () => {
    const week = resolveDateRange('past 7 days', options);
    expect(week).toEqual({ start: seconds('2026-03-01T04:00:00-05:00'), end: seconds('2026-03-08T08:00:00Z') });
    expect(week.end - week.start).toBe(167 * HOUR);
    expect(resolveDateRange('last 24 hours', options)).toEqual({
      start: seconds('2026-03-07T08:00:00Z'),
      end: seconds('2026-03-08T08:00:00Z'),
    });
  });

  it('this month starts in EST and ends in EDT', () => {
    expect(resolveDateRange('this month', options)).toEqual({
      start: seconds('2026-03-01T00:00:00-05:00'),
      end: seconds('2026-04-01T00:00:00-04:00'),
    });
  });

  it('a wall time inside the skipped hour moves forward by the gap', () => {
    const expected = seconds('2026-03-08T03:30:00-04:00');
    expect(resolveDateRange('2026-03-08T02:30:00', options).start).toBe(expected);
    expect(resolveDateRange('today at 2:30am', options).start).toBe(expected);
  });

  it('the same expressions in UTC ignore New York', () => {
    const utc = { now: options.now };
    expect(resolveDateRange('today', utc)).toEqual({
      start: seconds('2026-03-08T00:00:00Z'),
      end: seconds('2026-03-09T00:00:00Z'),
    });
    expect(resolveDateRange('past 7 days', utc)).toEqual({
      start: seconds('2026-03-01T08:00:00Z'),
      end: seconds('2026-03-08T08:00:00Z'),
    });
    expect(resolveDateRange('2026-03-08T02:30:00', utc).start).toBe(seconds('2026-03-08T02:30:00Z'));
  });
});

describe('just after fall back (now = Sunday 2026-11-01 01:30 EST, the second 01:30 = 06:30 UTC)', () => {
  const options = { now: new Date('2026-11-01T06:30:00Z'), timeZone: NEW_YORK };

  it('today is 25 hours long', () => {
    const today = resolveDateRange('today', options);
    expect(today).toEqual({ start: seconds('2026-11-01T00:00:00-04:00'), end: seconds('2026-11-02T00:00:00-05:00') });
    expect(today.end - today.start).toBe(25 * HOUR);
  });

  it('this week is 169 hours long', () => {
    const week = resolveDateRange('this week', options);
    expect(week).toEqual({ start: seconds('2026-10-26T00:00:00-04:00'), end: seconds('2026-11-02T00:00:00-05:00') });
    expect(week.end - week.start).toBe(169 * HOUR);
  });

  it('rolling windows: hours are exact, days follow the wall clock', () => {
    expect(resolveDateRange('last 2 hours', options)).toEqual({
      start: seconds('2026-11-01T04:30:00Z'),
      end: seconds('2026-11-01T06:30:00Z'),
    });
    const week = resolveDateRange('past 7 days', options);
    expect(week).toEqual({ start: seconds('2026-10-25T01:30:00-04:00'), end: seconds('2026-11-01T06:30:00Z') });
    expect(week.end - week.start).toBe(169 * HOUR);
  });

  it('a wall time that happens twice means the first one', () => {
    expect(resolveDateRange('today at 1:30am', options).start).toBe(seconds('2026-11-01T01:30:00-04:00'));
    expect(resolveDateRange('2026-11-01 01:30', options).start).toBe(seconds('2026-11-01T01:30:00-04:00'));
  });

  it('yesterday, last month and since Monday are in EDT', () => {
    expect(resolveDateRange('yesterday', options)).toEqual({
      start: seconds('2026-10-31T00:00:00-04:00'),
      end: seconds('2026-11-01T00:00:00-04:00'),
    });
    expect(resolveDateRange('last month', options)).toEqual({
      start: seconds('2026-10-01T00:00:00-04:00'),
      end: seconds('2026-11-01T00:00:00-04:00'),
    });
    expect(resolveDateRange('since Monday', options)).toEqual({
      start: seconds('2026-10-26T00:00:00-04:00'),
      end: seconds('2026-11-01T06:30:00Z'),
    });
  });
});

describe('zones whose midnight is skipped', () => {
  it('a day starts at its first instant (Santiago, 2026-09-06 starts at 01:00 -03:00)', () => {
    // Chile springs forward at 24:00 on the first Saturday of September: 2026-09-06 00:00 does not exist.
    const day = resolveDateRange('2026-09-06', { now: new Date('2026-09-10T12:00:00Z'), timeZone: 'America/Santiago' });
    expect(day.start).toBe(seconds('2026-09-06T01:00:00-03:00'));
    expect(day.end - day.start).toBe(23 * HOUR);
  });
});

describe('weekStartsOn', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('Sunday-based weeks', () => {
    expect(resolveDateRange('this week', { now, weekStartsOn: 0 })).toEqual({
      start: seconds('2026-11-22T00:00:00Z'),
      end: seconds('2026-11-29T00:00:00Z'),
    });
    expect(resolveDateRange('last week', { now, weekStartsOn: 0 })).toEqual({
      start: seconds('2026-11-15T00:00:00Z'),
      end: seconds('2026-11-22T00:00:00Z'),
    });
    expect(resolveDateRange('this Sunday', { now, weekStartsOn: 0 })).toEqual({
      start: seconds('2026-11-22T00:00:00Z'),
      end: seconds('2026-11-23T00:00:00Z'),
    });
  });

  it('Saturday-based weeks, and the default Monday', () => {
    expect(resolveDateRange('this week', { now, weekStartsOn: 6 })).toEqual({
      start: seconds('2026-11-21T00:00:00Z'),
      end: seconds('2026-11-28T00:00:00Z'),
    });
    expect(resolveDateRange('this week', { now })).toEqual(resolveDateRange('this week', { now, weekStartsOn: 1 }));
  });

  it('plain weekdays do not depend on the week start', () => {
    for (const weekStartsOn of [0, 1, 2, 3, 4, 5, 6] as const) {
      expect(resolveDateRange('Monday', { now, weekStartsOn }).start).toBe(seconds('2026-11-23T00:00:00Z'));
    }
  });

  it('ISO weeks are always Monday-based', () => {
    expect(resolveDateRange('2026-W48', { now, weekStartsOn: 0 }).start).toBe(seconds('2026-11-23T00:00:00Z'));
    expect(resolveDateRange('2026-W53', { now })).toEqual({
      start: seconds('2026-12-28T00:00:00Z'),
      end: seconds('2027-01-04T00:00:00Z'),
    });
  });
});
