/**
 * Approval in the AI SDK's own flow (AI SDK 6), with its mock language model against the sandbox: a tool that needs
 * approval is not executed but answered by a `tool-approval-request`; the run resumes with a `tool-approval-response`
 * in a `role: 'tool'` message; a denial reaches the model as an `execution-denied` result with the reason.
 */
import type { LanguageModelV3Content, LanguageModelV3GenerateResult, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { generateText, type ModelMessage, stepCountIs, type ToolApprovalResponse } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createAISDKTools } from 'truto-langchainjs-toolset/ai-sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const fixture = useSandboxManagers({ manager: { cache: { shared: false } } });

beforeEach(() => {
  fixture.sandbox.reset();
});

const USAGE = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

function turn(content: LanguageModelV3Content[]): LanguageModelV3GenerateResult {
  const callsTools = content.some((part) => part.type === 'tool-call');
  return {
    content,
    finishReason: { unified: callsTools ? 'tool-calls' : 'stop', raw: undefined },
    usage: USAGE,
    warnings: [],
  };
}

const UPDATE = 'update_a_open_ai_project_rate_limit_by_id';
const UPDATE_ARGS = { id: 'rl_gpt-4o', project_id: 'proj_12345', max_requests_per_1_minute: 5000 };
const proxyRequests = () => fixture.sandbox.requests.filter((record) => record.route === 'proxy');

/** The model calls `update` and `list` in one step, then answers. */
function scriptedModel() {
  return new MockLanguageModelV3({
    doGenerate: [
      turn([
        { type: 'tool-call', toolCallId: 'call_write', toolName: UPDATE, input: JSON.stringify(UPDATE_ARGS) },
        { type: 'tool-call', toolCallId: 'call_read', toolName: 'list_all_open_ai_projects', input: '{"limit":1}' },
      ]),
      turn([{ type: 'text', text: 'done' }]),
      turn([{ type: 'text', text: 'done' }]),
    ],
  });
}

/** The tool results in the prompt of the model's n-th call. */
function toolResults(prompt: LanguageModelV3Prompt) {
  return prompt.flatMap((message) =>
    message.role === 'tool'
      ? message.content.flatMap((part) =>
          part.type === 'tool-result' ? [{ id: part.toolCallId, output: part.output }] : [],
        )
      : [],
  );
}

async function firstRound(approvals = true) {
  const manager = fixture.createManager(approvals ? { requireApproval: ['update', 'delete'] } : {});
  const tools = await createAISDKTools(manager);
  const model = scriptedModel();
  const prompt: ModelMessage[] = [{ role: 'user', content: 'Raise gpt-4o to 5000 RPM and list a project' }];
  const result = await generateText({ model, tools, messages: prompt, stopWhen: stepCountIs(5) });
  return { tools, model, prompt, result };
}

describe('needsApproval', () => {
  it('asks before the write and runs the read; nothing is sent for the write', async () => {
    const { result, tools } = await firstRound();
    expect(tools[UPDATE]!.needsApproval).toBeTypeOf('function');
    const requests = result.content.filter((part) => part.type === 'tool-approval-request');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.toolCall).toMatchObject({ toolCallId: 'call_write', toolName: UPDATE, input: UPDATE_ARGS });
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
  });

  it('resumes with an approval response: the approved call runs then', async () => {
    const { result, model, prompt, tools } = await firstRound();
    const request = result.content.find((part) => part.type === 'tool-approval-request')!;
    const approval: ToolApprovalResponse = {
      type: 'tool-approval-response',
      approvalId: request.approvalId,
      approved: true,
    };
    const resumed = await generateText({
      model,
      tools,
      messages: [...prompt, ...result.response.messages, { role: 'tool', content: [approval] }],
      stopWhen: stepCountIs(5),
    });
    expect(resumed.text).toBe('done');
    expect(proxyRequests().map((record) => [record.method, record.body ?? null])).toEqual([
      ['GET', null],
      ['PATCH', { max_requests_per_1_minute: 5000 }],
    ]);
    const sent = toolResults(model.doGenerateCalls.at(-1)!.prompt).find((part) => part.id === 'call_write')!;
    expect(sent.output.type).toBe('text');
    expect(String((sent.output as { value: unknown }).value)).toContain('"max_requests_per_1_minute":5000');
  });

  it('resumes with a denial: the model reads execution-denied with the reason, and nothing is sent', async () => {
    const { result, model, prompt, tools } = await firstRound();
    const request = result.content.find((part) => part.type === 'tool-approval-request')!;
    await generateText({
      model,
      tools,
      messages: [
        ...prompt,
        ...result.response.messages,
        {
          role: 'tool',
          content: [
            {
              type: 'tool-approval-response',
              approvalId: request.approvalId,
              approved: false,
              reason: 'Not this quarter',
            },
          ],
        },
      ],
      stopWhen: stepCountIs(5),
    });
    const denied = toolResults(model.doGenerateCalls.at(-1)!.prompt).find((part) => part.id === 'call_write')!;
    expect(denied.output).toMatchObject({ type: 'execution-denied', reason: 'Not this quarter' });
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
  });

  it('is not set on any tool without requireApproval', async () => {
    const { tools, result } = await firstRound(false);
    expect(Object.values(tools).every((tool) => tool.needsApproval === undefined)).toBe(true);
    expect(result.content.some((part) => part.type === 'tool-approval-request')).toBe(false);
    expect(
      proxyRequests()
        .map((record) => record.method)
        .sort(),
    ).toEqual(['GET', 'PATCH']);
  });
});

describe('needsApproval when deciding fails', () => {
  /** One step that calls `call_write` (the update) and `call_read`, with a manager whose check misbehaves. */
  async function runWith(options: Parameters<typeof fixture.createManager>[0]) {
    const manager = fixture.createManager(options);
    const tools = await createAISDKTools(manager);
    const result = await generateText({
      model: scriptedModel(),
      tools,
      messages: [{ role: 'user', content: 'Raise gpt-4o to 5000 RPM and list a project' }],
      stopWhen: stepCountIs(5),
    });
    return result.content.filter((part) => part.type === 'tool-approval-request').map((part) => part.toolCall);
  }

  it('asks when a requireApproval predicate throws, rather than running the call', async () => {
    const asked = await runWith({
      requireApproval: (tool) => {
        if (tool.definition.method === 'update') throw new Error('predicate bug');
        return false;
      },
    });
    expect(asked.map((call) => call.toolCallId)).toEqual(['call_write']);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
  });

  it('asks when the beforeRequest hook throws during the check', async () => {
    const asked = await runWith({
      requireApproval: () => false,
      hooks: {
        beforeRequest: (info) => {
          if (info.method === 'PATCH') throw new Error('hook bug');
        },
      },
    });
    expect(asked.map((call) => call.toolCallId)).toEqual(['call_write']);
    expect(proxyRequests().map((record) => record.method)).toEqual(['GET']);
  });

  it('leaves arguments that cannot be sent to execute, which reports them and sends nothing', async () => {
    const manager = fixture.createManager({ requireApproval: () => true });
    const tools = await createAISDKTools(manager);
    const result = await generateText({
      model: new MockLanguageModelV3({
        doGenerate: [
          turn([
            {
              type: 'tool-call',
              toolCallId: 'call_costs',
              toolName: 'list_all_open_ai_costs',
              input: JSON.stringify({ start_time: 'the day after never' }),
            },
          ]),
          turn([{ type: 'text', text: 'done' }]),
        ],
      }),
      tools,
      messages: [{ role: 'user', content: 'Costs?' }],
      stopWhen: stepCountIs(5),
    });
    expect(result.content.some((part) => part.type === 'tool-approval-request')).toBe(false);
    const failed = result.steps[0]!.content.find((part) => part.type === 'tool-error');
    expect(String((failed as { error: unknown } | undefined)?.error)).toContain('start_time');
    expect(proxyRequests()).toHaveLength(0);
  });
});
