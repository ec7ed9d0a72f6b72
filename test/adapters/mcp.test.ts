/**
 * The MCP server with the SDK's real `Client`: over stdio, launched as Claude Desktop would launch it
 * (`npx tsx src/cli/commands/mcp-main.ts`), and over Streamable HTTP, against the sandbox.
 */
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { runMcpCommand, startMcpHttpServer } from 'truto-langchainjs-toolset/mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

function accountEnv(): Record<string, string> {
  return {
    TRUTO_API_KEY: fixture.sandbox.apiKey,
    TRUTO_INTEGRATED_ACCOUNT_ID: fixture.sandbox.integratedAccountId,
    TRUTO_API_BASE_URL: fixture.sandbox.baseUrl,
  };
}

type CallResult = { isError?: boolean; content: Array<{ type: string; text?: string }> };

function textOf(result: unknown): string {
  const content = (result as CallResult).content;
  expect(content).toHaveLength(1);
  expect(content[0]!.type).toBe('text');
  return content[0]!.text!;
}

/** What both transports must do identically: list, call, fail as a result, refuse unknown tools. */
async function exerciseServer(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  expect(names).toEqual(expect.arrayContaining(['list_all_open_ai_costs', 'get_single_open_ai_model_by_id']));
  const costs = tools.find((tool) => tool.name === 'list_all_open_ai_costs')!;
  expect(costs.inputSchema.type).toBe('object');
  expect(Object.keys(costs.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['start_time', 'limit']));
  expect(costs.annotations?.readOnlyHint).toBe(true);
  expect(tools.find((tool) => tool.name === 'delete_a_open_ai_model_by_id')!.annotations?.destructiveHint).toBe(true);

  const success = await client.callTool({ name: 'get_single_open_ai_model_by_id', arguments: { id: 'gpt-4o' } });
  expect(success.isError).toBeFalsy();
  expect(JSON.parse(textOf(success)).id).toBe('gpt-4o');

  const invalid = await client.callTool({
    name: 'list_all_open_ai_costs',
    arguments: { start_time: 'October 1st', limit: 'seven' },
  });
  expect(invalid.isError).toBe(true);
  expect(JSON.parse(textOf(invalid))).toMatchObject({ error: 'invalid_arguments' });

  const missing = await client.callTool({ name: 'get_single_open_ai_model_by_id', arguments: { id: 'no-such-model' } });
  expect(missing.isError).toBe(true);
  expect(JSON.parse(textOf(missing))).toMatchObject({ error: 'not_found', status: 404 });

  fixture.sandbox.failNext(1, { status: 429 });
  const limited = await client.callTool({ name: 'list_all_open_ai_models', arguments: {} });
  expect(limited.isError).toBe(true);
  expect(JSON.parse(textOf(limited))).toMatchObject({ error: 'rate_limited', status: 429, retry_after_seconds: 10 });

  const unknown = await client
    .callTool({ name: 'list_all_open_ai_invoices', arguments: {} })
    .catch((error: unknown) => error);
  expect(unknown).toBeInstanceOf(McpError);
  expect((unknown as McpError).code).toBe(ErrorCode.InvalidParams);
}

describe('MCP over stdio, launched from the command line', () => {
  it('lists the tools and answers calls, failures as isError results, with only JSON-RPC on stdout', async () => {
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['tsx', 'src/cli/commands/mcp-main.ts', '--methods', 'read,delete'],
      cwd: ROOT,
      env: { ...getDefaultEnvironment(), ...accountEnv() },
      stderr: 'pipe',
    });
    let logs = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    const transportErrors: Error[] = [];
    const client = new Client({ name: 'adapter-test', version: '1.0.0' });
    await client.connect(transport);
    transport.onerror = (error) => transportErrors.push(error);
    try {
      expect(client.getServerVersion()?.name).toBe('truto');
      await exerciseServer(client);
      // `--methods read,delete` reached Truto's filter: no create tools.
      const { tools } = await client.listTools();
      expect(tools.some((tool) => tool.name.startsWith('create_a_'))).toBe(false);
    } finally {
      await client.close();
    }
    expect(transportErrors).toEqual([]);
    expect(logs).toMatch(/\[truto mcp\] \d+ tools for integrated account/);
    // The server noticed stdin closing and stopped by itself, before the client had to send SIGTERM.
    expect(logs).toMatch(/stopped \(the client closed stdin\)/);
  }, 60_000);
});

describe('MCP over Streamable HTTP', () => {
  it('lists the tools and answers calls, failures as isError results', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0 });
    const client = new Client({ name: 'adapter-test', version: '1.0.0' });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
      await exerciseServer(client);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('requires the bearer token when one is set', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0, bearerToken: 'let-me-in' });
    try {
      const anonymous = await fetch(server.url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      const client = new Client({ name: 'adapter-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: { authorization: 'Bearer let-me-in' } },
      });
      await client.connect(transport);
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('refuses foreign Host headers on loopback, other methods and other paths', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0 });
    try {
      const url = new URL(server.url);
      const status = await new Promise<number>((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { host: 'attacker.example' },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        outgoing.on('error', reject);
        outgoing.end('{}');
      });
      expect(status).toBe(403);
      expect((await fetch(server.url)).status).toBe(405);
      expect((await fetch(new URL('/other', server.url), { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('runMcpCommand', () => {
  function capture() {
    let text = '';
    return {
      write: (chunk: string) => {
        text += chunk;
      },
      text: () => text,
    };
  }

  it('serves Streamable HTTP with --http until stopped, for the account named on the command line', async () => {
    const stderr = capture();
    const stop = new AbortController();
    const { TRUTO_INTEGRATED_ACCOUNT_ID: account, ...env } = accountEnv();
    const running = runMcpCommand(['--http', '--port', '0', '--account-id', account!], env, {
      stderr,
      signal: stop.signal,
    });
    await expect.poll(() => stderr.text(), { timeout: 10_000 }).toMatch(/serving Streamable HTTP on (\S+)/);
    const url = /serving Streamable HTTP on (\S+)/.exec(stderr.text())![1]!;
    const client = new Client({ name: 'adapter-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    stop.abort();
    expect(await running).toBe(0);
  });

  it('explains what is missing or wrong, and shows help', async () => {
    const noKey = capture();
    expect(await runMcpCommand([], { TRUTO_INTEGRATED_ACCOUNT_ID: 'abc' }, { stderr: noKey })).toBe(1);
    expect(noKey.text()).toMatch(/TRUTO_API_KEY/);

    const badFlag = capture();
    expect(await runMcpCommand(['--porcelain'], accountEnv(), { stderr: badFlag })).toBe(1);
    expect(badFlag.text()).toMatch(/Usage: truto-tools mcp/);

    const portWithoutHttp = capture();
    expect(await runMcpCommand(['--port', '8080'], accountEnv(), { stderr: portWithoutHttp })).toBe(1);
    expect(portWithoutHttp.text()).toMatch(/only apply with --http/);

    const wrongKey = capture();
    expect(await runMcpCommand([], { ...accountEnv(), TRUTO_API_KEY: 'wrong' }, { stderr: wrongKey })).toBe(2);
    expect(wrongKey.text()).toMatch(/Could not load the tools/);

    const stdout = new PassThrough();
    expect(await runMcpCommand(['--help'], {}, { stdout })).toBe(0);
    expect(String(stdout.read())).toMatch(/--account <id>/);
  });
});
