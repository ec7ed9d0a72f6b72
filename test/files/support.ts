/** Shared helpers for the file tests: a real sandbox on loopback, a files root in a temp folder, WAV bytes, digests. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { encodeWav, type Sandbox, type SandboxRequestRecord } from 'truto-langchainjs-toolset/sandbox';

export const TRANSCRIPTION = 'create_a_open_ai_transcription';
export const SPEECH = 'create_a_open_ai_speech';
export const IMAGE = 'create_a_open_ai_image_generation';

/** A real 16-bit mono WAV whose `ICMT` tag is the text the sandbox's transcription answers with. */
export function makeWav(text: string, seconds = 1, sampleRate = 8000): Buffer {
  const samples = new Int16Array(Math.round(seconds * sampleRate));
  for (let index = 0; index < samples.length; index++) samples[index] = Math.round(Math.sin(index / 7) * 6000);
  return encodeWav(samples, { sampleRate }, { ICMT: text });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256OfFile(path: string): Promise<string> {
  return sha256(await readFile(path));
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `truto-test-${prefix}-`));
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

export async function writeBytes(path: string, bytes: Uint8Array | string): Promise<void> {
  await writeFile(path, bytes);
}

export function createManager(sandbox: Sandbox, options: Partial<TrutoToolManagerOptions> = {}): TrutoToolManager {
  return new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => undefined,
    ...options,
  });
}

export function proxyRequests(sandbox: Sandbox): SandboxRequestRecord[] {
  return sandbox.requests.filter((request) => request.route === 'proxy');
}

export function lastProxyRequest(sandbox: Sandbox): SandboxRequestRecord {
  const proxied = proxyRequests(sandbox);
  const last = proxied[proxied.length - 1];
  if (last === undefined) throw new Error('no proxy request was received');
  return last;
}

/** The one file part of the last multipart request, as the sandbox parsed it. */
export function lastUploadedFile(sandbox: Sandbox) {
  const request = lastProxyRequest(sandbox);
  const file = request.multipart?.files[0];
  if (file === undefined) throw new Error(`the last request (${request.path}) carried no file part`);
  return { request, file };
}

export interface FileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, what `allowedHosts` lists. */
  host: string;
  /** Paths requested so far. */
  requested: string[];
  close(): Promise<void>;
}

export type FileRoute =
  | { body: Uint8Array; contentType?: string; chunked?: boolean }
  | { redirect: string; status?: number }
  | { status: number };

/** A tiny loopback web server for URL references: fixed bodies, redirects and failures, by path. */
export async function startFileServer(routes: (origin: string) => Record<string, FileRoute>): Promise<FileServer> {
  const { createServer } = await import('node:http');
  const requested: string[] = [];
  let table: Record<string, FileRoute> = {};
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requested.push(path);
    const route = table[path];
    if (route === undefined) {
      response.writeHead(404).end();
    } else if ('redirect' in route) {
      response.writeHead(route.status ?? 302, { location: route.redirect }).end();
    } else if ('body' in route) {
      const headers: Record<string, string> = { 'content-type': route.contentType ?? 'application/octet-stream' };
      if (!route.chunked) headers['content-length'] = String(route.body.byteLength);
      response.writeHead(200, headers);
      if (route.chunked) {
        const half = Math.floor(route.body.byteLength / 2);
        response.write(route.body.subarray(0, half));
        response.end(route.body.subarray(half));
      } else {
        response.end(route.body);
      }
    } else {
      response.writeHead(route.status).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  table = routes(origin);
  return {
    origin,
    host: `127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
