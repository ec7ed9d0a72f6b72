import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_HUGE_BYTES, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorization, call, proxyUrl, toolsUrl } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const projects = () => call(sandbox, proxyUrl(sandbox, 'projects'));

/** Waits (without asserting on time) until the sandbox has seen `count` requests. */
async function seen(target: Sandbox, count: number): Promise<void> {
  while (target.requests.length < count) await sleep(5);
}

describe('failNext presets', () => {
  it('{ status: 429 } is Truto’s 429 with Retry-After and rate-limit headers, once', async () => {
    sandbox.failNext(1, { status: 429 });
    const refused = await projects();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.truto_is_remote_error).toBeUndefined();
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(refused.headers.get('ratelimit-limit')).toBe('50;w=10');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toBe('10');
    expect((await projects()).status).toBe(200);
    expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it('{ status: 429, upstream: "openai" } is OpenAI’s rate_limit_exceeded passed through Truto', async () => {
    sandbox.failNext(1, { status: 429, upstream: 'openai' });
    const refused = await projects();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      truto_is_remote_error: true,
      raw_response: { error: { type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    expect(refused.body.message).toMatch(/^Rate limit reached for gpt-4o .* Please try again in 120ms/);
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('500');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset-requests')).toBe('120ms');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('ratelimit-limit')).toBe('500;w=60');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('OpenAI’s insufficient_quota 429 comes without Retry-After', async () => {
    sandbox.failNext(1, { status: 429, upstream: 'openai', code: 'insufficient_quota' });
    const refused = await projects();
    expect(refused.body.raw_response.error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
    expect(refused.headers.get('retry-after')).toBeNull();
  });

  it('other statuses get Truto’s or OpenAI’s body; a count fails that many answers', async () => {
    sandbox.failNext(2, { status: 500 });
    sandbox.failNext(1, { status: 503 });
    sandbox.failNext(1, { status: 502, upstream: 'openai' });
    const answers = [await projects(), await projects(), await projects(), await projects(), await projects()];
    expect(answers.map((answer) => answer.status)).toEqual([500, 500, 503, 502, 200]);
    expect(answers[0]!.body).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
    expect(answers[2]!.body.message).toMatch(/blocked/);
    expect(answers[3]!.body).toMatchObject({
      truto_is_remote_error: true,
      raw_response: { error: { type: 'server_error' } },
    });
  });

  it('a custom body and headers replace the preset’s', async () => {
    sandbox.failNext(1, {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'start_time must be an integer' },
      headers: { 'x-custom': 'yes' },
    });
    const refused = await projects();
    expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'start_time must be an integer' });
    expect(refused.headers.get('x-custom')).toBe('yes');
    sandbox.failNext(1, { status: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } });
    const html = await fetch(proxyUrl(sandbox, 'projects'), { headers: authorization(sandbox) });
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(await html.text()).toBe('<html>Bad gateway</html>');
  });

  it('delayMs alone slows an answer down without failing it', async () => {
    sandbox.failNext(1, { delayMs: 20 });
    const answer = await projects();
    expect(answer.status).toBe(200);
    expect(answer.body.result.length).toBeGreaterThan(0);
  });

  it('scope picks which answers fail: proxy (default), tools or all', async () => {
    sandbox.failNext(1, { status: 500 });
    expect((await call(sandbox, toolsUrl(sandbox))).status).toBe(200);
    expect((await projects()).status).toBe(500);
    sandbox.failNext(1, { status: 503, scope: 'tools' });
    expect((await projects()).status).toBe(200);
    expect((await call(sandbox, toolsUrl(sandbox))).status).toBe(503);
    sandbox.failNext(2, { status: 500, scope: 'all' });
    expect((await call(sandbox, toolsUrl(sandbox))).status).toBe(500);
    expect((await projects()).status).toBe(500);
    expect((await projects()).status).toBe(200);
  });

  it('refuses nonsense with a TypeError', () => {
    expect(() => sandbox.failNext(0, { status: 500 })).toThrow(TypeError);
    expect(() => sandbox.failNext(1, {})).toThrow(TypeError);
    expect(() => sandbox.failNext(1, { fault: 'explode' as never })).toThrow(/Unknown fault/);
    expect(() => sandbox.failNext(1, { status: 99 })).toThrow(TypeError);
    expect(() => sandbox.failNext(1, { status: 500, scope: 'everything' as never })).toThrow(/scope/);
  });

  it('reset() forgets queued failures', async () => {
    sandbox.failNext(5, { status: 500 });
    sandbox.reset();
    expect((await projects()).status).toBe(200);
  });
});

describe('failNext network faults', () => {
  it('reset destroys the connection before any answer', async () => {
    sandbox.failNext(1, { fault: 'reset' });
    const error = await fetch(proxyUrl(sandbox, 'projects'), { headers: authorization(sandbox) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((await projects()).status).toBe(200);
  });

  it('truncate announces more bytes than it sends, then closes', async () => {
    sandbox.failNext(1, { fault: 'truncate' });
    const response = await fetch(proxyUrl(sandbox, 'projects'), { headers: authorization(sandbox) });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(100);
    await expect(response.text()).rejects.toThrow();
  });

  it('invalid-json answers 200 application/json with a body that does not parse', async () => {
    sandbox.failNext(1, { fault: 'invalid-json' });
    const response = await fetch(proxyUrl(sandbox, 'projects'), { headers: authorization(sandbox) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('huge streams a valid 50 MB JSON answer', async () => {
    sandbox.failNext(1, { fault: 'huge' });
    const response = await fetch(proxyUrl(sandbox, 'projects'), { headers: authorization(sandbox) });
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    expect(text.length).toBeGreaterThanOrEqual(DEFAULT_HUGE_BYTES);
    const parsed = JSON.parse(text);
    expect(parsed.result.length).toBeGreaterThan(50_000);
    expect(parsed.next_cursor).toBeNull();
  });

  it('huge can be smaller, and applies to the tools endpoint with scope tools', async () => {
    sandbox.failNext(1, { fault: 'huge', hugeBytes: 200_000, scope: 'tools' });
    const text = await (await fetch(toolsUrl(sandbox), { headers: authorization(sandbox) })).text();
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    expect(text.length).toBeLessThan(400_000);
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe('stalls and close()', () => {
  it('stall-headers never answers; close() cuts the connection and resolves', async () => {
    const stalled = await startSandbox();
    stalled.failNext(1, { fault: 'stall-headers' });
    const pending = fetch(proxyUrl(stalled, 'projects'), { headers: authorization(stalled) }).then(
      () => 'answered',
      () => 'failed',
    );
    await seen(stalled, 1);
    await stalled.close();
    expect(await pending).toBe('failed');
    expect(stalled.requests[0]!.status).toBeUndefined();
  });

  it('stall-body sends headers and part of the body, then nothing until close()', async () => {
    const stalled = await startSandbox();
    stalled.failNext(1, { fault: 'stall-body' });
    const response = await fetch(proxyUrl(stalled, 'projects'), { headers: authorization(stalled) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"result":\[/);
    const rest = reader.read().then(
      () => 'more',
      () => 'failed',
    );
    await stalled.close();
    expect(await rest).toBe('failed');
  });

  it('a pending delayed answer does not hold close()', async () => {
    const slow = await startSandbox();
    slow.failNext(1, { delayMs: 600_000 });
    const pending = fetch(proxyUrl(slow, 'projects'), { headers: authorization(slow) }).then(
      () => 'answered',
      () => 'failed',
    );
    await seen(slow, 1);
    await slow.close();
    expect(await pending).toBe('failed');
  });

  it('close() is idempotent and also drops idle keep-alive connections', async () => {
    const idle = await startSandbox();
    expect(idle.openConnections).toBe(0);
    expect((await call(idle, proxyUrl(idle, 'models'))).status).toBe(200);
    expect(idle.openConnections).toBeGreaterThanOrEqual(1);
    await Promise.all([idle.close(), idle.close()]);
    expect(idle.openConnections).toBe(0);
    await expect(fetch(proxyUrl(idle, 'models'))).rejects.toBeInstanceOf(TypeError);
  });
});
