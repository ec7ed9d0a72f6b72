import type { Readable, Writable } from 'node:stream';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export interface McpStdioOptions extends McpServerOptions {
  /** @default process.stdin */
  stdin?: Readable;
  /** Carries JSON-RPC only: log to stderr. @default process.stdout */
  stdout?: Writable;
}

export interface McpStdioHandle {
  server: Server;
  /** Settles when the client closes stdin or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Serves the manager's tools over stdio, the transport Claude Desktop and Cursor use for local servers. */
export async function serveMcpStdio(manager: TrutoToolManager, options: McpStdioOptions = {}): Promise<McpStdioHandle> {
  const stdin = options.stdin ?? process.stdin;
  const server = createMcpServer(manager, options);
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  // The SDK's stdio transport does not notice the client going away; an ended stdin is that signal.
  const onEnd = () => void server.close();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  await server.connect(transport);
  void closed.then(() => {
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
  });
  return { server, closed, close: () => server.close() };
}
