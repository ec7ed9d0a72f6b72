/**
 * `timeoutMs` is the whole call (issue 16, item 5): a body trickling in a byte a second, headers that never come, a
 * TLS handshake that never completes and an upload the server never reads all end in a `TrutoTimeoutError`, and the
 * call's AbortSignal ends each of them with a `TrutoAbortError`. URL file references honour the signal and the time
 * limit too. Every case runs against a hostile `node:http` (or raw TCP) server on loopback; vitest's own timeout is
 * the only clock.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrutoAbortError, TrutoTimeoutError } from 'truto-langchainjs-toolset';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileRegistry } from '../../src/files/file-handles.js';
import { prepareUpload } from '../../src/files/prepare-upload.js';
import { HttpClient } from '../../src/http/client.js';
import {
  HOSTILE_KEY,
  type HostileTruto,
  rejectionOf,
  simpleTools,
  startHostileTruto,
  trickle,
} from '../security/hostile-truto.js';

const UPLOAD_TOOL = {
  name: 'upload_a_document',
  description: 'Uploads a document.',
  resource: 'documents',
  method: 'create',
  body_schema: {
    type: 'object',
    properties: { file: { type: 'string', format: 'binary' }, title: { type: 'string' } },
  },
  required: ['file'],
};

let truto: HostileTruto;
let root: string;

beforeAll(async () => {
  truto = await startHostileTruto([...simpleTools(), UPLOAD_TOOL]);
  root = await mkdtemp(join(tmpdir(), 'truto-deadline-'));
  // Larger than the socket buffers on both sides, so a server that never reads stalls the upload.
  await writeFile(join(root, 'big.bin'), Buffer.alloc(16 * 1024 * 1024, 7));
});

afterAll(async () => {
  await truto.close();
  await rm(root, { recursive: true, force: true });
});

afterEach(() => {
  truto.handle = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  };
});

/** Headers at once, then the JSON body one byte a second: what undici's silence timers never catch. */
function trickleJson(): void {
  truto.handle = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
    response.flushHeaders();
    trickle(response.socket!, `{"result":[${'1,'.repeat(2000)}1]}`);
  };
}

describe('timeoutMs bounds the whole call', () => {
  it('ends a body trickling a byte a second with a TrutoTimeoutError', async () => {
    trickleJson();
    const manager = truto.manager({ timeoutMs: 1_500 });
    const error = await rejectionOf(manager.invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoTimeoutError);
    expect((error as TrutoTimeoutError).timeoutMs).toBe(1_500);
    expect((error as TrutoTimeoutError).message).toMatch(/timed out after 1500 ms/);
  });

  it('uses a per-call timeoutMs for the whole call too', async () => {
    trickleJson();
    const manager = truto.manager({ timeoutMs: 60_000 });
    const error = await rejectionOf(manager.invoke('list_all_things', {}, { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(TrutoTimeoutError);
    expect((error as TrutoTimeoutError).timeoutMs).toBe(1_000);
  });

  it('ends a call whose headers never come', async () => {
    truto.handle = () => {
      // Never answers.
    };
    const error = await rejectionOf(truto.manager({ timeoutMs: 1_000 }).invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoTimeoutError);
  });

  it('ends an upload the server never reads', async () => {
    let started = false;
    truto.handle = (request) => {
      // Take the request and never read its body: the client's writes stall once the socket buffers are full.
      started = true;
      request.pause();
    };
    const manager = truto.manager({ timeoutMs: 1_500, files: { root } });
    const error = await rejectionOf(manager.invoke('upload_a_document', { file: 'big.bin' }));
    expect(started).toBe(true);
    expect(error).toBeInstanceOf(TrutoTimeoutError);
  });

  it('ends a connection whose TLS handshake never completes (the connect phase)', async () => {
    const silent = await startSilentTcpServer();
    try {
      // https to a TCP server that accepts and says nothing: undici waits in its connect phase.
      const client = new HttpClient({
        baseUrl: `https://127.0.0.1:${silent.port}`,
        apiKey: HOSTILE_KEY,
        timeoutMs: 800,
      });
      const error = await rejectionOf(client.send({ method: 'GET', path: '/proxy/things' }));
      expect(error).toBeInstanceOf(TrutoTimeoutError);
      await client.close();
    } finally {
      await silent.close();
    }
  });

  it('fails at once, without sending, when the call is already past its deadline', async () => {
    const client = new HttpClient({ baseUrl: truto.baseUrl, apiKey: HOSTILE_KEY });
    const before = truto.requests.length;
    const error = await rejectionOf(
      client.send({ method: 'GET', path: '/proxy/things', timeoutMs: 5_000, deadline: Date.now() - 1 }),
    );
    expect(error).toBeInstanceOf(TrutoTimeoutError);
    expect((error as TrutoTimeoutError).timeoutMs).toBe(5_000);
    expect(truto.requests.length).toBe(before);
    await client.close();
  });

  it('lets the stalled socket go: the server sees the connection closed', async () => {
    const seen: Socket[] = [];
    truto.handle = (_request, response) => {
      seen.push(response.socket!);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      trickle(response.socket!, '{"a":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}');
    };
    await rejectionOf(truto.manager({ timeoutMs: 1_000 }).invoke('list_all_things', {}));
    await expect.poll(() => seen[0]?.destroyed, { timeout: 10_000 }).toBe(true);
  });
});

describe("the call's AbortSignal ends every phase", () => {
  it('during a trickling body', async () => {
    trickleJson();
    const controller = new AbortController();
    const reason = new Error('the user closed the chat');
    const call = truto.manager().invoke('list_all_things', {}, { signal: controller.signal });
    await expect.poll(() => truto.proxyRequests().length, { timeout: 10_000 }).toBeGreaterThan(0);
    setTimeout(() => controller.abort(reason), 200);
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(TrutoAbortError);
    expect((error as TrutoAbortError).cause).toBe(reason);
  });

  it('during the connect phase', async () => {
    const silent = await startSilentTcpServer();
    try {
      // The pool keeps trying the handshake until its connect timeout (the client's timeoutMs, at most 10 s), which
      // `close()` waits for: a short one keeps the test short.
      const client = new HttpClient({
        baseUrl: `https://127.0.0.1:${silent.port}`,
        apiKey: HOSTILE_KEY,
        timeoutMs: 1_000,
      });
      const call = client.send({ method: 'GET', path: '/proxy/things', signal: AbortSignal.timeout(300) });
      expect(await rejectionOf(call)).toBeInstanceOf(TrutoAbortError);
      await client.close();
    } finally {
      await silent.close();
    }
  });
});

describe('URL file references honour the call', () => {
  const allowedHost = () => new URL(truto.baseUrl).host;
  const context = (extra: Record<string, unknown>) => ({
    toolName: 'upload_a_document',
    options: { root: undefined, allowedHosts: [allowedHost()] },
    registry: new FileRegistry(),
    ...extra,
  });
  const rules = { maxBytes: 1024 * 1024 };
  const where = { issuePath: 'file', partName: 'file' };

  function trickleFile(): void {
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
      response.flushHeaders();
      trickle(response.socket!, 'x'.repeat(1000), 500);
    };
  }

  it("stops a trickling download when the call's timeoutMs runs out", async () => {
    trickleFile();
    const error = await rejectionOf(
      prepareUpload(`${truto.baseUrl}/files/slow.bin`, where, rules, context({ timeoutMs: 1_000 })),
    );
    expect(error).toBeInstanceOf(TrutoTimeoutError);
    expect((error as TrutoTimeoutError).timeoutMs).toBe(1_000);
  });

  it('gives a download only what is left of the whole call', async () => {
    trickleFile();
    const error = await rejectionOf(
      prepareUpload(
        `${truto.baseUrl}/files/slow.bin`,
        where,
        rules,
        context({ timeoutMs: 60_000, deadline: Date.now() + 800 }),
      ),
    );
    expect(error).toBeInstanceOf(TrutoTimeoutError);
  });

  it("stops a download when the call's signal aborts, headers or body", async () => {
    truto.handle = () => {
      // Headers never come.
    };
    const headersError = await rejectionOf(
      prepareUpload(`${truto.baseUrl}/files/never.bin`, where, rules, context({ signal: AbortSignal.timeout(300) })),
    );
    expect(headersError).toBeInstanceOf(TrutoAbortError);
    trickleFile();
    const bodyError = await rejectionOf(
      prepareUpload(`${truto.baseUrl}/files/slow.bin`, where, rules, context({ signal: AbortSignal.timeout(700) })),
    );
    expect(bodyError).toBeInstanceOf(TrutoAbortError);
  });

  it('still downloads a file that arrives in time', async () => {
    const bytes = Buffer.from('a file that arrives whole');
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(bytes.length) });
      response.end(bytes);
    };
    const upload = await prepareUpload(
      `${truto.baseUrl}/files/notes.txt`,
      where,
      rules,
      context({ timeoutMs: 10_000, signal: new AbortController().signal }),
    );
    expect(upload.size).toBe(bytes.length);
    expect(upload.source).toBe('url');
    expect(await readFile((upload.content as { path: string }).path)).toEqual(bytes);
  });

  it.todo(
    'through manager.invoke: needs invoke-tool to pass the call signal, timeoutMs and deadline into the upload context',
  );
});

async function startSilentTcpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
