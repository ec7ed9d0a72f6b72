/**
 * LangGraph's "bigtool" pattern for a Truto account: each turn, the tools are chosen from the latest user message
 * (`manager.selectTools`) and only those are bound to the model, so a turn costs a few tools' tokens instead of the
 * catalog's; a `ToolNode` holding every catalog tool runs whatever the model calls. Tools the conversation already
 * called stay bound, so a turn can keep using what it found.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import { type BaseCheckpointSaver, END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import { TrutoConfigError } from '../../errors/index.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import type { SelectToolsOptions, ToolSelection } from '../../manager/tool-selector.js';
import { calledToolNames } from '../../selection/request-text.js';
import type { TrutoLangChainTool } from '../langchain.js';

export interface ToolSelectingOptions extends SelectToolsOptions {
  /** Told each turn's selection (for logs and metrics). */
  onSelect?: (selection: ToolSelection) => void;
}

/**
 * LangChain tools for catalog tools, run as `manager.getTools()` runs them (approvals, traces, `errorMode`, dates,
 * hooks). Also in discovery mode: these are catalog tools. The same object per tool, turn after turn.
 */
export function langChainToolsFor(manager: TrutoToolManager, tools: readonly TrutoTool[]): TrutoLangChainTool[] {
  return manager.langChainToolsFor(tools);
}

/** The selection for a conversation's latest user message (plus the tools it already called), as LangChain tools. */
export async function selectLangChainTools(
  manager: TrutoToolManager,
  messages: readonly BaseMessage[] | readonly unknown[],
  options: ToolSelectingOptions = {},
): Promise<{ tools: TrutoLangChainTool[]; selection: ToolSelection }> {
  const { onSelect, ...selectOptions } = options;
  const called = calledToolNames(messages);
  const include = [...(selectOptions.include === undefined ? [] : [selectOptions.include].flat()), ...called];
  const selection = await manager.selectTools(messages, {
    ...selectOptions,
    ...(include.length > 0 ? { include } : {}),
  });
  onSelect?.(selection);
  return { tools: langChainToolsFor(manager, selection.tools), selection };
}

/** A chat model that can bind tools (ChatOpenAI, ChatAnthropic, ...). */
export type ToolBindingChatModel = Pick<BaseChatModel, 'bindTools'>;

/**
 * A LangGraph node (`(state, config) => ({ messages: [reply] })`): selects this turn's tools from the latest user
 * message, binds only those to `model` and asks it for the next message.
 */
export function createToolSelectingModelNode(
  manager: TrutoToolManager,
  model: ToolBindingChatModel,
  options: ToolSelectingOptions = {},
): (state: { messages: BaseMessage[] }, config?: RunnableConfig) => Promise<{ messages: BaseMessage[] }> {
  if (typeof model.bindTools !== 'function') {
    throw new TrutoConfigError(
      'The model cannot bind tools: use a chat model with bindTools (ChatOpenAI, ChatAnthropic, ...).',
    );
  }
  return async (state, config) => {
    const { tools } = await selectLangChainTools(manager, state.messages, options);
    const bound = model.bindTools!(tools);
    const reply = await bound.invoke(state.messages, config);
    return { messages: [reply as BaseMessage] };
  };
}

/**
 * The whole agent: `START → agent ⇄ tools → END`, where `agent` is `createToolSelectingModelNode` and `tools` a
 * `ToolNode` over every catalog tool (built per step from the cached catalog, so a refreshed catalog is used).
 *
 * ```ts
 * const agent = createToolSelectingAgent({ manager, model: new ChatOpenAI({ model: 'gpt-4o' }), maxTools: 8 });
 * const { messages } = await agent.invoke({ messages: [new HumanMessage('Who is on call for payments tonight?')] });
 * ```
 */
export function createToolSelectingAgent(
  options: ToolSelectingOptions & {
    manager: TrutoToolManager;
    model: ToolBindingChatModel;
    /** LangGraph's checkpointer: what `requireApproval` needs to pause a call with `interrupt()` and resume it. */
    checkpointer?: BaseCheckpointSaver;
  },
) {
  const { manager, model, checkpointer, ...selection } = options;
  // Typed, so the compiled graph's declared node outputs carry no `any` (ToolNode.invoke returns any).
  const runTools = async (
    state: typeof MessagesAnnotation.State,
    config?: RunnableConfig,
  ): Promise<typeof MessagesAnnotation.Update> => {
    const tools = langChainToolsFor(manager, await manager.getToolDefinitions());
    return (await new ToolNode(tools).invoke(state, config)) as typeof MessagesAnnotation.Update;
  };
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', createToolSelectingModelNode(manager, model, selection))
    .addNode('tools', runTools)
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile(checkpointer ? { checkpointer } : {});
}
