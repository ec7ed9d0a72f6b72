import { createServer, type Server as HttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { TrutoConfigError } from '../../errors/index.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { countToolCalls, readJsonBody } from './json-rpc-body.js';
import {
  hasBearerToken,
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackHost,
  LOOPBACK_HOSTS,
  serialisedOrigin,
} from './request-guard.js';
import { createMcpServer, type McpServerOptions } from './server.js';

export const DEFAULT_MCP_HTTP_HOST = '127.0.0.1';
export const DEFAULT_MCP_HTTP_PORT = 3333;
export const DEFAULT_MCP_HTTP_PATH = '/mcp';
/** Largest request body read, as the MCP SDK's own default. */
export const DEFAULT_MCP_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** `tools/call` messages accepted in one JSON-RPC batch; a bigger batch is refused whole, before any call starts. */
export const DEFAULT_MCP_MAX_TOOL_CALLS_PER_BATCH = 16;
/** A keep-alive connection with no request in flight is closed after this long. */
export const DEFAULT_MCP_IDLE_TIMEOUT_MS = 5_000;
/** A client gets this long to send a whole request (headers and body); a slow or stalled sender is cut off. */
export const DEFAULT_MCP_REQUEST_TIMEOUT_MS = 30_000;

export interface McpHttpServerOptions extends McpServerOptions {
  /** 0 picks a free port (read it from `url`). @default 3333 */
  port?: number;
  /**
   * The interface to listen on. Anything but loopback exposes the account's tools to the network, and is refused
   * without `bearerToken`. @default '127.0.0.1'
   */
  host?: string;
  /** @default '/mcp' */
  path?: string;
  /**
   * When set, every request must send `Authorization: Bearer <token>`. Required whenever `host` is not loopback:
   * starting without it throws a `TrutoConfigError`.
   */
  bearerToken?: string;
  /**
   * `Host` header values accepted (host names, no port). @default loopback names when `host` is loopback, else any
   */
  allowedHosts?: string[];
  /**
   * Browser origins allowed to call (`'http://localhost:6274'` for a browser-based inspector, say). A request with an
   * `Origin` header that is neither listed nor this server's own origin (an allowed host on this port) answers 403;
   * requests without one (every non-browser client) are not affected. `'null'` is never allowed. @default []
   */
  allowedOrigins?: string[];
  /** Largest request body, in bytes; a larger one answers 413. @default 4194304 (4 MiB) */
  maxRequestBytes?: number;
  /** `tools/call` messages accepted in one JSON-RPC batch; more answer 400 and none runs. @default 16 */
  maxToolCallsPerBatch?: number;
  /** Closes a keep-alive connection idle this long, in milliseconds. @default 5000 */
  idleTimeoutMs?: number;
  /**
   * Time a client has to send a whole request, in milliseconds: slow senders, and connections that never send one,
   * are cut off. @default 30000
   */
  requestTimeoutMs?: number;
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
 *
 * Guarded as MCP's transport guidance asks: the `Host` header (DNS rebinding) and the `Origin` header (a web page in
 * the user's browser) are checked, a non-loopback address needs a bearer token, bodies and batches are capped, and
 * idle or slow connections are closed.
 */
export async function startMcpHttpServer(
  manager: TrutoToolManager,
  options: McpHttpServerOptions = {},
): Promise<McpHttpServerHandle> {
  const host = options.host ?? DEFAULT_MCP_HTTP_HOST;
  const path = options.path ?? DEFAULT_MCP_HTTP_PATH;
  if (!isLoopbackHost(host) && !options.bearerToken) {
    throw new TrutoConfigError(
      `Refusing to serve MCP on ${host} without a bearer token: anyone who reaches the port could call the account's tools. Set bearerToken (TRUTO_MCP_BEARER_TOKEN for the CLI), or listen on loopback (127.0.0.1).`,
    );
  }
  const maxRequestBytes = positive(options.maxRequestBytes, DEFAULT_MCP_MAX_REQUEST_BYTES, 'maxRequestBytes');
  const maxToolCalls = positive(
    options.maxToolCallsPerBatch,
    DEFAULT_MCP_MAX_TOOL_CALLS_PER_BATCH,
    'maxToolCallsPerBatch',
  );
  const requestTimeoutMs = positive(options.requestTimeoutMs, DEFAULT_MCP_REQUEST_TIMEOUT_MS, 'requestTimeoutMs');
  const allowedHosts = options.allowedHosts
    ? new Set(options.allowedHosts.map((name) => name.toLowerCase()))
    : isLoopbackHost(host)
      ? LOOPBACK_HOSTS
      : undefined;
  // Filled once the port is known: the server's own origins are allowed along with the configured ones.
  const allowedOrigins = new Set<string>();
  for (const origin of options.allowedOrigins ?? []) {
    const serialised = serialisedOrigin(origin);
    if (serialised === undefined) throw new TrutoConfigError(`allowedOrigins: "${origin}" is not an http(s) origin.`);
    allowedOrigins.add(serialised);
  }

  const server = createServer(
    {
      keepAliveTimeout: positive(options.idleTimeoutMs, DEFAULT_MCP_IDLE_TIMEOUT_MS, 'idleTimeoutMs'),
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 10_000),
      // How often slow requests are looked for: Node's default (30 s) would let a stalled sender stay that long.
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    },
    (request, response) => {
      if (!served.has(request.socket)) {
        served.add(request.socket);
        request.socket.setTimeout(0);
      }
      void handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJsonRpcError(response, 500, -32603, 'Internal server error.');
        else response.destroy(error instanceof Error ? error : undefined);
      });
    },
  );

  // Node's request timeouts start with a request: a connection that never sends a byte needs one of its own.
  const served = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(requestTimeoutMs, () => socket.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      return sendJsonRpcError(response, 404, -32000, `Not found: the MCP endpoint is ${path}.`);
    }
    if (!isAllowedHost(request, allowedHosts)) return sendJsonRpcError(response, 403, -32000, 'Host not allowed.');
    if (!isAllowedOrigin(request, allowedOrigins)) {
      return sendJsonRpcError(response, 403, -32000, 'Origin not allowed.');
    }
    if (options.bearerToken !== undefined && !hasBearerToken(request, options.bearerToken)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return sendJsonRpcError(response, 401, -32001, 'Missing or invalid bearer token.');
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendJsonRpcError(response, 405, -32000, 'Method not allowed: this stateless server takes POST only.');
    }
    const body = await readJsonBody(request, maxRequestBytes);
    if (!body.ok) {
      if (body.problem === 'aborted') return void response.destroy();
      if (body.problem === 'too_large') {
        response.setHeader('Connection', 'close');
        return sendJsonRpcError(response, 413, -32000, `Request body larger than ${maxRequestBytes} bytes.`);
      }
      return sendJsonRpcError(response, 400, -32700, 'Parse error: the body is not valid JSON.');
    }
    const toolCalls = countToolCalls(body.value);
    if (toolCalls > maxToolCalls) {
      return sendJsonRpcError(
        response,
        400,
        -32600,
        `Invalid Request: a batch may hold at most ${maxToolCalls} tools/call messages; this one holds ${toolCalls}. Send them in smaller batches.`,
      );
    }
    const mcpServer = createMcpServer(manager, options);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.once('close', () => {
      void transport.close();
      void mcpServer.close();
    });
    await mcpServer.connect(transport);
    await transport.handleRequest(request, response, body.value);
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
  for (const name of allowedHosts ?? []) {
    const origin = serialisedOrigin(
      `http://${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${address.port}`,
    );
    if (origin !== undefined) allowedOrigins.add(origin);
  }
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

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new TrutoConfigError(`${name} must be a positive number; received ${String(value)}.`);
  }
  return value;
}

function sendJsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
