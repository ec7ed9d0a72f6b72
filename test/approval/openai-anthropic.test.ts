/**
 * Approval in the OpenAI and Anthropic helpers, with their own message shapes against the sandbox: calls that need
 * approval are not run but returned as `pendingApprovals` (with the exact request a dry run would send); a follow-up
 * call with `decisions` runs only those: approved, edited (validated again) or declined (a result the model reads).
 */
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { TrutoConfigError } from 'truto-langchainjs-toolset';
import { AnthropicToolCallsInterruptedError, executeAnthropicToolUses } from 'truto-langchainjs-toolset/anthropic';
import {
  executeOpenAIChatToolCalls,
  executeOpenAIResponsesToolCalls,
  OpenAIChatToolCallsInterruptedError,
  type PendingApproval,
} from 'truto-langchainjs-toolset/openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const fixture = useSandboxManagers({ manager: { cache: { shared: false } } });

beforeEach(() => {
  fixture.sandbox.reset();
});

const UPDATE = 'update_a_open_ai_project_rate_limit_by_id';
const UPDATE_ARGS = { id: 'rl_gpt-4o', project_id: 'proj_12345', max_requests_per_1_minute: 5000 };
const DELETE = 'delete_a_open_ai_model_by_id';
const proxyRequests = () => fixture.sandbox.requests.filter((record) => record.route === 'proxy');
const approvals = () => fixture.createManager({ requireApproval: 'write' });

const chatMessage: OpenAI.Chat.Completions.ChatCompletionMessage = {
  role: 'assistant',
  content: null,
  refusal: null,
  tool_calls: [
    { id: 'call_read', type: 'function', function: { name: 'list_all_open_ai_projects', arguments: '{"limit":1}' } },
    { id: 'call_update', type: 'function', function: { name: UPDATE, arguments: JSON.stringify(UPDATE_ARGS) } },
    {
      id: 'call_delete',
      type: 'function',
      function: { name: DELETE, arguments: JSON.stringify({ id: 'ft:gpt-4o-mini:acme:custom:abc123' }) },
    },
  ],
};

describe('executeOpenAIChatToolCalls', () => {
  it('runs the read and holds the writes as typed pending approvals; nothing is sent for them', async () => {
    const manager = approvals();
    const results = await executeOpenAIChatToolCalls(manager, chatMessage);
    expect(results.map((message) => message.tool_call_id)).toEqual(['call_read']);
    const pending: PendingApproval[] = results.pendingApprovals;
    expect(pending.map(({ id, toolName, reason }) => ({ id, toolName, reason }))).toEqual([
      { id: 'call_update', toolName: UPDATE, reason: 'method write' },
      { id: 'call_delete', toolName: DELETE, reason: 'method write' },
    ]);
    expect(pending[0]!.request).toMatchObject({ method: 'PATCH', body: { max_requests_per_1_minute: 5000 } });
    expect(pending[1]!.request.method).toBe('DELETE');
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
    // The array is still what goes into the next request as it is.
    expect(JSON.parse(JSON.stringify(results))).toEqual([...results]);
  });

  it('runs only the decided calls on the follow-up: an edit (validated again) and a rejection', async () => {
    const manager = approvals();
    const first = await executeOpenAIChatToolCalls(manager, chatMessage);
    const followUp = await executeOpenAIChatToolCalls(manager, chatMessage, {
      decisions: {
        call_update: { type: 'edit', arguments: { ...UPDATE_ARGS, max_requests_per_1_minute: 900 } },
        call_delete: { type: 'reject', reason: 'That model is still in use' },
      },
    });
    expect(followUp.pendingApprovals).toEqual([]);
    expect(followUp.map((message) => message.tool_call_id)).toEqual(['call_update', 'call_delete']);
    expect(JSON.parse(followUp[0]!.content)).toMatchObject({ max_requests_per_1_minute: 900 });
    expect(JSON.parse(followUp[1]!.content)).toMatchObject({
      status: 'declined',
      reason: 'That model is still in use',
    });
    expect(proxyRequests().map((record) => [record.method, record.body ?? null])).toEqual([
      ['GET', null],
      ['PATCH', { max_requests_per_1_minute: 900 }],
    ]);
    // Every call id has exactly one answer across the two runs.
    expect([...first, ...followUp].map((message) => message.tool_call_id).sort()).toEqual(
      ['call_delete', 'call_read', 'call_update'].sort(),
    );
  });

  it('answers an edit that does not validate with the error, and sends nothing', async () => {
    const manager = approvals();
    const [answer] = await executeOpenAIChatToolCalls(manager, chatMessage, {
      decisions: { call_update: { type: 'edit', arguments: { ...UPDATE_ARGS, id: 42 } } },
    });
    expect(JSON.parse(answer!.content)).toMatchObject({ error: 'invalid_arguments' });
    expect(proxyRequests()).toHaveLength(0);
  });

  it('approves with true, as the model asked', async () => {
    const manager = approvals();
    await executeOpenAIChatToolCalls(manager, chatMessage, { decisions: { call_delete: true } });
    expect(proxyRequests().map((record) => [record.method, record.path])).toEqual([
      ['DELETE', '/proxy/models/ft%3Agpt-4o-mini%3Aacme%3Acustom%3Aabc123'],
    ]);
  });
});

describe('executeOpenAIResponsesToolCalls', () => {
  it('holds and then runs function_call items the same way', async () => {
    const manager = approvals();
    const output = [
      { type: 'function_call', call_id: 'fc_1', name: UPDATE, arguments: JSON.stringify(UPDATE_ARGS) },
    ] as const;
    const held = await executeOpenAIResponsesToolCalls(manager, { output });
    expect(held).toEqual([]);
    expect(held.pendingApprovals.map((pending) => pending.id)).toEqual(['fc_1']);
    const ran = await executeOpenAIResponsesToolCalls(manager, { output }, { decisions: { fc_1: 'approve' } });
    expect(ran.map((item) => item.call_id)).toEqual(['fc_1']);
    expect(proxyRequests().map((record) => record.method)).toEqual(['PATCH']);
  });
});

describe('executeAnthropicToolUses', () => {
  it('holds tool_use blocks that need approval and answers a rejection with a tool_result the model reads', async () => {
    const manager = approvals();
    const reply: Pick<Anthropic.Messages.Message, 'content'> = {
      content: [
        { type: 'text', text: 'Archiving it.', citations: null },
        {
          type: 'tool_use',
          id: 'toolu_1',
          name: 'open_ai_projects_archive',
          input: { project_id: 'proj_67890' },
          caller: { type: 'direct' },
        },
      ],
    };
    const held = await executeAnthropicToolUses(manager, reply);
    expect(held).toEqual([]);
    expect(held.pendingApprovals[0]).toMatchObject({
      id: 'toolu_1',
      toolName: 'open_ai_projects_archive',
      request: { method: 'POST', body: { project_id: 'proj_67890' } },
    });
    const answered = await executeAnthropicToolUses(manager, reply, { decisions: { toolu_1: false } });
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' });
    expect(answered[0]!.is_error).toBeUndefined();
    expect(JSON.parse(answered[0]!.content)).toMatchObject({ status: 'declined' });
    expect(proxyRequests()).toHaveLength(0);
  });

  it('changes nothing without requireApproval: every call runs and nothing is pending', async () => {
    const manager = fixture.createManager();
    const results = await executeAnthropicToolUses(manager, [
      { type: 'tool_use', id: 'toolu_2', name: 'open_ai_projects_archive', input: { project_id: 'proj_67890' } },
    ]);
    expect(results).toHaveLength(1);
    expect(results.pendingApprovals).toEqual([]);
    expect(proxyRequests().map((record) => record.method)).toEqual(['POST']);
  });
});

describe('when deciding whether a call needs approval fails', () => {
  it('sends nothing for that call: the batch ends in a typed interruption, the other calls answered', async () => {
    const manager = fixture.createManager({
      requireApproval: (tool) => {
        if (tool.definition.method === 'delete') throw new Error('predicate bug');
        return false;
      },
    });
    const failure = await executeOpenAIChatToolCalls(manager, chatMessage).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAIChatToolCallsInterruptedError);
    const interrupted = failure as OpenAIChatToolCallsInterruptedError;
    expect(interrupted.cause).toBeInstanceOf(TrutoConfigError);
    expect((interrupted.cause as Error).message).toContain('predicate bug');
    expect(interrupted.completed.map((message) => message.tool_call_id)).toEqual(['call_read', 'call_update']);
    expect(interrupted.pending.map((call) => call.id)).toEqual(['call_delete']);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET', 'PATCH']);
  });

  it('holds the call too when the beforeRequest hook throws during the check (Anthropic)', async () => {
    const manager = fixture.createManager({
      requireApproval: () => false,
      hooks: {
        beforeRequest: (info) => {
          if (info.method === 'POST') throw new Error('hook bug');
        },
      },
    });
    const failure = await executeAnthropicToolUses(manager, [
      { type: 'tool_use', id: 'toolu_3', name: 'open_ai_projects_archive', input: { project_id: 'proj_67890' } },
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AnthropicToolCallsInterruptedError);
    expect((failure as AnthropicToolCallsInterruptedError).pending.map((call) => call.id)).toEqual(['toolu_3']);
    expect(proxyRequests()).toHaveLength(0);
  });

  it('still answers an unknown tool or bad arguments with the usual error for the model', async () => {
    const manager = fixture.createManager({
      requireApproval: () => {
        throw new Error('never reached');
      },
    });
    const results = await executeOpenAIChatToolCalls(manager, {
      tool_calls: [
        { id: 'c_unknown', type: 'function', function: { name: 'no_such_tool', arguments: '{}' } },
        { id: 'c_bad', type: 'function', function: { name: UPDATE, arguments: JSON.stringify({ id: 42 }) } },
      ],
    });
    expect(results.map((message) => JSON.parse(message.content).error)).toEqual([
      'tool_not_found',
      'invalid_arguments',
    ]);
    expect(proxyRequests()).toHaveLength(0);
  });
});

describe('decisions in discovery mode', () => {
  const callTool = {
    tool_calls: [
      {
        id: 'c1',
        type: 'function' as const,
        function: { name: 'call_tool', arguments: JSON.stringify({ name: UPDATE, arguments: UPDATE_ARGS }) },
      },
    ],
  };
  const discovering = () => fixture.createManager({ requireApproval: 'write', discovery: true });

  it('shows the target tool, and an edit of its arguments is sent to it', async () => {
    const manager = discovering();
    const first = await executeOpenAIChatToolCalls(manager, callTool);
    const pending = first.pendingApprovals[0]!;
    expect(pending).toMatchObject({ id: 'c1', toolName: UPDATE, arguments: UPDATE_ARGS });
    expect(proxyRequests()).toHaveLength(0);

    const edited = await executeOpenAIChatToolCalls(manager, callTool, {
      decisions: { c1: { type: 'edit', arguments: { ...pending.arguments, max_requests_per_1_minute: 900 } } },
    });
    expect(JSON.parse(edited[0]!.content)).toMatchObject({ max_requests_per_1_minute: 900 });
    expect(proxyRequests().map((record) => [record.method, record.body])).toEqual([
      ['PATCH', { max_requests_per_1_minute: 900 }],
    ]);
  });

  it('names the target tool when declined', async () => {
    const manager = discovering();
    const [declined] = await executeOpenAIChatToolCalls(manager, callTool, { decisions: { c1: false } });
    expect(JSON.parse(declined!.content)).toMatchObject({ status: 'declined', tool: UPDATE });
    expect(proxyRequests()).toHaveLength(0);
  });

  it('sends the shown arguments when approved', async () => {
    const manager = discovering();
    await executeOpenAIChatToolCalls(manager, callTool);
    const approved = await executeOpenAIChatToolCalls(manager, callTool, { decisions: { c1: 'approve' } });
    expect(approved.map((message) => message.tool_call_id)).toEqual(['c1']);
    expect(proxyRequests().map((record) => [record.method, record.path, record.body])).toEqual([
      ['PATCH', '/proxy/project_rate_limits/rl_gpt-4o', { max_requests_per_1_minute: 5000 }],
    ]);
  });
});
