/**
 * LangGraph's bigtool pattern with LangGraph's own objects: a compiled `StateGraph` whose agent node binds only the
 * tools selected for the latest user message, and whose `ToolNode` runs the call against the sandbox serving
 * Asana's OpenAPI document (247 tools).
 */
import { AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import {
  createToolSelectingAgent,
  createToolSelectingModelNode,
  selectLangChainTools,
} from 'truto-langchainjs-toolset/langgraph';
import { describe, expect, it } from 'vitest';
import { answer, callTool, ScriptedChatModel, type ScriptTurn } from '../../examples/support/scripted-chat-model.js';
import { useSandboxManagers } from '../support/sandbox.js';

const asana = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/asana.json', seed: 5 } });

describe('LangGraph: select per turn, bind only those', () => {
  it('the compiled agent binds a handful of the 247 tools and runs the call through a ToolNode', async () => {
    const manager = asana.createManager();
    const bound: string[][] = [];
    const model = new ScriptedChatModel({
      script: ({ tools, results }: ScriptTurn) => {
        bound.push(tools.map((tool) => tool.function.name));
        if (!results.has('list_all_asana_task_stories'))
          return callTool('list_all_asana_task_stories', { task_gid: '98765' });
        return answer('Here is the conversation on task 98765.');
      },
    });
    const agent = createToolSelectingAgent({ manager, model, maxTools: 6 });
    const { messages } = await agent.invoke({
      messages: [new HumanMessage('Show me the conversation history on task 98765')],
    });

    expect(bound).toHaveLength(2); // the call, then the answer
    for (const names of bound) {
      expect(names.length).toBeLessThanOrEqual(7); // six selected, plus the tool already called
      expect(names).toContain('list_all_asana_task_stories');
    }
    const toolMessage = messages.find((message) => ToolMessage.isInstance(message))!;
    expect(JSON.parse(String(toolMessage.content))).toHaveProperty('result');
    expect(messages.at(-1)!.content).toBe('Here is the conversation on task 98765.');
    expect(asana.sandbox.requests.some((request) => request.path.startsWith('/proxy/'))).toBe(true);
  });

  it('the model node fits into your own StateGraph with the prebuilt ToolNode and toolsCondition', async () => {
    const manager = asana.createManager();
    const seen: string[][] = [];
    const model = new ScriptedChatModel({
      script: ({ tools }: ScriptTurn) => {
        seen.push(tools.map((tool) => tool.function.name));
        return answer('no tools needed');
      },
    });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', createToolSelectingModelNode(manager, model, { maxTools: 4 }))
      .addNode('tools', new ToolNode(await manager.getTools()))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', toolsCondition, ['tools', END])
      .addEdge('tools', 'agent')
      .compile();
    const { messages } = await graph.invoke({
      messages: [
        new HumanMessage('Archive project 1207'),
        new AIMessage('Archived.'),
        new HumanMessage('Now post a weekly update on project 1207 saying we are on track'),
      ],
    });
    expect(messages.at(-1)!.content).toBe('no tools needed');
    expect(seen[0]!.length).toBeGreaterThan(0);
    expect(seen[0]!.length).toBeLessThanOrEqual(4);
    // Selected for the latest user message, not the first.
    expect(seen[0]!.some((name) => /status/.test(name))).toBe(true);
  });

  it('selected tools ask for approval like getTools(): nothing is sent before Command({ resume })', async () => {
    const manager = asana.createManager({ requireApproval: ['delete'] });
    const model = new ScriptedChatModel({
      script: ({ results }: ScriptTurn) => {
        if (!results.has('delete_a_asana_project_by_id'))
          return callTool('delete_a_asana_project_by_id', { id: '1207' });
        return answer('Deleted project 1207.');
      },
    });
    const agent = createToolSelectingAgent({ manager, model, maxTools: 6, checkpointer: new MemorySaver() });
    const run = { configurable: { thread_id: 'delete-1207' } };
    const deletes = () =>
      asana.sandbox.requests.filter((request) => request.method === 'DELETE' && request.path.startsWith('/proxy/'));
    const before = deletes().length;

    const paused = await agent.invoke({ messages: [new HumanMessage('Delete project 1207 for good')] }, run);
    const interrupts = (
      paused as { __interrupt__?: Array<{ value: { toolName: string; request: { method: string } } }> }
    ).__interrupt__;
    expect(interrupts?.[0]?.value).toMatchObject({
      toolName: 'delete_a_asana_project_by_id',
      request: { method: 'DELETE' },
    });
    expect(deletes().length).toBe(before);

    const resumed = await agent.invoke(new Command({ resume: { type: 'approve' } }), run);
    expect(deletes().length).toBe(before + 1);
    expect(resumed.messages.at(-1)!.content).toBe('Deleted project 1207.');
  });

  it('selectLangChainTools returns the same LangChain tool objects turn after turn', async () => {
    const manager = asana.createManager();
    const first = await selectLangChainTools(manager, [new HumanMessage('Which teams am I part of?')], { maxTools: 3 });
    const again = await selectLangChainTools(manager, [new HumanMessage('Which teams am I part of?')], { maxTools: 3 });
    expect(first.tools.map((tool) => tool.name)).toEqual(first.selection.names);
    expect(again.tools[0]).toBe(first.tools[0]);
  });
});
