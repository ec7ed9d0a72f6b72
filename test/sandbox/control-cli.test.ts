import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseAccountLimit, runSandboxCli, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/sandbox/run-cli';
import { call, proxyUrl, requestJson, toolsUrl } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ syntheticTools: 7, accountLimit: { requests: 1000, windowSeconds: 60 } });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const control = (path: string, options: { method?: string; body?: unknown } = {}) =>
  call(sandbox, `${sandbox.baseUrl}/__sandbox/${path}`, options);

describe('control endpoints', () => {
  it('health needs no key; everything else needs the sandbox key', async () => {
    expect((await requestJson(`${sandbox.baseUrl}/__sandbox/health`)).body).toEqual({ ok: true });
    for (const path of ['info', 'requests', 'reset', 'fail-next']) {
      const answer = await requestJson(`${sandbox.baseUrl}/__sandbox/${path}`, {
        method: path === 'info' || path === 'requests' ? 'GET' : 'POST',
      });
      expect(answer.status, path).toBe(401);
    }
  });

  it('info tells another process what it is talking to', async () => {
    const answer = await control('info');
    expect(answer.body).toMatchObject({
      baseUrl: sandbox.baseUrl,
      integratedAccountId: sandbox.integratedAccountId,
      toolCount: 20,
      pendingFailures: 0,
      options: { rateLimitDialect: 'truto', accountLimit: { requests: 1000, windowSeconds: 60 }, syntheticTools: 7 },
    });
    expect(JSON.stringify(answer.body)).not.toContain(sandbox.apiKey);
  });

  it('fail-next queues failures over HTTP, as { count, failure } or inline', async () => {
    const queued = await control('fail-next', {
      method: 'POST',
      body: { count: 2, failure: { status: 429, upstream: 'openai' } },
    });
    expect(queued.body).toEqual({ queued: 2, pending: 2 });
    await control('fail-next', { method: 'POST', body: { status: 503, scope: 'tools' } });
    expect((await call(sandbox, proxyUrl(sandbox, 'models'))).body.raw_response.error.code).toBe('rate_limit_exceeded');
    expect((await call(sandbox, proxyUrl(sandbox, 'models'))).status).toBe(429);
    expect((await call(sandbox, proxyUrl(sandbox, 'models'))).status).toBe(200);
    expect((await call(sandbox, toolsUrl(sandbox))).status).toBe(503);
    const bad = await control('fail-next', { method: 'POST', body: { failure: { fault: 'explode' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Unknown fault/);
    expect((await control('fail-next', { method: 'POST', body: '{oops' })).status).toBe(400);
    expect((await control('fail-next')).status).toBe(405);
  });

  it('requests lists what the sandbox received, newer than ?since=, and DELETE empties it', async () => {
    await call(sandbox, proxyUrl(sandbox, 'models'));
    await call(sandbox, proxyUrl(sandbox, 'projects', 'limit=1'));
    const all = await control('requests');
    expect(all.body.result.map((record: any) => record.path)).toEqual(['/proxy/models', '/proxy/projects']);
    expect(all.body.result[0].headers.authorization).toBe('Bearer [redacted]');
    const newer = await control(`requests?since=${all.body.result[0].id}`);
    expect(newer.body.result.map((record: any) => record.path)).toEqual(['/proxy/projects']);
    expect(newer.body.last_id).toBe(all.body.result[1].id);
    const emptied = await fetch(`${sandbox.baseUrl}/__sandbox/requests`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    });
    expect(emptied.status).toBe(204);
    expect((await control('requests')).body.result).toEqual([]);
  });

  it('reset forgets failures, requests, windows and writes', async () => {
    await call(sandbox, proxyUrl(sandbox, 'projects/archive'), { method: 'POST', body: { project_id: 'proj_12345' } });
    await control('fail-next', { method: 'POST', body: { count: 3, failure: { status: 500 } } });
    expect((await control('reset', { method: 'POST' })).body).toEqual({ reset: true });
    expect((await call(sandbox, proxyUrl(sandbox, 'projects/proj_12345'))).body.status).toBe('active');
    expect(sandbox.requests).toHaveLength(1);
    expect((await control('nothing-here')).status).toBe(404);
  });
});

describe('CLI', () => {
  it('parses every flag, including --account-limit forms', () => {
    const parsed = parseCliOptions([
      '--port=4010',
      '--host',
      '0.0.0.0',
      '--api-key',
      'k',
      '--account-id',
      'acct',
      '--rate-limit-dialect',
      'draft-07',
      '--account-limit',
      '50/10s',
      '--synthetic-tools',
      '1000',
      '--tools-envelope',
      'results',
      '--tools-page-size',
      '20',
      '--include-malformed-tool',
      '--json',
    ]);
    expect(parsed).toEqual({
      json: true,
      options: {
        port: 4010,
        host: '0.0.0.0',
        apiKey: 'k',
        integratedAccountId: 'acct',
        rateLimitDialect: 'draft-07',
        accountLimit: { requests: 50, windowSeconds: 10 },
        syntheticTools: 1000,
        toolsEnvelope: 'results',
        toolsPageSize: 20,
        includeMalformedTool: true,
      },
    });
    expect(parseAccountLimit('5/1')).toEqual({ requests: 5, windowSeconds: 1 });
    expect(parseAccountLimit('50 per 10 seconds')).toEqual({ requests: 50, windowSeconds: 10 });
    expect(() => parseAccountLimit('fast')).toThrow(/50\/10s/);
    expect(() => parseCliOptions(['--rate-limit-dialect', 'draft-99'])).toThrow(/draft-99/);
    expect(() => parseCliOptions(['--what'])).toThrow();
  });

  it('runSandboxCli prints the URL, key and account id, and stops on its signal', async () => {
    let output = '';
    const controller = new AbortController();
    const exit = runSandboxCli(['--api-key', 'cli-key'], {
      stdout: { write: (text: string) => (output += text) },
      signal: controller.signal,
    });
    while (!output.includes('Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 5));
    const baseUrl = /Base URL:\s+(\S+)/.exec(output)![1]!;
    expect(output).toMatch(/API key:\s+cli-key/);
    expect(output).toMatch(/Integrated account id:\s+\S+/);
    expect((await requestJson(`${baseUrl}/__sandbox/health`)).body).toEqual({ ok: true });
    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${baseUrl}/__sandbox/health`)).rejects.toBeInstanceOf(TypeError);
  });

  it('runSandboxCli answers 2 with usage for bad flags, and prints help', async () => {
    let errors = '';
    expect(await runSandboxCli(['--port', 'eighty'], { stderr: { write: (text: string) => (errors += text) } })).toBe(
      2,
    );
    expect(errors).toMatch(/--port must be a whole number/);
    let help = '';
    expect(await runSandboxCli(['--help'], { stdout: { write: (text: string) => (help += text) } })).toBe(0);
    expect(help).toMatch(/^Usage: truto-tools sandbox/);
    expect(help).toContain('npm run sandbox --');
  });

  it('runs in another process: one JSON line to read, control over HTTP, clean exit on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sandbox/cli.ts', '--json', '--account-limit', '100/10s'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout! });
      const [line] = (await once(lines, 'line')) as [string];
      const info = JSON.parse(line) as { baseUrl: string; apiKey: string; integratedAccountId: string; pid: number };
      expect(info).toMatchObject({ apiKey: 'sandbox-api-key', pid: child.pid });
      const headers = { authorization: `Bearer ${info.apiKey}`, 'content-type': 'application/json' };
      await fetch(`${info.baseUrl}/__sandbox/fail-next`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ failure: { status: 429 } }),
      });
      const models = `${info.baseUrl}/proxy/models?integrated_account_id=${info.integratedAccountId}`;
      expect((await fetch(models, { headers })).status).toBe(429);
      const ok = await fetch(models, { headers });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-limit')).toBe('100;w=10');
      const log = (await (await fetch(`${info.baseUrl}/__sandbox/requests`, { headers })).json()) as {
        result: Array<{ status: number }>;
      };
      expect(log.result.map((record) => record.status)).toEqual([429, 200]);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
