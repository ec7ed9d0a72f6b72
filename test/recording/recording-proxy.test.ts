/**
 * The recording proxy, in-process, over real HTTP: the sandbox plays the real account, and a small node:http upstream
 * plays a careless one that echoes the key back in every encoding it can.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  NotFoundError,
  startRecordingProxy,
  TrutoToolManager,
  type TrutoToolsSnapshot,
} from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/recording/snapshot.js';

const API_KEY = 'sk-proxy-secret-Z8q/+x1';
let directory: string;
let sandbox: Sandbox;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'truto-recording-proxy-'));
  sandbox = await startSandbox({ apiKey: API_KEY });
});
afterAll(async () => {
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});

async function readSnapshot(file: string): Promise<{ text: string; snapshot: TrutoToolsSnapshot }> {
  const text = await readFile(file, 'utf8');
  return { text, snapshot: parseSnapshot(JSON.parse(text)) };
}

/** Every form of the key this suite plants; none may reach a file, and none the proxy's clients. */
function keyForms(key: string): string[] {
  const every = (encode: (code: number) => string) => [...key].map((c) => encode(c.charCodeAt(0))).join('');
  return [
    key,
    Buffer.from(key).toString('base64'),
    Buffer.from(key).toString('base64url'),
    every((code) => `\\u${code.toString(16).padStart(4, '0')}`),
    every((code) => `%${code.toString(16)}`),
    encodeURIComponent(key),
  ];
}

function expectNoKey(text: string, key = API_KEY): void {
  for (const form of keyForms(key)) expect(text).not.toContain(form);
}

describe('recording the sandbox through the proxy', () => {
  it('creates the file with the whole catalog, records each /proxy exchange, and hands back the real answers', async () => {
    const file = join(directory, 'openai.json');
    const proxy = await startRecordingProxy({
      apiKey: API_KEY,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      file,
    });
    const manager = new TrutoToolManager({
      apiKey: proxy.token,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: proxy.baseUrl,
      onWarning: () => {},
      files: { outputDir: directory },
    });
    try {
      // The catalog goes through the proxy too (three pages of five), without being recorded.
      expect(await manager.getToolDefinitions()).toHaveLength(13);
      const projects = (await manager.invoke('list_all_open_ai_projects', { limit: 2 })) as { result: unknown[] };
      expect(projects.result).toHaveLength(2);
      // On disk as soon as the caller has its answer, before any flush or close.
      expect((await readSnapshot(file)).snapshot.recordings).toHaveLength(1);
      await manager.invoke('open_ai_projects_archive', { project_id: 'proj_12345' });
      await expect(manager.invoke('get_single_open_ai_model_by_id', { id: 'ft:gpt-4o:none' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await manager.invoke('create_a_open_ai_speech', { model: 'tts-1', input: 'Hi.', voice: 'alloy' });
    } finally {
      await manager.close();
      await proxy.close();
    }
    const { text, snapshot } = await readSnapshot(file);
    expectNoKey(text);
    expect(text).not.toContain(proxy.token);
    expect(snapshot.integratedAccountId).toBe(sandbox.integratedAccountId);
    expect(snapshot.tools).toHaveLength(13);
    expect(
      snapshot.recordings.map(({ tool, request, response }) => [tool, request.method, request.path, response.status]),
    ).toEqual([
      ['list_all_open_ai_projects', 'GET', '/proxy/projects', 200],
      ['open_ai_projects_archive', 'POST', '/proxy/projects/archive', 200],
      ['get_single_open_ai_model_by_id', 'GET', '/proxy/models/ft%3Agpt-4o%3Anone', 404],
      ['create_a_open_ai_speech', 'POST', '/proxy/speech', 200],
    ]);
    const [list, archive, missing, speech] = snapshot.recordings;
    expect(list!.request.query).toEqual({ limit: '2' });
    expect(list!.response.body).toMatchObject({ result: [{ id: 'proj_12345' }, expect.any(Object)] });
    expect(archive!.request.body).toEqual({ project_id: 'proj_12345' });
    expect(missing!.response.body).toMatchObject({ statusCode: 404 });
    expect(speech!.response).toMatchObject({ bodyOmitted: 'binary' });
    for (const recording of snapshot.recordings) {
      expect(recording.response.headers).not.toHaveProperty('content-length');
      expect(recording.response.headers).not.toHaveProperty('transfer-encoding');
    }
  });

  it('appends to an existing file, keeping what it held', async () => {
    const file = join(directory, 'append.json');
    const start = () =>
      startRecordingProxy({
        apiKey: API_KEY,
        integratedAccountId: sandbox.integratedAccountId,
        baseUrl: sandbox.baseUrl,
        file,
      });
    for (let run = 0; run < 2; run++) {
      const proxy = await start();
      const answer = await fetch(`${proxy.baseUrl}/proxy/models?integrated_account_id=${sandbox.integratedAccountId}`, {
        headers: { authorization: `Bearer ${API_KEY}` }, // the real key is accepted as well as the token
      });
      expect(answer.status).toBe(200);
      await answer.arrayBuffer();
      expect(proxy.recordingCount).toBe(run + 1);
      await proxy.close();
    }
    expect((await readSnapshot(file)).snapshot.recordings).toHaveLength(2);
  });
});

describe('who may use the proxy', () => {
  it('refuses clients without its token (401) and requests for another account (404), without forwarding them', async () => {
    const file = join(directory, 'guarded.json');
    const proxy = await startRecordingProxy({
      apiKey: API_KEY,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      file,
    });
    try {
      sandbox.requests.length = 0;
      const account = sandbox.integratedAccountId;
      const noToken = await fetch(`${proxy.baseUrl}/proxy/models?integrated_account_id=${account}`);
      expect(noToken.status).toBe(401);
      expect(await noToken.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      const wrongToken = await fetch(`${proxy.baseUrl}/proxy/models?integrated_account_id=${account}`, {
        headers: { authorization: `Bearer ${proxy.token}x` },
      });
      expect(wrongToken.status).toBe(401);
      await wrongToken.arrayBuffer();
      const otherAccount = await fetch(`${proxy.baseUrl}/proxy/models?integrated_account_id=someone-else`, {
        headers: { authorization: `Bearer ${proxy.token}` },
      });
      expect(otherAccount.status).toBe(404);
      await otherAccount.arrayBuffer();
      const otherTools = await fetch(`${proxy.baseUrl}/integrated-account/someone-else/tools`, {
        headers: { authorization: `Bearer ${proxy.token}` },
      });
      expect(otherTools.status).toBe(404);
      await otherTools.arrayBuffer();
      expect(sandbox.requests).toHaveLength(0);
      expect(proxy.recordingCount).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});

describe('an upstream that echoes secrets', () => {
  let upstream: Server;
  let upstreamUrl: string;
  const seenAuthorization: string[] = [];
  const KEY = 'tk_echo/Secret+Key=42';
  const ACCOUNT = 'acc-echo';
  const escapedKey = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      seenAuthorization.push(request.headers.authorization ?? '');
      const url = new URL(request.url ?? '/', 'http://upstream');
      if (url.pathname === `/integrated-account/${ACCOUNT}/tools`) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            result: [
              {
                name: 'create_a_echo_record',
                resource: 'echo',
                method: 'create',
                description: 'Echoes.',
                body_schema: { type: 'object', properties: { note: { type: 'string' } } },
              },
              { name: 'list_all_echo_notes', resource: 'notes', method: 'list', description: 'Notes as text.' },
            ],
            next_cursor: null,
          }),
        );
        return;
      }
      const basic = Buffer.from(`user:${KEY}`).toString('base64');
      if (url.pathname === '/proxy/notes') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(`{"debug": "${escapedKey}", "basic": "Basic ${basic}"}`);
        return;
      }
      // The body is JSON text with the key written as \u escapes, so it is plain only once parsed.
      const json =
        `{"echo":"${escapedKey}","authorization":"${request.headers.authorization}","basic":"Basic ${basic}",` +
        `"hex":"${Buffer.from(KEY).toString('hex')}","password":"hunter2","token":"t-1","name":"kept"}`;
      const gzip = url.searchParams.get('gzip') === '1';
      response.writeHead(201, {
        'content-type': 'application/json',
        'set-cookie': [`session=${KEY}`, 'other=1'],
        'x-debug-authorization': `Bearer ${KEY}`,
        'x-echo-encoded': encodeURIComponent(KEY),
        'x-ok': 'yes',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      response.end(gzip ? gzipSync(json) : json);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  it('keeps the key out of the file and out of what clients see, in every encoding; secret fields are redacted', async () => {
    const file = join(directory, 'echo.json');
    const proxy = await startRecordingProxy({ apiKey: KEY, integratedAccountId: ACCOUNT, baseUrl: upstreamUrl, file });
    const manager = new TrutoToolManager({
      apiKey: proxy.token,
      integratedAccountId: ACCOUNT,
      baseUrl: proxy.baseUrl,
      onWarning: () => {},
    });
    const answers: unknown[] = [];
    try {
      answers.push(await manager.invoke('create_a_echo_record', { note: 'hello' }));
      answers.push(await manager.invoke('list_all_echo_notes', {}));
      const gzipped = await fetch(`${proxy.baseUrl}/proxy/echo?integrated_account_id=${ACCOUNT}&gzip=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${proxy.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'zipped', client_secret: 'cs-1' }),
      });
      expect(gzipped.status).toBe(201);
      expect(gzipped.headers.get('set-cookie')).toContain('session=[redacted]');
      expect(gzipped.headers.get('x-debug-authorization')).toBe('Bearer [redacted]');
      answers.push(await gzipped.json());
    } finally {
      await manager.close();
      await proxy.close();
    }

    // Upstream got the real key, never the proxy's token.
    expect(seenAuthorization.every((value) => value === `Bearer ${KEY}`)).toBe(true);

    // Clients get the real data, less the key.
    const seen = JSON.stringify(answers);
    expectNoKey(seen, KEY);
    expect(answers[0]).toMatchObject({
      echo: '[redacted]',
      basic: 'Basic [redacted]',
      password: 'hunter2',
      name: 'kept',
    });
    expect(answers[2]).toMatchObject({ echo: '[redacted]', token: 't-1' });

    const { text, snapshot } = await readSnapshot(file);
    expectNoKey(text, KEY);
    expect(text).not.toContain(proxy.token);
    expect(text).not.toContain('hunter2');
    const [json, notes, zipped] = snapshot.recordings;
    expect(json).toMatchObject({
      tool: 'create_a_echo_record',
      request: { method: 'POST', path: '/proxy/echo', body: { note: 'hello' } },
    });
    expect(json!.response).toMatchObject({
      status: 201,
      body: {
        echo: '[redacted]',
        authorization: '[REDACTED]',
        basic: 'Basic [redacted]',
        hex: '[redacted]',
        password: '[REDACTED]',
        token: '[REDACTED]',
        name: 'kept',
      },
    });
    expect(json!.response.headers).toEqual({
      'content-type': 'application/json',
      'x-echo-encoded': '[redacted]',
      'x-ok': 'yes',
      date: expect.any(String),
    });
    expect(notes!.response.body).toBe('{"debug": "[redacted]", "basic": "Basic [redacted]"}');
    expect(zipped!.request).toMatchObject({
      query: { gzip: '1' },
      body: { note: 'zipped', client_secret: '[REDACTED]' },
    });
    expect(zipped!.response.body).toMatchObject({ echo: '[redacted]', name: 'kept' });
    expect(zipped!.response.headers).not.toHaveProperty('content-encoding');
  });
});
