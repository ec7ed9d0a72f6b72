/**
 * The OpenAI adapter against the sandbox, with every payload typed by the `openai` package itself: `tsc --noEmit`
 * is what proves the tool definitions, tool messages and `function_call_output` items fit the SDK.
 */
import type OpenAI from 'openai';
import { RateLimitError, type TrutoToolManager } from 'truto-langchainjs-toolset';
import {
  executeOpenAIChatToolCalls,
  executeOpenAIResponsesToolCalls,
  ToolCallsInterruptedError,
  toOpenAIChatTools,
  toOpenAIResponsesTools,
} from 'truto-langchainjs-toolset/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStrictViolations } from './support/openai-strict-rules.js';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;
let manager: TrutoToolManager;

beforeAll(async () => {
  fixture = await startSandboxFixture();
  manager = fixture.manager;
});

afterAll(async () => {
  await fixture.close();
});

const OCTOBER_FIRST = String(Date.parse('2026-10-01T00:00:00Z') / 1000);

/** A Chat Completions answer as the API returns it, asking for these function calls in parallel. */
function completionWithCalls(
  calls: Array<{ id: string; name: string; arguments: string }>,
): OpenAI.Chat.Completions.ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_764_072_000,
    model: 'gpt-4o-2024-08-06',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        logprobs: null,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function' as const,
            function: { name: call.name, arguments: call.arguments },
          })),
        },
      },
    ],
  };
}

describe('Chat Completions tool definitions', () => {
  it('are ChatCompletionTool[] with each tool name, description and JSON Schema', async () => {
    const definitions = await manager.getToolDefinitions();
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = toOpenAIChatTools(definitions);
    const request: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What did we spend since October 1st?' }],
      tools,
      parallel_tool_calls: true,
    };
    expect(request.tools).toHaveLength(definitions.length);
    const costs = toOpenAIChatTools(definitions).find((tool) => tool.function.name === 'list_all_open_ai_costs')!;
    expect(costs.type).toBe('function');
    expect(costs.function.strict).toBe(false);
    expect(costs.function.parameters).toEqual(
      definitions.find((tool) => tool.name === 'list_all_open_ai_costs')!.modelJsonSchema,
    );
  });

  it('in strict mode, send strict: true with schemas that obey every strict rule, for every tool', async () => {
    const tools = toOpenAIChatTools(await manager.getToolDefinitions(), { strict: true });
    for (const tool of tools) {
      expect(tool.function.strict).toBe(true);
      expect({ tool: tool.function.name, problems: findStrictViolations(tool.function.parameters!) }).toEqual({
        tool: tool.function.name,
        problems: [],
      });
    }
  });
});

describe('Responses API tool definitions', () => {
  it('are FunctionTool[], non-strict unless asked, and fit responses.create', async () => {
    const definitions = await manager.getToolDefinitions();
    const tools: OpenAI.Responses.FunctionTool[] = toOpenAIResponsesTools(definitions);
    const request: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: 'gpt-4o',
      input: 'Check the rate limits for project proj_12345.',
      tools,
    };
    expect(request.tools).toHaveLength(definitions.length);
    expect(tools.every((tool) => tool.strict === false && tool.type === 'function')).toBe(true);
    const strictTools: OpenAI.Responses.FunctionTool[] = toOpenAIResponsesTools(definitions, { strict: true });
    for (const tool of strictTools) expect(findStrictViolations(tool.parameters!)).toEqual([]);
  });
});

describe('executeOpenAIChatToolCalls', () => {
  it('runs all three parallel calls of a completion and answers each, in order, with its id', async () => {
    const completion = completionWithCalls([
      { id: 'call_costs', name: 'list_all_open_ai_costs', arguments: '{"start_time":"October 1st","limit":3}' },
      { id: 'call_projects', name: 'list_all_open_ai_projects', arguments: '{"limit":5}' },
      { id: 'call_model', name: 'get_single_open_ai_model_by_id', arguments: '{"id":"gpt-4o"}' },
    ]);
    let inFlight = 0;
    let mostInFlight = 0;
    const counting = fixture.createManager({
      hooks: {
        beforeRequest: async () => {
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
        afterResponse: () => void inFlight--,
      },
    });
    fixture.mark();
    const toolMessages: OpenAI.Chat.Completions.ChatCompletionToolMessageParam[] = await executeOpenAIChatToolCalls(
      counting,
      completion,
    );
    expect(toolMessages.map((message) => message.tool_call_id)).toEqual(['call_costs', 'call_projects', 'call_model']);
    expect(toolMessages.every((message) => message.role === 'tool')).toBe(true);
    expect(
      fixture
        .proxyRequestsSinceMark()
        .map((request) => request.path)
        .sort(),
    ).toEqual(['/proxy/costs', '/proxy/models/gpt-4o', '/proxy/projects']);
    expect(mostInFlight).toBe(3);
    expect(JSON.parse(toolMessages[2]!.content as string).id).toBe('gpt-4o');
    expect(fixture.proxyRequestsSinceMark().find((request) => request.path === '/proxy/costs')!.query.start_time).toBe(
      OCTOBER_FIRST,
    );

    // The messages continue the conversation exactly as the SDK expects.
    const next: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Audit our spend.' },
      completion.choices[0]!.message,
      ...toolMessages,
    ];
    expect(next).toHaveLength(5);
  });

  it('answers bad JSON, bad arguments, unknown tools and API errors with error text, running the rest', async () => {
    const toolMessages = await executeOpenAIChatToolCalls(
      manager,
      completionWithCalls([
        { id: 'call_json', name: 'list_all_open_ai_projects', arguments: '{"limit": 5' },
        { id: 'call_args', name: 'list_all_open_ai_costs', arguments: '{"start_time":"October 1st","limit":"seven"}' },
        { id: 'call_unknown', name: 'list_all_open_ai_invoices', arguments: '{}' },
        { id: 'call_404', name: 'get_single_open_ai_model_by_id', arguments: '{"id":"no-such-model"}' },
        { id: 'call_ok', name: 'list_all_open_ai_models', arguments: '' },
      ]).choices[0]!.message,
    );
    const errors = toolMessages.map((message) => JSON.parse(message.content).error);
    expect(errors).toEqual(['invalid_arguments', 'invalid_arguments', 'tool_not_found', 'not_found', undefined]);
    expect(JSON.parse(toolMessages[1]!.content).issues[0].path).toBe('limit');
    expect(JSON.parse(toolMessages[3]!.content).status).toBe(404);
  });

  it('turns strict-mode nulls back into absent arguments', async () => {
    fixture.mark();
    const [message] = await executeOpenAIChatToolCalls(manager, [
      {
        id: 'call_strict',
        type: 'function',
        function: {
          name: 'list_all_open_ai_costs',
          arguments: JSON.stringify({
            start_time: 'October 1st',
            end_time: null,
            bucket_width: null,
            project_ids: null,
            api_key_ids: null,
            group_by: ['project_id'],
            limit: null,
            next_cursor: null,
            time_range: null,
          }),
        },
      },
    ]);
    expect(JSON.parse(message!.content).error).toBeUndefined();
    const query = fixture.proxyRequestsSinceMark()[0]!.query;
    expect(query.start_time).toBe(OCTOBER_FIRST);
    expect(query.end_time).toBeUndefined();
  });

  it('on a 429, runs every call, then throws with the finished messages and the calls to run again', async () => {
    fixture.sandbox.failNext(1, { status: 429 });
    const error = await executeOpenAIChatToolCalls(
      manager,
      completionWithCalls([
        { id: 'call_1', name: 'list_all_open_ai_models', arguments: '{}' },
        { id: 'call_2', name: 'list_all_open_ai_projects', arguments: '{}' },
        { id: 'call_3', name: 'get_single_open_ai_model_by_id', arguments: '{"id":"gpt-4o"}' },
      ]),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolCallsInterruptedError);
    const interrupted = error as ToolCallsInterruptedError<OpenAI.Chat.Completions.ChatCompletionToolMessageParam>;
    expect(interrupted.isRateLimited).toBe(true);
    expect(interrupted.cause).toBeInstanceOf(RateLimitError);
    expect(interrupted.response?.status).toBe(429);
    expect(interrupted.retryAfterSeconds).toBe(10);
    expect(interrupted.completed).toHaveLength(2);
    expect(interrupted.pending).toHaveLength(1);
    const ids = [...interrupted.completed.map((message) => message.tool_call_id), interrupted.pending[0]!.id].sort();
    expect(ids).toEqual(['call_1', 'call_2', 'call_3']);

    // After the wait, the pending calls run on their own.
    const retried = await executeOpenAIChatToolCalls(
      manager,
      interrupted.pending.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: String(call.arguments) },
      })),
    );
    expect(retried.map((message) => message.tool_call_id)).toEqual([interrupted.pending[0]!.id]);
  });
});

describe('executeOpenAIResponsesToolCalls', () => {
  it('runs every function_call item and returns function_call_output items in order', async () => {
    const output: OpenAI.Responses.ResponseOutputItem[] = [
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [],
      },
      { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'list_all_open_ai_models', arguments: '{}' },
      {
        type: 'function_call',
        id: 'fc_2',
        call_id: 'call_b',
        name: 'list_all_open_ai_project_rate_limits',
        arguments: '{"project_id":"proj_12345"}',
      },
      {
        type: 'function_call',
        id: 'fc_3',
        call_id: 'call_c',
        name: 'list_all_open_ai_costs',
        arguments: '{"limit":1}',
      },
    ];
    const items: OpenAI.Responses.ResponseInputItem[] = await executeOpenAIResponsesToolCalls(manager, { output });
    expect(items.map((item) => item.type)).toEqual([
      'function_call_output',
      'function_call_output',
      'function_call_output',
    ]);
    const outputs = await executeOpenAIResponsesToolCalls(manager, output);
    expect(outputs.map((item) => item.call_id)).toEqual(['call_a', 'call_b', 'call_c']);
    expect(JSON.parse(outputs[2]!.output).error).toBe('invalid_arguments');
    const next: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: 'gpt-4o',
      input: [...(output as OpenAI.Responses.ResponseInputItem[]), ...outputs],
      tools: toOpenAIResponsesTools(await manager.getToolDefinitions()),
    };
    expect(next.input).toHaveLength(7);
  });
});

describe('strict mode per tool', () => {
  it('offers a tool whose schema is over OpenAI’s size limits non-strict, with a warning, and keeps the rest strict', async () => {
    const { TrutoTool } = await import('../../src/catalog/truto-tool.js');
    const { toOpenAIChatTools } = await import('truto-langchainjs-toolset/openai');
    const huge = new TrutoTool({
      name: 'list_all_x_countries',
      resource: 'countries',
      method: 'list',
      query_schema: {
        type: 'object',
        properties: { code: { type: 'string', enum: Array.from({ length: 1200 }, (_, index) => `c${index}`) } },
      },
    });
    const small = new TrutoTool({
      name: 'list_all_x_things',
      resource: 'things',
      method: 'list',
      query_schema: { type: 'object', properties: { q: { type: 'string' } } },
    });
    const warnings: string[] = [];
    const [first, second] = toOpenAIChatTools([huge, small], {
      strict: true,
      onWarning: (message) => warnings.push(message),
    });
    expect(first!.function.strict).toBe(false);
    expect(first!.function.parameters).toBe(huge.modelJsonSchema);
    expect(second!.function.strict).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(/list_all_x_countries.*120\d enum values \(OpenAI's limit: 1000\)/),
    ]);
  });
});
