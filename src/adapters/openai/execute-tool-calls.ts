import type { PendingApproval } from '../../approval/pending-approval.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import {
  runToolCallsWithApprovals,
  type ToolCallDecisions,
  type ToolCallResults,
} from '../approvals/run-with-approvals.js';
import {
  OpenAIChatToolCallsInterruptedError,
  OpenAIResponsesToolCallsInterruptedError,
  type PendingToolCall,
} from '../shared/tool-calls-interrupted-error.js';
import { restoreStrictArguments } from './restore-strict-arguments.js';
import type {
  OpenAIChatToolCall,
  OpenAIChatToolCallSource,
  OpenAIChatToolMessage,
  OpenAIFunctionCallOutput,
  OpenAIResponsesOutputItem,
  OpenAIResponsesToolCallSource,
} from './types.js';

export interface ExecuteOpenAIToolCallsOptions {
  /** Cancels every call. */
  signal?: AbortSignal;
  /**
   * With `requireApproval`: decisions, by call id, for calls an earlier run returned in `pendingApprovals`. Only the
   * calls named here run. @default none: calls that need approval are held
   */
  decisions?: ToolCallDecisions;
  /**
   * The `pendingApprovals` the earlier run returned (stored with the conversation): an approved call is then sent
   * with exactly the arguments shown (validated again), so a date expression is not resolved a second time.
   * @default none: approved calls are rebuilt from the model's call
   */
  pendingApprovals?: readonly PendingApproval[];
}

/**
 * Runs every function call of a Chat Completions answer, all at once, and returns one `role: "tool"` message per
 * call, in call order, ready to append after the assistant message. A failure the model can fix comes back as that
 * call's message (`{"error": ..., "hint": ...}`). A 429, bad credentials or an abort throw an
 * `OpenAIChatToolCallsInterruptedError` (a `ToolCallsInterruptedError`) once every call has settled: append its
 * `completed` messages, wait, and run its `pending` calls again. Custom (non-function) tool calls are not ours and are
 * skipped.
 */
export async function executeOpenAIChatToolCalls(
  manager: TrutoToolManager,
  source: OpenAIChatToolCallSource,
  options: ExecuteOpenAIToolCallsOptions = {},
): Promise<ToolCallResults<OpenAIChatToolMessage>> {
  const calls = chatToolCalls(source).flatMap((call): PendingToolCall[] =>
    call.function ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
  );
  return runToolCallsWithApprovals(
    manager,
    calls,
    (result) => ({ role: 'tool', tool_call_id: result.id, content: result.content }),
    { ...options, prepareArguments: restoreFor, interruptedError: OpenAIChatToolCallsInterruptedError },
  );
}

/**
 * Runs every `function_call` item of a Responses API response, all at once, and returns one `function_call_output`
 * item per call, in call order, for the next request's `input`. Errors surface as in `executeOpenAIChatToolCalls`,
 * interruptions as an `OpenAIResponsesToolCallsInterruptedError`.
 */
export async function executeOpenAIResponsesToolCalls(
  manager: TrutoToolManager,
  source: OpenAIResponsesToolCallSource,
  options: ExecuteOpenAIToolCallsOptions = {},
): Promise<ToolCallResults<OpenAIFunctionCallOutput>> {
  const items: readonly OpenAIResponsesOutputItem[] = isItemList(source) ? source : source.output;
  const calls = items.flatMap((item): PendingToolCall[] =>
    item.type === 'function_call' && typeof item.call_id === 'string' && typeof item.name === 'string'
      ? [{ id: item.call_id, name: item.name, arguments: item.arguments }]
      : [],
  );
  return runToolCallsWithApprovals(
    manager,
    calls,
    (result) => ({ type: 'function_call_output', call_id: result.id, output: result.content }),
    { ...options, prepareArguments: restoreFor, interruptedError: OpenAIResponsesToolCallsInterruptedError },
  );
}

function restoreFor(args: unknown, tool: { modelJsonSchema: Record<string, unknown> } | undefined): unknown {
  return tool ? restoreStrictArguments(args, tool.modelJsonSchema) : args;
}

function chatToolCalls(source: OpenAIChatToolCallSource): readonly OpenAIChatToolCall[] {
  if (Array.isArray(source)) return source as readonly OpenAIChatToolCall[];
  if ('choices' in source) return source.choices[0]?.message.tool_calls ?? [];
  return (source as { tool_calls?: readonly OpenAIChatToolCall[] | null }).tool_calls ?? [];
}

function isItemList(source: OpenAIResponsesToolCallSource): source is readonly OpenAIResponsesOutputItem[] {
  return Array.isArray(source);
}
