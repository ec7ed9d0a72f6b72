/**
 * OpenTelemetry spans with the SDK's in-memory exporter, against the sandbox: one `execute_tool <name>` span per call
 * with the GenAI conventions' attributes, nested under the caller's span (plain code, LangChain, the AI SDK's own
 * telemetry); spans for catalog loads, selection, coordination waits and token refreshes; failures, retries, opt-in
 * arguments and results; and never a secret.
 */
import type { LanguageModelV3Content, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { NotFoundError, TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { createAISDKTools } from 'truto-langchainjs-toolset/ai-sdk';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InMemoryTracing, registerInMemoryTracing, spansAsText } from './support.js';

let sandbox: Sandbox;
let tracing: InMemoryTracing;
const managers: TrutoToolManager[] = [];
/** An argument value that must never appear in a span unless `recordInputs` says so. */
const MARKER = 'proj_marker_4242';

beforeAll(async () => {
  tracing = registerInMemoryTracing();
  sandbox = await startSandbox();
});

beforeEach(() => {
  tracing.exporter.reset();
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((manager) => manager.close()));
  sandbox.reset();
});

afterAll(async () => {
  await sandbox.close();
  await tracing.provider.shutdown();
});

function manager(options: TrutoToolManagerOptions = {}): TrutoToolManager {
  const created = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
    cache: { shared: false },
    ...options,
  });
  managers.push(created);
  return created;
}

const appTracer = () => trace.getTracer('agent-under-test');

describe('a tool call', () => {
  it('is one execute_tool span, INTERNAL, attributed per the GenAI conventions, under the caller’s span', async () => {
    const tools = manager();
    await appTracer().startActiveSpan('agent turn', async (agent) => {
      await tools.invoke('get_single_open_ai_project_by_id', { id: 'proj_12345' });
      agent.end();
    });
    const agent = tracing.span('agent turn');
    const call = tracing.span('execute_tool get_single_open_ai_project_by_id');
    expect(call.kind).toBe(SpanKind.INTERNAL);
    expect(call.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect(call.spanContext().traceId).toBe(agent.spanContext().traceId);
    expect(call.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_single_open_ai_project_by_id',
      'gen_ai.tool.type': 'extension',
      'truto.integrated_account.id': sandbox.integratedAccountId,
      'truto.tool.method': 'get',
      'truto.tool.resource': 'projects',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'truto.rate_limit.remaining': expect.any(Number),
      'truto.rate_limit.limit': expect.any(Number),
      'truto.rate_limit.reset_seconds': expect.any(Number),
    });
    expect(call.attributes['truto.request.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.attributes['truto.response.request_id']).toMatch(/^req_/);
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
    // The first call loaded the catalog: a span of its own, under the same caller.
    const load = tracing.span('truto.catalog.load');
    expect(load.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect(load.attributes['truto.catalog.tools']).toBe(13);
  });

  it('records neither arguments, results, URLs, headers nor the key, unless asked', async () => {
    const tools = manager();
    await tools.invoke('list_all_open_ai_costs', { start_time: 'last week', project_ids: [MARKER] });
    // A failed call's message quotes the argument; the span does not.
    await tools.invoke('list_all_open_ai_project_rate_limits', { project_id: MARKER }).catch(() => undefined);
    const text = spansAsText(tracing.spans());
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(sandbox.apiKey);
    expect(text).not.toContain('/proxy/');
    expect(text).not.toContain('gen_ai.tool.call.arguments');
    expect(text).not.toContain('gen_ai.tool.call.result');
  });

  it('records the arguments as sent and the result with recordInputs / recordOutputs, cut to maxRecordedChars', async () => {
    const tools = manager({ telemetry: { recordInputs: true, recordOutputs: true, maxRecordedChars: 200 } });
    await tools.invoke('list_all_open_ai_costs', { start_time: 'last week', limit: 2 });
    const call = tracing.span('execute_tool list_all_open_ai_costs');
    const recorded = JSON.parse(String(call.attributes['gen_ai.tool.call.arguments'])) as Record<string, unknown>;
    expect(recorded).toMatchObject({ limit: 2, start_time: expect.any(Number) }); // the date as resolved
    const result = String(call.attributes['gen_ai.tool.call.result']);
    expect(result.length).toBeLessThan(260);
    expect(result).toMatch(/more characters not recorded]$/);
    expect(spansAsText(tracing.spans())).not.toContain(sandbox.apiKey);
  });

  it('ends a failed call with its error class, status code and Truto error code, never its message', async () => {
    const tools = manager();
    await expect(tools.invoke('get_single_open_ai_project_by_id', { id: MARKER })).rejects.toThrow(NotFoundError);
    const call = tracing.span('execute_tool get_single_open_ai_project_by_id');
    expect(call.status).toEqual({ code: SpanStatusCode.ERROR, message: 'NotFoundError' });
    expect(call.attributes).toMatchObject({
      'error.type': 'NotFoundError',
      'truto.error.code': 'not_found',
      'http.response.status_code': 404,
    });
    expect(spansAsText(tracing.spans())).not.toContain(MARKER);
  });

  it('shows each retry and its wait as an event', async () => {
    const tools = manager({ retry: { maxRetries: 2, jitter: false } });
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 0 });
    await tools.invoke('list_all_open_ai_projects', {});
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    expect(call.attributes['truto.retries']).toBe(1);
    expect(call.events.map((event) => event.name)).toEqual(['truto.retry']);
    expect(call.events[0]!.attributes).toMatchObject({ attempt: 1, reason: expect.any(String), wait_ms: 0 });
  });

  it('carries the model’s tool call id from LangChain (gen_ai.tool.call.id)', async () => {
    const tools = await manager().getTools();
    const projects = tools.find((tool) => tool.name === 'list_all_open_ai_projects')!;
    await projects.invoke({ name: projects.name, args: { limit: 1 }, id: 'call_lc_1', type: 'tool_call' });
    expect(tracing.span('execute_tool list_all_open_ai_projects').attributes['gen_ai.tool.call.id']).toBe('call_lc_1');
  });
});

describe('the provider helpers carry the model’s call id (gen_ai.tool.call.id)', () => {
  it('OpenAI Chat Completions: tool_call_id', async () => {
    const { executeOpenAIChatToolCalls } = await import('truto-langchainjs-toolset/openai');
    await executeOpenAIChatToolCalls(manager(), {
      tool_calls: [
        {
          id: 'call_oa_1',
          type: 'function',
          function: { name: 'list_all_open_ai_projects', arguments: '{"limit":1}' },
        },
      ],
    });
    expect(tracing.span('execute_tool list_all_open_ai_projects').attributes['gen_ai.tool.call.id']).toBe('call_oa_1');
  });

  it('OpenAI Responses: call_id', async () => {
    const { executeOpenAIResponsesToolCalls } = await import('truto-langchainjs-toolset/openai');
    await executeOpenAIResponsesToolCalls(manager(), {
      output: [{ type: 'function_call', call_id: 'fc_1', name: 'list_all_open_ai_projects', arguments: '{}' }],
    });
    expect(tracing.span('execute_tool list_all_open_ai_projects').attributes['gen_ai.tool.call.id']).toBe('fc_1');
  });

  it('Anthropic: tool_use id, also for an approved call', async () => {
    const { executeAnthropicToolUses } = await import('truto-langchainjs-toolset/anthropic');
    const tools = manager({ requireApproval: 'write' });
    const uses = [
      { type: 'tool_use' as const, id: 'toolu_read', name: 'list_all_open_ai_projects', input: { limit: 1 } },
      {
        type: 'tool_use' as const,
        id: 'toolu_write',
        name: 'open_ai_projects_archive',
        input: { project_id: 'proj_67890' },
      },
    ];
    await executeAnthropicToolUses(tools, uses);
    await executeAnthropicToolUses(tools, uses, { decisions: { toolu_write: true } });
    expect(tracing.span('execute_tool list_all_open_ai_projects').attributes['gen_ai.tool.call.id']).toBe('toolu_read');
    expect(tracing.span('execute_tool open_ai_projects_archive').attributes['gen_ai.tool.call.id']).toBe('toolu_write');
  });
});

describe('spans nest under the agent framework’s own', () => {
  it('LangGraph: a ToolNode call inside a graph run under the application’s span', async () => {
    const { ToolNode } = await import('@langchain/langgraph/prebuilt');
    const { AIMessage } = await import('@langchain/core/messages');
    const node = new ToolNode(await manager().getTools());
    await appTracer().startActiveSpan('graph run', async (run) => {
      await node.invoke({
        messages: [
          new AIMessage({
            content: '',
            tool_calls: [{ id: 'call_lg_1', name: 'list_all_open_ai_projects', args: { limit: 1 }, type: 'tool_call' }],
          }),
        ],
      });
      run.end();
    });
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    expect(call.spanContext().traceId).toBe(tracing.span('graph run').spanContext().traceId);
    expect(call.attributes['gen_ai.tool.call.id']).toBe('call_lg_1');
  });

  it('a rate-limited call says when the window resets', async () => {
    const tools = manager();
    sandbox.failNext(1, { status: 429, retryAfterSeconds: 7 });
    await tools.invoke('list_all_open_ai_projects', {}).catch(() => undefined);
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    expect(call.attributes).toMatchObject({
      'error.type': 'RateLimitError',
      'http.response.status_code': 429,
      'truto.rate_limit.remaining': 0,
    });
  });

  it('AI SDK telemetry: execute_tool is a child of the SDK’s ai.toolCall span and carries its call id', async () => {
    const tools = await createAISDKTools(manager());
    const usage = {
      inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: 1, reasoning: undefined },
    };
    const turn = (content: LanguageModelV3Content[]): LanguageModelV3GenerateResult => ({
      content,
      finishReason: {
        unified: content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop',
        raw: undefined,
      },
      usage,
      warnings: [],
    });
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([
          { type: 'tool-call', toolCallId: 'call_ai_1', toolName: 'list_all_open_ai_projects', input: '{"limit":1}' },
        ]),
        turn([{ type: 'text', text: 'done' }]),
      ],
    });
    await generateText({
      model,
      tools,
      prompt: 'list projects',
      stopWhen: stepCountIs(3),
      experimental_telemetry: { isEnabled: true },
    });
    const toolCall = tracing.spans().find((span) => span.name === 'ai.toolCall')!;
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    expect(call.parentSpanContext?.spanId).toBe(toolCall.spanContext().spanId);
    expect(call.attributes['gen_ai.tool.call.id']).toBe('call_ai_1');
  });
});

describe('what else takes time has a span of its own', () => {
  it('tool selection', async () => {
    const tools = manager();
    await tools.selectTools('what did we spend last week', { maxTools: 3 });
    const selection = tracing.span('truto.tools.select');
    expect(selection.attributes).toMatchObject({ 'truto.selection.tools': 3, 'truto.catalog.tools': 13 });
    expect(spansAsText([selection])).not.toContain('spend');
  });

  it('coordination waits, inside the call’s span', async () => {
    const tools = manager({ coordination: { coordinate: 'wait', maxRequestsPerWindow: 100, windowSeconds: 10 } });
    await tools.invoke('list_all_open_ai_projects', {});
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    const wait = tracing.span('truto.coordination.wait');
    expect(wait.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
  });

  it('account-token refreshes, and the token is never recorded', async () => {
    const tools = manager({ accountTokens: true });
    await tools.invoke('list_all_open_ai_projects', {});
    const refresh = tracing.span('truto.account_token.refresh');
    expect(refresh.attributes).toMatchObject({
      'truto.account_token.reason': 'initial',
      'truto.integrated_account.id': sandbox.integratedAccountId,
    });
    expect(refresh.parentSpanContext?.spanId).toBe(
      tracing.span('execute_tool list_all_open_ai_projects').spanContext().spanId,
    );
    const text = spansAsText(tracing.spans());
    for (const token of sandbox.accountTokens) expect(text).not.toContain(token);
    expect(text).not.toContain(sandbox.apiKey);
  });

  it('a wait for a maxConcurrency slot, as an event on the call that waited', async () => {
    const tools = manager({ maxConcurrency: 1 });
    await Promise.all([
      tools.invoke('list_all_open_ai_projects', {}, { toolCallId: 'first' }),
      tools.invoke('list_all_open_ai_projects', {}, { toolCallId: 'second' }),
    ]);
    const byId = new Map(
      tracing
        .spans()
        .filter((span) => span.name === 'execute_tool list_all_open_ai_projects')
        .map((span) => [span.attributes['gen_ai.tool.call.id'], span]),
    );
    expect(byId.get('first')!.events.map((event) => event.name)).toEqual([]);
    const waited = byId.get('second')!.events;
    expect(waited.map((event) => event.name)).toEqual(['truto.concurrency.wait']);
    expect(waited[0]!.attributes).toMatchObject({ queued_ahead: 0, wait_ms: expect.any(Number) });
  });

  it('a call sent again after Truto refused the account token, without the token', async () => {
    const tools = manager({ accountTokens: true });
    await tools.invoke('list_all_open_ai_projects', {});
    tracing.exporter.reset();
    sandbox.revokeAccountTokens();
    await tools.invoke('list_all_open_ai_projects', {});
    const call = tracing.span('execute_tool list_all_open_ai_projects');
    expect(call.events.map((event) => event.name)).toEqual(['truto.account_token.rejected']);
    expect(call.attributes['http.response.status_code']).toBe(200);
    expect(tracing.span('truto.account_token.refresh').attributes['truto.account_token.reason']).toBe('rejected');
    const text = spansAsText(tracing.spans());
    for (const token of sandbox.accountTokens) expect(text).not.toContain(token);
  });

  it('none at all with telemetry: false', async () => {
    const tools = manager({ telemetry: false });
    await tools.invoke('list_all_open_ai_projects', {});
    expect(tracing.spans()).toEqual([]);
  });
});
