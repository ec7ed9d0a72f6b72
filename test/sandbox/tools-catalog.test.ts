import { DEFAULT_TOOLS_PAGE_SIZE, OPENAI_TOOLS, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools, call, proxyUrl, toolsUrl } from './helpers';

const CONTRACT_NAMES = [
  'list_all_open_ai_costs',
  'list_all_open_ai_completions_usage',
  'list_all_open_ai_project_rate_limits',
  'update_a_open_ai_project_rate_limit_by_id',
  'list_all_open_ai_projects',
  'get_single_open_ai_project_by_id',
  'open_ai_projects_archive',
  'list_all_open_ai_models',
  'get_single_open_ai_model_by_id',
  'delete_a_open_ai_model_by_id',
  'create_a_open_ai_transcription',
  'create_a_open_ai_image_generation',
  'create_a_open_ai_speech',
];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const names = (tools: any[]) => tools.map((tool) => tool.name);

describe('GET /integrated-account/:id/tools', () => {
  it('serves a small first page and a next_cursor that a client must follow', async () => {
    const first = await call(sandbox, toolsUrl(sandbox));
    expect(first.status).toBe(200);
    expect(first.body.result).toHaveLength(DEFAULT_TOOLS_PAGE_SIZE);
    expect(typeof first.body.next_cursor).toBe('string');
    const { tools, pages } = await allTools(sandbox);
    expect(pages).toBe(3);
    expect(names(tools)).toEqual(CONTRACT_NAMES);
  });

  it('honours limit, treats an empty next_cursor as the first page, and ends with next_cursor null', async () => {
    const all = await call(sandbox, toolsUrl(sandbox, 'limit=50&next_cursor='));
    expect(all.body.result).toHaveLength(13);
    expect(all.body.next_cursor).toBeNull();
    const capped = await call(sandbox, toolsUrl(sandbox, 'limit=100000'));
    expect(capped.status).toBe(200);
  });

  it('refuses a bad limit or a cursor it did not issue', async () => {
    for (const query of ['limit=0', 'limit=abc', 'next_cursor=garbage', 'has_description=maybe']) {
      const answer = await call(sandbox, toolsUrl(sandbox, query));
      expect(answer.status, query).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
  });

  it('serves Truto-shaped tools: inline schemas, flat required, paging on lists, id on get/update/delete', async () => {
    const { tools } = await allTools(sandbox);
    expect(JSON.stringify(tools)).not.toContain('$ref');
    for (const tool of tools) {
      expect(typeof tool.description).toBe('string');
      expect(tool.description.length).toBeGreaterThan(40);
      expect(Array.isArray(tool.required)).toBe(true);
      const properties = { ...tool.query_schema?.properties, ...tool.body_schema?.properties };
      for (const name of tool.required) expect(properties, `${tool.name} requires ${name}`).toHaveProperty(name);
      if (tool.method === 'list')
        expect(Object.keys(tool.query_schema.properties)).toEqual(expect.arrayContaining(['limit', 'next_cursor']));
      if (['get', 'update', 'delete'].includes(tool.method)) {
        expect(tool.query_schema.properties.id.type).toBe('string');
        expect(tool.required).toContain('id');
      }
    }
    const costs = tools.find((tool) => tool.name === 'list_all_open_ai_costs');
    expect(costs).toMatchObject({ resource: 'costs', method: 'list', required: ['start_time'] });
    expect(costs.query_schema.properties.start_time).toMatchObject({ type: 'integer' });
    expect(costs.query_schema.properties.group_by.items.enum).toEqual(['project_id', 'line_item', 'api_key_id']);
    const transcription = tools.find((tool) => tool.name === 'create_a_open_ai_transcription');
    expect(transcription.body_schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(transcription.required).toEqual(['file', 'model']);
    expect(tools.find((tool) => tool.name === 'open_ai_projects_archive')).toMatchObject({
      resource: 'projects',
      method: 'archive',
    });
    expect(OPENAI_TOOLS.map((tool) => tool.name)).toEqual(CONTRACT_NAMES);
  });
});

describe('filters', () => {
  const filtered = async (query: string) => names((await allTools(sandbox, query)).tools);

  it('methods: exact methods, read, write, custom and a custom method name', async () => {
    expect(await filtered('methods=get')).toEqual([
      'get_single_open_ai_project_by_id',
      'get_single_open_ai_model_by_id',
    ]);
    expect(await filtered('methods=read')).toEqual(
      CONTRACT_NAMES.filter((name) => /^(list_all|get_single)/.test(name)),
    );
    expect(await filtered('methods=write')).toEqual(
      CONTRACT_NAMES.filter((name) => /^(create_a|update_a|delete_a)/.test(name)),
    );
    expect(await filtered('methods=custom')).toEqual(['open_ai_projects_archive']);
    expect(await filtered('methods=archive')).toEqual(['open_ai_projects_archive']);
    expect(await filtered('methods=get,delete')).toEqual([
      'get_single_open_ai_project_by_id',
      'get_single_open_ai_model_by_id',
      'delete_a_open_ai_model_by_id',
    ]);
    expect(await filtered('methods%5B%5D=get&methods%5B%5D=delete')).toHaveLength(3);
  });

  it('tags: a tool matches when it has any of them', async () => {
    expect(await filtered('tags=audio')).toEqual(['create_a_open_ai_transcription', 'create_a_open_ai_speech']);
    expect(await filtered('tags=audio,images')).toEqual([
      'create_a_open_ai_transcription',
      'create_a_open_ai_image_generation',
      'create_a_open_ai_speech',
    ]);
    expect(await filtered('tags=nothing-has-this')).toEqual([]);
  });

  it('methods and tags combine with AND', async () => {
    expect(await filtered('methods=read&tags=usage')).toEqual([
      'list_all_open_ai_costs',
      'list_all_open_ai_completions_usage',
    ]);
    expect(await filtered('methods=write&tags=projects')).toEqual(['update_a_open_ai_project_rate_limit_by_id']);
  });
});

describe('envelopes and malformed entries', () => {
  it('answers with the legacy results key when toolsEnvelope is results', async () => {
    const legacy = await startSandbox({ toolsEnvelope: 'results' });
    try {
      const answer = await call(legacy, toolsUrl(legacy));
      expect(answer.body).not.toHaveProperty('result');
      expect(answer.body.results).toHaveLength(5);
      expect(names((await allTools(legacy)).tools)).toEqual(CONTRACT_NAMES);
    } finally {
      await legacy.close();
    }
  });

  it('mixes entries a client must skip into the first page, and an undescribed tool behind has_description=false', async () => {
    const messy = await startSandbox({ includeMalformedTool: true });
    try {
      const first = await call(messy, toolsUrl(messy));
      const entries = first.body.result;
      expect(entries).toHaveLength(5);
      expect(entries.filter((entry: any) => typeof entry.name !== 'string')).toHaveLength(1);
      expect(entries.filter((entry: any) => typeof entry.query_schema === 'string')).toHaveLength(1);
      const described = (await allTools(messy)).tools;
      expect(described).toHaveLength(15);
      expect(names(described)).not.toContain('list_all_open_ai_undocumented_things');
      const everything = (await allTools(messy, 'has_description=false')).tools;
      expect(everything).toHaveLength(16);
      expect(names(everything)).toContain('list_all_open_ai_undocumented_things');
    } finally {
      await messy.close();
    }
  });
});

describe('synthetic tools', () => {
  it('adds N realistic tools after the OpenAI ones, with varied schemas, quickly enough for a 1,000-tool catalog', async () => {
    const big = await startSandbox({ syntheticTools: 1000 });
    try {
      const { tools, pages } = await allTools(big, 'limit=100');
      expect(tools).toHaveLength(1013);
      expect(pages).toBe(11);
      expect(new Set(names(tools)).size).toBe(1013);
      expect(names(tools)).toContain('list_all_synthetic_widgets_0000');
      expect(names(tools)).toContain('get_single_synthetic_invoice_0001_by_id');
      const synthetic = tools.slice(13);
      const propertyCounts = synthetic.map((tool) => {
        const schema =
          tool.method === 'create' || tool.method === 'update' || !['list', 'get', 'delete'].includes(tool.method)
            ? tool.body_schema
            : tool.query_schema;
        return Object.keys(schema.properties).filter((name) => !['id', 'limit', 'next_cursor'].includes(name)).length;
      });
      expect(Math.min(...propertyCounts)).toBeGreaterThanOrEqual(5);
      expect(Math.max(...propertyCounts)).toBeLessThanOrEqual(20);
      expect(new Set(propertyCounts).size).toBeGreaterThan(10);
      const text = JSON.stringify(synthetic);
      for (const feature of [
        '"enum"',
        '"format":"date-time"',
        '"type":"array"',
        '"items":{"type":"object"',
        '"type":"object","description"',
      ]) {
        expect(text, feature).toContain(feature);
      }
      expect(new Set(synthetic.map((tool) => tool.method)).size).toBeGreaterThanOrEqual(6);
    } finally {
      await big.close();
    }
  });

  it('answers proxy calls of synthetic tools with small deterministic JSON', async () => {
    const big = await startSandbox({ syntheticTools: 12 });
    try {
      const list = await call(big, proxyUrl(big, 'synthetic_widgets_0000'));
      expect(list.status).toBe(200);
      expect(list.body.result).toHaveLength(3);
      expect(list.body.next_cursor).toBeNull();
      expect((await call(big, proxyUrl(big, 'synthetic_widgets_0000'))).body).toEqual(list.body);
      const get = await call(big, proxyUrl(big, 'synthetic_invoices_0001/inv_9'));
      expect(get.body.id).toBe('inv_9');
      const create = await call(big, proxyUrl(big, 'synthetic_tickets_0002'), {
        method: 'POST',
        body: { name: 'New' },
      });
      expect(create.status).toBe(201);
      expect(create.body.name).toBe('New');
      const del = await call(big, proxyUrl(big, 'synthetic_shipments_0004/s_1'), { method: 'DELETE' });
      expect(del.body).toEqual({ id: 's_1' });
      expect((await call(big, proxyUrl(big, 'synthetic_widgets_0000/w_1'), { method: 'DELETE' })).status).toBe(405);
      expect(big.requests.at(-2)!.toolName).toBe('delete_a_synthetic_shipment_0004_by_id');
    } finally {
      await big.close();
    }
  });
});
