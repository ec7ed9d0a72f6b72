import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDateRange } from '../../src/dates/index.js';
import { DateExpressionError, TrutoConfigError, TrutoError } from '../../src/errors/index.js';

const now = new Date('2026-11-25T12:00:00Z');

function refusalOf(input: string | number): DateExpressionError {
  try {
    resolveDateRange(input, { now });
  } catch (error) {
    if (error instanceof DateExpressionError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(input)} was read as a date`);
}

describe('resolveDateRange refuses what it cannot read for sure', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['foo', /Cannot read "foo" as a date\. Use Unix seconds/],
    ['soon', /Cannot read/],
    ['a while ago', /Cannot read/],
    ['last few days', /Cannot read/],
    ['next tuesday-ish', /Cannot read/],
    ['yesterday or today', /Cannot read/],
    ['last October', /ambiguous/],
    ['01-02-2026', /day-month or month-day/],
    ['10/01/26', /Cannot read/],
    ['15', /too small/],
    ['1500', /too small/],
    ['1e9', /Cannot read/],
    ['-5', /Cannot read/],
    ['123456789012345678', /too large/],
    ['2026-13-01', /not a date/],
    ['2026-02-29', /not a date/],
    ['February 30 2026', /not a date/],
    ['2026-10-01T25:00:00', /not a time/],
    ['Thursday October 2 2026', /not a Thursday/],
    ['monday at 3', /Cannot read/],
    ['Oct 1 at 3', /Cannot read/],
    ["October 1 2026 3 o'clock", /Cannot read/],
    ['since tomorrow', /in the future/],
    ['from Oct 15 to Oct 1', /ends before it starts/],
    ['from 2026-10-15 to 2026-10-01', /ends before it starts/],
    ['week', /Cannot read/],
    ['last', /Cannot read/],
    ['2026-W54', /no ISO week/],
    ['Q5 2026', /Cannot read/],
    ['0999-01-01', /outside the supported range/],
    ['next 100000 years', /outside the supported range/],
    ['Feb 29 next year', /not a date/],
    ['first day of someday', /Cannot read/],
    ['x'.repeat(500), /too long/],
  ])('%j', (input, message) => {
    const error = refusalOf(input);
    expect(error).toBeInstanceOf(TrutoError);
    expect(error.code).toBe('invalid_date_expression');
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, 1e15])('the number %d', (input) => {
    expect(refusalOf(input).input).toBe(input);
  });

  it('says what it accepts', () => {
    expect(refusalOf('foo').message).toContain('"last week", "past 7 days", "since Monday", "October 1st"');
  });

  it('rejects bad options as configuration errors, not date errors', () => {
    expect(() => resolveDateRange('today', { timeZone: 'Mars/Olympus_Mons' })).toThrow(TrutoConfigError);
    expect(() => resolveDateRange('today', { now: new Date(Number.NaN) })).toThrow(TrutoConfigError);
    expect(() => resolveDateRange('today', { weekStartsOn: 7 as 0 })).toThrow(TrutoConfigError);
  });
});

describe('resolveDateRange on arbitrary input (fast-check)', () => {
  const zones = fc.constantFrom(
    'UTC',
    'America/New_York',
    'Europe/London',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'America/Santiago',
  );
  const clock = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') });
  const words = fc.constantFrom(
    'last',
    'past',
    'next',
    'this',
    'the',
    'from',
    'to',
    'since',
    'between',
    'and',
    'ago',
    'in',
    'at',
    'of',
    'start',
    'end',
    'week',
    'weeks',
    'month',
    'quarter',
    'year',
    'day',
    'days',
    'hours',
    'monday',
    'friday',
    'october',
    'oct',
    'q3',
    '2026',
    '1',
    '15',
    '31',
    '7',
    '24',
    '3pm',
    '15:00',
    'noon',
    'today',
    'yesterday',
    'tomorrow',
    'now',
    '2026-10-01',
    '10/01/2026',
    '1730419200',
    'full',
    'weekend',
    '-',
    ',',
    '.',
    'ytd',
    'w48',
  );
  const phrase = fc.array(words, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));

  function check(input: string | number, nowMs: number, timeZone: string, weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6) {
    let range: { start: number; end: number };
    try {
      range = resolveDateRange(input, { now: nowMs, timeZone, weekStartsOn });
    } catch (error) {
      expect(error).toBeInstanceOf(DateExpressionError);
      return;
    }
    expect(Number.isInteger(range.start)).toBe(true);
    expect(Number.isInteger(range.end)).toBe(true);
    expect(range.start).toBeLessThanOrEqual(range.end);
  }

  const weekStart = fc.constantFrom(0, 1, 2, 3, 4, 5, 6) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5 | 6>;

  it('never throws anything but DateExpressionError on strings, and start ≤ end', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), phrase),
        clock,
        zones,
        weekStart,
        (text, nowMs, zone, start) => check(text, nowMs, zone, start),
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws anything but DateExpressionError on numbers, and start ≤ end', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.integer(), fc.integer({ min: 0, max: 2e13 })),
        clock,
        zones,
        weekStart,
        (value, nowMs, zone, start) => check(value, nowMs, zone, start),
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the same text the same way twice (the parse cache is invisible)', () => {
    fc.assert(
      fc.property(phrase, clock, (text, nowMs) => {
        const first = attempt(() => resolveDateRange(text, { now: nowMs }));
        const second = attempt(() => resolveDateRange(text, { now: nowMs }));
        expect(second).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});

function attempt<T>(run: () => T): T | string {
  try {
    return run();
  } catch (error) {
    return (error as Error).message;
  }
}
