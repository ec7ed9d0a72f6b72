import type { PendingApproval } from '../../approval/pending-approval.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import {
  runToolCallsWithApprovals,
  type ToolCallDecisions,
  type ToolCallResults,
} from '../approvals/run-with-approvals.js';
import { AnthropicToolCallsInterruptedError, type PendingToolCall } from '../shared/tool-calls-interrupted-error.js';
import type {
  AnthropicContentBlockLike,
  AnthropicTool,
  AnthropicToolResultBlock,
  AnthropicToolUseSource,
} from './types.js';

export interface ExecuteAnthropicToolUsesOptions {
  /** Cancels every call. */
  signal?: AbortSignal;
  /**
   * With `requireApproval`: decisions, by `tool_use` id, for calls an earlier run returned in `pendingApprovals`. Only
   * the calls named here run. @default none: calls that need approval are held
   */
  decisions?: ToolCallDecisions;
  /**
   * The `pendingApprovals` the earlier run returned (stored with the conversation): an approved call is then sent
   * with exactly the arguments shown (validated again), so a date expression is not resolved a second time.
   * @default none: approved calls are rebuilt from the model's call
   */
  pendingApprovals?: readonly PendingApproval[];
}

/** Tool definitions for the Messages API: `anthropic.messages.create({ tools })`. */
export function toAnthropicTools(tools: readonly TrutoTool[]): AnthropicTool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { ...tool.modelJsonSchema, type: 'object' },
  }));
}

/**
 * Runs every `tool_use` block of an assistant message, all at once, and returns one `tool_result` block per block,
 * in order, for the next user message (`{ role: 'user', content: results }`). A failure the model can fix comes back
 * with `is_error: true` and a JSON explanation. A 429, bad credentials or an abort throw an
 * `AnthropicToolCallsInterruptedError` (a `ToolCallsInterruptedError`) once every call has settled: keep its
 * `completed` blocks, wait, and run its `pending` calls again.
 */
export async function executeAnthropicToolUses(
  manager: TrutoToolManager,
  source: AnthropicToolUseSource,
  options: ExecuteAnthropicToolUsesOptions = {},
): Promise<ToolCallResults<AnthropicToolResultBlock>> {
  const blocks: readonly AnthropicContentBlockLike[] = Array.isArray(source)
    ? (source as readonly AnthropicContentBlockLike[])
    : (source as { content: readonly AnthropicContentBlockLike[] }).content;
  const calls = blocks.flatMap((block): PendingToolCall[] =>
    block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string'
      ? [{ id: block.id, name: block.name, arguments: block.input ?? {} }]
      : [],
  );
  return runToolCallsWithApprovals(
    manager,
    calls,
    (result) => ({
      type: 'tool_result',
      tool_use_id: result.id,
      content: result.content,
      ...(result.isError ? { is_error: true } : {}),
    }),
    { ...options, interruptedError: AnthropicToolCallsInterruptedError },
  );
}
