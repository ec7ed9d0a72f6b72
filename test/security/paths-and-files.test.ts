/**
 * Ids stay inside their path segment; file references cannot leave the files root or reach a host off the
 * allowlist (however the URL is dressed up); an oversized answer, JSON or binary, is cut at the configured limit.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  FileReferenceError,
  ToolInputError,
  TrutoApiError,
  TrutoResponseError,
  type TrutoToolManager,
} from 'truto-langchainjs-toolset';
import { encodeWav, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { managerFor } from '../reliability/support';

const TRANSCRIPTION = 'create_a_open_ai_transcription';

function wav(text: string): Buffer {
  const samples = new Int16Array(4000);
  for (let index = 0; index < samples.length; index++) samples[index] = Math.round(Math.sin(index / 3) * 4000);
  return encodeWav(samples, { sampleRate: 8000 }, { ICMT: text });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const INSIDE = wav('A file the model may upload.');
const SECRET = wav('A file outside the root that must never leave this machine.');

/** A loopback server that serves one WAV and counts every connection made to it. */
interface CountingServer {
  host: string;
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function startCountingServer(): Promise<CountingServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(SECRET.length) });
    response.end(SECRET);
  });
  const handle = {
    host: '',
    port: 0,
    connections: 0,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
  server.on('connection', () => {
    handle.connections++;
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  handle.port = port;
  handle.host = `127.0.0.1:${port}`;
  return handle;
}

let sandbox: Sandbox;
let manager: TrutoToolManager;
let root: string;
let outside: string;
let outputDir: string;
let allowed: CountingServer;
let evil: CountingServer;

beforeAll(async () => {
  sandbox = await startSandbox();
  root = await mkdtemp(join(tmpdir(), 'truto-security-root-'));
  outside = await mkdtemp(join(tmpdir(), 'truto-security-outside-'));
  outputDir = await mkdtemp(join(tmpdir(), 'truto-security-output-'));
  await mkdir(join(root, 'sub'));
  await writeFile(join(root, 'inside.wav'), INSIDE);
  await writeFile(join(root, 'sub', 'inside.wav'), INSIDE);
  await writeFile(join(outside, 'secret.wav'), SECRET);
  await symlink(join(outside, 'secret.wav'), join(root, 'sub', 'link.wav'));
  allowed = await startCountingServer();
  evil = await startCountingServer();
  manager = managerFor(sandbox, { files: { root, allowedHosts: [allowed.host], outputDir } });
  await manager.getToolDefinitions();
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
  await allowed.close();
  await evil.close();
  for (const folder of [root, outside, outputDir]) await rm(folder, { recursive: true, force: true });
});

beforeEach(() => sandbox.reset());

function proxyRequests() {
  return sandbox.requests.filter((record) => record.route === 'proxy');
}

describe('ids stay inside their path segment', () => {
  const HOSTILE_IDS = [
    '../projects',
    '../../integrated-account/other/tools',
    'proj_12345/archive',
    'proj_12345?integrated_account_id=someone-else',
    'proj_12345#fragment',
    '%2e%2e',
    '.%2E',
    '%2F..%2F',
    'a\\..\\b',
    '..;/admin',
    '\u0000',
    ' ',
    '%',
    'é/../x',
  ];
  const TOOLS = [
    ['get', 'get_single_open_ai_project_by_id', 'projects'],
    ['delete', 'delete_a_open_ai_model_by_id', 'models'],
  ] as const;

  it.each(TOOLS)(
    '%s: each hostile id arrives as one segment, decoded back to itself',
    async (method, tool, resource) => {
      for (const id of HOSTILE_IDS) {
        sandbox.reset();
        // Unknown ids get the API's 404; what matters here is where the request went.
        await manager.invoke(tool, { id }).catch((error: unknown) => expect(error).toBeInstanceOf(TrutoApiError));
        const [record] = proxyRequests();
        expect(record, id).toBeDefined();
        expect(record!.path).toBe(`/proxy/${resource}/${encodeURIComponent(id)}`);
        expect(record!.resource).toBe(resource);
        expect(record!.toolMethod).toBe(method);
        expect(record!.resourceId).toBe(id);
        expect(Object.keys(record!.query)).toEqual(['integrated_account_id']);
        expect(record!.query.integrated_account_id).toBe(sandbox.integratedAccountId);
      }
    },
  );

  it.each(['', '.', '..'])('refuses the id %j, which would address another resource', async (id) => {
    for (const [, tool] of TOOLS) {
      const error = await manager.invoke(tool, { id }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ToolInputError);
      expect((error as ToolInputError).issues[0]?.path).toBe('id');
    }
    expect(proxyRequests()).toEqual([]);
  });

  it('no id at all is refused by validation, never sent to the collection', async () => {
    await expect(manager.invoke('delete_a_open_ai_model_by_id', {})).rejects.toBeInstanceOf(ToolInputError);
    expect(proxyRequests()).toEqual([]);
  });

  it('fast-check: any id is either refused or one segment that a WHATWG URL parser keeps as is', async () => {
    const dryRun = managerFor(sandbox, { dryRun: true });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 24 }),
            fc
              .array(fc.constantFrom('..', '.', '/', '\\', '%2e', '%2F', '?', '#', '&', '=', ';', 'x', '%', '%00'), {
                maxLength: 6,
              })
              .map((parts) => parts.join('')),
          ),
          async (id) => {
            let url: string;
            try {
              url = (await dryRun.invoke<{ url: string }>('get_single_open_ai_project_by_id', { id })).url;
            } catch (error) {
              expect(error).toBeInstanceOf(ToolInputError);
              expect(['', '.', '..']).toContain(id);
              return;
            }
            const parsed = new URL(url);
            const segments = parsed.pathname.split('/');
            expect(segments.slice(0, 3)).toEqual(['', 'proxy', 'projects']);
            expect(segments).toHaveLength(4);
            expect(decodeURIComponent(segments[3]!)).toBe(id);
            expect([...parsed.searchParams.keys()]).toEqual(['integrated_account_id']);
          },
        ),
        { numRuns: 1000 },
      );
    } finally {
      await dryRun.close();
    }
  });
});

describe('file references cannot leave the root', () => {
  const TRAVERSALS = () => [
    '../secret.wav',
    `../${relative(join(root, '..'), outside)}/secret.wav`,
    join(outside, 'secret.wav'),
    pathToFileURL(join(outside, 'secret.wav')).href,
    `file://localhost${join(outside, 'secret.wav')}`,
    `sub/../../${relative(join(root, '..'), outside)}/secret.wav`,
    'sub/link.wav',
    `inside.wav\u0000../../${relative(join(root, '..'), outside)}/secret.wav`,
    '..\\secret.wav',
    '~/secret.wav',
    '/etc/passwd',
    'file:///etc/passwd',
    '%2e%2e/secret.wav',
  ];

  it('each traversal is refused with a FileReferenceError before anything is sent', async () => {
    for (const file of TRAVERSALS()) {
      const error = await manager
        .invoke(TRANSCRIPTION, { file, model: 'whisper-1' })
        .catch((caught: unknown) => caught);
      expect(error, file).toBeInstanceOf(FileReferenceError);
    }
    expect(proxyRequests()).toEqual([]);
  });

  it('fast-check: whatever the path, only bytes from inside the root are ever uploaded', async () => {
    const secretDigest = sha256(SECRET);
    const insideDigest = sha256(INSIDE);
    const outsideName = relative(join(root, '..'), outside);
    const segment = fc.constantFrom('..', '.', 'sub', 'inside.wav', 'secret.wav', 'link.wav', outsideName, '', '~');
    const reference = fc.tuple(
      fc.constantFrom('', '/', './', 'file://', `${root}/`, `${outside}/`),
      fc.array(segment, { minLength: 1, maxLength: 6 }),
      fc.constantFrom('/', '\\'),
    );
    let uploaded = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(reference, async ([prefix, parts, separator]) => {
        const file = prefix + parts.join(separator);
        sandbox.reset();
        try {
          await manager.invoke(TRANSCRIPTION, { file, model: 'whisper-1' });
          uploaded++;
        } catch (error) {
          if (error instanceof ToolInputError) {
            // Refused (a FileReferenceError, or the schema's own complaint) before a byte left.
            expect(proxyRequests(), file).toEqual([]);
            refused++;
          } else {
            // Or the upstream complained about bytes that were ours to send: checked below.
            expect(proxyRequests(), file).toHaveLength(1);
          }
        }
        for (const record of proxyRequests()) {
          for (const sent of record.multipart?.files ?? []) {
            expect(sent.sha256, file).not.toBe(secretDigest);
            expect(sent.sha256, file).toBe(insideDigest);
          }
        }
      }),
      { numRuns: 300 },
    );
    // Both outcomes occurred, so the property was not decided by one branch alone.
    expect(uploaded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('URL references reach allowlisted hosts only', () => {
  const BYPASSES = () => {
    const good = allowed.host;
    const bad = evil.host;
    return [
      `http://${bad}/secret.wav`,
      `http://${good}@${bad}/secret.wav`,
      `http://user:${good}@${bad}/secret.wav`,
      `http://${bad}/secret.wav#${good}`,
      `http://${bad}/secret.wav?host=${good}`,
      `http://${bad}/${good}/secret.wav`,
      `http://localhost:${evil.port}/secret.wav`,
      `http://[::ffff:127.0.0.1]:${evil.port}/secret.wav`,
      `http://2130706433:${evil.port}/secret.wav`,
      `http://0x7f.0.0.1:${evil.port}/secret.wav`,
      `http://127.1:${evil.port}/secret.wav`,
      `HTTP://127.0.0.1:${evil.port}/secret.wav`,
      `https://${bad}/secret.wav`,
      `ftp://${good}/secret.wav`,
      `ws://${good}/secret.wav`,
      `//${bad}/secret.wav`,
    ];
  };

  it('each disguise is refused, and the other host never sees a connection', async () => {
    for (const file of BYPASSES()) {
      const error = await manager
        .invoke(TRANSCRIPTION, { file, model: 'whisper-1' })
        .catch((caught: unknown) => caught);
      expect(error, file).toBeInstanceOf(FileReferenceError);
    }
    expect(evil.connections).toBe(0);
    expect(proxyRequests()).toEqual([]);
  });

  it('the allowlisted host itself works (the refusals above are not a broken fetch)', async () => {
    await manager.invoke(TRANSCRIPTION, { file: `http://${allowed.host}/clip.wav`, model: 'whisper-1' });
    expect(allowed.connections).toBeGreaterThan(0);
    expect(proxyRequests()[0]?.multipart?.files[0]?.sha256).toBe(sha256(SECRET));
  });
});

describe('oversized answers are cut at the configured limit', () => {
  const LIMIT = 1024 * 1024;

  it.each([
    ['the manager’s own pool', false],
    ['a caller’s undici pool (no undici size limit)', true],
  ])('JSON, through %s', { timeout: 30_000 }, async (_name, callerPool) => {
    const agent = callerPool ? new Agent() : undefined;
    const small = managerFor(sandbox, { maxResponseBytes: LIMIT, ...(agent ? { dispatcher: agent } : {}) });
    try {
      sandbox.failNext(1, { fault: 'huge' });
      const error = await small.invoke('list_all_open_ai_projects', {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TrutoResponseError);
      expect((error as TrutoResponseError).reason).toBe('too_large');
    } finally {
      await small.close();
      await agent?.close();
    }
  });

  it.each([
    ['the manager’s own pool', false],
    ['a caller’s undici pool', true],
  ])(
    'binary (speech audio), through %s: refused, and no partial file kept',
    { timeout: 30_000 },
    async (_name, callerPool) => {
      const agent = callerPool ? new Agent() : undefined;
      const folder = await mkdtemp(join(tmpdir(), 'truto-security-binary-'));
      const small = managerFor(sandbox, {
        maxResponseBytes: LIMIT,
        files: { outputDir: folder },
        ...(agent ? { dispatcher: agent } : {}),
      });
      try {
        sandbox.failNext(1, {
          status: 200,
          body: 'x'.repeat(8 * LIMIT),
          headers: { 'content-type': 'audio/mpeg' },
        });
        const error = await small
          .invoke('create_a_open_ai_speech', { model: 'tts-1', input: 'Hello.', voice: 'alloy' })
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TrutoResponseError);
        expect((error as TrutoResponseError).reason).toBe('too_large');
        expect(await readdir(folder)).toEqual([]);
      } finally {
        await small.close();
        await agent?.close();
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
});
