/**
 * `parseRateLimitHeaders` runs on every answer, so it must cost a few microseconds at most, and next to nothing when
 * the answer carries no rate-limit header. Baseline: copying the same header object into a plain lower-cased one
 * (what the HTTP client does anyway), measured in the same run.
 */
import { parseRateLimitHeaders } from '../src/http/rate-limit-headers.js';
import { OPENAI_RATE_LIMIT_HEADERS } from '../test/fixtures/openai-rate-limit-headers.js';
import { type BenchSection, formatNumber, measureOps, ratio } from './lib.js';

const common = {
  'content-type': 'application/json; charset=utf-8',
  date: 'Tue, 01 Jul 2025 10:00:00 GMT',
  'x-request-id': '9f0c1e7a-2f4b-4c36-9d3e-1b5f0a3c7e21',
  'cache-control': 'no-store',
  'content-length': '1834',
  connection: 'keep-alive',
  vary: 'Accept-Encoding',
};

const cases: Array<{ name: string; headers: Record<string, string> }> = [
  {
    name: 'Truto answer (ratelimit-limit: 110;w=10 + remaining + reset)',
    headers: { ...common, 'ratelimit-limit': '110;w=10', 'ratelimit-remaining': '109', 'ratelimit-reset': '60' },
  },
  {
    name: 'OpenAI x-ratelimit-* set (6 headers, Go durations)',
    headers: {
      ...common,
      ...OPENAI_RATE_LIMIT_HEADERS,
    },
  },
  {
    name: 'draft-10 structured (RateLimit-Policy + RateLimit)',
    headers: {
      ...common,
      'ratelimit-policy': '"hour";q=1000;w=3600, "day";q=5000;w=86400',
      ratelimit: '"day";r=100;t=36000',
    },
  },
  { name: 'no rate-limit headers', headers: { ...common } },
];

function copyLowerCased(headers: Record<string, string>): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const name of Object.keys(headers)) copy[name.toLowerCase()] = headers[name]!;
  return copy;
}

export default async function rateLimitBench(): Promise<BenchSection> {
  const now = Date.UTC(2025, 6, 1, 10, 0, 0);
  const baseline = measureOps(() => copyLowerCased(cases[0]!.headers));
  const rows = [];
  const targets = [];
  for (const { name, headers } of cases) {
    const result = measureOps(() => parseRateLimitHeaders(headers, { now }));
    rows.push({
      case: name,
      'ops/s': formatNumber(result.opsPerSecond),
      'µs/parse': result.medianMicros.toFixed(2),
      'vs header copy': ratio(result.medianMicros, baseline.medianMicros),
    });
    const limitMicros = name === 'no rate-limit headers' ? 1 : 5;
    targets.push({
      name: `${name} under ${limitMicros} µs`,
      value: `${result.medianMicros.toFixed(2)} µs`,
      met: result.medianMicros < limitMicros,
    });
  }
  rows.push({
    case: 'baseline: lower-cased copy of the Truto answer headers',
    'ops/s': formatNumber(baseline.opsPerSecond),
    'µs/parse': baseline.medianMicros.toFixed(2),
    'vs header copy': '1.00×',
  });
  return {
    title: 'parseRateLimitHeaders (src/http/rate-limit-headers.ts)',
    rows,
    targets,
    notes: ['Plain objects with 7 ordinary headers around the rate-limit ones, as undici hands them over.'],
  };
}
