/**
 * `truto-langchainjs-toolset/langgraph`: LangGraph's "bigtool" pattern for an account with hundreds of tools: each
 * turn, only the tools chosen for the latest user message are bound to the model; and the types of approvals
 * (`requireApproval`: a tool call pauses the graph with `interrupt()`, resumed with `Command({ resume })`). Needs
 * `@langchain/langgraph`.
 */
export {
  createToolSelectingAgent,
  createToolSelectingModelNode,
  langChainToolsFor,
  selectLangChainTools,
  type ToolBindingChatModel,
  type ToolSelectingOptions,
} from '../adapters/langgraph/tool-selection.js';
export {
  type ApprovalDecision,
  type ApprovalDecisionInput,
  parseApprovalDecision,
} from '../approval/decision.js';
export { ApprovalRequiredError, type PendingApproval } from '../approval/pending-approval.js';
