/**
 * The AI SDK adapter in the AI SDK's own loop: `generateText` and `streamText` with its mock language model, which
 * asks for tool calls as a provider would, against the sandbox.
 */
import type {
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { generateText, stepCountIs, streamText } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { RateLimitError } from 'truto-langchainjs-toolset';
import {
  createAISDKTools,
  findBlockingToolError,
  stopOnBlockingToolError,
  ToolResultError,
} from 'truto-langchainjs-toolset/ai-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStrictViolations } from './support/openai-strict-rules.js';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

function toolCall(toolCallId: string, toolName: string, input: unknown): LanguageModelV3Content {
  return { type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) };
}

function turn(content: LanguageModelV3Content[]): LanguageModelV3GenerateResult {
  const callsTools = content.some((part) => part.type === 'tool-call');
  return {
    content,
    finishReason: { unified: callsTools ? 'tool-calls' : 'stop', raw: undefined },
    usage: USAGE,
    warnings: [],
  };
}

function streamTurn(parts: LanguageModelV3StreamPart[]) {
  const callsTools = parts.some((part) => part.type === 'tool-call');
  return {
    stream: convertArrayToReadableStream<LanguageModelV3StreamPart>([
      { type: 'stream-start', warnings: [] },
      ...parts,
      { type: 'finish', finishReason: { unified: callsTools ? 'tool-calls' : 'stop', raw: undefined }, usage: USAGE },
    ]),
  };
}

/** The tool results the model received in its n-th call, as (call id, output type, value) rows. */
function toolResultsSent(model: MockLanguageModelV3, call: number) {
  return model.doGenerateCalls[call]!.prompt.flatMap((message) =>
    message.role === 'tool'
      ? message.content.flatMap((part) =>
          part.type === 'tool-result'
            ? [{ id: part.toolCallId, type: part.output.type, value: (part.output as { value: unknown }).value }]
            : [],
        )
      : [],
  );
}

describe('createAISDKTools with generateText', () => {
  it('offers every tool with its JSON Schema, runs valid calls and reports invalid input to the model', async () => {
    const tools = await createAISDKTools(fixture.manager);
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([
          toolCall('call_costs', 'list_all_open_ai_costs', { start_time: 'October 1st', limit: 3 }),
          toolCall('call_bad', 'list_all_open_ai_costs', { start_time: 'October 1st', limit: 'seven' }),
        ]),
        turn([{ type: 'text', text: 'Here is your cost breakdown.' }]),
      ],
    });
    fixture.mark();
    const result = await generateText({
      model,
      tools,
      prompt: 'Fetch the API cost breakdown for the organization starting from October 1st.',
      stopWhen: stepCountIs(5),
    });

    const offered = model.doGenerateCalls[0]!.tools!;
    expect(offered.map((tool) => tool.name).sort()).toEqual(Object.keys(tools).sort());
    const costs = offered.find((tool) => tool.name === 'list_all_open_ai_costs')!;
    const definitions = await fixture.manager.getToolDefinitions();
    expect(costs.type === 'function' && costs.inputSchema).toEqual(
      definitions.find((tool) => tool.name === 'list_all_open_ai_costs')!.modelJsonSchema,
    );

    expect(result.text).toBe('Here is your cost breakdown.');
    const [first] = result.steps;
    const parts = first!.content.filter((part) => part.type === 'tool-result' || part.type === 'tool-error');
    // The AI SDK lists results as they settle, so compare them sorted.
    expect(parts.map((part) => [part.type, part.toolCallId]).sort()).toEqual([
      ['tool-error', 'call_bad'],
      ['tool-result', 'call_costs'],
    ]);
    // Only the valid call reached the API.
    expect(fixture.proxyRequestsSinceMark().map((request) => request.path)).toEqual(['/proxy/costs']);

    const sent = toolResultsSent(model, 1).sort((a, b) => a.id.localeCompare(b.id));
    expect(sent.map((row) => [row.id, row.type])).toEqual([
      ['call_bad', 'error-text'],
      ['call_costs', 'text'],
    ]);
    expect(sent[0]!.value).toContain('limit');
    expect(JSON.parse(sent[1]!.value as string).result).toBeInstanceOf(Array);
  });

  it('reports an API failure as a tool error, with the JSON the model reads in errorMode "return"', async () => {
    const tools = await createAISDKTools(fixture.createManager({ errorMode: 'return' }));
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([toolCall('call_404', 'get_single_open_ai_model_by_id', { id: 'no-such-model' })]),
        turn([{ type: 'text', text: 'That model does not exist.' }]),
      ],
    });
    const result = await generateText({ model, tools, prompt: 'Describe no-such-model.', stopWhen: stepCountIs(5) });
    const failure = result.steps[0]!.content.find((part) => part.type === 'tool-error')!;
    expect(failure.error).toBeInstanceOf(ToolResultError);
    expect(JSON.parse(toolResultsSent(model, 1)[0]!.value as string)).toMatchObject({
      error: 'not_found',
      status: 404,
    });
  });

  it('stops the loop on a 429 so the caller can wait, and says how long', async () => {
    const tools = await createAISDKTools(fixture.manager);
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([toolCall('call_models', 'list_all_open_ai_models', {})]),
        turn([{ type: 'text', text: 'never reached' }]),
      ],
    });
    fixture.sandbox.failNext(1, { status: 429 });
    const result = await generateText({
      model,
      tools,
      prompt: 'List our models.',
      stopWhen: [stepCountIs(5), stopOnBlockingToolError()],
    });
    expect(result.steps).toHaveLength(1);
    expect(model.doGenerateCalls).toHaveLength(1);
    const blocking = findBlockingToolError(result.steps);
    expect(blocking).toBeInstanceOf(RateLimitError);
    expect((blocking as RateLimitError).retryAfterSeconds).toBe(10);
    // Invalid input is the model's to fix, never a reason to stop.
    expect(
      findBlockingToolError([{ content: [{ type: 'tool-error', error: new Error('Invalid input') }] }]),
    ).toBeUndefined();
  });

  it('in strict mode, offers strict schemas and accepts the nulls strict models send', async () => {
    const tools = await createAISDKTools(fixture.manager, { strict: true });
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([
          toolCall('call_strict', 'list_all_open_ai_projects', {
            limit: null,
            after: null,
            include_archived: null,
            next_cursor: null,
          }),
        ]),
        turn([{ type: 'text', text: 'Projects listed.' }]),
      ],
    });
    const result = await generateText({ model, tools, prompt: 'List our projects.', stopWhen: stepCountIs(5) });
    for (const tool of model.doGenerateCalls[0]!.tools!) {
      expect(tool.type === 'function' && tool.strict).toBe(true);
      expect(
        findStrictViolations(tool.type === 'function' ? (tool.inputSchema as Record<string, unknown>) : {}),
      ).toEqual([]);
    }
    expect(result.steps[0]!.content.some((part) => part.type === 'tool-result')).toBe(true);
  });
});

describe('createAISDKTools with streamText', () => {
  it('streams the tool call, its result and the final text', async () => {
    const tools = await createAISDKTools(fixture.manager);
    const model = new MockLanguageModelV3({
      doStream: [
        streamTurn([
          {
            type: 'tool-call',
            toolCallId: 'call_limits',
            toolName: 'list_all_open_ai_project_rate_limits',
            input: JSON.stringify({ project_id: 'proj_12345' }),
          },
        ]),
        streamTurn([
          { type: 'text-start', id: 't1' },
          { type: 'text-delta', id: 't1', delta: 'gpt-4o allows ' },
          { type: 'text-delta', id: 't1', delta: 'plenty.' },
          { type: 'text-end', id: 't1' },
        ]),
      ],
    });
    const result = streamText({ model, tools, prompt: 'What is the TPM limit for gpt-4o?', stopWhen: stepCountIs(5) });
    const seen: string[] = [];
    let output: unknown;
    for await (const part of result.fullStream) {
      if (part.type === 'tool-call' || part.type === 'tool-result' || part.type === 'tool-error') seen.push(part.type);
      if (part.type === 'tool-result') output = part.output;
    }
    expect(seen).toEqual(['tool-call', 'tool-result']);
    expect(JSON.parse(output as string).result.some((row: { model: string }) => row.model === 'gpt-4o')).toBe(true);
    expect(await result.text).toBe('gpt-4o allows plenty.');
  });
});
