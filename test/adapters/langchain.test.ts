/**
 * The `getTools()` LangChain tools in LangChain's and LangGraph's real machinery: `bindTools` rendering,
 * LangGraph's prebuilt `ToolNode` and `createReactAgent`, against the sandbox.
 */
import { AIMessage, HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { createReactAgent, ToolNode } from '@langchain/langgraph/prebuilt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../examples/support/scripted-chat-model.js';
import { COSTS_SINCE_OCTOBER_PROMPT, costsSinceOctoberScript } from '../../examples/support/seed-scripts.js';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

function toolCallMessage(calls: Array<{ id: string; name: string; args: Record<string, unknown> }>): AIMessage {
  return new AIMessage({ content: '', tool_calls: calls.map((call) => ({ ...call, type: 'tool_call' as const })) });
}

describe('LangChain bindTools', () => {
  it('renders every tool with its name, description and JSON Schema', async () => {
    const tools = await fixture.manager.getTools();
    const bound = new FakeStreamingChatModel({ toolStyle: 'openai' }).bindTools(tools);
    const rendered = (bound as unknown as { config: { tools: Array<{ type: string; function: Record<string, any> }> } })
      .config.tools;
    expect(rendered).toHaveLength(tools.length);
    const costs = rendered.find((tool) => tool.function.name === 'list_all_open_ai_costs')!;
    expect(costs.type).toBe('function');
    expect(costs.function.description).toMatch(/costs/i);
    expect(costs.function.parameters.type).toBe('object');
    expect(Object.keys(costs.function.parameters.properties)).toEqual(expect.arrayContaining(['start_time', 'limit']));
  });
});

describe("LangGraph's ToolNode", () => {
  it('runs every tool call of an AI message and answers each with a ToolMessage', async () => {
    const node = new ToolNode(await fixture.manager.getTools());
    fixture.mark();
    const { messages } = (await node.invoke({
      messages: [
        toolCallMessage([
          { id: 'call_costs', name: 'list_all_open_ai_costs', args: { start_time: 'October 1st', limit: 3 } },
          { id: 'call_model', name: 'get_single_open_ai_model_by_id', args: { id: 'gpt-4o' } },
        ]),
      ],
    })) as { messages: ToolMessage[] };
    expect(messages.map((message) => [message.tool_call_id, message.status])).toEqual([
      ['call_costs', 'success'],
      ['call_model', 'success'],
    ]);
    expect(JSON.parse(messages[1]!.content as string).id).toBe('gpt-4o');
    const costsRequest = fixture.proxyRequestsSinceMark().find((request) => request.path === '/proxy/costs')!;
    expect(costsRequest.query.start_time).toBe(String(Date.parse('2026-10-01T00:00:00Z') / 1000));
  });

  it('turns a failed call into a ToolMessage with status "error" that names the bad field', async () => {
    const node = new ToolNode(await fixture.manager.getTools());
    fixture.mark();
    const { messages } = (await node.invoke({
      messages: [
        toolCallMessage([
          { id: 'call_bad', name: 'list_all_open_ai_costs', args: { start_time: 'October 1st', limit: 'seven' } },
        ]),
      ],
    })) as { messages: ToolMessage[] };
    expect(messages[0]!.status).toBe('error');
    expect(messages[0]!.tool_call_id).toBe('call_bad');
    expect(messages[0]!.content).toContain('limit');
    expect(fixture.proxyRequestsSinceMark()).toHaveLength(0);
  });

  it('reports an API failure (404) as an error ToolMessage too', async () => {
    const node = new ToolNode(await fixture.manager.getTools());
    const { messages } = (await node.invoke({
      messages: [
        toolCallMessage([{ id: 'call_404', name: 'get_single_open_ai_model_by_id', args: { id: 'no-such-model' } }]),
      ],
    })) as { messages: ToolMessage[] };
    expect(messages[0]!.status).toBe('error');
    expect(messages[0]!.content).toMatch(/404/);
  });
});

describe("LangGraph's createReactAgent", () => {
  it("answers the seed's cost-breakdown prompt by calling the costs tool and reading its result", async () => {
    const agent = createReactAgent({
      llm: new ScriptedChatModel({ script: costsSinceOctoberScript }),
      tools: await fixture.manager.getTools(),
    });
    const result = await agent.invoke({ messages: [new HumanMessage(COSTS_SINCE_OCTOBER_PROMPT)] });
    const messages = result.messages;
    const toolMessage = messages.find((message) => message.getType() === 'tool') as ToolMessage;
    expect(toolMessage.name).toBe('list_all_open_ai_costs');
    expect(toolMessage.status).toBe('success');
    const final = messages.at(-1)!;
    expect(final.getType()).toBe('ai');
    expect(final.content).toMatch(
      /^Since October 1st the organization spent \$\d+\.\d{2}\. Top line item: .+; top project: .+\.$/,
    );
  });
});
