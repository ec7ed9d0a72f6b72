/**
 * Issue 16 (part B): a hostile stand-in for Truto on loopback. It serves whatever catalog a test gives it, records
 * every request, and answers Proxy API calls however the test's handler likes (trickling, stalling, echoing the key,
 * malformed HTTP). Shared by part B's tests in test/security and test/reliability (part A has its own,
 * hostile-catalog.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';

/** Holds `/`, `+`, `_` and `-`: characters JSON, percent-encoding and base64 each treat differently. */
export const HOSTILE_KEY = 'truto_sk_live_9Qx7/Kp+3Zt_w8Lm-Rv2Nc5Hy';
export const HOSTILE_ACCOUNT = 'acct_hostile_1';

export interface RecordedRequest {
  method: string;
  /** The request target exactly as it arrived (not normalised). */
  url: string;
  headers: IncomingMessage['headers'];
}

/** Answers one Proxy API request. The body is not read first: a handler that wants it calls `readBody`. */
export type ProxyHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HostileTruto {
  baseUrl: string;
  /** Every request that reached the server, in order (catalog requests too). */
  requests: RecordedRequest[];
  /** Proxy API requests only. */
  proxyRequests(): RecordedRequest[];
  /** The catalog `GET /integrated-account/:id/tools` serves. */
  tools: Record<string, unknown>[];
  /** The handler for `/proxy/...` (and anything else that is not the catalog). */
  handle: ProxyHandler;
  manager(options?: TrutoToolManagerOptions): TrutoToolManager;
  close(): Promise<void>;
}

/** A list tool (with a free-form query) and a get tool on `resource`. */
export function simpleTools(resource = 'things'): Record<string, unknown>[] {
  return [
    {
      name: `list_all_${resource}`,
      description: `Lists ${resource}.`,
      resource,
      method: 'list',
      query_schema: { type: 'object', properties: { q: { type: 'string' } }, additionalProperties: true },
    },
    {
      name: `get_single_${resource}_by_id`,
      description: `One of the ${resource}.`,
      resource,
      method: 'get',
      query_schema: { type: 'object', properties: { id: { type: 'string' } } },
      required: ['id'],
    },
  ];
}

export async function startHostileTruto(tools: Record<string, unknown>[] = simpleTools()): Promise<HostileTruto> {
  const managers: TrutoToolManager[] = [];
  const sockets = new Set<Socket>();
  const state: HostileTruto = {
    baseUrl: '',
    requests: [],
    proxyRequests: () => state.requests.filter((request) => request.url.startsWith('/proxy/')),
    tools,
    handle: (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    },
    manager: (options = {}) => {
      const manager = new TrutoToolManager({
        apiKey: HOSTILE_KEY,
        integratedAccountId: HOSTILE_ACCOUNT,
        baseUrl: state.baseUrl,
        onWarning: () => {},
        // Each test's catalog is its own: no sharing through the process-wide cache.
        cache: { shared: false },
        ...options,
      });
      managers.push(manager);
      return manager;
    },
    close: async () => {
      await Promise.allSettled(managers.splice(0).map((manager) => manager.close()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
  const server: Server = createServer((request, response) => {
    state.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (request.method === 'GET' && /^\/integrated-account\/[^/]+\/tools(\?|$)/.test(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ result: state.tools, next_cursor: null }));
      return;
    }
    Promise.resolve(state.handle(request, response)).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes `text` one character per `intervalMs` until it is written or the socket goes away (the client gave up). */
export function trickle(socket: Socket, text: string, intervalMs = 1000): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[index++]!);
  }, intervalMs);
  socket.once('close', () => clearInterval(timer));
}

/** Settles a promise into what it rejected with; fails the test when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
