/**
 * Approval in LangGraph, with LangGraph's own objects against the sandbox: a `StateGraph` with a `ToolNode` and a
 * `MemorySaver` checkpointer. A write pauses the run with `interrupt()` (the pending call: name, arguments as they
 * would be sent, the exact request); nothing is sent before the `Command({ resume })` that approves, edits (validated
 * again) or rejects it; a rejection reaches the model as a tool result, not a crash.
 */
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { Command, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import type { TrutoToolManager, TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { ApprovalRequiredError, type PendingApproval } from 'truto-langchainjs-toolset/langgraph';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const fixture = useSandboxManagers({ manager: { now: new Date('2026-11-25T12:00:00Z'), cache: { shared: false } } });

afterAll(async () => {
  await fixture.closeManagers();
});

beforeEach(() => {
  fixture.sandbox.reset();
});

const UPDATE = 'update_a_open_ai_project_rate_limit_by_id';
const UPDATE_ARGS = { id: 'rl_gpt-4o', project_id: 'proj_12345', max_requests_per_1_minute: 5000 };

/** A graph whose model asks for `toolCalls` once, then answers. */
async function agentGraph(
  manager: TrutoToolManager,
  toolCalls: Array<{ name: string; args: Record<string, unknown> }>,
) {
  const tools = new ToolNode(await manager.getTools());
  const agent = async (state: { messages: BaseMessage[] }) => {
    const last = state.messages.at(-1);
    if (last instanceof HumanMessage) {
      return {
        messages: [
          new AIMessage({
            content: '',
            tool_calls: toolCalls.map((call, index) => ({
              ...call,
              id: `call_${index + 1}`,
              type: 'tool_call' as const,
            })),
          }),
        ],
      };
    }
    return { messages: [new AIMessage('done')] };
  };
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', agent)
    .addNode('tools', tools)
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() });
}

let thread = 0;
const config = () => ({ configurable: { thread_id: `thread-${++thread}` } });
const proxyRequests = () => fixture.sandbox.requests.filter((record) => record.route === 'proxy');

function writes(options: TrutoToolManagerOptions = {}) {
  return fixture.createManager({ requireApproval: ['write'], ...options });
}

function interruptOf(result: unknown): PendingApproval {
  const interrupts = (result as { __interrupt__?: Array<{ value: PendingApproval }> }).__interrupt__ ?? [];
  expect(interrupts).toHaveLength(1);
  return interrupts[0]!.value;
}

function toolMessages(result: { messages: BaseMessage[] }): ToolMessage[] {
  return result.messages.filter((message): message is ToolMessage => message instanceof ToolMessage);
}

describe('a write that needs approval', () => {
  it('pauses the graph with the pending call and sends nothing; approving sends it as shown', async () => {
    const graph = await agentGraph(writes(), [{ name: UPDATE, args: UPDATE_ARGS }]);
    const run = config();
    const paused = await graph.invoke({ messages: [new HumanMessage('Raise gpt-4o to 5000 RPM')] }, run);
    const pending = interruptOf(paused);
    expect(pending).toMatchObject({
      id: 'call_1',
      toolName: UPDATE,
      arguments: UPDATE_ARGS,
      reason: 'method write',
      request: { dryRun: true, method: 'PATCH', body: { max_requests_per_1_minute: 5000 } },
    });
    expect(pending.request.url).toContain('/proxy/project_rate_limits/rl_gpt-4o?');
    expect(JSON.stringify(pending)).not.toContain(fixture.sandbox.apiKey);
    expect(proxyRequests()).toHaveLength(0);

    const resumed = await graph.invoke(new Command({ resume: { type: 'approve' } }), run);
    expect(proxyRequests().map((record) => [record.method, record.body])).toEqual([
      ['PATCH', { max_requests_per_1_minute: 5000 }],
    ]);
    const [message] = toolMessages(resumed);
    expect(message!.tool_call_id).toBe('call_1');
    expect(JSON.parse(String(message!.content))).toMatchObject({ id: 'rl_gpt-4o', max_requests_per_1_minute: 5000 });
    expect(resumed.messages.at(-1)?.content).toBe('done');
  });

  it('sends the edited arguments, validated again', async () => {
    const graph = await agentGraph(writes(), [{ name: UPDATE, args: UPDATE_ARGS }]);
    const run = config();
    interruptOf(await graph.invoke({ messages: [new HumanMessage('Raise it')] }, run));

    const edited = { ...UPDATE_ARGS, max_requests_per_1_minute: 1200 };
    await graph.invoke(new Command({ resume: { type: 'edit', arguments: edited } }), run);
    expect(proxyRequests().map((record) => record.body)).toEqual([{ max_requests_per_1_minute: 1200 }]);
  });

  it('refuses an edit that does not validate: the model reads why, and nothing is sent', async () => {
    const graph = await agentGraph(writes(), [{ name: UPDATE, args: UPDATE_ARGS }]);
    const run = config();
    interruptOf(await graph.invoke({ messages: [new HumanMessage('Raise it')] }, run));
    const resumed = await graph.invoke(
      new Command({ resume: { type: 'edit', arguments: { ...UPDATE_ARGS, max_requests_per_1_minute: 'lots' } } }),
      run,
    );
    const [message] = toolMessages(resumed);
    expect(message!.status).toBe('error');
    expect(String(message!.content)).toContain('max_requests_per_1_minute');
    expect(proxyRequests()).toHaveLength(0);
  });

  it('declines a rejected call: a tool result that says so and why, never a crash; nothing is sent', async () => {
    const graph = await agentGraph(writes(), [{ name: UPDATE, args: UPDATE_ARGS }]);
    const run = config();
    interruptOf(await graph.invoke({ messages: [new HumanMessage('Raise it')] }, run));
    const resumed = await graph.invoke(
      new Command({ resume: { type: 'reject', reason: 'Budget frozen until Q3' } }),
      run,
    );
    const [message] = toolMessages(resumed);
    expect(message!.status).not.toBe('error');
    expect(JSON.parse(String(message!.content))).toMatchObject({
      status: 'declined',
      tool: UPDATE,
      reason: 'Budget frozen until Q3',
    });
    expect(resumed.messages.at(-1)?.content).toBe('done');
    expect(proxyRequests()).toHaveLength(0);
  });

  it('holds custom methods under "write" too, and lets reads through', async () => {
    const graph = await agentGraph(writes(), [
      { name: 'open_ai_projects_archive', args: { project_id: 'proj_67890' } },
    ]);
    const pending = interruptOf(await graph.invoke({ messages: [new HumanMessage('Archive it')] }, config()));
    expect(pending).toMatchObject({ toolName: 'open_ai_projects_archive', request: { method: 'POST' } });

    const reads = await agentGraph(writes(), [{ name: 'list_all_open_ai_projects', args: { limit: 1 } }]);
    const result = await reads.invoke({ messages: [new HumanMessage('List')] }, config());
    expect((result as { __interrupt__?: unknown }).__interrupt__).toBeUndefined();
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
  });

  it('shows the arguments after date resolution when a predicate asks for approval', async () => {
    const manager = fixture.createManager({
      requireApproval: (tool, args) => tool.name === 'list_all_open_ai_costs' && typeof args.start_time === 'number',
    });
    const graph = await agentGraph(manager, [{ name: 'list_all_open_ai_costs', args: { start_time: 'last week' } }]);
    const run = config();
    const pending = interruptOf(await graph.invoke({ messages: [new HumanMessage('Costs?')] }, run));
    // Monday 2026-11-16 00:00 UTC: "last week" as the field wants it (Unix seconds).
    expect(pending).toMatchObject({ reason: 'rule', arguments: { start_time: 1794787200 } });
    expect(pending.request.url).toContain('start_time=1794787200');
    await graph.invoke(new Command({ resume: true }), run);
    expect(proxyRequests().map((record) => record.query.start_time)).toEqual(['1794787200']);
  });

  it('throws an ApprovalRequiredError outside a graph, where nobody can be asked', async () => {
    const tools = await writes().getTools();
    const update = tools.find((tool) => tool.name === UPDATE)!;
    const failure = await update.invoke(UPDATE_ARGS).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApprovalRequiredError);
    expect((failure as ApprovalRequiredError).pending).toMatchObject({ toolName: UPDATE, arguments: UPDATE_ARGS });
    expect(proxyRequests()).toHaveLength(0);
  });

  it('never holds invoke() from your own code', async () => {
    await writes().invoke(UPDATE, UPDATE_ARGS);
    expect(proxyRequests().map((record) => record.method)).toEqual(['PATCH']);
  });
});

describe('parallel tool calls in an agent', () => {
  it('createAgent: the read runs once, the write waits for its approval, nothing is sent twice', async () => {
    const { createAgent } = await import('langchain');
    const { ScriptedChatModel } = await import('../../examples/support/scripted-chat-model.js');
    const model = new ScriptedChatModel({
      script: ({ messages }) =>
        messages.at(-1) instanceof HumanMessage
          ? new AIMessage({
              content: '',
              tool_calls: [
                { id: 'call_read', name: 'list_all_open_ai_projects', args: { limit: 1 }, type: 'tool_call' },
                { id: 'call_write', name: UPDATE, args: UPDATE_ARGS, type: 'tool_call' },
              ],
            })
          : new AIMessage('done'),
    });
    const agent = createAgent({ model, tools: await writes().getTools(), checkpointer: new MemorySaver() });
    const run = config();
    const paused = await agent.invoke({ messages: [new HumanMessage('List a project and raise gpt-4o')] }, run);
    expect(interruptOf(paused)).toMatchObject({ id: 'call_write', toolName: UPDATE });
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);

    const resumed = await agent.invoke(new Command({ resume: { type: 'approve' } }), run);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET', 'PATCH']);
    expect(
      toolMessages(resumed)
        .map((message) => message.tool_call_id)
        .sort(),
    ).toEqual(['call_read', 'call_write']);
    expect(resumed.messages.at(-1)?.content).toBe('done');
  });
});

describe('a plain ToolNode resumed once per held call', () => {
  const ARCHIVE = 'open_ai_projects_archive';

  function interruptsOf(result: unknown): PendingApproval[] {
    return ((result as { __interrupt__?: Array<{ value: PendingApproval }> }).__interrupt__ ?? []).map(
      (entry) => entry.value,
    );
  }

  /** Resumes with `decide(pending)` until the run stops asking; the pending calls asked about, in order. */
  async function resumeUntilDone(
    graph: Awaited<ReturnType<typeof agentGraph>>,
    run: ReturnType<typeof config>,
    first: unknown,
    decide: (pending: PendingApproval) => unknown,
  ) {
    const asked: PendingApproval[] = [];
    let state = first as { messages: BaseMessage[] };
    for (let round = 0; round < 5; round++) {
      const pending = interruptsOf(state)[0];
      if (pending === undefined) break;
      asked.push(pending);
      state = await graph.invoke(new Command({ resume: decide(pending) }), run);
    }
    return { asked, state };
  }

  it('sends each approved write once, though every resume re-runs the node', async () => {
    const graph = await agentGraph(writes(), [
      { name: UPDATE, args: UPDATE_ARGS },
      { name: ARCHIVE, args: { project_id: 'proj_67890' } },
    ]);
    const run = config();
    const first = await graph.invoke({ messages: [new HumanMessage('Raise gpt-4o and archive the old project')] }, run);
    expect(proxyRequests()).toHaveLength(0);
    // One held call at a time: the run pauses for call_1 first.
    expect(interruptsOf(first).map((pending) => pending.id)).toEqual(['call_1']);

    const { asked, state } = await resumeUntilDone(graph, run, first, () => ({ type: 'approve' }));
    expect(asked.map((pending) => pending.id)).toEqual(['call_1', 'call_2']);
    expect(proxyRequests().map((record) => `${record.method} ${record.path}`)).toEqual([
      'PATCH /proxy/project_rate_limits/rl_gpt-4o',
      'POST /proxy/projects/archive',
    ]);
    expect(
      toolMessages(state)
        .map((message) => message.tool_call_id)
        .sort(),
    ).toEqual(['call_1', 'call_2']);
    expect(state.messages.at(-1)?.content).toBe('done');
  });

  it('applies each decision to its own call: the first approved, the second declined', async () => {
    const graph = await agentGraph(writes(), [
      { name: UPDATE, args: UPDATE_ARGS },
      { name: UPDATE, args: { ...UPDATE_ARGS, max_requests_per_1_minute: 7000 } },
    ]);
    const run = config();
    const first = await graph.invoke({ messages: [new HumanMessage('Raise it twice')] }, run);
    const { asked, state } = await resumeUntilDone(graph, run, first, (pending) =>
      pending.id === 'call_1' ? { type: 'approve' } : { type: 'reject', reason: 'once is enough' },
    );
    expect(asked.map((pending) => pending.id)).toEqual(['call_1', 'call_2']);
    expect(proxyRequests().map((record) => [record.method, record.body])).toEqual([
      ['PATCH', { max_requests_per_1_minute: 5000 }],
    ]);
    const byId = Object.fromEntries(toolMessages(state).map((message) => [message.tool_call_id, message.content]));
    expect(JSON.parse(String(byId.call_2))).toMatchObject({ status: 'declined', reason: 'once is enough' });
  });

  it('runs a read beside a held write once', async () => {
    const graph = await agentGraph(writes(), [
      { name: 'list_all_open_ai_projects', args: { limit: 1 } },
      { name: UPDATE, args: UPDATE_ARGS },
      { name: ARCHIVE, args: { project_id: 'proj_67890' } },
    ]);
    const run = config();
    const first = await graph.invoke({ messages: [new HumanMessage('List, raise, archive')] }, run);
    await resumeUntilDone(graph, run, first, () => true);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET', 'PATCH', 'POST']);
  });
});
