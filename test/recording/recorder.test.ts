/** `createRecorder()`: a manager's calls to the sandbox, recorded through hooks and saved as a snapshot. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRecorder,
  NotFoundError,
  type ResponseInfo,
  SNAPSHOT_FORMAT,
  ToolInputError,
  type TrutoToolsSnapshot,
} from 'truto-langchainjs-toolset';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toProviderSafeName } from '../../src/catalog/tool-names.js';
import { parseSnapshot } from '../../src/recording/snapshot.js';
import { useSandboxManagers } from '../support/sandbox.js';

/** Distinctive, so a leak into a file is found by a plain string search. */
const API_KEY = 'sk-recorder-secret-4c1d9e';
const fixture = useSandboxManagers({ sandbox: { apiKey: API_KEY } });
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'truto-recorder-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));
beforeEach(() => fixture.sandbox.reset());

function recordingManager() {
  const recorder = createRecorder({ secrets: [API_KEY], clock: () => new Date('2026-12-03T12:00:00Z') });
  const manager = fixture.createManager({
    hooks: recorder.hooks,
    files: { root: join(process.cwd(), 'examples/assets'), outputDir: directory },
  });
  return { recorder, manager };
}

describe('createRecorder', () => {
  it('records what each call sent and what the API answered, error statuses included', async () => {
    const { recorder, manager } = recordingManager();
    await manager.invoke('list_all_open_ai_projects', { limit: 2 });
    await manager.invoke('open_ai_projects_archive', { project_id: 'proj_12345' });
    await expect(manager.invoke('get_single_open_ai_model_by_id', { id: 'no-such-model' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [list, archive, missing] = recorder.recordings;
    expect(recorder.recordings).toHaveLength(3);
    expect(list).toMatchObject({
      tool: 'list_all_open_ai_projects',
      recordedAt: '2026-12-03T12:00:00.000Z',
      request: { method: 'GET', path: '/proxy/projects', query: { limit: '2' } },
      response: { status: 200, body: { result: expect.any(Array), next_cursor: expect.any(String) } },
    });
    expect(list!.request).not.toHaveProperty('body');
    expect(list!.response.headers['content-type']).toMatch(/^application\/json/);
    expect(list!.response.headers).toHaveProperty('ratelimit-remaining');
    expect(archive).toMatchObject({
      tool: 'open_ai_projects_archive',
      request: { method: 'POST', path: '/proxy/projects/archive', body: { project_id: 'proj_12345' } },
      response: { status: 200 },
    });
    expect(missing).toMatchObject({
      tool: 'get_single_open_ai_model_by_id',
      request: { method: 'GET', path: '/proxy/models/no-such-model' },
      response: { status: 404, body: { statusCode: 404, truto_is_remote_error: true } },
    });
  });

  it('leaves out binary answers and multipart uploads, and records nothing for a call never sent', async () => {
    const { recorder, manager } = recordingManager();
    await manager.invoke('create_a_open_ai_speech', { model: 'tts-1', input: 'Hello there.', voice: 'alloy' });
    await manager.invoke('create_a_open_ai_transcription', { file: 'all-hands.wav', model: 'whisper-1' });
    await expect(manager.invoke('list_all_open_ai_costs', { start_time: 'someday' })).rejects.toBeInstanceOf(
      ToolInputError,
    );
    const [speech, transcription] = recorder.recordings;
    expect(recorder.recordings).toHaveLength(2);
    expect(speech!.request.body).toEqual({ model: 'tts-1', input: 'Hello there.', voice: 'alloy' });
    expect(speech!.response).toMatchObject({ status: 200, bodyOmitted: 'binary' });
    expect(speech!.response).not.toHaveProperty('body');
    expect(transcription!.request).not.toHaveProperty('body');
    expect(transcription!.request.query).toEqual({ truto_body_passthrough: 'true' });
    expect(transcription!.response.body).toMatchObject({ text: expect.any(String) });
  });

  it('scrubs answers that repeat the key in encodings the HTTP layer does not know, and secret fields', async () => {
    const { recorder, manager } = recordingManager();
    fixture.sandbox.failNext(1, {
      status: 200,
      body: {
        basic: `Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}`,
        escaped: `Bearer ${[...API_KEY].map((character) => `%${character.charCodeAt(0).toString(16)}`).join('')}`,
        account: { access_token: 'at-123', refresh_token: 'rt-456', name: 'kept' },
      },
      headers: { 'set-cookie': 'session=abc', 'x-debug': `key ${Buffer.from(API_KEY).toString('base64')}` },
    });
    const answer = await manager.invoke('list_all_open_ai_projects', {});
    // The caller gets the answer as the API sent it (less the plain key): recording changes nothing for it.
    expect(answer).toMatchObject({ account: { access_token: 'at-123' } });
    const [recording] = recorder.recordings;
    expect(recording!.response.body).toEqual({
      basic: 'Basic [redacted]',
      escaped: 'Bearer [redacted]',
      account: { access_token: '[REDACTED]', refresh_token: '[REDACTED]', name: 'kept' },
    });
    expect(recording!.response.headers).not.toHaveProperty('set-cookie');
    expect(recording!.response.headers['x-debug']).toBe('key [redacted]');
  });

  it('saves a valid snapshot with the catalog, and without the key', async () => {
    const { recorder, manager } = recordingManager();
    await manager.invoke('list_all_open_ai_models', {});
    await manager.invoke('get_single_open_ai_project_by_id', { id: 'proj_12345' });
    const file = join(directory, 'saved.json');
    const tools = await manager.getToolDefinitions();
    const saved = await recorder.save(file, tools);
    const text = await readFile(file, 'utf8');
    const snapshot: TrutoToolsSnapshot = parseSnapshot(JSON.parse(text));
    expect(snapshot).toEqual(saved);
    expect(snapshot).toMatchObject({
      format: SNAPSHOT_FORMAT,
      version: 1,
      createdAt: '2026-12-03T12:00:00.000Z',
      integratedAccountId: fixture.sandbox.integratedAccountId,
    });
    expect(snapshot.tools.map((tool) => tool.name)).toEqual(tools.map((tool) => tool.definition.name));
    expect(snapshot.tools).toHaveLength(13);
    expect(snapshot.recordings.map((recording) => recording.tool)).toEqual([
      'list_all_open_ai_models',
      'get_single_open_ai_project_by_id',
    ]);
    expect(text).not.toContain(API_KEY);
    // save() replaces: a second save holds the same recordings, not twice as many.
    expect((await recorder.save(file, tools)).recordings).toHaveLength(2);
  });

  it("names each recording by the catalog's own name when the manager shortened it", () => {
    const recorder = createRecorder({ secrets: [] });
    const catalogName = `list_all_${'very_long_integration_name_'.repeat(3)}records`;
    const exposedName = toProviderSafeName(catalogName);
    expect(exposedName).not.toBe(catalogName);
    const response: ResponseInfo = {
      request: {
        requestId: 'r1',
        toolName: exposedName,
        method: 'GET',
        url: 'http://127.0.0.1/proxy/records?integrated_account_id=acc',
        headers: {},
        body: undefined,
        arguments: {},
      },
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { result: [] },
      durationMs: 1,
    };
    recorder.hooks.afterResponse!(response);
    const definition = { name: catalogName, resource: 'records', method: 'list' };
    expect(recorder.toSnapshot([definition]).recordings[0]!.tool).toBe(catalogName);
    expect(recorder.toSnapshot([definition]).integratedAccountId).toBe('acc');
    // Without a catalog there is nothing to map back with: the name stays the manager's.
    expect(recorder.toSnapshot().recordings[0]!.tool).toBe(exposedName);
  });
});
