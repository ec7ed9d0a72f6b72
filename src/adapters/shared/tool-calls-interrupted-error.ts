import { type ApiErrorResponse, RateLimitError, TrutoApiError, TrutoError } from '../../errors/index.js';
import type { AnthropicToolResultBlock } from '../anthropic/types.js';
import type { OpenAIChatToolMessage, OpenAIFunctionCallOutput } from '../openai/types.js';

/** One tool call as the provider asked for it, before anything was run. */
export interface PendingToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** What a `ToolCallsInterruptedError` is made from. */
export interface ToolCallsInterruptedInit<TResult> {
  /** The first error no model can fix (a 429, bad credentials, an abort). */
  cause: unknown;
  /** The results of the calls that finished, in call order. */
  completed: TResult[];
  /** The calls to run again. */
  pending: PendingToolCall[];
}

/**
 * `completed`'s type: the helper's result type, and `unknown[]` when it is not known. `instanceof` on the base class
 * narrows to `ToolCallsInterruptedError<any>`, which would make `completed` an unchecked `any[]`.
 */
export type CompletedToolResults<TResult> = unknown extends TResult ? unknown[] : TResult[];

/**
 * Some tool calls of a model response could not run for a reason no model can fix: a 429, bad credentials, the
 * caller's abort. Thrown after every call of the batch has settled, so nothing that ran is lost: `completed` holds
 * the results of the calls that finished (in call order, ready to send), `pending` the calls to run again after
 * waiting. `cause` is the first such error; `response` and `retryAfterSeconds` mirror it, so a loop written for
 * Truto's examples (`error.response.status === 429`, `error.response.headers['ratelimit-reset']`) keeps working.
 *
 * Each helper throws its own subclass, so that `instanceof` gives `completed` the helper's result type:
 * `OpenAIChatToolCallsInterruptedError` (tool messages), `OpenAIResponsesToolCallsInterruptedError`
 * (`function_call_output` items), `AnthropicToolCallsInterruptedError` (`tool_result` blocks). Catching this base
 * class catches all three.
 */
export class ToolCallsInterruptedError<TResult = unknown> extends TrutoError {
  override readonly code: string = 'tool_calls_interrupted';
  readonly completed: CompletedToolResults<TResult>;
  readonly pending: PendingToolCall[];
  /** The status of the first interrupting error, when it was an API error (429, 401, 403). */
  readonly status?: number;
  readonly response?: ApiErrorResponse;
  /** The wait the API asked for, when the interruption is a rate limit. */
  readonly retryAfterSeconds?: number;

  constructor(init: ToolCallsInterruptedInit<TResult>) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `${init.pending.length} of ${init.pending.length + init.completed.length} tool calls did not run: ${reason}`,
      {
        cause: init.cause,
      },
    );
    this.completed = init.completed as CompletedToolResults<TResult>;
    this.pending = init.pending;
    if (init.cause instanceof TrutoApiError) {
      this.status = init.cause.status;
      this.response = init.cause.response;
    }
    if (init.cause instanceof RateLimitError && init.cause.retryAfterSeconds !== undefined) {
      this.retryAfterSeconds = init.cause.retryAfterSeconds;
    }
  }

  /** True when the batch stopped on a 429: wait `retryAfterSeconds`, then run `pending` again. */
  get isRateLimited(): boolean {
    return this.cause instanceof RateLimitError;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      retryAfterSeconds: this.retryAfterSeconds,
      pending: this.pending.map((call) => ({ id: call.id, name: call.name })),
      completed: this.completed.length,
    };
  }
}

/** A constructor of one helper's `ToolCallsInterruptedError`. */
export type ToolCallsInterruptedErrorClass<TResult> = new (
  init: ToolCallsInterruptedInit<TResult>,
) => ToolCallsInterruptedError<TResult>;

/** Thrown by `executeOpenAIChatToolCalls`: `completed` are `role: "tool"` messages, ready to append. */
export class OpenAIChatToolCallsInterruptedError extends ToolCallsInterruptedError<OpenAIChatToolMessage> {}

/** Thrown by `executeOpenAIResponsesToolCalls`: `completed` are `function_call_output` items for the next `input`. */
export class OpenAIResponsesToolCallsInterruptedError extends ToolCallsInterruptedError<OpenAIFunctionCallOutput> {}

/** Thrown by `executeAnthropicToolUses`: `completed` are `tool_result` blocks for the next user message. */
export class AnthropicToolCallsInterruptedError extends ToolCallsInterruptedError<AnthropicToolResultBlock> {}
