/**
 * `startSandbox`: a real node:http server on loopback speaking Truto's API for one integrated account: OpenAI's by
 * default, or the integration an OpenAPI document describes, or a saved catalog with its recorded answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { trutoErrorBody } from './errors';
import { writeJson } from './http-io';
import { type ResolvedOptions, resolveOptions, type Sandbox, type SandboxOptions } from './options';
import { handleRequest } from './router';
import { createCatalogSource } from './sources/catalog';
import { createOpenAiSource } from './sources/openai';
import { createOpenApiSource } from './sources/openapi';
import type { SandboxSource } from './sources/types';
import { SandboxState } from './state';

/** Idle keep-alive connections stay open this long, so benchmark clients reuse them. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * Starts a sandbox and resolves once it listens.
 *
 * @example
 * const sandbox = await startSandbox(); // or startSandbox({ openapi: 'asana.yaml' }), startSandbox({ catalog: 'snapshot.json' })
 * const answer = await fetch(`${sandbox.baseUrl}/integrated-account/${sandbox.integratedAccountId}/tools`, {
 *   headers: { authorization: `Bearer ${sandbox.apiKey}` },
 * });
 * await sandbox.close();
 * @throws RangeError / TypeError for contradictory or malformed options (both `openapi` and `catalog`, ...);
 *   TrutoConfigError when a document cannot be read or an optional package it needs is missing
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions(options);
  const state = new SandboxState(resolved, await createSource(resolved));
  const sockets = new Set<Socket>();
  const server = createServer({ keepAlive: true, noDelay: true }, (request, response) => {
    handleRequest(state, request, response).catch((error: unknown) => {
      if (!response.headersSent) writeJson(response, 500, trutoErrorBody(500, `Sandbox bug: ${String(error)}`));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server, resolved.host, resolved.port);
  const address = server.address() as AddressInfo;
  state.baseUrl = `http://${urlHost(address)}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      state.closing.abort();
      server.close(() => resolve());
      // Stalled and keep-alive connections would hold `server.close()` (and the process) open forever.
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
    return closing;
  };

  return {
    baseUrl: state.baseUrl,
    apiKey: resolved.apiKey,
    integratedAccountId: resolved.integratedAccountId,
    source: state.source.kind,
    integration: state.source.integration,
    tools: state.tools,
    failNext: (count, failure) => state.failures.add(count, failure),
    requests: state.log.entries,
    get openConnections() {
      return sockets.size;
    },
    reset: () => state.reset(),
    revokeAccountTokens: () => state.accountTokens.revokeAll(),
    get accountTokens() {
      return state.accountTokens.tokens;
    },
    close,
  };
}

function createSource(options: ResolvedOptions): SandboxSource | Promise<SandboxSource> {
  const spec = options.source;
  switch (spec.kind) {
    case 'openapi':
      return createOpenApiSource(spec.document, {
        seed: options.seed,
        ...(spec.integration !== undefined ? { integration: spec.integration } : {}),
      });
    case 'catalog':
      return createCatalogSource(spec.catalog, {
        seed: options.seed,
        ...(spec.integration !== undefined ? { integration: spec.integration } : {}),
      });
    default:
      return createOpenAiSource();
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A wildcard address is not something a client can connect to; loopback of the same family is. */
function urlHost(address: AddressInfo): string {
  if (address.family === 'IPv6' || address.family === (6 as unknown as string)) {
    return `[${address.address === '::' ? '::1' : address.address}]`;
  }
  return address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
}
