/** The adapters' public types: the interruption each helper throws types its `completed` results. */

import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import {
  AnthropicToolCallsInterruptedError,
  type AnthropicToolResultBlock,
  executeAnthropicToolUses,
} from 'truto-langchainjs-toolset/anthropic';
import {
  executeOpenAIChatToolCalls,
  executeOpenAIResponsesToolCalls,
  OpenAIChatToolCallsInterruptedError,
  type OpenAIChatToolMessage,
  type OpenAIFunctionCallOutput,
  OpenAIResponsesToolCallsInterruptedError,
  type PendingToolCall,
  ToolCallsInterruptedError,
} from 'truto-langchainjs-toolset/openai';
import { describe, expectTypeOf, it } from 'vitest';

declare const error: unknown;

describe('ToolCallsInterruptedError, per helper', () => {
  it('types completed as the results of the helper that threw it', () => {
    if (error instanceof OpenAIChatToolCallsInterruptedError) {
      expectTypeOf(error.completed).toEqualTypeOf<OpenAIChatToolMessage[]>();
      // The README's retry loop: the finished calls go straight into OpenAI's own message type.
      const done: OpenAI.Chat.Completions.ChatCompletionToolMessageParam[] = [];
      done.push(...error.completed);
    }
    if (error instanceof OpenAIResponsesToolCallsInterruptedError) {
      expectTypeOf(error.completed).toEqualTypeOf<OpenAIFunctionCallOutput[]>();
      const input: OpenAI.Responses.ResponseInputItem[] = [...error.completed];
      expectTypeOf(input).toBeArray();
    }
    if (error instanceof AnthropicToolCallsInterruptedError) {
      expectTypeOf(error.completed).toEqualTypeOf<AnthropicToolResultBlock[]>();
      const content: Anthropic.ToolResultBlockParam[] = [...error.completed];
      expectTypeOf(content).toBeArray();
    }
  });

  it('keeps what every interruption has', () => {
    if (error instanceof ToolCallsInterruptedError) {
      expectTypeOf(error.pending).toEqualTypeOf<PendingToolCall[]>();
      expectTypeOf(error.retryAfterSeconds).toEqualTypeOf<number | undefined>();
      expectTypeOf(error.isRateLimited).toEqualTypeOf<boolean>();
      // Caught as the base class, the results are unknown, never an unchecked any[].
      expectTypeOf(error.completed).toEqualTypeOf<unknown[]>();
    }
    expectTypeOf<OpenAIChatToolCallsInterruptedError>().toExtend<ToolCallsInterruptedError<OpenAIChatToolMessage>>();
    expectTypeOf<AnthropicToolCallsInterruptedError>().toExtend<ToolCallsInterruptedError>();
  });

  it('matches what the helpers return (arrays of the same results)', () => {
    expectTypeOf(executeOpenAIChatToolCalls).returns.resolves.toExtend<OpenAIChatToolMessage[]>();
    expectTypeOf(executeOpenAIResponsesToolCalls).returns.resolves.toExtend<OpenAIFunctionCallOutput[]>();
    expectTypeOf(executeAnthropicToolUses).returns.resolves.toExtend<AnthropicToolResultBlock[]>();
  });
});
