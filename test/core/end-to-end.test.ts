import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ToolInputError,
  TrutoApiError,
  TrutoToolManager,
} from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let manager: TrutoToolManager;

const NOW = new Date('2026-11-25T12:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox();
  manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    now: NOW,
  });
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
});

let mark = 0;
beforeEach(() => {
  mark = sandbox.requests.at(-1)?.id ?? 0;
});

/** Requests the sandbox received since this test started. */
function received() {
  return sandbox.requests.filter((request) => request.id > mark);
}

function lastProxyRequest() {
  const proxied = received().filter((request) => request.path.startsWith('/proxy/'));
  return proxied[proxied.length - 1]!;
}

async function tool(name: string) {
  const found = (await manager.getTools()).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`sandbox does not serve ${name}`);
  return found;
}

describe('getTools', () => {
  it('returns LangChain tools for the seed hero tools that bindTools can render', async () => {
    const tools = await manager.getTools();
    const names = tools.map((candidate) => candidate.name);
    for (const hero of [
      'list_all_open_ai_costs',
      'create_a_open_ai_transcription',
      'create_a_open_ai_image_generation',
      'create_a_open_ai_speech',
      'list_all_open_ai_project_rate_limits',
      'list_all_open_ai_completions_usage',
      'list_all_open_ai_projects',
    ]) {
      expect(names).toContain(hero);
    }
    for (const candidate of tools) {
      const rendered = convertToOpenAITool(candidate);
      expect(rendered.function.name).toBe(candidate.name);
      expect(rendered.function.description).toBeTruthy();
      expect(rendered.function.parameters).toMatchObject({ type: 'object' });
    }
  });

  it('shows the model required fields and descriptions', async () => {
    const costs = convertToOpenAITool(await tool('list_all_open_ai_costs')).function.parameters as {
      required?: string[];
      properties: Record<string, { description?: string }>;
    };
    // start_time may instead come from the optional time_range argument, so the description carries the rule.
    expect(costs.properties.start_time?.description).toMatch(/Unix seconds/);
    expect(costs.properties.start_time?.description).toMatch(/required unless time_range/i);
    expect(costs.properties.limit?.description).toMatch(/limit/i);
    const rateLimits = convertToOpenAITool(await tool('list_all_open_ai_project_rate_limits')).function.parameters as {
      required?: string[];
    };
    expect(rateLimits.required).toContain('project_id');
  });

  it('follows next_cursor until the whole catalog is loaded', async () => {
    const catalogPages = received().filter((request) => request.path.endsWith('/tools'));
    // A cache of its own: the shared one would serve the catalog `manager` already loaded.
    const fresh = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      cache: { shared: false },
    });
    const tools = await fresh.getTools();
    const pages = received().filter((request) => request.path.endsWith('/tools')).length - catalogPages.length;
    expect(pages).toBeGreaterThan(1);
    expect(new Set(tools.map((candidate) => candidate.name)).size).toBe(tools.length);
    expect(tools.length).toBe((await manager.getTools()).length);
    await fresh.close();
  });

  it('passes methods and tags to Truto as comma-joined filters', async () => {
    const listOnly = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      methods: ['list'],
    });
    const tools = await listOnly.getTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((candidate) => candidate.trutoTool.definition.method === 'list')).toBe(true);
    const request = received().find((candidate) => candidate.path.endsWith('/tools'));
    expect(request?.query.methods).toBe('list');
    await listOnly.close();

    const read = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      methods: ['read'],
      tags: ['usage'],
    });
    const readTools = await read.getTools();
    expect(readTools.length).toBeGreaterThan(0);
    for (const candidate of readTools) {
      expect(['list', 'get']).toContain(candidate.trutoTool.definition.method);
      expect(candidate.trutoTool.definition.tags).toContain('usage');
    }
    await read.close();
  });

  it('fails with AuthenticationError for a wrong key, without showing the key', async () => {
    const wrong = new TrutoToolManager({
      apiKey: 'sk-wrong-secret-key',
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
    });
    const error = await wrong.getTools().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect(JSON.stringify((error as AuthenticationError).toJSON())).not.toContain('sk-wrong-secret-key');
    expect(String((error as Error).message)).not.toContain('sk-wrong-secret-key');
    await wrong.close();
  });

  it('fails with NotFoundError for an unknown integrated account', async () => {
    const unknown = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: '00000000-0000-4000-8000-000000000000',
      baseUrl: sandbox.baseUrl,
    });
    await expect(unknown.getTools()).rejects.toBeInstanceOf(NotFoundError);
    await unknown.close();
  });
});

describe('invoking tools through the Proxy API', () => {
  it('list → GET /proxy/<resource> with the arguments in the query; the answer keeps next_cursor', async () => {
    const text = await (await tool('list_all_open_ai_projects')).invoke({ limit: 2 });
    expect(typeof text).toBe('string');
    const answer = JSON.parse(text as string);
    expect(Array.isArray(answer.result)).toBe(true);
    expect(answer).toHaveProperty('next_cursor');
    const request = lastProxyRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/proxy/projects');
    expect(request.query).toMatchObject({ integrated_account_id: sandbox.integratedAccountId, limit: '2' });
  });

  it('get → GET /proxy/<resource>/<id>, the id percent-encoded as one segment', async () => {
    const models = JSON.parse((await (await tool('list_all_open_ai_models')).invoke({})) as string);
    const fineTuned = models.result.find((model: { id: string }) => model.id.startsWith('ft:'));
    expect(fineTuned).toBeDefined();
    const answer = JSON.parse(
      (await (await tool('get_single_open_ai_model_by_id')).invoke({ id: fineTuned.id })) as string,
    );
    expect(answer.id).toBe(fineTuned.id);
    const request = lastProxyRequest();
    expect(request.method).toBe('GET');
    expect(request.path).toBe(`/proxy/models/${encodeURIComponent(fineTuned.id)}`);
    expect(request.resourceId).toBe(fineTuned.id);
  });

  it('create → POST /proxy/<resource> with the arguments in a JSON body', async () => {
    const answer = JSON.parse(
      (await (
        await tool('create_a_open_ai_image_generation')
      ).invoke({
        prompt: 'Autonomous AI Agents in Finance',
        response_format: 'url',
      })) as string,
    );
    expect(answer.data[0].url).toMatch(/^https:\/\//);
    const request = lastProxyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/proxy/image_generations');
    expect(request.body).toMatchObject({ prompt: 'Autonomous AI Agents in Finance', response_format: 'url' });
    // Defaults the model did not choose (the spec's size "auto", n 1, ...) are left to the API.
    expect(Object.keys(request.body as object).sort()).toEqual(['prompt', 'response_format']);
    expect(request.query).not.toHaveProperty('prompt');
  });

  it('update → PATCH /proxy/<resource>/<id> with query and body split by schema', async () => {
    const projectId = 'proj_12345';
    const limits = JSON.parse(
      (await (await tool('list_all_open_ai_project_rate_limits')).invoke({ project_id: projectId })) as string,
    );
    const limit = limits.result[0];
    await (await tool('update_a_open_ai_project_rate_limit_by_id')).invoke({
      id: limit.id,
      project_id: projectId,
      max_requests_per_1_minute: 42,
    });
    const request = lastProxyRequest();
    expect(request.method).toBe('PATCH');
    expect(request.path).toBe(`/proxy/project_rate_limits/${limit.id}`);
    expect(request.query).toMatchObject({ project_id: projectId });
    expect(request.body).toEqual({ max_requests_per_1_minute: 42 });
  });

  it('delete → DELETE /proxy/<resource>/<id>', async () => {
    const models = JSON.parse((await (await tool('list_all_open_ai_models')).invoke({})) as string);
    const fineTuned = models.result.find((model: { id: string }) => model.id.startsWith('ft:'));
    const answer = JSON.parse(
      (await (await tool('delete_a_open_ai_model_by_id')).invoke({ id: fineTuned.id })) as string,
    );
    expect(answer).toMatchObject({ id: fineTuned.id, deleted: true });
    expect(lastProxyRequest().method).toBe('DELETE');
  });

  it('a custom method → POST /proxy/<resource>/<method>', async () => {
    await (await tool('open_ai_projects_archive')).invoke({ project_id: 'proj_12345' });
    const request = lastProxyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/proxy/projects/archive');
    expect(request.body).toMatchObject({ project_id: 'proj_12345' });
  });

  it('manager.invoke returns data for scripts', async () => {
    const answer = await manager.invoke<{ result: unknown[] }>('list_all_open_ai_projects', { limit: 1 });
    expect(answer.result).toHaveLength(1);
  });
});

describe('argument errors', () => {
  it('names each bad field and what it expects, and sends nothing', async () => {
    const error = await manager
      .invoke('list_all_open_ai_costs', { limit: 'seven', bucket_width: '1w' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolInputError);
    const fields = (error as ToolInputError).issues.map((issue) => issue.path).sort();
    expect(fields).toEqual(['bucket_width', 'limit']);
    expect((error as Error).message).toMatch(/bucket_width: .*1d/);
    expect((error as Error).message).toMatch(/limit: .*integer/);
    expect(received()).toHaveLength(0);
  });

  it('refuses a call without the required start time (or a time_range), and sends nothing', async () => {
    const error = await manager.invoke('list_all_open_ai_costs', { limit: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolInputError);
    expect((error as ToolInputError).issues.map((issue) => issue.path)).toContain('start_time');
    expect(received()).toHaveLength(0);
  });

  it('through LangChain: tool.invoke throws the same typed error and sends nothing', async () => {
    await expect((await tool('list_all_open_ai_costs')).invoke({ limit: 3 })).rejects.toBeInstanceOf(ToolInputError);
    expect(received()).toHaveLength(0);
  });
});

describe('errors from the API', () => {
  it("a 429 is caught exactly as the seed's loop catches it", async () => {
    await sandbox.failNext(1, { status: 429 });
    const selectedTool = await tool('list_all_open_ai_projects');
    let waitSeconds: number | undefined;
    try {
      await selectedTool.invoke({});
    } catch (error: any) {
      if (error.response && error.response.status === 429) {
        const resetTime = error.response.headers['ratelimit-reset'];
        waitSeconds = resetTime ? Number.parseInt(resetTime, 10) : 60;
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error.retryAfterSeconds).toBeGreaterThan(0);
      } else {
        throw error;
      }
    }
    expect(waitSeconds).toBeGreaterThan(0);
    // Truto never retries for us, and neither do we: exactly one request was sent.
    expect(received().filter((request) => request.path.startsWith('/proxy/')).length).toBe(1);
    // The next call goes through.
    expect(JSON.parse((await selectedTool.invoke({})) as string).result.length).toBeGreaterThan(0);
  });

  it('a 400 from the API becomes a typed error with the upstream message, never the key', async () => {
    await sandbox.failNext(1, {
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'start_time must be an integer' },
    });
    const error = await manager.invoke('list_all_open_ai_projects', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrutoApiError);
    expect((error as TrutoApiError).status).toBe(400);
    expect((error as Error).message).toContain('start_time must be an integer');
    expect(JSON.stringify(error)).not.toContain(sandbox.apiKey);
  });

  it('a 404 for an unknown id is a NotFoundError', async () => {
    await expect(
      manager.invoke('get_single_open_ai_project_by_id', { id: 'proj_does_not_exist' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
