/**
 * The Anthropic adapter against the sandbox, typed by `@anthropic-ai/sdk` itself: `tsc --noEmit` proves the tool
 * definitions and `tool_result` blocks fit `messages.create`.
 */
import type Anthropic from '@anthropic-ai/sdk';
import {
  executeAnthropicToolUses,
  ToolCallsInterruptedError,
  toAnthropicTools,
} from 'truto-langchainjs-toolset/anthropic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

function toolUse(id: string, name: string, input: unknown): Anthropic.Messages.ToolUseBlock {
  return { type: 'tool_use', id, name, input, caller: { type: 'direct' } };
}

/** An assistant answer as the Messages API returns it. */
function assistantMessage(content: Anthropic.Messages.ContentBlock[]): Anthropic.Messages.Message {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content,
    stop_reason: 'tool_use',
    stop_sequence: null,
    container: null,
    diagnostics: null,
    stop_details: null,
    usage: {
      input_tokens: 10,
      output_tokens: 10,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      cache_creation: null,
      server_tool_use: null,
      service_tier: null,
      inference_geo: null,
      output_tokens_details: null,
      speed: null,
    },
  };
}

describe('toAnthropicTools', () => {
  it('gives Messages API tools with name, description and an object input_schema', async () => {
    const definitions = await fixture.manager.getToolDefinitions();
    const tools: Anthropic.Messages.Tool[] = toAnthropicTools(definitions);
    const request: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Check the rate limits for project proj_12345.' }],
      tools,
    };
    expect(request.tools).toHaveLength(definitions.length);
    const limits = tools.find((tool) => tool.name === 'list_all_open_ai_project_rate_limits')!;
    expect(limits.description).toMatch(/rate limits/i);
    expect(limits.input_schema.type).toBe('object');
    expect(limits.input_schema.required).toEqual(['project_id']);
  });
});

describe('executeAnthropicToolUses', () => {
  it('answers every tool_use block with a tool_result, in order, is_error on failures', async () => {
    const message = assistantMessage([
      { type: 'text', text: 'Let me look that up.', citations: null },
      toolUse('toolu_limits', 'list_all_open_ai_project_rate_limits', { project_id: 'proj_12345' }),
      toolUse('toolu_bad', 'list_all_open_ai_costs', { start_time: 'October 1st', limit: 'seven' }),
      toolUse('toolu_404', 'get_single_open_ai_model_by_id', { id: 'no-such-model' }),
    ]);
    const results: Anthropic.Messages.ToolResultBlockParam[] = await executeAnthropicToolUses(fixture.manager, message);
    expect(results.map((result) => [result.tool_use_id, result.is_error ?? false])).toEqual([
      ['toolu_limits', false],
      ['toolu_bad', true],
      ['toolu_404', true],
    ]);
    expect(JSON.parse(results[0]!.content as string).result.length).toBeGreaterThan(0);
    expect(JSON.parse(results[1]!.content as string)).toMatchObject({ error: 'invalid_arguments' });
    expect(JSON.parse(results[2]!.content as string)).toMatchObject({ error: 'not_found', status: 404 });

    // The results go back as the next user turn.
    const next: Anthropic.Messages.MessageParam[] = [
      { role: 'assistant', content: message.content },
      { role: 'user', content: results },
    ];
    expect(next).toHaveLength(2);
  });

  it('reads bare content blocks too, and throws ToolCallsInterruptedError on bad credentials', async () => {
    const wrongKey = fixture.createManager({ apiKey: 'not-the-key' });
    const error = await executeAnthropicToolUses(wrongKey, [toolUse('toolu_1', 'list_all_open_ai_models', {})]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ToolCallsInterruptedError);
    expect((error as ToolCallsInterruptedError).status).toBe(401);
  });
});
