import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseRetryAfterSeconds,
  EPOCH_RESET_THRESHOLD_SECONDS,
  parseGoDuration,
  parseHttpDate,
  parseRateLimitHeaders,
} from '../../src/http/rate-limit-headers.js';
import type { RateLimitInfo } from '../../src/http/rate-limit-types.js';
import { OPENAI_RATE_LIMIT_HEADERS } from '../fixtures/openai-rate-limit-headers.js';

// The drafts' throttled-response examples are dated "Mon, 05 Aug 2019 09:27:00 GMT"; their answers are read at that moment.
const DRAFT_NOW = Date.UTC(2019, 7, 5, 9, 27, 0);
const parseAt = (headers: Parameters<typeof parseRateLimitHeaders>[0], now = DRAFT_NOW) =>
  parseRateLimitHeaders(headers, { now });

describe('Truto documented form (truto-api.md)', () => {
  it('reads ratelimit-limit: 110;w=10 with remaining and reset', () => {
    expect(parseAt({ 'ratelimit-limit': '110;w=10', 'ratelimit-remaining': '109', 'ratelimit-reset': '60' })).toEqual({
      limit: 110,
      remaining: 109,
      resetSeconds: 60,
      resetAt: new Date(DRAFT_NOW + 60_000),
      windowSeconds: 10,
      policy: '110;w=10',
    });
  });

  it("reads Truto's own 429 (Retry-After: 10) and prefers it over the reset", () => {
    const info = parseAt({
      'retry-after': '10',
      'ratelimit-limit': '50;w=10',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '7',
    });
    expect(info.retryAfterSeconds).toBe(10);
    expect(info.resetSeconds).toBe(7);
    expect(chooseRetryAfterSeconds(info)).toBe(10);
  });

  it('reads the seed loop header alone', () => {
    expect(parseAt({ 'ratelimit-reset': '3' })).toEqual({ resetSeconds: 3, resetAt: new Date(DRAFT_NOW + 3000) });
  });
});

describe('IETF drafts -02/-03: the expiring limit followed by quota policies in RateLimit-Limit', () => {
  it('reads "100, 100;w=10"', () => {
    expect(parseAt({ 'RateLimit-Limit': '100, 100;w=10' })).toEqual({
      limit: 100,
      windowSeconds: 10,
      policy: '100, 100;w=10',
    });
  });

  it('reads "10, 10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400"', () => {
    const info = parseAt({ 'RateLimit-Limit': '10, 10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400' });
    expect(info).toMatchObject({ limit: 10, windowSeconds: 1 });
  });

  it('reads "10, 10;w=1;burst=1000, 1000;w=3600" ignoring unknown parameters', () => {
    expect(parseAt({ 'RateLimit-Limit': '10, 10;w=1;burst=1000, 1000;w=3600' })).toMatchObject({
      limit: 10,
      windowSeconds: 1,
    });
  });
});

describe('IETF drafts -04 to -06: RateLimit-Limit / -Remaining / -Reset and RateLimit-Policy', () => {
  it('reads the client-behaviour example (10 / 1 / 7)', () => {
    const headers = { 'RateLimit-Limit': '10', 'RateLimit-Remaining': '1', 'RateLimit-Reset': '7' };
    expect(parseAt(headers)).toEqual({ limit: 10, remaining: 1, resetSeconds: 7, resetAt: new Date(DRAFT_NOW + 7000) });
  });

  it('reads the throttled example with an HTTP-date Retry-After and mixed-case names', () => {
    const info = parseAt({
      Date: 'Mon, 05 Aug 2019 09:27:00 GMT',
      'Retry-After': 'Mon, 05 Aug 2019 09:27:05 GMT',
      'RateLimit-Reset': '5',
      'RateLimit-Limit': '100',
      'Ratelimit-Remaining': '0',
    });
    expect(info).toMatchObject({ limit: 100, remaining: 0, resetSeconds: 5, retryAfterSeconds: 5 });
  });

  it('takes the window from the policy with the same quota (100 under 100;w=60)', () => {
    const info = parseAt({
      'RateLimit-Limit': '100',
      'RateLimit-Policy': '100;w=60',
      'Ratelimit-Remaining': '99',
      'Ratelimit-Reset': '50',
    });
    expect(info).toMatchObject({ limit: 100, remaining: 99, resetSeconds: 50, windowSeconds: 60, policy: '100;w=60' });
  });

  it('keeps a lowered limit and the lone policy window (10 under 100;w=60)', () => {
    const info = parseAt({
      'RateLimit-Limit': '10',
      'RateLimit-Policy': '100;w=60',
      'Ratelimit-Remaining': '9',
      'Ratelimit-Reset': '50',
    });
    expect(info).toMatchObject({ limit: 10, remaining: 9, resetSeconds: 50, windowSeconds: 60 });
  });

  it('reads a push-back with Retry-After: 20 over a reset of 40', () => {
    const info = parseAt({
      'Retry-After': '20',
      'RateLimit-Limit': '15',
      'RateLimit-Policy': '100;w=60',
      'Ratelimit-Remaining': '15',
      'Ratelimit-Reset': '40',
    });
    expect(chooseRetryAfterSeconds(info)).toBe(20);
    expect(info.resetSeconds).toBe(40);
  });

  it('reads a limit without remaining', () => {
    expect(parseAt({ 'RateLimit-Limit': '10', 'Ratelimit-Reset': '1' })).toEqual({
      limit: 10,
      resetSeconds: 1,
      resetAt: new Date(DRAFT_NOW + 1000),
    });
  });

  it('picks the policy matching the limit among several windows (5000 → 86400)', () => {
    const info = parseAt({
      'RateLimit-Limit': '5000',
      'RateLimit-Policy': '1000;w=3600, 5000;w=86400',
      'RateLimit-Remaining': '100',
      'RateLimit-Reset': '36000',
    });
    expect(info).toMatchObject({ limit: 5000, remaining: 100, resetSeconds: 36000, windowSeconds: 86400 });
    expect(info.policy).toBe('1000;w=3600, 5000;w=86400');
  });

  it('reads the FAQ policy with comments and bursts', () => {
    const info = parseAt({
      'RateLimit-Limit': '100',
      'RateLimit-Policy': '100;w=60;burst=1000;comment="sliding window", 5000;w=3600;burst=0;comment="fixed window"',
    });
    expect(info).toMatchObject({ limit: 100, windowSeconds: 60 });
  });

  it('reads the sliding-window appendix example (12;w=1)', () => {
    const info = parseAt({
      'RateLimit-Limit': '12',
      'RateLimit-Policy': '12;w=1',
      'RateLimit-Remaining': '6',
      'RateLimit-Reset': '1',
    });
    expect(info).toMatchObject({ limit: 12, remaining: 6, resetSeconds: 1, windowSeconds: 1 });
  });
});

describe('IETF draft -07: RateLimit as a Dictionary', () => {
  it('reads "limit=100, remaining=50, reset=5" with RateLimit-Policy: 100;w=10', () => {
    expect(parseAt({ 'RateLimit-Policy': '100;w=10', RateLimit: 'limit=100, remaining=50, reset=5' })).toEqual({
      limit: 100,
      remaining: 50,
      resetSeconds: 5,
      resetAt: new Date(DRAFT_NOW + 5000),
      windowSeconds: 10,
      policy: '100;w=10',
    });
  });

  it.each([
    ['limit=10, remaining=1, reset=7', { limit: 10, remaining: 1, resetSeconds: 7 }],
    ['limit=100, remaining=0, reset=50', { limit: 100, remaining: 0, resetSeconds: 50 }],
    ['limit=10, remaining=0, reset=10', { limit: 10, remaining: 0, resetSeconds: 10 }],
    ['limit=10, reset=1', { limit: 10, resetSeconds: 1 }],
  ])('reads "%s"', (value, expected) => {
    const info = parseAt({ RateLimit: value });
    expect(info).toMatchObject(expected);
    if (!('remaining' in expected)) expect(info.remaining).toBeUndefined();
  });

  it('reads the throttled example with Retry-After as an HTTP-date', () => {
    const info = parseAt({
      'Retry-After': 'Mon, 05 Aug 2019 09:27:05 GMT',
      RateLimit: 'limit=100, remaining=0, reset=5',
    });
    expect(info).toMatchObject({ limit: 100, remaining: 0, resetSeconds: 5, retryAfterSeconds: 5 });
  });

  it('reads multiple windows (5000 → 86400)', () => {
    const info = parseAt({
      RateLimit: 'limit=5000, remaining=100, reset=36000',
      'RateLimit-Policy': '1000;w=3600, 5000;w=86400',
    });
    expect(info).toMatchObject({ limit: 5000, remaining: 100, resetSeconds: 36000, windowSeconds: 86400 });
  });

  it('reads the dynamic push-back (limit=0 under 15;w=20)', () => {
    const info = parseAt({ RateLimit: 'limit=0, remaining=0, reset=20', 'RateLimit-Policy': '15;w=20' });
    expect(info).toMatchObject({ limit: 0, remaining: 0, resetSeconds: 20, windowSeconds: 20 });
  });

  it('leaves the window out for the invalid example with two windows for the same quota', () => {
    const info = parseAt({ RateLimit: 'limit=10, remaining=5, reset=1', 'RateLimit-Policy': '10;w=1, 10;w=60' });
    expect(info).toMatchObject({ limit: 10, remaining: 5, resetSeconds: 1 });
    expect(info.windowSeconds).toBeUndefined();
  });

  it('takes the most restrictive of policies given alone (lowest quota per second)', () => {
    const info = parseAt({ 'RateLimit-Policy': '10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400' });
    expect(info).toEqual({ limit: 5000, windowSeconds: 86400, policy: '10;w=1, 50;w=60, 1000;w=3600, 5000;w=86400' });
  });
});

describe('IETF drafts -08 to -10: RFC 9651 structured fields', () => {
  it('reads RateLimit-Policy: "default";q=100;w=10 alone', () => {
    expect(parseAt({ 'RateLimit-Policy': '"default";q=100;w=10' })).toEqual({
      limit: 100,
      windowSeconds: 10,
      policy: '"default";q=100;w=10',
      policyName: 'default',
    });
  });

  it('reads RateLimit: "default";r=50;t=30 alone', () => {
    // No RateLimit-Policy: the item key still names the policy in effect.
    expect(parseAt({ RateLimit: '"default";r=50;t=30' })).toEqual({
      remaining: 50,
      resetSeconds: 30,
      resetAt: new Date(DRAFT_NOW + 30_000),
      policyName: 'default',
    });
  });

  it.each([
    ['"permin";q=50;w=60,"perhr";q=1000;w=3600', { limit: 1000, windowSeconds: 3600, policyName: 'perhr' }],
    ['"burst";q=100;w=60,"daily";q=1000;w=86400', { limit: 1000, windowSeconds: 86400, policyName: 'daily' }],
    ['"peruser";q=100;w=60;pk=:cHsdsRa894==:', { limit: 100, windowSeconds: 60, policyName: 'peruser' }],
    [
      '"peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:',
      { limit: 65535, windowSeconds: 10, policyName: 'peruser' },
    ],
  ])('reads policy %s', (policy, expected) => {
    expect(parseAt({ 'RateLimit-Policy': policy })).toEqual({ ...expected, policy });
  });

  it.each([
    ['"default";r=999;pk=:dHJpYWwxMjEzMjM=:', { remaining: 999 }],
    ['"default";r=300000000;t=60;pk=:QXBwLTk5OQ==:', { remaining: 300_000_000, resetSeconds: 60 }],
    ['"problemPolicy";r=0;t=10', { remaining: 0, resetSeconds: 10 }],
    ['"default";r=1;t=7', { remaining: 1, resetSeconds: 7 }],
    ['"daily";r=1;t=36400', { remaining: 1, resetSeconds: 36400 }],
    ['"default";r=0;t=50', { remaining: 0, resetSeconds: 50 }],
    ['"dayLimit";r=100;t=36000', { remaining: 100, resetSeconds: 36000 }],
    ['"default";r=50;t=60', { remaining: 50, resetSeconds: 60 }],
  ])('reads service limit %s', (value, expected) => {
    const info = parseAt({ RateLimit: value });
    expect(info).toMatchObject(expected);
    expect(info.limit).toBeUndefined();
    expect(info.policyName).toBe(/^"?([A-Za-z]+)/.exec(value)![1]);
  });

  it('joins a service limit to the policy of the same name (B.2.1)', () => {
    const info = parseAt({ RateLimit: '"fixedwindow";r=99;t=50', 'RateLimit-Policy': '"fixedwindow";q=100;w=60' });
    expect(info).toMatchObject({ limit: 100, remaining: 99, resetSeconds: 50, windowSeconds: 60 });
  });

  it('reads the concurrency example (B.1.3)', () => {
    const info = parseAt({ 'RateLimit-Policy': '"basic";q=100;w=60', RateLimit: '"basic";r=20;t=56' });
    expect(info).toMatchObject({ limit: 100, remaining: 20, resetSeconds: 56, windowSeconds: 60 });
  });

  it('reads the throttled example (B.1.4) with Retry-After winning', () => {
    const info = parseAt({ 'Retry-After': 'Mon, 05 Aug 2019 09:27:05 GMT', RateLimit: '"default";r=0;t=5' });
    expect(info).toMatchObject({ remaining: 0, resetSeconds: 5, retryAfterSeconds: 5 });
  });

  it('reads push-back examples (B.2.3, B.3)', () => {
    expect(parseAt({ 'RateLimit-Policy': '"dynamic";q=15;w=20', RateLimit: '"dynamic";r=0;t=20' })).toMatchObject({
      limit: 15,
      remaining: 0,
      resetSeconds: 20,
      windowSeconds: 20,
    });
    const info = parseAt({
      'Retry-After': '20',
      'RateLimit-Policy': '"dynamic";q=100;w=60',
      RateLimit: '"dynamic";r=15;t=40',
    });
    expect(chooseRetryAfterSeconds(info)).toBe(20);
  });

  it('reads token policy names and a missing remaining (B.3.1)', () => {
    expect(parseAt({ 'RateLimit-Policy': 'quota;q=100;w=1', RateLimit: 'quota;t=1' })).toMatchObject({
      limit: 100,
      resetSeconds: 1,
      windowSeconds: 1,
      policyName: 'quota',
    });
    const windowless = parseAt({ 'RateLimit-Policy': 'quota;q=10', RateLimit: 'quota;t=1' });
    expect(windowless).toMatchObject({ limit: 10, resetSeconds: 1 });
    expect(windowless.windowSeconds).toBeUndefined();
  });

  it('matches the policy named by RateLimit among several (B.3.2)', () => {
    const info = parseAt({
      'RateLimit-Policy': '"hour";q=1000;w=3600, "day";q=5000;w=86400',
      RateLimit: '"day";r=100;t=36000',
    });
    expect(info).toMatchObject({
      limit: 5000,
      remaining: 100,
      resetSeconds: 36000,
      windowSeconds: 86400,
      policyName: 'day',
    });
  });

  it('combines RateLimit-Policy split over two fields (FAQ), as Headers and as undici arrays', () => {
    const headers = new Headers();
    headers.append('RateLimit-Policy', '"sliding";q=100;w=60;burst=1000');
    headers.append('RateLimit-Policy', '"fixed";q=5000;w=3600;burst=0');
    headers.append('RateLimit', '"sliding";r=50;t=44');
    const expected = { limit: 100, remaining: 50, resetSeconds: 44, windowSeconds: 60 };
    expect(parseAt(headers)).toMatchObject(expected);
    expect(
      parseAt({
        'ratelimit-policy': ['"sliding";q=100;w=60;burst=1000', '"fixed";q=5000;w=3600;burst=0'],
        ratelimit: '"sliding";r=50;t=44',
      }),
    ).toMatchObject(expected);
  });

  it('reads the resource-exhaustion example literally (r=10000 against q=10000 per 1000 s)', () => {
    const info = parseAt({ 'RateLimit-Policy': '"somepolicy";q=10000;w=1000', RateLimit: '"somepolicy";r=10000;t=10' });
    expect(info).toMatchObject({ limit: 10000, remaining: 10000, resetSeconds: 10, windowSeconds: 1000 });
  });

  it('chooses the most restrictive of several service limits (fewest left, then longest reset)', () => {
    expect(parseAt({ RateLimit: '"hour";r=10;t=100, "day";r=0;t=3600' })).toMatchObject({
      remaining: 0,
      resetSeconds: 3600,
      policyName: 'day',
    });
    expect(parseAt({ RateLimit: '"a";r=0;t=5, "b";r=0;t=50' })).toMatchObject({ remaining: 0, resetSeconds: 50 });
  });

  it('leaves limit out when RateLimit names a policy that is not there', () => {
    const info = parseAt({ 'RateLimit-Policy': '"hour";q=1000;w=3600', RateLimit: '"day";r=100;t=36000' });
    // The policy in effect is the one RateLimit names, even though RateLimit-Policy does not describe it.
    expect(info).toMatchObject({ remaining: 100, resetSeconds: 36000, policyName: 'day' });
    expect(info.limit).toBeUndefined();
    expect(info.windowSeconds).toBeUndefined();
  });
});

describe('Retry-After and retry-after-ms', () => {
  it('reads delta seconds', () => {
    expect(parseAt({ 'retry-after': '120' })).toEqual({ retryAfterSeconds: 120 });
  });

  it.each([
    ['IMF-fixdate', 'Mon, 05 Aug 2019 09:27:30 GMT'],
    ['RFC 850', 'Monday, 05-Aug-19 09:27:30 GMT'],
    ['asctime', 'Mon Aug  5 09:27:30 2019'],
  ])('reads an HTTP-date in %s form relative to now', (_form, value) => {
    expect(parseAt({ 'retry-after': value })).toEqual({ retryAfterSeconds: 30 });
  });

  it('reads a date in the past as "now"', () => {
    expect(parseAt({ 'retry-after': 'Mon, 05 Aug 2019 09:26:00 GMT' })).toEqual({ retryAfterSeconds: 0 });
  });

  it('prefers retry-after-ms over Retry-After', () => {
    expect(parseAt({ 'retry-after-ms': '644', 'retry-after': '1' })).toEqual({ retryAfterSeconds: 0.644 });
  });

  it('falls back to Retry-After when retry-after-ms is garbage', () => {
    expect(parseAt({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toEqual({ retryAfterSeconds: 2 });
  });

  it('refuses date-like text that is not an HTTP-date', () => {
    for (const value of [
      '1 apple',
      'tomorrow',
      '2019-08-05T09:27:30Z',
      'Mon, 31 Feb 2019 09:27:30 GMT',
      'Mon, 05 Aug 2019 25:00:00 GMT',
    ]) {
      expect(parseAt({ 'retry-after': value })).toEqual({});
    }
  });

  it('parses HTTP-dates strictly', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', DRAFT_NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
    expect(parseHttpDate('sun, 06 nov 1994 08:49:37 gmt')).toBeUndefined();
  });
});

describe("OpenAI's x-ratelimit-* (openai-endpoints.md)", () => {
  const openAiHeaders = OPENAI_RATE_LIMIT_HEADERS;

  it('reads both dimensions with Go durations', () => {
    expect(parseAt(openAiHeaders)).toEqual({
      upstream: {
        requests: { limit: 60, remaining: 59, resetSeconds: 1 },
        tokens: { limit: 150000, remaining: 149984, resetSeconds: 360 },
      },
    });
  });

  it('reads them alongside Truto normalised headers', () => {
    const info = parseAt({
      ...openAiHeaders,
      'ratelimit-limit': '60;w=60',
      'ratelimit-remaining': '59',
      'ratelimit-reset': '1',
    });
    expect(info).toMatchObject({ limit: 60, remaining: 59, resetSeconds: 1, windowSeconds: 60 });
    expect(info.upstream?.tokens?.resetSeconds).toBe(360);
  });

  it.each([
    ['1s', 1],
    ['6m0s', 360],
    ['20ms', 0.02],
    ['12ms', 0.012],
    ['1m29.76s', 89.76],
    ['1h2m3.5s', 3723.5],
    ['0', 0],
    ['0s', 0],
    ['.5s', 0.5],
    ['1.5h', 5400],
    ['250us', 0.00025],
    ['250µs', 0.00025],
    ['100ns', 1e-7],
    [' 7s ', 7],
    ['+2s', 2],
  ])('parses the Go duration %s as %d seconds', (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 12);
  });

  it('gives 1m29.76s exactly (integer nanoseconds, like Go)', () => {
    expect(parseGoDuration('1m29.76s')).toBe(89.76);
  });

  it.each(['', 's', '1', '-1s', '1x', '1s2', '1 s', '.s', 'NaN', '1e3s', '1s,2s', '9999999999h'])(
    'refuses "%s"',
    (text) => {
      expect(parseGoDuration(text)).toBeUndefined();
    },
  );

  it('reads a bare number of seconds in a reset', () => {
    expect(parseAt({ 'x-ratelimit-reset-requests': '20' }).upstream).toEqual({ requests: { resetSeconds: 20 } });
  });
});

describe('chooseRetryAfterSeconds precedence', () => {
  it('is Retry-After > RateLimit reset > upstream reset', () => {
    const upstream = { requests: { remaining: 0, resetSeconds: 2 } };
    expect(chooseRetryAfterSeconds({ retryAfterSeconds: 9, resetSeconds: 5, upstream })).toBe(9);
    expect(chooseRetryAfterSeconds({ resetSeconds: 5, upstream })).toBe(5);
    expect(chooseRetryAfterSeconds({ upstream })).toBe(2);
    expect(chooseRetryAfterSeconds({})).toBeUndefined();
    expect(chooseRetryAfterSeconds({ limit: 10, remaining: 0 })).toBeUndefined();
  });

  it('keeps a Retry-After of 0', () => {
    expect(chooseRetryAfterSeconds({ retryAfterSeconds: 0, resetSeconds: 5 })).toBe(0);
  });

  it('waits for the exhausted upstream dimension first', () => {
    const info: RateLimitInfo = {
      upstream: {
        requests: { limit: 60, remaining: 0, resetSeconds: 1 },
        tokens: { limit: 150000, remaining: 1000, resetSeconds: 360 },
      },
    };
    expect(chooseRetryAfterSeconds(info)).toBe(1);
  });

  it('waits for the dimension with the smallest share left when none is exhausted', () => {
    const info: RateLimitInfo = {
      upstream: {
        requests: { limit: 60, remaining: 59, resetSeconds: 1 },
        tokens: { limit: 30000, remaining: 63, resetSeconds: 0.644 },
      },
    };
    expect(chooseRetryAfterSeconds(info)).toBe(0.644);
  });

  it('waits for the longest reset when shares are unknown or equal', () => {
    expect(
      chooseRetryAfterSeconds({ upstream: { requests: { resetSeconds: 1 }, tokens: { resetSeconds: 360 } } }),
    ).toBe(360);
    expect(
      chooseRetryAfterSeconds({
        upstream: { requests: { remaining: 0, resetSeconds: 1 }, tokens: { remaining: 0, resetSeconds: 7 } },
      }),
    ).toBe(7);
  });

  it('uses a RateLimitInfo parsed from an OpenAI 429 end to end', () => {
    const info = parseAt({
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '1m29.76s',
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
    });
    expect(chooseRetryAfterSeconds(info)).toBe(89.76);
  });
});

describe('reset epochs', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);

  it('reads a reset past the 2024 threshold as an epoch when it is later than now', () => {
    const info = parseAt({ 'ratelimit-reset': String(now / 1000 + 30) }, now);
    expect(info).toEqual({ resetSeconds: 30, resetAt: new Date(now + 30_000) });
  });

  it('reads a past epoch as "already reset"', () => {
    expect(parseAt({ 'ratelimit-reset': String(EPOCH_RESET_THRESHOLD_SECONDS + 5) }, now).resetSeconds).toBe(0);
  });

  it('keeps large-but-plausible delays as delays', () => {
    expect(parseAt({ 'ratelimit-reset': '86400' }, now).resetSeconds).toBe(86400);
    expect(parseAt({ 'ratelimit-reset': String(EPOCH_RESET_THRESHOLD_SECONDS - 1) }, now).resetSeconds).toBe(
      EPOCH_RESET_THRESHOLD_SECONDS - 1,
    );
  });

  it('never reads Retry-After as an epoch', () => {
    expect(parseAt({ 'retry-after': String(now / 1000 + 30) }, now).retryAfterSeconds).toBe(now / 1000 + 30);
  });
});

describe('header containers', () => {
  const expected = { limit: 110, remaining: 109, resetSeconds: 60, windowSeconds: 10 };

  it('accepts a Headers', () => {
    const headers = new Headers({
      'RateLimit-Limit': '110;w=10',
      'RateLimit-Remaining': '109',
      'RateLimit-Reset': '60',
    });
    expect(parseAt(headers)).toMatchObject(expected);
  });

  it("accepts undici's lower-case object with string[] values", () => {
    expect(
      parseAt({
        'ratelimit-limit': ['110;w=10'],
        'ratelimit-remaining': '109',
        'ratelimit-reset': '60',
        'set-cookie': ['a=1', 'b=2'],
      }),
    ).toMatchObject(expected);
  });

  it('accepts pairs and a Map', () => {
    const pairs: Array<[string, string]> = [
      ['RateLimit-Limit', '110;w=10'],
      ['RateLimit-Remaining', '109'],
      ['RateLimit-Reset', '60'],
    ];
    expect(parseAt(pairs)).toMatchObject(expected);
    expect(parseAt(new Map(pairs))).toMatchObject(expected);
  });

  it('returns {} when no rate-limit header is present', () => {
    expect(parseAt({ 'content-type': 'application/json', 'x-request-id': 'abc', 'retry-afterwards': '5' })).toEqual({});
    expect(parseAt(new Headers())).toEqual({});
    expect(parseAt([])).toEqual({});
  });

  it('uses Date.now() when no clock is given', () => {
    const before = Date.now();
    const info = parseRateLimitHeaders({ 'ratelimit-reset': '10' });
    expect(info.resetAt!.getTime()).toBeGreaterThanOrEqual(before + 10_000);
  });
});

describe('garbage never throws and never invents numbers', () => {
  it.each([
    [
      'negative',
      { 'ratelimit-limit': '-1', 'ratelimit-remaining': '-5', 'ratelimit-reset': '-10', 'retry-after': '-3' },
    ],
    [
      'NaN and words',
      { 'ratelimit-limit': 'NaN', 'ratelimit-remaining': 'lots', 'ratelimit-reset': 'soon', 'retry-after': 'later' },
    ],
    [
      'huge',
      {
        'ratelimit-remaining': '99999999999999999999',
        'retry-after': '1e400',
        'x-ratelimit-reset-tokens': '99999999999h',
      },
    ],
    ['Infinity', { 'ratelimit-remaining': 'Infinity', 'retry-after-ms': 'Infinity', 'x-ratelimit-limit-tokens': '∞' }],
    ['empty', { 'ratelimit-limit': '', ratelimit: '', 'ratelimit-policy': '', 'retry-after': '' }],
    ['structured-field syntax errors', { ratelimit: '"default;r=50', 'ratelimit-policy': '"default";q=;w=10' }],
    [
      'wrong structured types',
      { ratelimit: '"default";r="fifty";t=?1', 'ratelimit-policy': '"default";q=:AAA=:;w=-10' },
    ],
    ['inner lists', { ratelimit: '("a" "b");r=1', 'ratelimit-policy': '(1 2);w=3' }],
    ['dictionary with wrong values', { ratelimit: 'limit="100", remaining=?0, reset=(1 2)' }],
  ])('%s', (_name, headers) => {
    expect(parseAt(headers as Record<string, string>)).toEqual({});
  });

  it('drops conflicting copies of a single-value field but keeps agreeing ones', () => {
    expect(parseAt({ 'ratelimit-remaining': ['5', '7'] })).toEqual({});
    expect(parseAt({ 'RateLimit-Remaining': '5', 'ratelimit-remaining': '7' })).toEqual({});
    expect(parseAt({ 'ratelimit-remaining': ['5', '5'] })).toEqual({ remaining: 5 });
    expect(parseAt({ 'retry-after': ['5', '9'] })).toEqual({});
    expect(parseAt({ 'retry-after': ['5', '5'] })).toEqual({ retryAfterSeconds: 5 });
    expect(parseAt({ 'ratelimit-limit': '100, 50' })).toEqual({});
  });

  it('ignores values of the wrong type', () => {
    const headers = {
      'ratelimit-limit': { nested: 1 },
      'ratelimit-remaining': null,
      'ratelimit-reset': true,
      'retry-after': [{}, null],
      'retry-after-ms': Number.NaN,
    } as unknown as Record<string, string>;
    expect(parseAt(headers)).toEqual({});
    expect(parseAt({ 'retry-after': 5 } as unknown as Record<string, string>)).toEqual({ retryAfterSeconds: 5 });
  });

  it('survives hostile containers', () => {
    const throwing = {
      get 'ratelimit-reset'(): string {
        throw new Error('boom');
      },
    };
    expect(parseAt(throwing)).toEqual({});
    const badIterator = {
      *[Symbol.iterator]() {
        yield ['ratelimit-reset', '5'];
        throw new Error('boom');
      },
    } as unknown as Iterable<[string, string]>;
    expect(parseAt(badIterator)).toEqual({});
    for (const value of [null, undefined, 42, 'ratelimit-reset: 5', Symbol('x')]) {
      expect(parseRateLimitHeaders(value as unknown as Headers)).toEqual({});
    }
    expect(parseRateLimitHeaders({ 'ratelimit-reset': '5' }, { now: Number.NaN }).resetSeconds).toBe(5);
    expect(parseRateLimitHeaders({ 'ratelimit-reset': '5' }, { now: new Date(Number.NaN) }).resetSeconds).toBe(5);
  });

  it('omits resetAt when the date would be out of range', () => {
    const info = parseAt({ 'ratelimit-reset': '999999999999999' }, Date.UTC(2025, 0, 1));
    expect(info.resetSeconds).toBeGreaterThan(0);
    expect(info.resetAt).toBeUndefined();
  });
});

describe('fractional retry-after-ms', () => {
  it('keeps every digit it was given (a counterexample the property test once found)', () => {
    expect(parseRateLimitHeaders({ 'retry-after-ms': '3732785.187655343' })).toEqual({
      retryAfterSeconds: 3732.785187655343,
    });
  });
});

describe('property: arbitrary headers', () => {
  const names = [
    'ratelimit',
    'RateLimit',
    'ratelimit-policy',
    'ratelimit-limit',
    'RateLimit-Remaining',
    'ratelimit-reset',
    'retry-after',
    'retry-after-ms',
    'x-ratelimit-limit-requests',
    'x-ratelimit-remaining-tokens',
    'x-ratelimit-reset-requests',
    'x-ratelimit-reset-tokens',
    'content-type',
  ];
  const fragment = fc.oneof(
    fc.string(),
    fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
    fc.double({ noNaN: false }).map(String),
    fc.constantFrom(
      '1s',
      '6m0s',
      '1m29.76s',
      '20ms',
      '110;w=10',
      '"default";r=50;t=30',
      'limit=1, remaining=0, reset=5',
    ),
    fc.constantFrom(
      '"p";q=100;w=10',
      'Mon, 05 Aug 2019 09:27:05 GMT',
      '10, 10;w=1',
      'quota;t=1',
      '"a";r=0;t=5, "b";r=1',
    ),
  );
  const value = fc.oneof(fragment, fc.array(fragment, { maxLength: 3 }), fc.constant(undefined));
  const headerObject = fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string()), value, { maxKeys: 8 });

  it('never throws, and every number comes from the input', () => {
    fc.assert(
      fc.property(headerObject, fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }), (headers, now) => {
        const info = parseRateLimitHeaders(headers, { now });
        const texts = Object.values(headers).flatMap((entry) => (entry === undefined ? [] : [entry].flat()));
        const numbers = new Set(
          texts.flatMap((text) => (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number)).filter(Number.isFinite),
        );
        const nowSeconds = now / 1000;
        const fromInput = (n: number) => numbers.has(n);
        const asReset = (n: number) =>
          fromInput(n) ||
          n === 0 ||
          [...numbers].some((m) => Math.abs(m - nowSeconds - n) < 1e-6) ||
          texts.some((text) => text.split(',').some((part) => parseGoDuration(part) === n));
        const asRetryAfter = (n: number) =>
          fromInput(n) ||
          // retry-after-ms: the seconds times 1000 is an input number, up to floating-point rounding.
          [...numbers].some((m) => Math.abs(m / 1000 - n) <= 1e-12 * Math.max(1, m)) ||
          n === 0 ||
          texts.some((text) => parseHttpDate(text.trim()) !== undefined);
        const check = (n: number | undefined, allowed: (n: number) => boolean) => {
          if (n === undefined) return;
          expect(Number.isFinite(n) && n >= 0).toBe(true);
          expect(allowed(n)).toBe(true);
        };
        check(info.limit, fromInput);
        check(info.remaining, fromInput);
        check(info.windowSeconds, fromInput);
        check(info.resetSeconds, asReset);
        check(info.retryAfterSeconds, asRetryAfter);
        for (const dimension of [info.upstream?.requests, info.upstream?.tokens]) {
          check(dimension?.limit, fromInput);
          check(dimension?.remaining, fromInput);
          check(dimension?.resetSeconds, asReset);
        }
        // A Date holds whole milliseconds (the constructor truncates).
        if (info.resetAt !== undefined)
          expect(info.resetAt.getTime()).toBe(Math.trunc(now + info.resetSeconds! * 1000));
        if (info.upstream !== undefined) expect(Object.keys(info.upstream).length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary pairs and Headers-like input', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string()), fc.string())), (pairs) => {
        const info = parseRateLimitHeaders(pairs);
        expect(typeof info).toBe('object');
      }),
    );
  });
});

describe('policyName: the policy in effect', () => {
  it('is absent in the numeric dialects, whose policies have no names', () => {
    expect(parseAt({ 'RateLimit-Limit': '110;w=10', 'RateLimit-Remaining': '3' }).policyName).toBeUndefined();
    expect(parseAt({ RateLimit: 'limit=100, remaining=50, reset=5' }).policyName).toBeUndefined();
    expect(parseAt({ 'RateLimit-Policy': '10;w=1, 50;w=60' }).policyName).toBeUndefined();
  });

  it('names the binding service limit, not the first one', () => {
    const info = parseAt({
      'RateLimit-Policy': '"sliding";q=100;w=60, "fixed";q=5000;w=3600',
      RateLimit: '"sliding";r=50;t=44, "fixed";r=0;t=1800',
    });
    expect(info).toMatchObject({ policyName: 'fixed', limit: 5000, remaining: 0, resetSeconds: 1800 });
  });

  it('reads a token key as well as a string key', () => {
    expect(parseAt({ RateLimit: 'perminute;r=0;t=12' }).policyName).toBe('perminute');
  });

  it('names the named policy that fills in the limit of a legacy triple', () => {
    const info = parseAt({ 'RateLimit-Remaining': '4', 'RateLimit-Policy': '"burst";q=5;w=1, "daily";q=1000;w=86400' });
    expect(info).toMatchObject({ remaining: 4, limit: 1000, windowSeconds: 86400, policyName: 'daily' });
  });
});
