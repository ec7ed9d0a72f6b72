/**
 * Issue 16 (part A): a Truto look-alike on loopback that serves whatever catalog and answers a test hands it: hostile schemas in
 * `GET /integrated-account/:id/tools`, and hostile bodies (huge, deep, streamed) from `/proxy/*`. Plain `node:http`,
 * so nothing in between smooths an answer over.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';

export const HOSTILE_CATALOG_KEY = 'truto_sk_live_hostile_0123456789abcdef';
export const HOSTILE_CATALOG_ACCOUNT = 'acct-hostile-catalog-1';

export type ProxyHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HostileCatalogServer {
  readonly baseUrl: string;
  /** Replaces the catalog served from now on. */
  setTools(tools: readonly Record<string, unknown>[]): void;
  /** Replaces how `/proxy/*` answers. */
  onProxy(handler: ProxyHandler): void;
  /** Paths of the proxy requests received, in order. */
  readonly proxyRequests: string[];
  close(): Promise<void>;
}

export async function startHostileCatalogServer(
  tools: readonly Record<string, unknown>[] = [],
  proxy: ProxyHandler = (_request, response) => json(response, 200, { ok: true }),
): Promise<HostileCatalogServer> {
  let catalog = tools;
  let handler = proxy;
  const proxyRequests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.headers.authorization !== `Bearer ${HOSTILE_CATALOG_KEY}`) {
      json(response, 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' });
      return;
    }
    if (url.pathname === `/integrated-account/${HOSTILE_CATALOG_ACCOUNT}/tools`) {
      json(response, 200, { result: catalog, next_cursor: null });
      return;
    }
    if (url.pathname.startsWith('/proxy/')) {
      proxyRequests.push(url.pathname);
      // Drain the request first: a handler may answer before reading, and the client must see the answer.
      request.resume();
      request.on('end', () => {
        Promise.resolve(handler(request, response)).catch((error: unknown) => {
          response.destroy(error as Error);
        });
      });
      return;
    }
    json(response, 404, { statusCode: 404, error: 'Not Found', message: 'No such route' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    setTools: (next) => {
      catalog = next;
    },
    onProxy: (next) => {
      handler = next;
    },
    proxyRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, JSON.stringify(body));
}

/** A JSON answer from text the test built itself (too deep or too large for `JSON.stringify`). */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType = 'application/json',
): void {
  const bytes = Buffer.from(text);
  response.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) });
  response.end(bytes);
}

/** A manager on the hostile server; the catalog cache is never shared, so each test sees its own catalog. */
export function hostileManager(server: HostileCatalogServer, options: TrutoToolManagerOptions = {}): TrutoToolManager {
  return new TrutoToolManager({
    apiKey: HOSTILE_CATALOG_KEY,
    integratedAccountId: HOSTILE_CATALOG_ACCOUNT,
    baseUrl: server.baseUrl,
    onWarning: () => {},
    cache: { shared: false },
    ...options,
  });
}

/** One tool around a query schema: the shape every hostile-schema case needs. */
export function toolWithQuery(name: string, querySchema: Record<string, unknown>): Record<string, unknown> {
  return { name, description: `Hostile tool ${name}`, resource: 'widgets', method: 'list', query_schema: querySchema };
}

/** One tool around a body schema (`POST /proxy/widgets`). */
export function toolWithBody(name: string, bodySchema: Record<string, unknown>): Record<string, unknown> {
  return { name, description: `Hostile tool ${name}`, resource: 'widgets', method: 'create', body_schema: bodySchema };
}
