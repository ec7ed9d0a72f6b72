import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, fixedClock, proxyUrl } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: fixedClock });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const get = (path: string, query = '') => call(sandbox, proxyUrl(sandbox, path, query));

describe('projects', () => {
  it('lists active projects, proj_12345 (“Production API”) first; include_archived adds the archived one', async () => {
    const active = await get('projects');
    expect(active.status).toBe(200);
    expect(active.body.result[0]).toMatchObject({
      id: 'proj_12345',
      object: 'organization.project',
      name: 'Production API',
      status: 'active',
      archived_at: null,
    });
    expect(active.body.result.every((project: any) => project.status === 'active')).toBe(true);
    const all = await get('projects', 'include_archived=true');
    expect(all.body.result.length).toBe(active.body.result.length + 1);
    expect(
      all.body.result.some((project: any) => project.status === 'archived' && Number.isInteger(project.archived_at)),
    ).toBe(true);
  });

  it('pages with limit and next_cursor (or OpenAI’s after)', async () => {
    const first = await get('projects', 'limit=2');
    expect(first.body.result).toHaveLength(2);
    expect(first.body.next_cursor).toBe(first.body.result[1].id);
    const second = await get('projects', `limit=2&next_cursor=${first.body.next_cursor}`);
    const viaAfter = await get('projects', `limit=2&after=${first.body.next_cursor}`);
    expect(second.body).toEqual(viaAfter.body);
    expect(second.body.result[0].id).not.toBe(first.body.result[1].id);
    const last = await get('projects', 'limit=100');
    expect(last.body.next_cursor).toBeNull();
    expect((await get('projects', 'limit=101')).status).toBe(400);
    expect((await get('projects', 'after=proj_nope')).status).toBe(400);
  });

  it('gets one project, and answers an OpenAI 404 for an unknown one', async () => {
    expect((await get('projects/proj_12345')).body).toMatchObject({ id: 'proj_12345', name: 'Production API' });
    const missing = await get('projects/proj_missing');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      truto_is_remote_error: true,
      raw_response: { error: { code: 'not_found' } },
    });
  });

  it('archives a project through the custom method, and reset brings it back', async () => {
    const archived = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), {
      method: 'POST',
      body: { project_id: 'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5' },
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({
      id: 'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5',
      status: 'archived',
      archived_at: Math.floor(fixedClock() / 1000),
    });
    expect((await get('projects')).body.result.map((project: any) => project.id)).not.toContain(
      'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5',
    );
    sandbox.reset();
    expect((await get('projects/proj_Mk8tR3wQ6yB1nV4cX7zL2pD5')).body.status).toBe('active');
    const missing = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), { method: 'POST', body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.raw_response.error.param).toBe('project_id');
    const unknown = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), {
      method: 'POST',
      body: { project_id: 'proj_x' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('project rate limits', () => {
  it('lists a project’s per-model limits; gpt-4o allows 800,000 TPM in proj_12345', async () => {
    const answer = await get('project_rate_limits', 'project_id=proj_12345');
    expect(answer.status).toBe(200);
    const gpt4o = answer.body.result.find((limit: any) => limit.model === 'gpt-4o');
    expect(gpt4o).toMatchObject({
      object: 'project.rate_limit',
      id: 'rl_gpt-4o',
      max_tokens_per_1_minute: 800_000,
      max_requests_per_1_minute: 5_000,
    });
    expect(answer.body.result.find((limit: any) => limit.model === 'dall-e-3').max_images_per_1_minute).toBe(15);
    const other = await get('project_rate_limits', 'project_id=proj_abc123Xy7kLmN4pQr9sTu2');
    expect(other.body.result.find((limit: any) => limit.model === 'gpt-4o').max_tokens_per_1_minute).toBe(400_000);
  });

  it('pages with limit, after/next_cursor and before', async () => {
    const first = await get('project_rate_limits', 'project_id=proj_12345&limit=3');
    expect(first.body.result).toHaveLength(3);
    expect(first.body.next_cursor).toBe(first.body.result[2].id);
    const second = await get('project_rate_limits', `project_id=proj_12345&limit=3&after=${first.body.next_cursor}`);
    expect(second.body.result[0].id).not.toBe(first.body.result[2].id);
    const back = await get('project_rate_limits', `project_id=proj_12345&limit=3&before=${second.body.result[0].id}`);
    expect(back.body.result).toEqual(first.body.result);
  });

  it('needs project_id (Truto’s own 400) and a known project (OpenAI’s 404)', async () => {
    const missing = await get('project_rate_limits');
    expect(missing.status).toBe(400);
    expect(missing.body.truto_is_remote_error).toBeUndefined();
    expect(missing.body.message).toContain('project_id');
    expect((await get('project_rate_limits', 'project_id=proj_nope')).status).toBe(404);
  });

  it('updates a limit with PATCH and keeps the change until reset', async () => {
    const url = proxyUrl(sandbox, 'project_rate_limits/rl_gpt-4o', 'project_id=proj_12345');
    const updated = await call(sandbox, url, {
      method: 'PATCH',
      body: { max_requests_per_1_minute: 42, max_tokens_per_1_minute: 90_000 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: 'rl_gpt-4o',
      model: 'gpt-4o',
      max_requests_per_1_minute: 42,
      max_tokens_per_1_minute: 90_000,
    });
    const listed = await get('project_rate_limits', 'project_id=proj_12345');
    expect(listed.body.result.find((limit: any) => limit.id === 'rl_gpt-4o').max_requests_per_1_minute).toBe(42);
    sandbox.reset();
    expect((await get('project_rate_limits', 'project_id=proj_12345')).body.result[0].max_requests_per_1_minute).toBe(
      5_000,
    );
  });

  it('refuses unknown fields, non-integers and unknown ids without changing anything', async () => {
    const url = proxyUrl(sandbox, 'project_rate_limits/rl_gpt-4o', 'project_id=proj_12345');
    const unknown = await call(sandbox, url, { method: 'PATCH', body: { max_bananas: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.raw_response.error).toMatchObject({ param: 'max_bananas', code: 'unknown_parameter' });
    const fraction = await call(sandbox, url, {
      method: 'PATCH',
      body: { max_requests_per_1_minute: 7, max_tokens_per_1_minute: 1.5 },
    });
    expect(fraction.status).toBe(400);
    expect((await get('project_rate_limits', 'project_id=proj_12345')).body.result[0].max_requests_per_1_minute).toBe(
      5_000,
    );
    const missing = await call(sandbox, proxyUrl(sandbox, 'project_rate_limits/rl_nope', 'project_id=proj_12345'), {
      method: 'PATCH',
      body: { max_requests_per_1_minute: 1 },
    });
    expect(missing.status).toBe(404);
  });
});

describe('models', () => {
  it('lists OpenAI’s models and the organisation’s fine-tunes', async () => {
    const answer = await get('models');
    const ids = answer.body.result.map((model: any) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(['gpt-4o', 'whisper-1', 'dall-e-3', 'gpt-image-1', 'ft:gpt-4o-mini:acme:custom:abc123']),
    );
    expect(answer.body.next_cursor).toBeNull();
    const paged = await get('models', 'limit=4');
    expect(paged.body.result).toHaveLength(4);
    expect((await get('models', `limit=4&next_cursor=${paged.body.next_cursor}`)).body.result[0].id).toBe(ids[4]);
  });

  it('gets a model whose id contains colons, encoded or not', async () => {
    for (const path of [
      'models/ft%3Agpt-4o-mini%3Aacme%3Acustom%3Aabc123',
      'models/ft:gpt-4o-mini:acme:custom:abc123',
    ]) {
      const answer = await get(path);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: 'ft:gpt-4o-mini:acme:custom:abc123', object: 'model' });
    }
    expect((await get('models/gpt-4o')).body).toMatchObject({ id: 'gpt-4o', owned_by: 'system' });
    const missing = await get('models/gpt-5-ultra');
    expect(missing.status).toBe(404);
    expect(missing.body.raw_response.error.code).toBe('model_not_found');
  });

  it('deletes fine-tunes only', async () => {
    const base = await call(sandbox, proxyUrl(sandbox, 'models/gpt-4o'), { method: 'DELETE' });
    expect(base.status).toBe(403);
    expect(base.body.truto_is_remote_error).toBe(true);
    const id = 'ft:gpt-4o-mini:acme:custom:abc123';
    const deleted = await call(sandbox, proxyUrl(sandbox, `models/${encodeURIComponent(id)}`), { method: 'DELETE' });
    expect(deleted.body).toEqual({ id, object: 'model', deleted: true });
    expect((await get(`models/${encodeURIComponent(id)}`)).status).toBe(404);
    expect(
      (await call(sandbox, proxyUrl(sandbox, `models/${encodeURIComponent(id)}`), { method: 'DELETE' })).status,
    ).toBe(404);
  });
});
