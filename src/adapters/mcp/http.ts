import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { hasBearerToken, isAllowedHost, isLoopbackHost, LOOPBACK_HOSTS } from './request-guard.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export const DEFAULT_MCP_HTTP_HOST = '127.0.0.1';
export const DEFAULT_MCP_HTTP_PORT = 3333;
export const DEFAULT_MCP_HTTP_PATH = '/mcp';

export interface McpHttpServerOptions extends McpServerOptions {
  /** 0 picks a free port (read it from `url`). @default 3333 */
  port?: number;
  /** The interface to listen on. Anything but loopback exposes the account's tools to the network. @default '127.0.0.1' */
  host?: string;
  /** @default '/mcp' */
  path?: string;
  /** When set, every request must send `Authorization: Bearer <token>`. Set it whenever `host` is not loopback. */
  bearerToken?: string;
  /**
   * `Host` header values accepted (host names, no port). @default loopback names when `host` is loopback, else any
   */
  allowedHosts?: string[];
}

export interface McpHttpServerHandle {
  /** `http://<host>:<port><path>`: what an MCP client connects to. */
  url: string;
  server: HttpServer;
  close(): Promise<void>;
}

/**
 * Serves the manager's tools over MCP's Streamable HTTP transport, in stateless mode: every POST gets a fresh MCP
 * server and transport, with no session id. Tool calls need no state between requests, so any number of clients
 * (or instances behind a load balancer) work without sticky sessions; the price is no server-to-client stream,
 * which these tools never use. POST answers are plain JSON; GET and DELETE (streams, sessions) answer 405.
 */
export async function startMcpHttpServer(
  manager: TrutoToolManager,
  options: McpHttpServerOptions = {},
): Promise<McpHttpServerHandle> {
  const host = options.host ?? DEFAULT_MCP_HTTP_HOST;
  const path = options.path ?? DEFAULT_MCP_HTTP_PATH;
  const allowedHosts = options.allowedHosts
    ? new Set(options.allowedHosts.map((name) => name.toLowerCase()))
    : isLoopbackHost(host)
      ? LOOPBACK_HOSTS
      : undefined;

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJsonRpcError(response, 500, -32603, 'Internal server error.');
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      return sendJsonRpcError(response, 404, -32000, `Not found: the MCP endpoint is ${path}.`);
    }
    if (!isAllowedHost(request, allowedHosts)) return sendJsonRpcError(response, 403, -32000, 'Host not allowed.');
    if (options.bearerToken !== undefined && !hasBearerToken(request, options.bearerToken)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJsonRpcError(response, 401, -32001, 'Missing or invalid bearer token.');
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendJsonRpcError(response, 405, -32000, 'Method not allowed: this stateless server takes POST only.');
    }
    const mcpServer = createMcpServer(manager, options);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.once('close', () => {
      void transport.close();
      void mcpServer.close();
    });
    await mcpServer.connect(transport);
    await transport.handleRequest(request, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_MCP_HTTP_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}${path}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sendJsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
