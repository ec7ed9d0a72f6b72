/**
 * `truto-langchainjs-toolset/anthropic`: an integrated account's tools for the Anthropic Messages API, and a helper
 * that turns `tool_use` blocks into `tool_result` blocks. No runtime import of `@anthropic-ai/sdk`.
 */

export {
  ANTHROPIC_TOOL_SEARCH_BETA,
  type AnthropicDeferrableTool,
  type AnthropicToolSearchBm25,
  type AnthropicToolSearchOptions,
  type AnthropicToolSearchRegex,
  type AnthropicToolSearchTool,
  anthropicToolSearchTool,
  toAnthropicToolSearchTools,
} from '../adapters/anthropic/tool-search.js';
export {
  type ExecuteAnthropicToolUsesOptions,
  executeAnthropicToolUses,
  toAnthropicTools,
} from '../adapters/anthropic/tools.js';
export type {
  AnthropicContentBlockLike,
  AnthropicTool,
  AnthropicToolResultBlock,
  AnthropicToolUseSource,
} from '../adapters/anthropic/types.js';
export type {
  ToolCallDecisions,
  ToolCallResults,
} from '../adapters/approvals/run-with-approvals.js';
export {
  AnthropicToolCallsInterruptedError,
  type PendingToolCall,
  ToolCallsInterruptedError,
} from '../adapters/shared/tool-calls-interrupted-error.js';
export type { ApprovalDecision, ApprovalDecisionInput } from '../approval/decision.js';
export type { PendingApproval } from '../approval/pending-approval.js';
