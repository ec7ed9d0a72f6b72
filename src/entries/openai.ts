/**
 * `truto-langchainjs-toolset/openai`: an integrated account's tools for the OpenAI SDK (Chat Completions and the
 * Responses API), a strict-mode schema rewriter, and helpers that run every tool call of a response. No runtime
 * import of `openai`: the payloads are plain objects typed to match it.
 */

export type {
  ToolCallDecisions,
  ToolCallResults,
} from '../adapters/approvals/run-with-approvals.js';
export {
  type ExecuteOpenAIToolCallsOptions,
  executeOpenAIChatToolCalls,
  executeOpenAIResponsesToolCalls,
} from '../adapters/openai/execute-tool-calls.js';
export { restoreStrictArguments } from '../adapters/openai/restore-strict-arguments.js';
export { JSON_ENCODED_NOTE, toOpenAIStrictSchema } from '../adapters/openai/strict-schema.js';
export {
  type OpenAIToolOptions,
  toOpenAIChatTools,
  toOpenAIResponsesTools,
} from '../adapters/openai/tool-definitions.js';
export type {
  OpenAIChatTool,
  OpenAIChatToolCall,
  OpenAIChatToolCallSource,
  OpenAIChatToolMessage,
  OpenAIFunctionCallOutput,
  OpenAIResponsesOutputItem,
  OpenAIResponsesTool,
  OpenAIResponsesToolCallSource,
} from '../adapters/openai/types.js';
export {
  OpenAIChatToolCallsInterruptedError,
  OpenAIResponsesToolCallsInterruptedError,
  type PendingToolCall,
  ToolCallsInterruptedError,
} from '../adapters/shared/tool-calls-interrupted-error.js';
export type { ApprovalDecision, ApprovalDecisionInput } from '../approval/decision.js';
export type { PendingApproval } from '../approval/pending-approval.js';
