import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../..', import.meta.url));
/** `npx tsx src/cli/main.ts`, minus npx and tsx's own wrapper process: tsx's loader in one node process. */
const COMMAND = [process.execPath, '--import', 'tsx', 'src/cli/main.ts'] as const;
/** Distinctive, so any leak into the CLI's output is found by a plain string search. */
const API_KEY = 'sk-cli-test-secret-7f3a9c';

let sandbox: Sandbox;
let directory: string;
const outputs: string[] = [];

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY });
  directory = await mkdtemp(join(tmpdir(), 'truto-cli-'));
});

afterAll(async () => {
  await sandbox.close();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

/** `tsx src/cli/main.ts ...` as a real subprocess, with the connection in the environment. */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(base))
    if (name.startsWith('TRUTO_') || name.includes('INTEGRATED_ACCOUNT')) delete base[name];
  const merged: Record<string, string | undefined> = {
    ...base,
    TRUTO_API_KEY: API_KEY,
    TRUTO_API_BASE_URL: sandbox.baseUrl,
    TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
    ...env,
  };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  return new Promise((resolve, reject) => {
    const child = spawn(COMMAND[0], [...COMMAND.slice(1), ...args], {
      cwd: repository,
      env: merged as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

const proxied = () => sandbox.requests.filter((request) => request.route === 'proxy');

describe('truto-tools', () => {
  it('prints usage with --help (exit 0) and without a command (exit 1)', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: truto-tools <command>/);
    expect(help.stdout).toMatch(/Exit codes: 0 success, 1 usage/);
    const none = await cli([]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/Commands:/);
  });

  it('list prints a table of the tools, with no progress control characters when not a terminal', async () => {
    const run = await cli(['list']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^NAME\s+METHOD\s+DESCRIPTION$/);
    expect(run.stdout).toMatch(/^list_all_open_ai_costs\s+list\s+Get costs details/m);
    expect(run.stderr).toMatch(/13 tools/);
    expect(run.stderr).not.toMatch(/[\r\x1b]/);
  });

  it('list --json applies globs and keyword search', async () => {
    const globbed = await cli(['list', '--json', '--include', '*_costs', '--include', '/^create_a_open_ai_s/']);
    expect(globbed.code).toBe(0);
    expect(JSON.parse(globbed.stdout).map((tool: { name: string }) => tool.name)).toEqual([
      'list_all_open_ai_costs',
      'create_a_open_ai_speech',
    ]);
    const searched = await cli(['list', '--json', '--search', 'transcribe audio', '--limit', '2']);
    const hits = JSON.parse(searched.stdout);
    expect(hits).toHaveLength(2);
    expect(hits[0]).toMatchObject({
      name: 'create_a_open_ai_transcription',
      method: 'create',
      resource: expect.any(String),
    });
    expect(hits[0].score).toBeGreaterThan(0);
  });

  it('list passes --methods to Truto as a server-side filter', async () => {
    const run = await cli(['list', '--json', '--methods', 'get']);
    const tools = JSON.parse(run.stdout) as Array<{ method: string }>;
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((tool) => tool.method === 'get')).toBe(true);
    expect(sandbox.requests.find((request) => request.route === 'tools')!.query.methods).toBe('get');
  });

  it('describe shows the schema the model sees', async () => {
    const run = await cli(['describe', 'list_all_open_ai_costs', '--json']);
    expect(run.code).toBe(0);
    const described = JSON.parse(run.stdout);
    expect(described.request).toEqual({ method: 'GET', path: '/proxy/costs' });
    expect(described.parameters.properties.start_time.type).toEqual(['integer', 'string']);
    expect(described.dateFields).toContainEqual({ name: 'start_time', kind: 'unix-seconds', role: 'start' });
    const human = await cli(['describe', 'list_all_open_ai_costs']);
    expect(human.stdout).toMatch(/Request: GET \/proxy\/costs/);
    expect(human.stdout).toMatch(/Parameters \(JSON Schema\):/);
  });

  it('call resolves date expressions, shows the arguments sent and prints the answer', async () => {
    const run = await cli([
      'call',
      'list_all_open_ai_costs',
      '--args',
      '{"start_time": "last week", "limit": 2}',
      '--now',
      '2026-11-25T12:00:00Z',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    const start = Date.UTC(2026, 10, 16) / 1000;
    expect(answer.arguments).toMatchObject({ start_time: start, limit: 2 });
    expect(answer.dates).toEqual([{ field: 'start_time', value: start, iso: '2026-11-16T00:00:00.000Z' }]);
    expect(answer.status).toBe(200);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.data.result).toHaveLength(2);
    expect(proxied()[0]!.query.start_time).toBe(String(start));

    const human = await cli([
      'call',
      'list_all_open_ai_costs',
      '--args',
      '{"start_time":"last week"}',
      '--now',
      '2026-11-25T12:00:00Z',
    ]);
    expect(human.stderr).toMatch(/Arguments sent: \{"start_time":1794787200/);
    expect(human.stderr).toMatch(/start_time = 1794787200 \(2026-11-16T00:00:00\.000Z\)/);
    expect(JSON.parse(human.stdout).result.length).toBeGreaterThan(0);
  });

  it('call --dry-run prints the request with extra headers and without the key, and sends nothing', async () => {
    const run = await cli([
      'call',
      'open_ai_projects_archive',
      '--args',
      '{"project_id": "proj_12345"}',
      '--header',
      'Idempotency-Key: archive-1',
      '--dry-run',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.dryRun).toBe(true);
    expect(answer.request.method).toBe('POST');
    expect(answer.request.url).toBe(
      `${sandbox.baseUrl}/proxy/projects/archive?integrated_account_id=${sandbox.integratedAccountId}`,
    );
    expect(answer.request.headers['idempotency-key']).toBe('archive-1');
    expect(answer.request.headers).not.toHaveProperty('authorization');
    expect(proxied()).toHaveLength(0);
  });

  it('call uploads a file named in the arguments and saves a binary answer with --output', async () => {
    const transcript = await cli([
      'call',
      'create_a_open_ai_transcription',
      '--args',
      '{"file": "examples/assets/all-hands.wav", "model": "whisper-1"}',
      '--json',
    ]);
    expect(transcript.code, transcript.stderr).toBe(0);
    expect(JSON.parse(transcript.stdout).data.text).toEqual(expect.any(String));
    // The file named in the arguments is what was uploaded, byte for byte, with the model as a plain field.
    const wav = await readFile('examples/assets/all-hands.wav');
    expect(proxied()[0]!.multipart).toMatchObject({
      fields: { model: 'whisper-1' },
      files: [
        {
          field: 'file',
          filename: 'all-hands.wav',
          size: wav.byteLength,
          sha256: createHash('sha256').update(wav).digest('hex'),
        },
      ],
    });

    const path = join(directory, 'speech.mp3');
    const speech = await cli([
      'call',
      'create_a_open_ai_speech',
      '--args',
      '{"model": "tts-1", "input": "Hello from the CLI", "voice": "alloy"}',
      '--output',
      path,
      '--json',
    ]);
    expect(speech.code, speech.stderr).toBe(0);
    const saved = JSON.parse(speech.stdout).data;
    expect(saved).toEqual({ savedTo: path, bytes: expect.any(Number) });
    expect((await readFile(path)).length).toBe(saved.bytes);
  });

  it('exits 3 with a readable message for invalid arguments, and nothing is sent', async () => {
    const run = await cli(['call', 'list_all_open_ai_costs', '--args', '{"limit": "seven"}']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: Invalid arguments for tool "list_all_open_ai_costs"; nothing was sent/);
    expect(run.stderr).toMatch(/- limit:/);
    expect(proxied()).toHaveLength(0);
    const json = await cli(['call', 'list_all_open_ai_costs', '--args', '{"limit": "seven"}', '--json']);
    expect(json.code, json.stderr).toBe(3);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'invalid_arguments', exitCode: 3 });
  });

  it('exits 3 for an unknown tool (suggesting close names) and for --args that is not a JSON object', async () => {
    const unknown = await cli(['call', 'list_all_open_ai_cost']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/No tool named "list_all_open_ai_cost".*list_all_open_ai_costs/);
    const notJson = await cli(['call', 'list_all_open_ai_costs', '--args', '{limit: 2}']);
    expect(notJson.code).toBe(3);
    expect(notJson.stderr).toMatch(/--args is not valid JSON/);
    const notObject = await cli(['call', 'list_all_open_ai_costs', '--args', '[1]']);
    expect(notObject.code).toBe(3);
  });

  it('exits 2 for an API error and never prints the key it was given', async () => {
    const wrongKey = 'sk-wrong-key-never-print-me';
    const run = await cli(['list'], { TRUTO_API_KEY: wrongKey });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/failed with 401/);
    const json = await cli(['list', '--json', '--api-key', wrongKey]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'unauthorized', status: 401, exitCode: 2 });
    for (const text of [run.stdout, run.stderr, json.stdout, json.stderr]) expect(text).not.toContain(wrongKey);
  });

  it('exits 1 for usage mistakes: missing account id, unknown command, unknown flag', async () => {
    const missing = await cli(['list'], { TRUTO_INTEGRATED_ACCOUNT_ID: undefined });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /No integrated account id\. Set TRUTO_INTEGRATED_ACCOUNT_ID \(or OPENAI_INTEGRATED_ACCOUNT_ID\), or pass --account-id <id>/,
    );
    const viaFlag = await cli(['list', '--json', '--account-id', sandbox.integratedAccountId], {
      TRUTO_INTEGRATED_ACCOUNT_ID: undefined,
    });
    expect(viaFlag.code).toBe(0);
    const unknownCommand = await cli(['lsit']);
    expect(unknownCommand.code).toBe(1);
    expect(unknownCommand.stderr).toMatch(/Unknown command "lsit"/);
    const unknownFlag = await cli(['list', '--colour']);
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.stderr).toMatch(/list: Unknown option '--colour'/);
  });

  it('generate writes a typed module for the account', async () => {
    const path = join(directory, 'types', 'openai-tools.ts');
    const run = await cli(['generate', '--out', path, '--type-name', 'OpenAiTools']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Wrote 13 tool types to .* \(interface OpenAiTools, manager type OpenAiToolsManager\)/);
    const source = await readFile(path, 'utf8');
    expect(source).toContain('export interface OpenAiTools {');
    expect(source).toContain(`Integrated account ${sandbox.integratedAccountId} (13 tools).`);
    expect(source).toContain('export type OpenAiToolsManager = TrutoToolManagerClass<OpenAiTools>;');
    const standalone = await cli(['generate', '--standalone']);
    expect(standalone.stdout).toContain('export interface TrutoTools {');
    expect(standalone.stdout).not.toContain('import type');
  });

  it('sandbox starts the local server and stops on SIGTERM', async () => {
    const child = spawn(COMMAND[0], [...COMMAND.slice(1), 'sandbox', '--json', '--api-key', 'sandbox-from-cli'], {
      cwd: repository,
    });
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\n')) resolve(text.split('\n')[0]!);
      });
      child.on('error', reject);
      child.on('close', () => reject(new Error(`sandbox exited early: ${text}`)));
    });
    const started = JSON.parse(line) as { baseUrl: string; integratedAccountId: string };
    const health = await fetch(`${started.baseUrl}/__sandbox/health`);
    expect(await health.json()).toEqual({ ok: true });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('mcp is routed to the MCP command', async () => {
    const run = await cli(['mcp', '--help']);
    expect(`${run.stdout}${run.stderr}`).toMatch(/mcp/i);
    expect([0, 1]).toContain(run.code);
  });

  it('prints the package version', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('never printed the API key in any run', () => {
    expect(outputs.length).toBeGreaterThan(20);
    for (const text of outputs) expect(text).not.toContain(API_KEY);
  });
});
