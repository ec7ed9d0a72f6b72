import type { Readable, Writable } from 'node:stream';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { DEFAULT_MCP_MAX_MESSAGE_BYTES, LineTransport } from './line-transport.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export { DEFAULT_MCP_MAX_MESSAGE_BYTES };

export interface McpStdioOptions extends McpServerOptions {
  /** @default process.stdin */
  stdin?: Readable;
  /** Carries JSON-RPC only: log to stderr. @default process.stdout */
  stdout?: Writable;
  /**
   * Longest message (one line) read, in bytes. A longer line is dropped as it arrives and answered with a JSON-RPC
   * error (-32600); the server keeps serving. @default 10485760 (10 MiB, as the MCP SDK)
   */
  maxMessageBytes?: number;
}

export interface McpStdioHandle {
  server: Server;
  /** Settles when the client closes stdin or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the manager's tools over stdio, the transport Claude Desktop and Cursor use for local servers. Bad input (an
 * oversized line, a line that is not JSON-RPC) is answered with a JSON-RPC error; only the end of stdin (or `close()`)
 * stops the server.
 */
export async function serveMcpStdio(manager: TrutoToolManager, options: McpStdioOptions = {}): Promise<McpStdioHandle> {
  const stdin = options.stdin ?? process.stdin;
  const server = createMcpServer(manager, options);
  const transport = new LineTransport(
    stdin,
    options.stdout ?? process.stdout,
    options.maxMessageBytes ?? DEFAULT_MCP_MAX_MESSAGE_BYTES,
  );
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
