/** `truto-tools snapshot` and `call --record`, in-process (runCli) and, for the long-running proxy, as a real process. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { parseSnapshot } from '../../src/recording/snapshot.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const API_KEY = 'sk-snapshot-cli-secret-91be';

let sandbox: Sandbox;
let directory: string;
/** Everything any run printed: none of it may hold the key. */
const printed: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY });
  directory = await mkdtemp(join(tmpdir(), 'truto-snapshot-cli-'));
});
afterAll(async () => {
  for (const text of printed) expect(text).not.toContain(API_KEY);
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    TRUTO_API_KEY: API_KEY,
    TRUTO_API_BASE_URL: sandbox.baseUrl,
    TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
    ...extra,
  };
}

async function run(argv: string[], env = environment()) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
  });
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}

async function readSnapshot(file: string) {
  const text = await readFile(file, 'utf8');
  printed.push(text);
  return parseSnapshot(JSON.parse(text));
}

describe('truto-tools snapshot', () => {
  it('writes every tool of the catalog (all pages), with no recordings and no key', async () => {
    const file = join(directory, 'catalog.json');
    const result = await run(['snapshot', '--output', file]);
    expect(result).toMatchObject({ code: 0, stdout: `Saved 13 tools to ${file}.\n` });
    // The sandbox pages five tools at a time: three pages.
    expect(sandbox.requests.filter((request) => request.route === 'tools')).toHaveLength(3);
    const snapshot = await readSnapshot(file);
    expect(snapshot).toMatchObject({
      format: 'truto-tools-snapshot',
      version: 1,
      integratedAccountId: sandbox.integratedAccountId,
      recordings: [],
    });
    expect(snapshot.tools).toHaveLength(13);
    expect(snapshot.tools[0]).toMatchObject({ name: 'list_all_open_ai_costs', resource: 'costs', method: 'list' });
    expect(new Date(snapshot.createdAt).getTime()).not.toBeNaN();
  });

  it('refuses to overwrite a file unless --force', async () => {
    const file = join(directory, 'existing.json');
    await writeFile(file, 'keep me');
    const refused = await run(['snapshot', '--output', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(await readFile(file, 'utf8')).toBe('keep me');
    expect(sandbox.requests).toHaveLength(0); // refused before fetching anything
    const forced = await run(['snapshot', '--output', file, '--force']);
    expect(forced.code).toBe(0);
    expect((await readSnapshot(file)).tools).toHaveLength(13);
  });

  it('prints a one-line summary with --json', async () => {
    const file = join(directory, 'summary.json');
    const result = await run(['snapshot', '--output', file, '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ file, tools: 13, integratedAccountId: sandbox.integratedAccountId });
  });

  it('reports usage mistakes (exit 1) and API failures (exit 2) without writing a file', async () => {
    expect((await run(['snapshot'])).code).toBe(1);
    expect((await run(['snapshot', '--output', join(directory, 'x.json'), '--port', '1'])).code).toBe(1);
    const file = join(directory, 'unauthorised.json');
    const failed = await run(['snapshot', '--output', file], environment({ TRUTO_API_KEY: 'sk-wrong-key-000000' }));
    expect(failed.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});

describe('truto-tools call --record', () => {
  it('appends each exchange, error statuses too, to an existing snapshot', async () => {
    const file = join(directory, 'calls.json');
    expect((await run(['snapshot', '--output', file])).code).toBe(0);
    const listed = await run(['call', 'list_all_open_ai_projects', '--args', '{"limit": 1}', '--record', file]);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(`Recorded the exchange in ${file}.`);
    const missing = await run(['call', 'get_single_open_ai_model_by_id', '--args', '{"id": "nope"}', '--record', file]);
    expect(missing.code).toBe(2);
    const invalid = await run([
      'call',
      'list_all_open_ai_costs',
      '--args',
      '{"start_time": "someday"}',
      '--record',
      file,
    ]);
    expect(invalid.code).toBe(3); // nothing sent, nothing recorded
    const snapshot = await readSnapshot(file);
    expect(snapshot.tools).toHaveLength(13);
    expect(snapshot.recordings.map(({ tool, request, response }) => [tool, request.path, response.status])).toEqual([
      ['list_all_open_ai_projects', '/proxy/projects', 200],
      ['get_single_open_ai_model_by_id', '/proxy/models/nope', 404],
    ]);
    expect(snapshot.recordings[0]!.request.query).toEqual({ limit: '1' });
  });

  it('creates the file with the catalog when there is none', async () => {
    const file = join(directory, 'created-by-call.json');
    const result = await run(['call', 'list_all_open_ai_models', '--record', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('created, with 13 tools');
    const snapshot = await readSnapshot(file);
    expect(snapshot.tools).toHaveLength(13);
    expect(snapshot.recordings).toHaveLength(1);
    expect(snapshot.recordings[0]).toMatchObject({ tool: 'list_all_open_ai_models', response: { status: 200 } });
  });

  it('refuses --record with --dry-run, and a file that is not a snapshot', async () => {
    expect(
      (await run(['call', 'list_all_open_ai_models', '--dry-run', '--record', join(directory, 'd.json')])).code,
    ).toBe(1);
    const notSnapshot = join(directory, 'not-a-snapshot.json');
    await writeFile(notSnapshot, '{"hello": 1}');
    const result = await run(['call', 'list_all_open_ai_models', '--record', notSnapshot]);
    expect(result.code).toBe(1);
    expect(sandbox.requests.filter((request) => request.route === 'proxy')).toHaveLength(0);
    expect(result.stderr).toContain('is not a truto-tools snapshot');
    expect(await readFile(notSnapshot, 'utf8')).toBe('{"hello": 1}');
  });
});

describe('truto-tools snapshot --record (a real process)', () => {
  it('saves the catalog, prints { baseUrl, file, token }, records calls until SIGINT, then exits 0', async () => {
    const file = join(directory, 'recorded.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'snapshot', '--output', file, '--record', '--json'],
      { cwd: repository, env: { ...process.env, ...environment() } },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      });
      child.on('close', () => reject(new Error(`exited before listening: ${stderr}`)));
    });
    const started = JSON.parse(firstLine) as { baseUrl: string; file: string; token: string };
    expect(started).toEqual({
      baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      file,
      token: expect.any(String),
    });
    const manager = new TrutoToolManager({
      apiKey: started.token,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: started.baseUrl,
      onWarning: () => {},
    });
    try {
      await manager.invoke('list_all_open_ai_models', {});
      await manager.invoke('get_single_open_ai_project_by_id', { id: 'proj_12345' });
    } finally {
      await manager.close();
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    printed.push(stdout, stderr);
    expect(stderr).toContain('2 exchanges recorded');
    const snapshot = await readSnapshot(file);
    expect(snapshot.tools).toHaveLength(13);
    expect(snapshot.recordings.map((recording) => recording.tool)).toEqual([
      'list_all_open_ai_models',
      'get_single_open_ai_project_by_id',
    ]);
  }, 30_000);
});
