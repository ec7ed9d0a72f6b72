/**
 * Fuzzing `parseRateLimitHeaders` past test/http's properties (plain objects and string pairs): every `HeadersLike`
 * shape, values of the wrong type at runtime, keys that name `Object.prototype` members, clocks that are not
 * numbers, and the 429 path that turns headers into a `RateLimitError`. Nothing may throw, and every number that
 * comes out must be finite and, for waits and counts, not negative.
 */
import fc from 'fast-check';
import { parseRateLimitHeaders, RateLimitError, type RateLimitInfo } from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../src/http/api-error.js';
import { chooseRetryAfterSeconds } from '../../src/http/rate-limit-headers.js';

const RUNS = { shapes: 3000, wrongTypes: 3000, rateLimitError: 2000 };

const NAMES = [
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'RateLimit-Limit',
  'Retry-After',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];

/** Values that look like each dialect, broken in the ways servers break them. */
const VALUE = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom(
    '110;w=10',
    '10, 10;w=1',
    'limit=100, remaining=50, reset=5',
    '"default";q=100;w=10',
    '"default";r=50;t=30',
    '"a";r=1;t=2, "b";r=0;t=9',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    'Fri, 31 Dec 9999 23:59:59 GMT',
    '6m0s',
    '1h2m3.5s',
    '120ms',
    '999999999999h',
    '1e309',
    '-1',
    '0',
    '',
    ' ',
    '1704067200',
    '99999999999999999999999',
    ';w=',
    '"unterminated',
    'r=?1;t=@1',
  ),
);

function expectSane(info: RateLimitInfo): void {
  const numbers: Array<[string, number | undefined]> = [
    ['limit', info.limit],
    ['remaining', info.remaining],
    ['resetSeconds', info.resetSeconds],
    ['windowSeconds', info.windowSeconds],
    ['retryAfterSeconds', info.retryAfterSeconds],
    ['upstream.requests.limit', info.upstream?.requests?.limit],
    ['upstream.requests.remaining', info.upstream?.requests?.remaining],
    ['upstream.requests.resetSeconds', info.upstream?.requests?.resetSeconds],
    ['upstream.tokens.limit', info.upstream?.tokens?.limit],
    ['upstream.tokens.remaining', info.upstream?.tokens?.remaining],
    ['upstream.tokens.resetSeconds', info.upstream?.tokens?.resetSeconds],
  ];
  for (const [name, value] of numbers) {
    if (value === undefined) continue;
    expect(Number.isFinite(value), `${name} = ${value}`).toBe(true);
    expect(value, name).toBeGreaterThanOrEqual(0);
  }
  if (info.resetAt !== undefined) expect(Number.isNaN(info.resetAt.getTime())).toBe(false);
  const chosen = chooseRetryAfterSeconds(info);
  if (chosen !== undefined) {
    expect(Number.isFinite(chosen)).toBe(true);
    expect(chosen).toBeGreaterThanOrEqual(0);
  }
}

const CLOCK = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 8.64e15),
  fc.constant(undefined),
);

describe('parseRateLimitHeaders never throws', () => {
  it(`on every HeadersLike shape: plain object, Headers, pairs, Map entries, a generator (${RUNS.shapes} runs)`, () => {
    const pairs = fc.array(fc.tuple(fc.constantFrom(...NAMES), VALUE), { maxLength: 8 });
    fc.assert(
      fc.property(
        pairs,
        fc.constantFrom('object', 'headers', 'pairs', 'map', 'generator'),
        CLOCK,
        (list, shape, now) => {
          let headers: unknown;
          switch (shape) {
            case 'object':
              // Built like undici builds it: repeated names become arrays; JSON.parse keeps `__proto__` an own key.
              headers = JSON.parse(JSON.stringify(groupByName(list)));
              break;
            case 'headers': {
              const built = new Headers();
              for (const [name, value] of list) {
                try {
                  built.append(name, value);
                } catch {
                  // Headers refuses some names and values outright; those never reach us from undici either.
                }
              }
              headers = built;
              break;
            }
            case 'pairs':
              headers = list;
              break;
            case 'map':
              headers = new Map(list).entries();
              break;
            default:
              headers = (function* () {
                yield* list;
              })();
          }
          expectSane(parseRateLimitHeaders(headers as never, now === undefined ? undefined : { now: now as never }));
        },
      ),
      { numRuns: RUNS.shapes },
    );
  });

  it(`on values of the wrong type at runtime, as plain JavaScript may pass them (${RUNS.wrongTypes} runs)`, () => {
    const wrong = fc.oneof(
      VALUE,
      fc.array(fc.oneof(VALUE, fc.integer(), fc.constant(null)), { maxLength: 3 }),
      fc.anything({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...NAMES), wrong, { maxKeys: 8 }), CLOCK, (headers, now) => {
        expectSane(parseRateLimitHeaders(headers as never, now === undefined ? undefined : { now: now as never }));
      }),
      { numRuns: RUNS.wrongTypes },
    );
  });

  it('on inputs that are not header collections at all', () => {
    for (const input of [undefined, null, 1, 'ratelimit: 1', [['ratelimit']], [[1, 2]], new Map(), Symbol('h')]) {
      expectSane(parseRateLimitHeaders(input as never));
    }
  });
});

describe('a 429 always becomes a RateLimitError', () => {
  it(`whatever its headers and body (${RUNS.rateLimitError} runs)`, () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...NAMES.map((name) => name.toLowerCase())), VALUE, { maxKeys: 8 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
        (headers, body) => {
          const error = errorFromResponse(
            {
              status: 429,
              headers,
              body,
              contentType: 'application/json',
              method: 'GET',
              url: 'https://x.test/proxy/a',
            },
            { toolName: 'list_all_things', now: () => new Date('2026-11-25T12:00:00Z') },
          );
          expect(error).toBeInstanceOf(RateLimitError);
          expectSane((error as RateLimitError).rateLimit);
          expect(() => JSON.stringify(error)).not.toThrow();
          expect(typeof error.message).toBe('string');
        },
      ),
      { numRuns: RUNS.rateLimitError },
    );
  });
});

function groupByName(list: Array<[string, string]>): Record<string, string | string[]> {
  const grouped: Record<string, string | string[]> = {};
  for (const [name, value] of list) {
    const key = name.toLowerCase();
    const existing = Object.hasOwn(grouped, key) ? grouped[key] : undefined;
    const next = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    Object.defineProperty(grouped, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return grouped;
}
