/**
 * `startSandbox({ openapi })` over real HTTP: Asana and PagerDuty from their vendor documents, and small
 * hand-written 3.1 and YAML documents. The catalog pages through `/tools`, requests are validated against the
 * operation (400 naming the field), lists page with Truto's cursors, writes are remembered, data is deterministic
 * for a seed, and everything the OpenAI sandbox does (auth, limits, failures, log, reset) works the same.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { TrutoConfigError } from '../../src/errors/index';
import { ASANA_PATH, notesDocument31, PAGERDUTY_PATH, pagerdutyDocument } from './fixtures/openapi-documents';
import { allTools, authorization, call, proxyUrl, requestJson } from './helpers';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** Every page of a list, following next_cursor; the ids in order. */
async function listAll(sandbox: Sandbox, resource: string, idProperty: string, query = 'limit=7'): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = '';
  let pages = 0;
  do {
    const answer: any = await call(
      sandbox,
      proxyUrl(sandbox, resource, `${query}&next_cursor=${encodeURIComponent(cursor ?? '')}`),
    );
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['next_cursor', 'prev_cursor', 'result', 'result_count']);
    expect(answer.body.result_count).toBe(answer.body.result.length);
    if (pages > 0) expect(answer.body.prev_cursor).toEqual(expect.any(String));
    ids.push(...answer.body.result.map((record: any) => String(record[idProperty])));
    cursor = answer.body.next_cursor;
    pages++;
  } while (cursor);
  return ids;
}

describe('an Asana sandbox from the vendor document', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ openapi: ASANA_PATH });
  });
  afterAll(() => sandbox.close());

  it('serves one tool per operation, paged through /tools', async () => {
    expect(sandbox.source).toBe('openapi');
    expect(sandbox.integration).toBe('asana');
    const { tools, pages } = await allTools(sandbox, 'limit=50');
    expect(tools).toHaveLength(247);
    expect(pages).toBe(5);
    expect(tools.map((tool) => tool.name)).toEqual(sandbox.tools.map((tool) => tool.name));
    const reads = await allTools(sandbox, 'methods=read&limit=100');
    expect(reads.tools.every((tool) => tool.method === 'list' || tool.method === 'get')).toBe(true);
  });

  it('refuses invalid requests with a 400 naming each field, in the vendor style', async () => {
    const wrongType = await call(sandbox, proxyUrl(sandbox, 'tasks'), {
      method: 'POST',
      body: { data: { name: 5, completed: 'yes' } },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ statusCode: 400, error: 'Bad Request', truto_is_remote_error: true });
    expect(wrongType.body.message).toContain('body.data.name: must be string');
    expect(wrongType.body.message).toContain('body.data.completed: must be boolean');
    // Asana's error body: { errors: [{ message, help, phrase }] }.
    expect(wrongType.body.raw_response.errors[0].message).toBe('body.data.name: must be string');

    const tooMany = await call(sandbox, proxyUrl(sandbox, 'tasks', 'limit=500'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toBe('query.limit: must be <= 100');
    const missingParent = await call(sandbox, proxyUrl(sandbox, 'project_tasks'));
    expect(missingParent.body.message).toBe('query.project_gid: is required');
    const missingField = await call(sandbox, proxyUrl(sandbox, 'tasks/add_followers', 'id=123'), {
      method: 'POST',
      body: { data: {} },
    });
    expect(missingField.body.message).toBe('body.data.followers: is required');
  });

  it('coerces query strings as a server does: integers, booleans, comma lists', async () => {
    const answer = await call(
      sandbox,
      proxyUrl(sandbox, 'tasks', 'limit=3&opt_pretty=true&opt_fields=name,notes&completed_since=2024-01-01T00:00:00Z'),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.result).toHaveLength(3);
    const badEnum = await call(sandbox, proxyUrl(sandbox, 'tasks', 'opt_fields[]=name&opt_fields[]=nonsense'));
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.message).toMatch(/^query\.opt_fields\[1\]: must be one of: "actual_time_minutes"/);
  });

  it('envelopes lists and pages them with cursors over a fixed collection', async () => {
    const first = await call(sandbox, proxyUrl(sandbox, 'tasks', 'limit=10'));
    expect(first.body.result).toHaveLength(10);
    expect(first.body.prev_cursor).toBeNull();
    // Asana lists compact records: the list shows the fields of TaskCompact, not the whole task.
    expect(Object.keys(first.body.result[0]).sort()).toEqual([
      'created_by',
      'gid',
      'name',
      'resource_subtype',
      'resource_type',
    ]);
    expect(first.body.result[0].gid).toMatch(/^[1-9]\d{15}$/);
    const ids = await listAll(sandbox, 'tasks', 'gid');
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect(ids.length).toBeLessThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 10)).toEqual(first.body.result.map((task: any) => task.gid));
    const unknownCursor = await call(sandbox, proxyUrl(sandbox, 'tasks', 'next_cursor=page-2'));
    expect(unknownCursor.status).toBe(400);
  });

  it('remembers writes: create → get → update → list → delete → get 404', async () => {
    const created = await call(sandbox, proxyUrl(sandbox, 'tasks'), {
      method: 'POST',
      body: { data: { name: 'Renew the domain', notes: 'Before March', workspace: '1331' } },
    });
    expect(created.status).toBe(201);
    const gid = created.body.data.gid;
    expect(gid).toMatch(/^\d{16}$/);
    expect(created.body.data).toMatchObject({ name: 'Renew the domain', notes: 'Before March', resource_type: 'task' });

    const fetched = await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`));
    expect(fetched.status).toBe(200);
    expect(fetched.body.data).toEqual(created.body.data);

    const updated = await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`), {
      method: 'PATCH',
      body: { data: { name: 'Renew the domain for 2 years', completed: true } },
    });
    expect(updated.body.data).toMatchObject({
      gid,
      name: 'Renew the domain for 2 years',
      notes: 'Before March',
      completed: true,
    });
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`))).body.data.name).toBe(
      'Renew the domain for 2 years',
    );

    expect(await listAll(sandbox, 'tasks', 'gid', 'limit=100')).toContain(gid);

    const deleted = await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`), { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ data: {} });
    const gone = await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`));
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ statusCode: 404, truto_is_remote_error: true });
    expect(gone.body.message).toContain(gid);
    expect(await listAll(sandbox, 'tasks', 'gid', 'limit=100')).not.toContain(gid);
    expect((await call(sandbox, proxyUrl(sandbox, `tasks/${gid}`), { method: 'DELETE' })).status).toBe(404);
  });

  it('answers an unknown id with a record carrying it, the same every time', async () => {
    const first = await call(sandbox, proxyUrl(sandbox, 'tasks/1200000000000001'));
    expect(first.status).toBe(200);
    expect(first.body.data.gid).toBe('1200000000000001');
    expect((await call(sandbox, proxyUrl(sandbox, 'tasks/1200000000000001'))).body).toEqual(first.body);
  });

  it('answers custom methods from their schema, with the addressed record', async () => {
    const answer = await call(sandbox, proxyUrl(sandbox, 'tasks/add_followers', 'id=1200000000000001'), {
      method: 'POST',
      body: { data: { followers: ['13579'] } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data.gid).toBe('1200000000000001');
    // Duplicating answers a job, not the task: the addressed record is not forced into another kind of answer.
    const duplicate = await call(sandbox, proxyUrl(sandbox, 'tasks/duplicate', 'id=1200000000000001'), {
      method: 'POST',
      body: { data: { name: 'Copy' } },
    });
    expect(duplicate.status).toBe(201);
    expect(duplicate.body.data.resource_type).toBe('job');
    const unknown = await call(sandbox, proxyUrl(sandbox, 'tasks/fly'), { method: 'POST', body: {} });
    expect(unknown.status).toBe(404);
    const wrongVerb = await call(sandbox, proxyUrl(sandbox, 'attachments/123'), { method: 'PATCH', body: {} });
    expect(wrongVerb.status).toBe(405);
    expect(wrongVerb.headers.get('allow')).toBe('GET, POST, DELETE');
    const noResource = await call(sandbox, proxyUrl(sandbox, 'spaceships'));
    expect(noResource.status).toBe(404);
    expect(noResource.body.message).toBe("The Asana integration has no resource 'spaceships'.");
  });
});

describe('a PagerDuty sandbox from the vendor document', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ openapi: PAGERDUTY_PATH, toolsPageSize: 100 });
  });
  afterAll(() => sandbox.close());

  it('pages through a catalog of more than 250 tools', async () => {
    const { tools, pages } = await allTools(sandbox);
    expect(tools.length).toBeGreaterThanOrEqual(250);
    expect(tools).toHaveLength(465);
    expect(pages).toBe(5);
    expect(sandbox.integration).toBe('pagerduty');
  });

  it('keeps the vendor wrapper ({ team: {...} }) through a round trip, and validates OpenAPI 3.0 bodies', async () => {
    const invalid = await call(sandbox, proxyUrl(sandbox, 'teams'), { method: 'POST', body: { team: { name: 7 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toBe('body.team.type: is required; body.team.name: must be string');
    // PagerDuty's error body: { error: { message, code, errors: [...] } }.
    expect(invalid.body.raw_response.error).toMatchObject({
      message: invalid.body.message,
      code: expect.any(Number),
      errors: ['body.team.type: is required', 'body.team.name: must be string'],
    });

    const created = await call(sandbox, proxyUrl(sandbox, 'teams'), {
      method: 'POST',
      body: { team: { type: 'team', name: 'Payments on-call', description: 'Owns checkout' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.team.id;
    expect(created.body.team).toMatchObject({ name: 'Payments on-call', description: 'Owns checkout' });
    const fetched = await call(sandbox, proxyUrl(sandbox, `teams/${id}`));
    expect(fetched.body.team.name).toBe('Payments on-call');
    const updated = await call(sandbox, proxyUrl(sandbox, `teams/${id}`), {
      method: 'PATCH',
      body: { team: { type: 'team', name: 'Payments' } },
    });
    expect(updated.body.team.name).toBe('Payments');
    expect(await listAll(sandbox, 'teams', 'id', 'limit=100')).toContain(id);
    expect((await call(sandbox, proxyUrl(sandbox, `teams/${id}`), { method: 'DELETE' })).status).toBe(204);
    expect((await call(sandbox, proxyUrl(sandbox, `teams/${id}`))).status).toBe(404);
  });

  it('keeps one collection per parent: another user has other contact methods', async () => {
    const first = await call(sandbox, proxyUrl(sandbox, 'user_contact_methods', 'user_id=PUSER01&limit=100'));
    const second = await call(sandbox, proxyUrl(sandbox, 'user_contact_methods', 'user_id=PUSER02&limit=100'));
    expect(first.status).toBe(200);
    const ids = (answer: any) => answer.body.result.map((method: any) => method.id);
    expect(ids(first)).not.toEqual(ids(second));
    const missing = await call(sandbox, proxyUrl(sandbox, 'user_contact_methods'));
    expect(missing.body.message).toBe('query.user_id: is required');
  });

  it('generates realistic values: formats, and words for free text', async () => {
    const users = await call(sandbox, proxyUrl(sandbox, 'users', 'limit=5'));
    for (const user of users.body.result) {
      expect(user.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(user.html_url).toMatch(/^https:\/\//);
      expect(user.name).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
    }
  });
});

describe('determinism', () => {
  it('gives the same answers for the same seed, other answers for another seed', async () => {
    const document = pagerdutyDocument();
    const answers = async (seed: number) => {
      const sandbox = await startSandbox({ openapi: document, seed });
      try {
        const list = await call(sandbox, proxyUrl(sandbox, 'incidents', 'limit=3'));
        const one = await call(sandbox, proxyUrl(sandbox, `incidents/${list.body.result[0].id}`));
        const custom = await call(sandbox, proxyUrl(sandbox, 'users/me'), { method: 'POST', body: {} });
        return { list: list.body, one: one.body, custom: custom.body };
      } finally {
        await sandbox.close();
      }
    };
    const first = await answers(7);
    expect(await answers(7)).toEqual(first);
    expect((await answers(8)).list).not.toEqual(first.list);
  });
});

describe('documents given as YAML and as OpenAPI 3.1', () => {
  let directory: string;
  beforeAll(() => {
    mkdirSync(join(REPOSITORY, '.tmp'), { recursive: true });
    directory = mkdtempSync(join(REPOSITORY, '.tmp', 'sandbox-openapi-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a YAML document from a file', async () => {
    const file = join(directory, 'notes.yaml');
    writeFileSync(file, stringify(notesDocument31()));
    const sandbox = await startSandbox({ openapi: file, integration: 'notebook' });
    try {
      expect(sandbox.tools.map((tool) => tool.name)).toContain('list_all_notebook_folders');
      const list = await call(sandbox, proxyUrl(sandbox, 'folders', 'limit=2'));
      expect(list.body.result).toHaveLength(2);
      expect(list.body.result[0]).toMatchObject({
        id: expect.stringMatching(/^[a-z]{3}_\d[a-z]\d[a-z]\d$/),
        kind: 'folder',
      });
    } finally {
      await sandbox.close();
    }
  });

  it('bundles references to other files of the document', async () => {
    writeFileSync(
      join(directory, 'pets.yaml'),
      stringify({
        openapi: '3.0.3',
        info: { title: 'Pets API', version: '1' },
        paths: {
          '/pets': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': { schema: { type: 'array', items: { $ref: './schemas.yaml#/Pet' } } },
                  },
                },
              },
            },
            post: {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: { $ref: './schemas.yaml#/Pet' } } },
              },
              responses: {
                '201': {
                  description: 'ok',
                  content: { 'application/json': { schema: { $ref: './schemas.yaml#/Pet' } } },
                },
              },
            },
          },
        },
      }),
    );
    writeFileSync(
      join(directory, 'schemas.yaml'),
      stringify({
        Pet: {
          type: 'object',
          required: ['name'],
          properties: {
            id: { type: 'integer', readOnly: true },
            name: { type: 'string' },
            tag: { type: 'string', nullable: true },
          },
        },
      }),
    );
    const sandbox = await startSandbox({ openapi: join(directory, 'pets.yaml') });
    try {
      expect(sandbox.tools.map((tool) => tool.name)).toEqual(['list_all_pets_pets', 'create_a_pets_pet']);
      expect(sandbox.tools[1]!.required).toEqual(['name']);
      const list = await call(sandbox, proxyUrl(sandbox, 'pets', 'limit=2'));
      expect(list.body.result[0].id).toEqual(expect.any(Number));
      const invalid = await call(sandbox, proxyUrl(sandbox, 'pets'), { method: 'POST', body: { tag: null } });
      expect(invalid.body.message).toBe('body.name: is required');
      const created = await call(sandbox, proxyUrl(sandbox, 'pets'), {
        method: 'POST',
        body: { name: 'Rex', tag: null },
      });
      expect(created.body).toMatchObject({ id: expect.any(Number), name: 'Rex', tag: null });
    } finally {
      await sandbox.close();
    }
  });

  it('validates with JSON Schema 2020-12 rules: null types, const, array bodies, recursive bodies', async () => {
    const sandbox = await startSandbox({ openapi: notesDocument31() });
    try {
      const created = await call(sandbox, proxyUrl(sandbox, 'folders'), {
        method: 'POST',
        body: { name: 'Recipes', color: null, subfolders: [{ name: 'Soups', subfolders: [{ name: 'Cold' }] }] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Recipes', color: null, kind: 'folder' });
      const deep = await call(sandbox, proxyUrl(sandbox, 'folders'), {
        method: 'POST',
        body: { name: 'Recipes', subfolders: [{ subfolders: [{ name: '' }] }] },
      });
      expect(deep.status).toBe(400);
      expect(deep.body.message).toContain('body.subfolders[0].name: is required');
      expect(deep.body.message).toContain(
        'body.subfolders[0].subfolders[0].name: must NOT have fewer than 1 characters',
      );
      // A custom method with an array body: POST /proxy/<resource>/<method>, the record id in the query.
      const array = await call(sandbox, proxyUrl(sandbox, 'folders/tags', `id=${created.body.id}`), {
        method: 'POST',
        body: ['travel', 'food'],
      });
      expect(array.status).toBe(200);
      const empty = await call(sandbox, proxyUrl(sandbox, 'folders/tags', `id=${created.body.id}`), {
        method: 'POST',
        body: [],
      });
      expect(empty.status).toBe(400);
      expect(empty.body.message).toBe('body: must NOT have fewer than 1 items');
      const deleted = await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`), { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      const gone = await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`));
      expect(gone.status).toBe(404);
      // The document's own 404 body: { code, message }.
      expect(gone.body.raw_response).toMatchObject({ message: gone.body.message });
    } finally {
      await sandbox.close();
    }
  });
});

describe('the sandbox behaviours every source keeps', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      openapi: notesDocument31(),
      rateLimitDialect: 'draft-07',
      accountLimit: { requests: 1000, windowSeconds: 60 },
      syntheticTools: 2,
      maxBodyBytes: 4096,
    });
  });
  afterAll(() => sandbox.close());

  it('authenticates, checks the account, limits, fails on demand, logs and resets', async () => {
    expect((await requestJson(proxyUrl(sandbox, 'folders'))).status).toBe(401);
    const otherAccount = await requestJson(`${sandbox.baseUrl}/proxy/folders?integrated_account_id=nope`, {
      headers: authorization(sandbox),
    });
    expect(otherAccount.status).toBe(404);
    const ok = await call(sandbox, proxyUrl(sandbox, 'folders'));
    expect(ok.headers.get('ratelimit')).toMatch(/^limit=1000, remaining=\d+, reset=\d+$/);
    sandbox.failNext(1, { status: 429 });
    const limited = await call(sandbox, proxyUrl(sandbox, 'folders'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');

    sandbox.requests.length = 0;
    const created = await call(sandbox, proxyUrl(sandbox, 'folders'), { method: 'POST', body: { name: 'Inbox' } });
    expect(sandbox.requests.at(-1)).toMatchObject({
      route: 'proxy',
      method: 'POST',
      resource: 'folders',
      toolMethod: 'create',
      toolName: 'create_a_notes_folder',
      status: 201,
      body: { name: 'Inbox' },
    });
    expect((await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`))).status).toBe(200);
    // The synthetic tools still answer next to the document's.
    expect(sandbox.tools.filter((tool) => tool.resource.startsWith('synthetic_'))).toHaveLength(2);
    expect((await call(sandbox, proxyUrl(sandbox, 'synthetic_widgets_0000'))).status).toBe(200);

    await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`), { method: 'DELETE' });
    expect((await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`))).status).toBe(404);
    sandbox.reset();
    expect(sandbox.requests).toHaveLength(0);
    // Writes are forgotten: the deleted id is an ordinary unknown id again.
    expect((await call(sandbox, proxyUrl(sandbox, `folders/${created.body.id}`))).status).toBe(200);

    const tooBig = await call(sandbox, proxyUrl(sandbox, 'folders'), {
      method: 'POST',
      body: { name: 'x'.repeat(10_000) },
    });
    expect(tooBig.status).toBe(413);
  });

  it('shows the source in /__sandbox/info', async () => {
    const info = await call(sandbox, `${sandbox.baseUrl}/__sandbox/info`);
    expect(info.body).toMatchObject({ source: 'openapi', integration: 'notes', openapi: '3.1', operations: 7 });
  });
});

describe('options', () => {
  it('refuses openapi and catalog together, and integration without either', async () => {
    await expect(startSandbox({ openapi: notesDocument31(), catalog: [] })).rejects.toThrow(RangeError);
    await expect(startSandbox({ openapi: notesDocument31(), catalog: [] })).rejects.toThrow(
      /either openapi .* or catalog/,
    );
    await expect(startSandbox({ integration: 'asana' })).rejects.toThrow(RangeError);
    await expect(startSandbox({ openapi: notesDocument31(), seed: Number.NaN })).rejects.toThrow(RangeError);
  });

  it('says what is wrong with a document', async () => {
    await expect(startSandbox({ openapi: join(REPOSITORY, 'no-such-document.yaml') })).rejects.toThrow(
      TrutoConfigError,
    );
    await expect(startSandbox({ openapi: { swagger: '2.0' } })).rejects.toThrow(/OpenAPI 3\.0 or 3\.1/);
  });
});
