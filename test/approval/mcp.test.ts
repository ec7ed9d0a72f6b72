/**
 * Approval over MCP with the MCP SDK's own `Client`, against the sandbox: hints on every tool; a call that needs
 * approval is asked about through elicitation when the client supports it (sent only on an explicit yes), and refused
 * with a clear message when it does not (the stateless HTTP server included).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type ElicitRequest, ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { TrutoToolManager } from 'truto-langchainjs-toolset';
import { createMcpServer, startMcpHttpServer } from 'truto-langchainjs-toolset/mcp';
import { beforeEach, describe, expect, it } from 'vitest';
import { runMcpCommand } from '../../src/cli/commands/mcp.js';
import { useSandboxManagers } from '../support/sandbox.js';

const fixture = useSandboxManagers({ manager: { cache: { shared: false } } });

beforeEach(() => {
  fixture.sandbox.reset();
});

const UPDATE = 'update_a_open_ai_project_rate_limit_by_id';
const UPDATE_ARGS = { id: 'rl_gpt-4o', project_id: 'proj_12345', max_requests_per_1_minute: 5000 };
const proxyRequests = () => fixture.sandbox.requests.filter((record) => record.route === 'proxy');
type CallResult = { isError?: boolean; content: Array<{ type: string; text?: string }> };

/** A client connected in memory; `answer` plays the user when it is given (the client then supports elicitation). */
async function connect(manager: TrutoToolManager, answer?: (request: ElicitRequest) => ElicitResult) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createMcpServer(manager);
  await server.connect(serverSide);
  const client = new Client(
    { name: 'approval-test', version: '1.0.0' },
    answer ? { capabilities: { elicitation: {} } } : {},
  );
  const asked: ElicitRequest[] = [];
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request);
      return answer(request);
    });
  }
  await client.connect(clientSide);
  return { client, asked, close: () => client.close() };
}

const textOf = (result: CallResult) => JSON.parse(result.content[0]!.text!) as Record<string, unknown>;

describe('tool annotations', () => {
  it('give the full set to search_tools too, with toolSelection', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(fixture.createManager({ requireApproval: 'write' }), { toolSelection: true }).connect(
      serverSide,
    );
    const client = new Client({ name: 'annotations-test', version: '1.0.0' });
    await client.connect(clientSide);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'search_tools')!.annotations).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    await client.close();
  });

  it('give readOnlyHint, destructiveHint and idempotentHint on every tool, custom methods included', async () => {
    const { client, close } = await connect(fixture.createManager());
    const { tools } = await client.listTools();
    for (const tool of tools) {
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: expect.any(Boolean),
        destructiveHint: expect.any(Boolean),
        idempotentHint: expect.any(Boolean),
      });
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool.annotations]));
    expect(byName.get('list_all_open_ai_projects')).toMatchObject({ readOnlyHint: true });
    expect(byName.get('create_a_open_ai_image_generation')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
    expect(byName.get('delete_a_open_ai_model_by_id')).toMatchObject({ destructiveHint: true, idempotentHint: true });
    expect(byName.get('open_ai_projects_archive')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
    });
    await close();
  });
});

describe('elicitation', () => {
  it('asks the user with the exact request, and sends the call on an explicit yes', async () => {
    const manager = fixture.createManager({ requireApproval: ['update'] });
    const { client, asked, close } = await connect(manager, () => ({ action: 'accept', content: { approve: true } }));
    const result = (await client.callTool({ name: UPDATE, arguments: UPDATE_ARGS })) as CallResult;
    expect(result.isError).toBe(false);
    expect(textOf(result)).toMatchObject({ max_requests_per_1_minute: 5000 });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params.message).toContain(UPDATE);
    expect(asked[0]!.params.message).toContain('PATCH ');
    expect(asked[0]!.params.message).not.toContain(fixture.sandbox.apiKey);
    expect(proxyRequests().map((record) => record.method)).toEqual(['PATCH']);
    await close();
  });

  it('declines on "no" or a dismissed form: a result that says so, and nothing is sent', async () => {
    const manager = fixture.createManager({ requireApproval: ['update'] });
    const answers: ElicitResult[] = [
      { action: 'accept', content: { approve: false, reason: 'Wrong project' } },
      { action: 'decline' },
      { action: 'cancel' },
    ];
    const { client, close } = await connect(manager, () => answers.shift()!);
    const reasons: unknown[] = [];
    for (let round = 0; round < 3; round++) {
      const result = (await client.callTool({ name: UPDATE, arguments: UPDATE_ARGS })) as CallResult;
      expect(result.isError).toBe(false);
      expect(textOf(result)).toMatchObject({ status: 'declined', tool: UPDATE });
      reasons.push(textOf(result).reason);
    }
    expect(reasons).toEqual(['Wrong project', 'The user declined.', 'The user dismissed the request.']);
    expect(proxyRequests()).toHaveLength(0);
    await close();
  });

  it('does not ask about calls the rule does not name', async () => {
    const manager = fixture.createManager({ requireApproval: ['update'] });
    const { client, asked, close } = await connect(manager, () => ({ action: 'decline' }));
    await client.callTool({ name: 'list_all_open_ai_projects', arguments: { limit: 1 } });
    expect(asked).toHaveLength(0);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
    await close();
  });

  it('refuses with a clear message when the client cannot be asked, and sends nothing', async () => {
    const manager = fixture.createManager({ requireApproval: ['update'] });
    const { client, close } = await connect(manager);
    const result = (await client.callTool({ name: UPDATE, arguments: UPDATE_ARGS })) as CallResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatchObject({ error: 'approval_required' });
    expect(String(textOf(result).message)).toContain('does not support elicitation');
    expect(proxyRequests()).toHaveLength(0);
    await close();
  });

  it('refuses on the stateless HTTP server, which cannot hold a question open across requests', async () => {
    const manager = fixture.createManager({ requireApproval: ['update'] });
    const http = await startMcpHttpServer(manager, { port: 0 });
    const client = new Client({ name: 'approval-http-test', version: '1.0.0' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, () => ({ action: 'accept', content: { approve: true } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    try {
      const result = (await client.callTool({ name: UPDATE, arguments: UPDATE_ARGS })) as CallResult;
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatchObject({ error: 'approval_required' });
      expect(proxyRequests()).toHaveLength(0);
    } finally {
      await client.close();
      await http.close();
    }
  });

  it('truto-tools mcp --require-approval holds writes: refused on --http, nothing sent, reads still run', async () => {
    const stderr = { text: '', write: (chunk: string) => (stderr.text += chunk) };
    const stop = new AbortController();
    const env = {
      TRUTO_API_KEY: fixture.sandbox.apiKey,
      TRUTO_INTEGRATED_ACCOUNT_ID: fixture.sandbox.integratedAccountId,
      TRUTO_API_BASE_URL: fixture.sandbox.baseUrl,
    };
    const argv = ['--http', '--port', '0', '--require-approval', 'write'];
    const running = runMcpCommand(argv, env, { stderr, signal: stop.signal });
    const client = new Client({ name: 'approval-cli-test', version: '1.0.0' });
    try {
      await expect.poll(() => stderr.text, { timeout: 10_000 }).toMatch(/serving Streamable HTTP on (\S+)/);
      const url = /serving Streamable HTTP on (\S+)/.exec(stderr.text)![1]!;
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      const written = (await client.callTool({ name: UPDATE, arguments: UPDATE_ARGS })) as CallResult;
      expect(written.isError).toBe(true);
      expect(textOf(written)).toMatchObject({ error: 'approval_required' });
      expect(proxyRequests()).toHaveLength(0);
      const read = (await client.callTool({ name: 'list_all_open_ai_models', arguments: {} })) as CallResult;
      expect(read.isError).toBeFalsy();
      expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
    } finally {
      await client.close();
      stop.abort();
      expect(await running).toBe(0);
    }
  });

  it('truto-tools mcp refuses an empty --require-approval with its usage', async () => {
    const stderr = { text: '', write: (chunk: string) => (stderr.text += chunk) };
    expect(await runMcpCommand(['--require-approval', ' , '], {}, { stderr })).toBe(1);
    expect(stderr.text).toContain('--require-approval needs methods');
  });
});
