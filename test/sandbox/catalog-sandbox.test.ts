/**
 * `startSandbox({ catalog })`: a saved catalog served as it was saved, recorded answers replayed (exact request
 * first, else the latest of the same method and path), requests validated against the tools' own schemas, and
 * stateful answers built from the requests when nothing was recorded.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools, call, proxyUrl } from './helpers';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

const TOOLS = [
  {
    name: 'list_all_acme_tasks',
    description: 'Lists tasks.',
    resource: 'tasks',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: {
        limit: { type: 'integer', maximum: 50 },
        next_cursor: { type: 'string' },
        status: { type: 'string', enum: ['open', 'done'] },
      },
    },
  },
  {
    name: 'get_single_acme_task_by_id',
    description: 'Gets a task.',
    resource: 'tasks',
    method: 'get',
    query_schema: { type: 'object', properties: { id: { type: 'string' } } },
    required: ['id'],
  },
  {
    name: 'create_a_acme_task',
    description: 'Creates a task.',
    resource: 'tasks',
    method: 'create',
    body_schema: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        due_on: { type: 'string', format: 'date', nullable: true },
      },
    },
    required: ['name'],
  },
  {
    name: 'update_a_acme_task_by_id',
    description: 'Updates a task.',
    resource: 'tasks',
    method: 'update',
    query_schema: { type: 'object', properties: { id: { type: 'string' } } },
    body_schema: { type: 'object', properties: { name: { type: 'string' }, status: { type: 'string' } } },
    required: ['id'],
  },
  {
    name: 'delete_a_acme_task_by_id',
    description: 'Deletes a task.',
    resource: 'tasks',
    method: 'delete',
    query_schema: { type: 'object', properties: { id: { type: 'string' } } },
    required: ['id'],
  },
  {
    name: 'acme_tasks_archive',
    description: 'Archives a task.',
    resource: 'tasks',
    method: 'archive',
    body_schema: { type: 'object', properties: { task_id: { type: 'string' } } },
    required: ['task_id'],
  },
  {
    name: 'acme_tasks_snooze',
    description: 'Snoozes a task.',
    resource: 'tasks',
    method: 'snooze',
    body_schema: { type: 'object', properties: { task_id: { type: 'string' }, minutes: { type: 'integer' } } },
    required: ['task_id'],
  },
  { description: 'An entry without a name, as a real catalog may hold.', resource: 'tasks', method: 'list' },
];

function snapshot() {
  const response = (status: number, body: unknown) => ({
    status,
    headers: { 'content-type': 'application/json', 'ratelimit-remaining': '3', 'x-upstream': 'acme' },
    body,
  });
  return {
    format: 'truto-tools-snapshot',
    version: 1,
    createdAt: '2026-12-03T12:00:00.000Z',
    integratedAccountId: 'recorded-account',
    tools: TOOLS,
    recordings: [
      {
        tool: 'list_all_acme_tasks',
        recordedAt: '2026-12-03T12:01:00.000Z',
        request: { method: 'GET', path: '/proxy/tasks', query: { limit: '2' } },
        response: response(200, {
          result: [
            { id: 't1', name: 'Pay rent', status: 'open' },
            { id: 't2', name: 'Book flights', status: 'open' },
          ],
          next_cursor: 'recorded-cursor',
          prev_cursor: null,
          result_count: 2,
        }),
      },
      {
        tool: 'list_all_acme_tasks',
        recordedAt: '2026-12-03T12:05:00.000Z',
        request: { method: 'GET', path: '/proxy/tasks', query: { status: 'done' } },
        response: response(200, { result: [{ id: 't9', name: 'File taxes', status: 'done' }], next_cursor: null }),
      },
      {
        tool: 'get_single_acme_task_by_id',
        recordedAt: '2026-12-03T12:02:00.000Z',
        request: { method: 'GET', path: '/proxy/tasks/t1', query: {} },
        response: response(200, { id: 't1', name: 'Pay rent', status: 'open', notes: 'recorded' }),
      },
      {
        tool: 'get_single_acme_task_by_id',
        recordedAt: '2026-12-03T12:03:00.000Z',
        request: { method: 'GET', path: '/proxy/tasks/t404', query: {} },
        response: response(404, {
          statusCode: 404,
          error: 'Not Found',
          message: 'No such task.',
          truto_is_remote_error: true,
        }),
      },
      {
        tool: 'acme_tasks_archive',
        recordedAt: '2026-12-03T12:04:00.000Z',
        request: { method: 'POST', path: '/proxy/tasks/archive', query: {}, body: { task_id: 't1' } },
        response: response(200, { id: 't1', archived: true }),
      },
    ],
  };
}

describe('a sandbox replaying a snapshot', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ catalog: snapshot() });
  });
  afterAll(() => sandbox.close());

  it('serves the catalog as saved, malformed entries included', async () => {
    expect(sandbox.source).toBe('catalog');
    expect(sandbox.integration).toBe('acme');
    expect(sandbox.tools).toHaveLength(7);
    const { tools } = await allTools(sandbox, 'limit=100');
    expect(tools).toHaveLength(8);
  });

  it('replays the recording of exactly that request, with the sandbox rate-limit headers', async () => {
    const answer = await call(sandbox, proxyUrl(sandbox, 'tasks', 'limit=2'));
    expect(answer.status).toBe(200);
    expect(answer.body.result.map((task: any) => task.id)).toEqual(['t1', 't2']);
    expect(answer.headers.get('x-sandbox-replayed')).toBe('true');
    expect(answer.headers.get('x-upstream')).toBe('acme');
    expect(answer.headers.get('ratelimit-remaining')).toBe('49');
    const recordedError = await call(sandbox, proxyUrl(sandbox, 'tasks/t404'));
    expect(recordedError.status).toBe(404);
    expect(recordedError.body.message).toBe('No such task.');
    const archive = await call(sandbox, proxyUrl(sandbox, 'tasks/archive'), {
      method: 'POST',
      body: { task_id: 't1' },
    });
    expect(archive.body).toEqual({ id: 't1', archived: true });
  });

  it('falls back to the latest recording of the same method and path', async () => {
    const answer = await call(sandbox, proxyUrl(sandbox, 'tasks', 'limit=10'));
    expect(answer.body.result.map((task: any) => task.id)).toEqual(['t9']);
  });

  it('validates requests against the tool before any fallback', async () => {
    const tooMany = await call(sandbox, proxyUrl(sandbox, 'tasks', 'limit=80'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      statusCode: 400,
      message: 'query.limit: must be <= 50',
      truto_is_remote_error: true,
    });
    const badEnum = await call(sandbox, proxyUrl(sandbox, 'tasks', 'status=later'));
    expect(badEnum.body.message).toBe('query.status: must be one of: "open", "done"');
    const missing = await call(sandbox, proxyUrl(sandbox, 'tasks'), { method: 'POST', body: {} });
    expect(missing.body.message).toBe('body.name: is required');
    const wrongType = await call(sandbox, proxyUrl(sandbox, 'tasks'), {
      method: 'POST',
      body: { name: 'x', due_on: 'soon' },
    });
    expect(wrongType.body.message).toBe('body.due_on: must match format "date"');
    const archive = await call(sandbox, proxyUrl(sandbox, 'tasks/archive'), { method: 'POST', body: {} });
    expect(archive.body.message).toBe('body.task_id: is required');
  });

  it('answers what nothing recorded from the requests: create, get, update, delete', async () => {
    const created = await call(sandbox, proxyUrl(sandbox, 'tasks'), {
      method: 'POST',
      body: { name: 'Water plants', due_on: null },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'Water plants',
      due_on: null,
      id: expect.stringMatching(/^tasks_[0-9a-z]+$/),
    });
    const id = created.body.id;
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${id}`))).body).toEqual(created.body);
    const updated = await call(sandbox, proxyUrl(sandbox, `tasks/${id}`), {
      method: 'PATCH',
      body: { status: 'done' },
    });
    expect(updated.body).toEqual({ ...created.body, status: 'done' });
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${id}`), { method: 'DELETE' })).status).toBe(200);
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${id}`))).status).toBe(404);
    // A record seen in a recorded list answers its get; an unknown one is not found; a custom method answers {}.
    expect((await call(sandbox, proxyUrl(sandbox, 'tasks/t2'))).body).toEqual({
      id: 't2',
      name: 'Book flights',
      status: 'open',
    });
    expect((await call(sandbox, proxyUrl(sandbox, 'tasks/nope'))).status).toBe(404);
    const snooze = await call(sandbox, proxyUrl(sandbox, 'tasks/snooze'), {
      method: 'POST',
      body: { task_id: 't2', minutes: 30 },
    });
    expect(snooze).toMatchObject({ status: 200, body: {} });
    // The same method and path was recorded for archive: that answer is replayed for another task too.
    const archived = await call(sandbox, proxyUrl(sandbox, 'tasks/archive'), {
      method: 'POST',
      body: { task_id: 't2' },
    });
    expect(archived.body).toEqual({ id: 't1', archived: true });
    sandbox.reset();
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${id}`))).status).toBe(404);
  });

  it('replays through the SDK', async () => {
    const manager = new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      cache: { ttlMs: 0, shared: false },
      onWarning: () => {},
    });
    try {
      expect(await manager.getTools()).toHaveLength(7);
      const list = (await manager.invoke('list_all_acme_tasks', { limit: 2 })) as any;
      expect(list.result.map((task: any) => task.id)).toEqual(['t1', 't2']);
      const task = (await manager.invoke('get_single_acme_task_by_id', { id: 't1' })) as any;
      expect(task.notes).toBe('recorded');
    } finally {
      await manager.close();
    }
  });
});

describe('catalog sources', () => {
  let directory: string;
  beforeAll(() => {
    mkdirSync(join(REPOSITORY, '.tmp'), { recursive: true });
    directory = mkdtempSync(join(REPOSITORY, '.tmp', 'sandbox-catalog-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a snapshot file, a /tools answer and a bare array', async () => {
    const file = join(directory, 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshot()));
    for (const catalog of [file, { result: TOOLS }, { results: TOOLS }, TOOLS]) {
      const sandbox = await startSandbox({ catalog, integration: 'acme' });
      try {
        expect(sandbox.tools.map((tool) => tool.name)).toEqual(TOOLS.slice(0, 7).map((tool) => tool.name));
        const created = await call(sandbox, proxyUrl(sandbox, 'tasks'), { method: 'POST', body: { name: 'x' } });
        expect(created.status).toBe(201);
      } finally {
        await sandbox.close();
      }
    }
  });

  it('refuses what is not a catalog', async () => {
    await expect(startSandbox({ catalog: { format: 'something-else', tools: [] } })).rejects.toThrow(TypeError);
    await expect(startSandbox({ catalog: { format: 'truto-tools-snapshot', version: 9, tools: [] } })).rejects.toThrow(
      /version 9/,
    );
    await expect(startSandbox({ catalog: { tools: 'none' } })).rejects.toThrow(/snapshot/);
  });
});
