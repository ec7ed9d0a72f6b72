/**
 * A protocol error reaches MCP clients with the SDK's "MCP error <code>: " prefix once, not twice: the server's
 * message is its own text, and the client adds the prefix.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from 'truto-langchainjs-toolset/mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

describe('MCP protocol errors', () => {
  it.each([false, true])(
    'an unknown tool is InvalidParams, prefixed once (toolSelection: %s)',
    async (toolSelection) => {
      const server = createMcpServer(fixture.manager, { toolSelection });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const client = new Client({ name: 'prefix-test', version: '1.0.0' });
      await client.connect(clientSide);
      try {
        const error = await client
          .callTool({ name: 'list_all_open_ai_invoices', arguments: {} })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(McpError);
        expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
        const message = (error as McpError).message;
        expect(message).toMatch(/^MCP error -32602: /);
        expect(message.match(/MCP error/g)).toHaveLength(1);
        expect(message).toMatch(/list_all_open_ai_invoices/);
      } finally {
        await client.close();
        await server.close();
      }
    },
  );
});
