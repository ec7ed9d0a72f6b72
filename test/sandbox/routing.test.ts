import { DEFAULT_SANDBOX_API_KEY, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, fixedClock, proxyUrl, requestJson, toolsUrl } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: fixedClock });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('defaults', () => {
  it('listens on a random loopback port with the documented key and a UUID account id', () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.apiKey).toBe(DEFAULT_SANDBOX_API_KEY);
    expect(sandbox.integratedAccountId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('takes its key, account id and port from the options', async () => {
    const custom = await startSandbox({ apiKey: 'other-key', integratedAccountId: 'acct-1' });
    try {
      expect(custom.apiKey).toBe('other-key');
      expect(custom.integratedAccountId).toBe('acct-1');
      expect((await call(custom, toolsUrl(custom))).status).toBe(200);
      expect(
        (await requestJson(toolsUrl(custom), { headers: { authorization: `Bearer ${DEFAULT_SANDBOX_API_KEY}` } }))
          .status,
      ).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('authentication', () => {
  it('answers 401 with Truto’s body when the Bearer key is missing or wrong', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: sandbox.apiKey }] as Array<
      Record<string, string>
    >) {
      for (const url of [toolsUrl(sandbox), proxyUrl(sandbox, 'projects')]) {
        const answer = await requestJson(url, { headers });
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
        expect(typeof answer.body.message).toBe('string');
      }
    }
  });

  it('accepts the scheme in any case', async () => {
    const answer = await requestJson(toolsUrl(sandbox), { headers: { authorization: `bearer ${sandbox.apiKey}` } });
    expect(answer.status).toBe(200);
  });

  it('logs refused requests too, with the key redacted', async () => {
    await requestJson(proxyUrl(sandbox, 'projects'), { headers: { authorization: 'Bearer leaked-secret' } });
    await call(sandbox, proxyUrl(sandbox, 'projects'));
    const [refused, accepted] = sandbox.requests;
    expect(refused).toMatchObject({ authenticated: false, status: 401, route: 'proxy' });
    expect(accepted).toMatchObject({ authenticated: true, status: 200 });
    expect(JSON.stringify(sandbox.requests)).not.toContain('leaked-secret');
    expect(JSON.stringify(sandbox.requests)).not.toContain(sandbox.apiKey);
    expect(accepted!.headers.authorization).toBe('Bearer [redacted]');
  });
});

describe('accounts and routes', () => {
  it('answers 404 for an unknown integrated account on both routes', async () => {
    const tools = await call(
      sandbox,
      `${sandbox.baseUrl}/integrated-account/00000000-0000-4000-8000-000000000000/tools`,
    );
    expect(tools.status).toBe(404);
    expect(tools.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const proxy = await call(sandbox, `${sandbox.baseUrl}/proxy/projects?integrated_account_id=someone-else`);
    expect(proxy.status).toBe(404);
    expect(proxy.body.truto_is_remote_error).toBeUndefined();
  });

  it('answers 400 when integrated_account_id is missing from a proxy call', async () => {
    const answer = await call(sandbox, `${sandbox.baseUrl}/proxy/projects`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(answer.body.message).toContain('integrated_account_id');
  });

  it('answers 404 for an unknown resource and an unknown route', async () => {
    const resource = await call(sandbox, proxyUrl(sandbox, 'fine_tuning_jobs'));
    expect(resource.status).toBe(404);
    expect(resource.body.message).toContain('fine_tuning_jobs');
    const route = await call(sandbox, `${sandbox.baseUrl}/unified/crm/contacts`);
    expect(route.status).toBe(404);
    expect(route.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('answers 405 with Allow for a method a resource does not support', async () => {
    const cases: Array<[string, string]> = [
      ['POST', 'costs'],
      ['PATCH', 'models/gpt-4o'],
      ['DELETE', 'projects/proj_12345'],
      ['PUT', 'projects/proj_12345'],
      ['PATCH', 'projects'],
      ['DELETE', 'models'],
    ];
    for (const [method, path] of cases) {
      const answer = await call(sandbox, proxyUrl(sandbox, path), {
        method,
        ...(method === 'GET' ? {} : { body: {} }),
      });
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.body).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
      expect(answer.headers.get('allow')).toBeTruthy();
    }
    const tools = await call(sandbox, toolsUrl(sandbox), { method: 'POST', body: {} });
    expect(tools.status).toBe(405);
    expect(tools.headers.get('allow')).toBe('GET');
  });

  it('answers 404 for a custom method the resource does not have', async () => {
    const answer = await call(sandbox, proxyUrl(sandbox, 'projects/unarchive'), {
      method: 'POST',
      body: { project_id: 'proj_12345' },
    });
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('unarchive');
  });

  it('answers 400 for a body that is not JSON, or not a JSON object', async () => {
    const broken = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), {
      method: 'POST',
      body: '{"project_id":',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/not valid JSON/);
    const list = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), { method: 'POST', body: '["proj_12345"]' });
    expect(list.status).toBe(400);
    const xml = await call(sandbox, proxyUrl(sandbox, 'projects/archive'), {
      method: 'POST',
      body: '<project/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(400);
    expect(xml.body.message).toContain('application/xml');
  });
});

describe('body limits', () => {
  it('answers Truto’s 413 for a body above maxBodyBytes, declared or streamed', async () => {
    const tight = await startSandbox({ maxBodyBytes: 1000 });
    try {
      const declared = await call(tight, proxyUrl(tight, 'image_generations'), {
        method: 'POST',
        body: { prompt: 'x'.repeat(2000) },
      });
      expect(declared.status).toBe(413);
      expect(declared.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let index = 0; index < 4; index++) controller.enqueue(new Uint8Array(400).fill(32));
          controller.close();
        },
      });
      const streamed = await fetch(proxyUrl(tight, 'image_generations'), {
        method: 'POST',
        headers: { authorization: `Bearer ${tight.apiKey}`, 'content-type': 'application/json' },
        body: chunks,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
    } finally {
      await tight.close();
    }
  });
});

describe('method mapping (Truto’s Proxy API)', () => {
  it('maps list, get, create, update, delete and custom methods to the tools', async () => {
    await call(sandbox, proxyUrl(sandbox, 'projects', 'limit=2'));
    await call(sandbox, proxyUrl(sandbox, 'projects/proj_12345'));
    await call(sandbox, proxyUrl(sandbox, 'image_generations'), { method: 'POST', body: { prompt: 'a lighthouse' } });
    await call(sandbox, proxyUrl(sandbox, 'project_rate_limits/rl_gpt-4o', 'project_id=proj_12345'), {
      method: 'PATCH',
      body: { max_requests_per_1_minute: 100 },
    });
    await call(sandbox, proxyUrl(sandbox, 'models/ft%3Agpt-4o-mini%3Aacme%3Acustom%3Aabc123'), { method: 'DELETE' });
    await call(sandbox, proxyUrl(sandbox, 'projects/archive'), {
      method: 'POST',
      body: { project_id: 'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5' },
    });
    const seen = sandbox.requests.map((request) => [
      request.method,
      request.toolMethod,
      request.toolName,
      request.status,
    ]);
    expect(seen).toEqual([
      ['GET', 'list', 'list_all_open_ai_projects', 200],
      ['GET', 'get', 'get_single_open_ai_project_by_id', 200],
      ['POST', 'create', 'create_a_open_ai_image_generation', 200],
      ['PATCH', 'update', 'update_a_open_ai_project_rate_limit_by_id', 200],
      ['DELETE', 'delete', 'delete_a_open_ai_model_by_id', 200],
      ['POST', 'archive', 'open_ai_projects_archive', 200],
    ]);
    expect(sandbox.requests[4]!.resourceId).toBe('ft:gpt-4o-mini:acme:custom:abc123');
    expect(sandbox.requests[4]!.path).toBe('/proxy/models/ft%3Agpt-4o-mini%3Aacme%3Acustom%3Aabc123');
  });

  it('records the raw and parsed query and the JSON body', async () => {
    await call(
      sandbox,
      proxyUrl(sandbox, 'costs', 'start_time=1790000000&group_by%5B%5D=project_id&group_by%5B%5D=line_item&limit=1'),
    );
    const [record] = sandbox.requests;
    expect(record!.rawQuery).toContain('group_by%5B%5D=project_id');
    expect(record!.query).toMatchObject({
      start_time: '1790000000',
      group_by: ['project_id', 'line_item'],
      limit: '1',
    });
    await call(sandbox, proxyUrl(sandbox, 'image_generations'), { method: 'POST', body: { prompt: 'a fox', n: 2 } });
    expect(sandbox.requests[1]!.body).toEqual({ prompt: 'a fox', n: 2 });
    expect(sandbox.requests[1]!.bodyBytes).toBe(JSON.stringify({ prompt: 'a fox', n: 2 }).length);
  });

  it('keeps only the last requestLogSize requests, and the log can be cleared in place', async () => {
    const small = await startSandbox({ requestLogSize: 3 });
    try {
      for (let index = 0; index < 5; index++) await call(small, proxyUrl(small, 'models', `limit=${index + 1}`));
      expect(small.requests.map((request) => request.query.limit)).toEqual(['3', '4', '5']);
      expect(small.requests.map((request) => request.id)).toEqual([3, 4, 5]);
      small.requests.length = 0;
      await call(small, proxyUrl(small, 'models'));
      expect(small.requests).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});
