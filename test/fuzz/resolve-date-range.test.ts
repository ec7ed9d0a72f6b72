/**
 * Fuzzing `resolveDateRange` past what test/dates covers (grammar phrases, strings and numbers under valid options):
 * values of any JavaScript type, hostile options, long and oddly encoded text. Only `DateExpressionError` (for the
 * input) and `TrutoConfigError` (for the options) may come out, and whatever resolves is a sane range.
 */
import fc from 'fast-check';
import { DateExpressionError, resolveDateRange, TrutoConfigError } from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';

const RUNS = { anyValue: 2000, hostileOptions: 2000, oddText: 2000 };

const GRAMMAR = [
  'last',
  'past',
  'next',
  'since',
  'from',
  'to',
  'between',
  'and',
  'ago',
  'week',
  'month',
  'quarter',
  'year',
  'days',
  'monday',
  'october',
  'q3',
  'today',
  'yesterday',
  'now',
  'end of',
  'start of',
  '2026-10-01',
  '2026-10-01T09:00:00Z',
  '1759276800',
  '99999999999999999999',
  '1e400',
  '-0',
  '0x10',
  'NaN',
  'Infinity',
  '3pm',
  '24:61',
  'w53',
];

function expectRangeOrTypedError(run: () => { start: number; end: number }, allowConfigError: boolean): void {
  let range: { start: number; end: number };
  try {
    range = run();
  } catch (error) {
    if (error instanceof DateExpressionError) return;
    if (allowConfigError && error instanceof TrutoConfigError) return;
    throw error;
  }
  expect(Number.isSafeInteger(range.start)).toBe(true);
  expect(Number.isSafeInteger(range.end)).toBe(true);
  expect(range.start).toBeLessThanOrEqual(range.end);
}

const now = new Date('2026-11-25T12:00:00Z');

describe('resolveDateRange throws only its typed errors', () => {
  it(`on any JavaScript value a caller or a model might hand it (${RUNS.anyValue} runs)`, () => {
    const anyValue = fc.oneof(
      // Objects that shadow toString/valueOf are the next test's, spelled out so that it fails every run, not by luck.
      fc
        .anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true })
        .filter((value) => !shadowsConversion(value)),
      fc.constantFrom(
        null,
        undefined,
        Symbol('s'),
        () => 'today',
        new Date(Number.NaN),
        [],
        {},
        { toString: () => 'today' },
      ),
      fc.double(),
    );
    fc.assert(
      fc.property(anyValue, (value) => {
        expectRangeOrTypedError(() => resolveDateRange(value as string, { now }), false);
      }),
      { numRuns: RUNS.anyValue },
    );
  });

  it('on objects whose toString or valueOf is not a function (JSON can say {"toString": {}}; found by the fuzz above)', () => {
    for (const value of [
      JSON.parse('{"toString": {}}'),
      JSON.parse('{"toString": 1, "valueOf": "x"}'),
      Object.create(null),
      {
        toString: () => {
          throw new Error('no');
        },
      },
    ]) {
      expectRangeOrTypedError(() => resolveDateRange(value, { now }), false);
    }
  });

  it(`under hostile options: zones, week starts and clocks of any kind (${RUNS.hostileOptions} runs)`, () => {
    const options = fc.record(
      {
        now: fc.oneof(
          fc.date({ noInvalidDate: false }),
          fc.double(),
          fc.integer(),
          fc.constantFrom(
            () => new Date(Number.NaN),
            () => now,
            8.64e15 + 1,
            -8.64e15 - 1,
          ),
        ),
        timeZone: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('UTC', 'America/New_York', 'Etc/GMT+14', 'Etc/GMT-14', 'Asia/Kathmandu', 'utc', '+05:30'),
        ),
        weekStartsOn: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.double(), fc.constant(Number.NaN)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.constantFrom(...GRAMMAR, 'last week', 'since Monday'), options, (text, chosen) => {
        expectRangeOrTypedError(() => resolveDateRange(text, chosen as never), true);
      }),
      { numRuns: RUNS.hostileOptions },
    );
  });

  it(`on odd text: grammar words glued with unicode, control characters and numbers at the edges (${RUNS.oddText} runs)`, () => {
    const glue = fc.constantFrom(' ', '', '\u200b', '\u00a0', '\t', '\n', '\u202e', '\u0000', '-', '/', ',', '…', '٣');
    const text = fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...GRAMMAR), fc.string({ unit: 'grapheme', maxLength: 4 })), glue), {
        minLength: 1,
        maxLength: 10,
      })
      .map((parts) => parts.map(([word, joiner]) => word + joiner).join(''));
    fc.assert(
      fc.property(text, (input) => {
        expectRangeOrTypedError(() => resolveDateRange(input, { now }), false);
      }),
      { numRuns: RUNS.oddText },
    );
  });

  it('on very long input (a slow regular expression would hang here, which the test bound turns into a failure)', () => {
    for (const input of [
      'last '.repeat(20_000),
      `${'1'.repeat(100_000)}`,
      `from ${'2026-10-01 to '.repeat(5_000)}2026-10-02`,
      `${'a'.repeat(50_000)}!`,
      ` ${' '.repeat(100_000)}today`,
      '9'.repeat(400),
    ]) {
      expectRangeOrTypedError(() => resolveDateRange(input, { now }), false);
    }
  });
});

/** True for anything holding an object whose own toString/valueOf would make `String(value)` throw. */
function shadowsConversion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) === null) return true;
  if (Object.hasOwn(value, 'toString') || Object.hasOwn(value, 'valueOf')) return true;
  // `String([item])` converts each item in turn.
  return Array.isArray(value) && value.some(shadowsConversion);
}
