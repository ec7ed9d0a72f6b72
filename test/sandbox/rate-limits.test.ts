import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseDictionary, parseItem, parseList } from 'structured-headers';
import { type RateLimitDialect, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGoDuration } from '../../src/sandbox/go-duration';
import { call, proxyUrl, toolsUrl } from './helpers';

const run = promisify(execFile);
const RATE_LIMIT_HEADER = /^(ratelimit|ratelimit-.*)$/i;

function rateLimitHeaderNames(headers: Headers): string[] {
  const names: string[] = [];
  headers.forEach((_, name) => {
    if (RATE_LIMIT_HEADER.test(name)) names.push(name);
  });
  return names.sort();
}

describe('rate-limit header dialects', () => {
  const sandboxes = new Map<RateLimitDialect, Sandbox>();
  beforeAll(async () => {
    for (const dialect of ['truto', 'draft-06', 'draft-07', 'draft-10', 'none'] as const) {
      sandboxes.set(dialect, await startSandbox({ rateLimitDialect: dialect }));
    }
  });
  afterAll(() => Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close())));

  async function headersOf(dialect: RateLimitDialect) {
    const sandbox = sandboxes.get(dialect)!;
    const tools = (await call(sandbox, toolsUrl(sandbox))).headers;
    const proxy = (await call(sandbox, proxyUrl(sandbox, 'models'))).headers;
    return { tools, proxy };
  }

  it('truto (default): ratelimit-limit "50;w=10", ratelimit-remaining, ratelimit-reset in seconds', async () => {
    for (const headers of Object.values(await headersOf('truto'))) {
      expect(rateLimitHeaderNames(headers)).toEqual(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']);
      expect(headers.get('ratelimit-limit')).toBe('50;w=10');
      expect(headers.get('ratelimit-remaining')).toBe('49');
      const reset = Number(headers.get('ratelimit-reset'));
      expect(Number.isInteger(reset) && reset >= 1 && reset <= 10).toBe(true);
    }
  });

  it('draft-06: RateLimit-Limit/-Remaining/-Reset as plain numbers plus RateLimit-Policy', async () => {
    const { proxy } = await headersOf('draft-06');
    expect(rateLimitHeaderNames(proxy)).toEqual([
      'ratelimit-limit',
      'ratelimit-policy',
      'ratelimit-remaining',
      'ratelimit-reset',
    ]);
    expect(proxy.get('ratelimit-limit')).toBe('50');
    expect(proxy.get('ratelimit-policy')).toBe('50;w=10');
    expect(proxy.get('ratelimit-remaining')).toBe('49');
    expect(parseItem(proxy.get('ratelimit-policy')!)[1].get('w')).toBe(10);
  });

  it('draft-07: one RateLimit dictionary plus RateLimit-Policy', async () => {
    const { tools } = await headersOf('draft-07');
    expect(rateLimitHeaderNames(tools)).toEqual(['ratelimit', 'ratelimit-policy']);
    const dictionary = parseDictionary(tools.get('ratelimit')!);
    expect(dictionary.get('limit')?.[0]).toBe(50);
    expect(dictionary.get('remaining')?.[0]).toBe(49);
    expect(dictionary.get('reset')?.[0]).toBeGreaterThan(0);
    expect(tools.get('ratelimit-policy')).toBe('50;w=10');
  });

  it('draft-10: RFC 9651 lists with a named policy, q/w and r/t parameters', async () => {
    const { proxy } = await headersOf('draft-10');
    expect(rateLimitHeaderNames(proxy)).toEqual(['ratelimit', 'ratelimit-policy']);
    const [policy] = parseList(proxy.get('ratelimit-policy')!);
    expect(policy![0]).toBe('account');
    expect(Object.fromEntries(policy![1])).toEqual({ q: 50, w: 10 });
    const [state] = parseList(proxy.get('ratelimit')!);
    expect(state![0]).toBe('account');
    expect(state![1].get('r')).toBe(49);
    expect(state![1].get('t')).toBeGreaterThan(0);
  });

  it('none: no IETF headers at all, while OpenAI’s own headers still pass through', async () => {
    const { tools, proxy } = await headersOf('none');
    expect(rateLimitHeaderNames(tools)).toEqual([]);
    expect(rateLimitHeaderNames(proxy)).toEqual([]);
    expect(proxy.get('x-ratelimit-limit-requests')).toBeTruthy();
  });

  it('adds OpenAI’s x-ratelimit-* (Go durations) and x-request-id to proxied answers only', async () => {
    const { tools, proxy } = await headersOf('truto');
    expect(proxy.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(proxy.get('x-ratelimit-remaining-requests')).toBe('9999');
    expect(proxy.get('x-ratelimit-reset-requests')).toBe('6ms');
    expect(proxy.get('x-ratelimit-limit-tokens')).toBe('2000000');
    expect(Number(proxy.get('x-ratelimit-remaining-tokens'))).toBeLessThan(2_000_000);
    expect(proxy.get('x-ratelimit-reset-tokens')).toMatch(/^(\d+ms|(\d+h)?(\d+m)?\d+(\.\d+)?s)$/);
    expect(proxy.get('x-request-id')).toMatch(/^req_[0-9a-f]+$/);
    expect(tools.get('x-ratelimit-limit-requests')).toBeNull();
    const quiet = await startSandbox({ upstreamRateLimitHeaders: false });
    try {
      const headers = (await call(quiet, proxyUrl(quiet, 'models'))).headers;
      expect(headers.get('x-ratelimit-limit-requests')).toBeNull();
      expect(headers.get('ratelimit-limit')).toBe('50;w=10');
    } finally {
      await quiet.close();
    }
  });

  it('formats durations the way Go prints them', () => {
    expect(formatGoDuration(12)).toBe('12ms');
    expect(formatGoDuration(1000)).toBe('1s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(360_000)).toBe('6m0s');
    expect(formatGoDuration(89_760)).toBe('1m29.76s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(0)).toBe('0s');
  });
});

describe('accountLimit: a fixed window per integrated account', () => {
  it('lets N requests through, then answers Truto’s 429 with Retry-After until the window ends', async () => {
    let now = Date.parse('2026-11-25T12:00:00Z');
    const sandbox = await startSandbox({ accountLimit: { requests: 3, windowSeconds: 10 }, clock: () => now });
    try {
      const first = await call(sandbox, toolsUrl(sandbox));
      expect(first.headers.get('ratelimit-limit')).toBe('3;w=10');
      expect(first.headers.get('ratelimit-remaining')).toBe('2');
      expect(first.headers.get('ratelimit-reset')).toBe('10');
      now += 4_000;
      expect((await call(sandbox, proxyUrl(sandbox, 'models'))).headers.get('ratelimit-remaining')).toBe('1');
      expect((await call(sandbox, proxyUrl(sandbox, 'models'))).headers.get('ratelimit-remaining')).toBe('0');
      const refused = await call(sandbox, proxyUrl(sandbox, 'models'));
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect(refused.body.truto_is_remote_error).toBeUndefined();
      expect(refused.headers.get('retry-after')).toBe('6');
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(refused.headers.get('ratelimit-reset')).toBe('6');
      now += 6_000;
      const again = await call(sandbox, proxyUrl(sandbox, 'models'));
      expect(again.status).toBe(200);
      expect(again.headers.get('ratelimit-remaining')).toBe('2');
    } finally {
      await sandbox.close();
    }
  });

  it('writes the 429’s headers in the configured dialect', async () => {
    const sandbox = await startSandbox({
      accountLimit: { requests: 1, windowSeconds: 60 },
      rateLimitDialect: 'draft-10',
    });
    try {
      await call(sandbox, toolsUrl(sandbox));
      const refused = await call(sandbox, toolsUrl(sandbox));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-policy')).toBe('"account";q=1;w=60');
      expect(refused.headers.get('ratelimit')).toMatch(/^"account";r=0;t=\d+$/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });

  it('counts concurrent requests exactly', async () => {
    const sandbox = await startSandbox({ accountLimit: { requests: 10, windowSeconds: 300 } });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 30 }, () => call(sandbox, proxyUrl(sandbox, 'projects')).then((answer) => answer.status)),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    } finally {
      await sandbox.close();
    }
  });

  it('is shared by several client processes', async () => {
    const sandbox = await startSandbox({ accountLimit: { requests: 10, windowSeconds: 300 } });
    const client = `
      const [url, key, count] = process.argv.slice(1);
      const statuses = await Promise.all(Array.from({ length: Number(count) }, () =>
        fetch(url, { headers: { authorization: 'Bearer ' + key } }).then(async (answer) => { await answer.arrayBuffer(); return answer.status; })));
      console.log(JSON.stringify(statuses));
    `;
    try {
      const children = await Promise.all(
        [1, 2, 3].map(() =>
          run(
            process.execPath,
            ['--input-type=module', '-e', client, proxyUrl(sandbox, 'models'), sandbox.apiKey, '8'],
            { timeout: 60_000 },
          ),
        ),
      );
      const statuses = children.flatMap((child) => JSON.parse(child.stdout) as number[]);
      expect(statuses).toHaveLength(24);
      expect(statuses.filter((status) => status === 200)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(14);
    } finally {
      await sandbox.close();
    }
  });
});
