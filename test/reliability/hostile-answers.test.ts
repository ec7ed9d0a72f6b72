/**
 * Issue 16, items 6 and 7: hostile answers from a `node:http` server on loopback.
 *
 * - A 31 MiB JSON answer is shaped for the model within its budget, walking only what is kept; an answer of 90,000
 *   `b64_json` images writes at most `maxFilesPerAnswer` files and says so; `outputDir` keeps within its retention
 *   limits, and stale files of earlier runs are swept by name and age (nothing else in the folder is touched).
 * - JSON nested 100,000 levels deep, in a 200 or in a 429/500's `raw_response`, still gives the typed error of its
 *   status (retried, or returned to the model in `errorMode: 'return'`), never a plain `RangeError`.
 *
 * Work is bounded by counts and sizes; vitest's own timeout is the only clock.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InternalServerError,
  RateLimitError,
  type TrutoError,
  TrutoResponseError,
  type TrutoToolManager,
} from 'truto-langchainjs-toolset';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileRegistry } from '../../src/files/file-handles.js';
import { OutputRetention } from '../../src/files/retention.js';
import {
  type HostileCatalogServer,
  hostileManager,
  json,
  sendText,
  startHostileCatalogServer,
  toolWithQuery,
} from '../security/hostile-catalog.js';

const TOOL = 'list_all_widgets';
/** A one-pixel PNG and some padding: long enough to be offloaded, recognisably a PNG. */
const PNG_BASE64 = Buffer.concat([
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  Buffer.alloc(300, 1),
]).toString('base64');

let server: HostileCatalogServer;
let folder: string;
const managers: TrutoToolManager[] = [];

beforeAll(async () => {
  server = await startHostileCatalogServer([
    toolWithQuery(TOOL, {
      type: 'object',
      properties: { limit: { type: 'integer' }, next_cursor: { type: 'string' } },
    }),
  ]);
  folder = await mkdtemp(join(tmpdir(), 'truto-hostile-answers-'));
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
});

afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

function managerWith(options: Parameters<typeof hostileManager>[1] = {}): TrutoToolManager {
  const manager = hostileManager(server, { maxResponseBytes: 64 * 1024 * 1024, ...options });
  managers.push(manager);
  return manager;
}

function answerWith(text: string, status = 200, headers: Record<string, string> = {}): void {
  server.onProxy((_request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    sendText(response, status, text);
  });
}

describe('large answers for the model (item 6)', () => {
  it('cuts a 31 MiB list to the budget, keeping the cursor and saying how to page', async () => {
    const records = Array.from({ length: 200_000 }, (_, index) => ({
      id: `rec_${index}`,
      name: `Record number ${index}`,
      note: 'x'.repeat(100),
    }));
    const body = JSON.stringify({ result: records, next_cursor: 'cursor-2' });
    expect(body.length).toBeGreaterThan(30 * 1024 * 1024);
    answerWith(body);
    const manager = managerWith({ files: { outputDir: join(folder, 'list'), resultBudgetChars: 60_000 } });
    const { content, isError } = await manager.invokeForModel(TOOL, { limit: 200_000 });
    expect(isError).toBe(false);
    expect(content.length).toBeLessThanOrEqual(60_000);
    const shown = JSON.parse(content);
    expect(shown.next_cursor).toBe('cursor-2');
    expect(shown.result[0]).toEqual(records[0]);
    expect(shown.truncation.cuts).toEqual([
      { path: 'result', kind: 'items', kept: shown.result.length, total: 200_000 },
    ]);
    expect(shown.truncation.note).toMatch(/more than \d+ characters, more than the 60000 the model may read/);
    expect(shown.truncation.note).toContain(
      `call again with limit: ${shown.result.length} and page on with next_cursor`,
    );
  });

  it('replaces an object of 300,000 keys that cannot shrink with a placeholder, and still answers', async () => {
    const wide = Object.fromEntries(Array.from({ length: 300_000 }, (_, index) => [`key_${index}`, index]));
    answerWith(JSON.stringify(wide));
    const { content } = await managerWith({ files: { outputDir: join(folder, 'wide') } }).invokeForModel(TOOL, {});
    const shown = JSON.parse(content);
    expect(shown.result).toMatch(/^\[omitted: (more than )?\d+ characters\]$/);
    expect(shown.truncation.cuts).toEqual([expect.objectContaining({ path: '', kind: 'value' })]);
  });

  it('writes at most maxFilesPerAnswer files for 90,000 b64_json images, and says so', async () => {
    const data = Array.from({ length: 90_000 }, () => ({ b64_json: PNG_BASE64 }));
    answerWith(JSON.stringify({ created: 1, data }));
    const outputDir = join(folder, 'images');
    const manager = managerWith({ files: { outputDir, maxFilesPerAnswer: 12 } });
    const { content } = await manager.invokeForModel(TOOL, {});
    expect(content.length).toBeLessThanOrEqual(60_000);
    expect(await readdir(outputDir)).toHaveLength(12);
    const shown = JSON.parse(content);
    const references = shown.data.filter((item: { b64_json: unknown }) => typeof item.b64_json === 'object');
    expect(references).toHaveLength(12);
    for (const reference of references) {
      expect(reference.b64_json).toMatchObject({
        file: expect.stringMatching(/^truto-file:\/\//),
        mime_type: 'image/png',
      });
    }
    expect(shown.data.length).toBeLessThan(90_000);
    expect(shown.truncation.note).toMatch(/\d+ more base64 payloads were not written to files \(at most 12 per answer/);
    expect(content).not.toMatch(/[A-Za-z0-9+/]{200,}/);
  });

  it('keeps outputDir within its retention: the oldest files go first', async () => {
    const outputDir = join(folder, 'retention');
    const manager = managerWith({ files: { outputDir, maxFilesPerAnswer: 3, outputRetention: { maxFiles: 5 } } });
    answerWith(JSON.stringify({ data: Array.from({ length: 3 }, () => ({ b64_json: PNG_BASE64 })) }));
    const handles: string[] = [];
    for (let call = 0; call < 4; call++) {
      const shown = JSON.parse((await manager.invokeForModel(TOOL, {})).content);
      handles.push(...shown.data.map((item: { b64_json: { file: string } }) => item.b64_json.file));
    }
    expect(handles).toHaveLength(12);
    expect(await readdir(outputDir)).toHaveLength(5);
    // The files kept are the newest five.
    const kept = new Set(await readdir(outputDir));
    expect(handles.slice(-5).every((handle) => kept.has(handle.replace('truto-file://', '')))).toBe(true);
  });

  it('forgets the handle of a removed file, so it resolves no more', async () => {
    const outputDir = join(folder, 'handles');
    await mkdir(outputDir, { recursive: true });
    const registry = new FileRegistry();
    const retention = new OutputRetention({ maxFiles: 2 }, registry, async () => outputDir);
    const handles: string[] = [];
    for (let index = 0; index < 3; index++) {
      const fileName = `speech-${String(index).repeat(12)}.mp3`;
      await writeFile(join(outputDir, fileName), 'audio');
      const file = registry.register({ path: join(outputDir, fileName), fileName, mimeType: 'audio/mpeg', bytes: 5 });
      handles.push(file.handle);
      await retention.track(file);
    }
    expect(registry.lookup(handles[0]!)).toBeUndefined();
    expect(registry.lookup(handles[2]!)).toBeDefined();
    expect(await readdir(outputDir)).toHaveLength(2);
  });

  it('sweeps stale output files of earlier runs by name and age, and nothing else', async () => {
    const outputDir = join(folder, 'sweep');
    await mkdir(outputDir, { recursive: true });
    const stale = join(outputDir, 'speech-0123456789ab.mp3');
    const foreign = join(outputDir, 'notes.txt');
    const fresh = join(outputDir, 'speech-ba9876543210.mp3');
    for (const path of [stale, foreign, fresh]) await writeFile(path, 'old');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    await utimes(foreign, twoDaysAgo, twoDaysAgo);
    answerWith(JSON.stringify({ data: [{ b64_json: PNG_BASE64 }] }));
    await managerWith({ files: { outputDir } }).invokeForModel(TOOL, {});
    const left = await readdir(outputDir);
    expect(left).not.toContain('speech-0123456789ab.mp3');
    expect(left).toContain('notes.txt');
    expect(left).toContain('speech-ba9876543210.mp3');
    expect(left).toHaveLength(3);
  });
});

/** `{"raw_response":{"raw_response":…}}` nested `depth` levels: more than any stack can walk. */
function deeplyNested(depth: number, innermost = '{"message":"deep"}'): string {
  return `${'{"raw_response":'.repeat(depth)}${innermost}${'}'.repeat(depth)}`;
}

describe('deep JSON keeps its status (item 7)', () => {
  it('a 200 nested 100,000 deep is a TrutoResponseError (too_deep), not a RangeError', async () => {
    answerWith(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const manager = managerWith();
    const error = await failureOf(manager.invoke(TOOL, {}));
    expect(error).toBeInstanceOf(TrutoResponseError);
    expect((error as TrutoResponseError).reason).toBe('too_deep');
    expect((error as TrutoResponseError).status).toBe(200);
  });

  it('a 429 whose raw_response is 100,000 deep is a RateLimitError with its wait', async () => {
    answerWith(deeplyNested(100_000), 429, { 'retry-after': '7' });
    const error = await failureOf(managerWith().invoke(TOOL, {}));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(7);
    expect(JSON.stringify((error as TrutoError).toJSON()).length).toBeGreaterThan(0);
  });

  it('a 502 like that is an InternalServerError, retried like any 502', async () => {
    let answers = 0;
    server.onProxy((_request, response) => {
      answers++;
      sendText(response, 502, deeplyNested(100_000));
    });
    const manager = managerWith({ retry: { maxRetries: 2, jitter: false, maxWaitSeconds: 0.05 } });
    const error = await failureOf(manager.invoke(TOOL, {}));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(answers).toBe(3);
  });

  it("in errorMode 'return' the model reads the error of its status", async () => {
    answerWith(deeplyNested(100_000), 500);
    const result = await managerWith({ errorMode: 'return' }).invokeForModel(TOOL, {});
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content).error).toBeDefined();
    expect(result.content).toMatch(/500/);
  });

  it('an answer nested within the limit is read as usual', async () => {
    server.onProxy((_request, response) => json(response, 200, { result: [[[[[[{ deep: true }]]]]]] }));
    expect(await managerWith().invoke(TOOL, {})).toEqual({ result: [[[[[[{ deep: true }]]]]]] });
  });
});

async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
