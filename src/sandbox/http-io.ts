/** Reading request bodies and writing answers with node:http, with care for backpressure and closed sockets. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type BodyResult = { bytes: Buffer } | { tooLarge: true; declaredBytes: number };

const EMPTY = Buffer.alloc(0);

export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) return Promise.resolve({ tooLarge: true, declaredBytes: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      total += chunk.length;
      if (total > maxBytes) {
        done = true;
        resolve({ tooLarge: true, declaredBytes: total });
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      resolve({ bytes: chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) });
    });
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      reject(error);
    };
    request.on('error', fail);
    // A client that hangs up mid-upload (or close() destroying the socket) must not leave this promise pending.
    request.on('close', () => fail(new Error('The client closed the connection before the body ended.')));
  });
}

export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  writeText(response, status, 'application/json', JSON.stringify(body), headers);
}

export function writeText(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string | Buffer,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': String(typeof text === 'string' ? Buffer.byteLength(text) : text.length),
  });
  response.end(text);
}

/** Streams chunks with `Transfer-Encoding: chunked`, waiting for the socket to drain; stops if it closes. */
export async function writeChunks(
  response: ServerResponse,
  status: number,
  contentType: string,
  chunks: Iterable<Uint8Array>,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { ...headers, 'content-type': contentType, 'transfer-encoding': 'chunked' });
  for (const chunk of chunks) {
    if (response.destroyed || signal.aborted) return;
    if (!response.write(chunk)) await drained(response);
  }
  if (!response.destroyed) response.end();
}

/** Resolves when the answer can take more data, or when its socket is gone. */
export function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      response.off('drain', finish);
      response.off('close', finish);
      resolve();
    };
    response.on('drain', finish);
    response.on('close', finish);
  });
}
