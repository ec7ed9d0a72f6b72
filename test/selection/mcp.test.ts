/**
 * MCP for a large catalog, with the SDK's real `Client`: `tools/list` gives `search_tools` and a selection, a search
 * adds the tools it finds (and the server says the list changed), and a found tool runs against the sandbox serving
 * PagerDuty's OpenAPI document (465 tools). `serveMcpStdio` and `startMcpHttpServer` take the same `toolSelection`
 * option (they build their servers with `createMcpServer`).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, MCP_SEARCH_TOOLS } from 'truto-langchainjs-toolset/mcp';
import { describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const pagerduty = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/pagerduty.json', seed: 8 } });

async function connect(options: Parameters<typeof createMcpServer>[1]) {
  const server = createMcpServer(pagerduty.createManager(), options);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1.0.0' });
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    changes++;
  });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, server, changes: () => changes };
}

type TextResult = { isError?: boolean; content: Array<{ type: string; text: string }> };

describe('MCP: tools/list of a selection, and search_tools', () => {
  it('lists search_tools and the selection for the server’s request, not 465 tools', async () => {
    const { client, server } = await connect({
      toolSelection: {
        request: 'manage incidents: acknowledge, resolve, snooze',
        maxTools: 5,
        include: ['pagerduty_users_me'],
      },
    });
    const { tools } = await client.listTools();
    expect(tools[0]!.name).toBe(MCP_SEARCH_TOOLS);
    expect(tools.length).toBeLessThanOrEqual(6);
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['pagerduty_users_me', 'pagerduty_incidents_snooze']),
    );
    expect(client.getServerCapabilities()?.tools?.listChanged).toBe(true);
    await client.close();
    await server.close();
  });

  it('search_tools finds tools, adds them to the list, announces it, and a found tool can be called', async () => {
    const { client, server, changes } = await connect({ toolSelection: true });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual([MCP_SEARCH_TOOLS]);
    const found = (await client.callTool({
      name: MCP_SEARCH_TOOLS,
      arguments: { query: "who's carrying the pager tonight?", limit: 3 },
    })) as TextResult;
    const answer = JSON.parse(found.content[0]!.text);
    expect(answer.tools).toHaveLength(3);
    expect(answer.tools[0]).toMatchObject({
      name: expect.any(String),
      description: expect.any(String),
      required: expect.any(Array),
    });
    expect(answer.tools.map((tool: { name: string }) => tool.name)).toContain('list_all_pagerduty_oncalls');
    await expect.poll(changes).toBe(1);
    const listed = (await client.listTools()).tools.map((tool) => tool.name);
    expect(listed).toHaveLength(4);
    expect(listed).toContain('list_all_pagerduty_oncalls');
    const called = (await client.callTool({
      name: 'list_all_pagerduty_oncalls',
      arguments: { limit: 2 },
    })) as TextResult;
    expect(called.isError).toBe(false);
    expect(JSON.parse(called.content[0]!.text)).toHaveProperty('result');
    // Any catalog tool can be called by name, listed or not.
    const unlisted = (await client.callTool({ name: 'pagerduty_users_me', arguments: {} })) as TextResult;
    expect(unlisted.isError).toBe(false);
    await client.close();
    await server.close();
  });

  it('answers a search without a query with an error result', async () => {
    const { client, server } = await connect({ toolSelection: true });
    const result = (await client.callTool({ name: MCP_SEARCH_TOOLS, arguments: { query: ' ' } })) as TextResult;
    expect(result.isError).toBe(true);
    await client.close();
    await server.close();
  });
});
