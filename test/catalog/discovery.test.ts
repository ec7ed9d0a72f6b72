import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { TrutoToolManager } from 'truto-langchainjs-toolset';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const fixture = useSandboxManagers({ sandbox: { syntheticTools: 300 }, manager: { discovery: true, now: NOW } });
const { createManager } = fixture;

beforeEach(() => {
  fixture.sandbox.requests.length = 0;
});

async function metaTool(manager: TrutoToolManager, name: string) {
  const found = (await manager.getTools()).find((tool) => tool.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('discovery mode', () => {
  it('gives the model three small meta-tools instead of 300+ tools', async () => {
    const manager = createManager();
    const tools = await manager.getTools();
    expect(tools.map((tool) => tool.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
    const rendered = JSON.stringify(tools.map((tool) => convertToOpenAITool(tool)));
    expect(rendered.length).toBeLessThan(3000);
    // The whole catalog stays available to code.
    expect((await manager.getToolDefinitions()).length).toBeGreaterThan(300);
    expect((await manager.getModelTools()).map((tool) => tool.name)).toEqual([
      'search_tools',
      'describe_tool',
      'call_tool',
    ]);
  });

  it('search_tools finds tools by keywords, with short descriptions', async () => {
    const search = await metaTool(createManager(), 'search_tools');
    const answer = JSON.parse(await search.invoke({ query: 'openai costs', limit: 3 }));
    expect(answer.tools).toHaveLength(3);
    expect(answer.tools[0].name).toBe('list_all_open_ai_costs');
    for (const tool of answer.tools) expect(tool.description.length).toBeLessThanOrEqual(240);
    expect(answer.hint).toMatch(/describe_tool/);
  });

  it('describe_tool returns the schema the model must follow', async () => {
    const manager = createManager();
    const describeTool = await metaTool(manager, 'describe_tool');
    const answer = JSON.parse(await describeTool.invoke({ name: 'list_all_open_ai_costs' }));
    const costs = (await manager.getToolDefinitions()).find((tool) => tool.name === 'list_all_open_ai_costs')!;
    expect(answer).toEqual({
      name: 'list_all_open_ai_costs',
      description: costs.description,
      parameters: costs.modelJsonSchema,
    });
    // A Unix time or a date expression the manager resolves.
    expect(answer.parameters.properties.start_time).toMatchObject({ type: ['integer', 'string'] });
  });

  it('call_tool runs the target through the normal pipeline, dates included', async () => {
    const call = await metaTool(createManager(), 'call_tool');
    const text = await call.invoke({
      name: 'list_all_open_ai_costs',
      arguments: { start_time: 'last week', limit: 2 },
    });
    expect(JSON.parse(text).result).toHaveLength(2);
    const sent = fixture.sandbox.requests.find((request) => request.route === 'proxy')!;
    expect(sent.query.start_time).toBe(String(Date.UTC(2026, 10, 16) / 1000));
  });

  it('call_tool validates against the target tool and throws its input error', async () => {
    const call = await metaTool(createManager(), 'call_tool');
    await expect(call.invoke({ name: 'list_all_open_ai_costs', arguments: { limit: 'seven' } })).rejects.toMatchObject({
      code: 'invalid_arguments',
      toolName: 'list_all_open_ai_costs',
    });
    expect(fixture.sandbox.requests.filter((request) => request.route === 'proxy')).toHaveLength(0);
  });

  it("follows errorMode 'return' for unknown tools and bad arguments", async () => {
    const manager = createManager({ errorMode: 'return' });
    const call = await metaTool(manager, 'call_tool');
    const unknown = JSON.parse(await call.invoke({ name: 'list_all_open_ai_cost' }));
    expect(unknown.error).toBe('tool_not_found');
    expect(unknown.message).toMatch(/list_all_open_ai_costs/);
    const invalid = JSON.parse(await call.invoke({ name: 'list_all_open_ai_costs', arguments: { limit: 'seven' } }));
    expect(invalid.error).toBe('invalid_arguments');
  });

  it('runs meta-tools through invokeForModel, for adapters other than LangChain', async () => {
    const manager = createManager();
    const result = await manager.invokeForModel('search_tools', { query: 'transcription' });
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.content).tools[0].name).toBe('create_a_open_ai_transcription');
  });

  it('searches only the tools a client-side filter selects', async () => {
    const manager = createManager({ filter: { exclude: ['*_costs'] } });
    const hits = await manager.searchTools('openai costs', { limit: 5 });
    expect(hits.map((hit) => hit.name)).not.toContain('list_all_open_ai_costs');
  });
});
