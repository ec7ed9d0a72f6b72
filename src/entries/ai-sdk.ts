/**
 * `truto-langchainjs-toolset/ai-sdk`: an integrated account's tools as a Vercel AI SDK `ToolSet`, validated by
 * each tool's compiled schema, and stop conditions for errors only the agent loop can resolve. Needs `ai` (>= 6).
 */

export { type ActiveToolsOptions, selectActiveTools } from '../adapters/ai-sdk/active-tools.js';
export {
  findBlockingToolError,
  type StepWithContent,
  stopOnBlockingToolError,
} from '../adapters/ai-sdk/blocking-errors.js';
export {
  type AISDKToolsOptions,
  createAISDKTools,
  type TrutoAISDKTool,
  toAISDKTool,
} from '../adapters/ai-sdk/tools.js';
export { ToolResultError } from '../adapters/shared/tool-result-error.js';
export type { PendingApproval } from '../approval/pending-approval.js';
