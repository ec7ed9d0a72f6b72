/**
 * The MCP server with the SDK's real `Client`: over stdio, launched as Claude Desktop would launch it
 * (`npx tsx src/cli/commands/mcp-main.ts`), and over Streamable HTTP, against the sandbox.
 */
import { request as httpRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { TrutoConfigError } from 'truto-langchainjs-toolset';
import { runMcpCommand, serveMcpStdio, startMcpHttpServer } from 'truto-langchainjs-toolset/mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTopLevelId } from '../../src/adapters/mcp/line-transport.js';
import { isLoopbackHost } from '../../src/adapters/mcp/request-guard.js';
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

/** The headers a Streamable HTTP client sends with a POST. */
const MCP_POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

function toolCall(
  id: number,
  name = 'get_single_open_ai_model_by_id',
  args: Record<string, unknown> = { id: 'gpt-4o' },
) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

/** Resolves when the server closes `socket`; the test's own timeout is the only bound. */
function closedByServer(socket: ReturnType<typeof connectTcp>): Promise<void> {
  return new Promise((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    // Read what the server says (a 408, say): a socket whose data is never read never sees the end.
    socket.resume();
  });
}

describe('MCP over Streamable HTTP, against hostile clients (issue 16, item 13)', () => {
  it('refuses a foreign Origin (and "null"), accepts its own origin, no origin, and allowedOrigins', async () => {
    const server = await startMcpHttpServer(fixture.manager, {
      port: 0,
      allowedOrigins: ['http://localhost:6274'],
    });
    try {
      const { port } = new URL(server.url);
      const post = (origin?: string) =>
        fetch(server.url, {
          method: 'POST',
          headers: { ...MCP_POST_HEADERS, ...(origin ? { origin } : {}) },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
      for (const origin of ['https://evil.example', 'null', `http://evil.example:${port}`, 'http://localhost:6275']) {
        const refused = await post(origin);
        expect(refused.status, origin).toBe(403);
        expect(await refused.json()).toMatchObject({ error: { message: 'Origin not allowed.' } });
      }
      for (const origin of [
        undefined,
        `http://127.0.0.1:${port}`,
        `http://localhost:${port}`,
        'http://localhost:6274',
      ]) {
        const accepted = await post(origin);
        expect(accepted.status, String(origin)).toBe(200);
        expect((await accepted.json()).result.tools.length).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
    await expect(startMcpHttpServer(fixture.manager, { port: 0, allowedOrigins: ['not an origin'] })).rejects.toThrow(
      TrutoConfigError,
    );
  });

  it('refuses to listen beyond loopback without a bearer token', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      const error = await startMcpHttpServer(fixture.manager, { port: 0, host }).catch((caught: unknown) => caught);
      expect(error, host).toBeInstanceOf(TrutoConfigError);
      expect((error as Error).message).toMatch(/bearer token/);
    }
    const guarded = await startMcpHttpServer(fixture.manager, {
      port: 0,
      host: '0.0.0.0',
      bearerToken: 'secret-token',
    });
    await guarded.close();
    expect(['127.0.0.1', '127.0.0.53', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'].every(isLoopbackHost)).toBe(
      true,
    );
    expect(['0.0.0.0', '10.0.0.1', 'example.com', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a batch with more tool calls than the cap, before any of them runs', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0, maxToolCallsPerBatch: 4 });
    try {
      fixture.mark();
      const tooMany = await fetch(server.url, {
        method: 'POST',
        headers: MCP_POST_HEADERS,
        body: JSON.stringify(Array.from({ length: 5 }, (_, index) => toolCall(index + 1))),
      });
      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toMatchObject({ error: { code: -32600 } });
      expect(fixture.proxyRequestsSinceMark()).toEqual([]);

      const within = await fetch(server.url, {
        method: 'POST',
        headers: MCP_POST_HEADERS,
        body: JSON.stringify([toolCall(1), toolCall(2)]),
      });
      expect(within.status).toBe(200);
      const answers = (await within.json()) as Array<{ id: number; result: { isError?: boolean } }>;
      expect(answers.map((answer) => answer.id).sort()).toEqual([1, 2]);
      expect(fixture.proxyRequestsSinceMark()).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('answers 413 to a body over maxRequestBytes, and 400 to one that is not JSON', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0, maxRequestBytes: 1024 });
    try {
      const large = await fetch(server.url, {
        method: 'POST',
        headers: MCP_POST_HEADERS,
        body: JSON.stringify(toolCall(1, 'list_all_open_ai_costs', { padding: 'x'.repeat(4096) })),
      });
      expect(large.status).toBe(413);
      const broken = await fetch(server.url, { method: 'POST', headers: MCP_POST_HEADERS, body: '{"jsonrpc":' });
      expect(broken.status).toBe(400);
      expect(await broken.json()).toMatchObject({ error: { code: -32700 } });
    } finally {
      await server.close();
    }
  });

  it('closes a keep-alive connection left idle, one whose request never finishes arriving, and a silent one', async () => {
    const server = await startMcpHttpServer(fixture.manager, { port: 0, idleTimeoutMs: 200, requestTimeoutMs: 500 });
    try {
      const { hostname, port } = new URL(server.url);
      const idle = connectTcp(Number(port), hostname);
      const idleClosed = closedByServer(idle);
      idle.write(`GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
      await idleClosed;

      const slow = connectTcp(Number(port), hostname);
      const slowClosed = closedByServer(slow);
      // Headers that never end: a slowloris client.
      slow.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      await slowClosed;

      // A connection that never sends a byte.
      await closedByServer(connectTcp(Number(port), hostname));
    } finally {
      await server.close();
    }
  });
});

describe('MCP over stdio, against hostile input (issue 16, item 13)', () => {
  async function startStdio(maxMessageBytes: number) {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const answers: Array<Record<string, any>> = [];
    let buffered = '';
    stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
        answers.push(JSON.parse(buffered.slice(0, newline)));
        buffered = buffered.slice(newline + 1);
      }
    });
    const handle = await serveMcpStdio(fixture.manager, { stdin, stdout, maxMessageBytes });
    let closed = false;
    void handle.closed.then(() => {
      closed = true;
    });
    const send = (message: unknown) =>
      stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
    const answerTo = async (id: unknown) => {
      await expect.poll(() => answers.find((answer) => answer.id === id), { timeout: 10_000 }).toBeDefined();
      return answers.find((answer) => answer.id === id)!;
    };
    return { handle, send, answers, answerTo, isClosed: () => closed };
  }

  it('answers an oversized line with a JSON-RPC error naming its id, and keeps serving', async () => {
    const stdio = await startStdio(2048);
    try {
      const oversized = JSON.stringify({ ...toolCall(7, 'list_all_open_ai_costs', { q: 'x'.repeat(100_000) }) });
      stdio.send(oversized);
      const refused = await stdio.answerTo(7);
      expect(refused.error.code).toBe(-32600);
      expect(refused.error.message).toMatch(/more than 2048 bytes/);

      stdio.send({ jsonrpc: '2.0', id: 8, method: 'tools/list' });
      const listed = await stdio.answerTo(8);
      expect(listed.result.tools.length).toBeGreaterThan(0);
      expect(stdio.isClosed()).toBe(false);
    } finally {
      await stdio.handle.close();
    }
  });

  it('answers a line that is not JSON, or not JSON-RPC, with the error JSON-RPC prescribes', async () => {
    const stdio = await startStdio(64 * 1024);
    try {
      stdio.send('this is not json');
      await expect.poll(() => stdio.answers.length, { timeout: 10_000 }).toBe(1);
      expect(stdio.answers[0]).toMatchObject({ id: null, error: { code: -32700 } });
      stdio.send({ id: 3, method: 42 });
      expect((await stdio.answerTo(3)).error.code).toBe(-32600);
      stdio.send({ jsonrpc: '2.0', id: 4, method: 'tools/list' });
      expect((await stdio.answerTo(4)).result.tools.length).toBeGreaterThan(0);
      expect(stdio.isClosed()).toBe(false);
    } finally {
      await stdio.handle.close();
    }
  });

  it('finds a request id only at the top level of a message', () => {
    expect(findTopLevelId('{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"x":"')).toBe(12);
    expect(findTopLevelId('{"params":{"id":5,"arguments":{"id":"inner"}},"id":"outer","method":"')).toBe('outer');
    expect(findTopLevelId('{"params":{"id":5,"arguments":"xxxxxxxx')).toBeNull();
    expect(findTopLevelId('{"method":"a\\"id\\":3","id":-4')).toBe(-4);
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
