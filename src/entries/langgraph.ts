/**
 * `truto-langchainjs-toolset/langgraph`: LangGraph's "bigtool" pattern for an account with hundreds of tools: each
 * turn, only the tools chosen for the latest user message are bound to the model. Needs `@langchain/langgraph`.
 */
export {
  createToolSelectingAgent,
  createToolSelectingModelNode,
  langChainToolsFor,
  selectLangChainTools,
  type ToolBindingChatModel,
  type ToolSelectingOptions,
} from '../adapters/langgraph/tool-selection.js';
