import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';

/** What the scripted "model" knows when it decides its next message. */
export interface ScriptTurn {
  messages: BaseMessage[];
  /** The function tools as a real provider would receive them from `bindTools`. */
  tools: ReturnType<typeof convertToOpenAITool>[];
  /** Results of tool calls so far, parsed as JSON when possible, keyed by tool name (latest wins). */
  results: Map<string, unknown>;
}

export type Script = (turn: ScriptTurn) => AIMessage;

/**
 * A LangChain chat model that plays a script instead of calling a provider: it issues the tool calls a real
 * model would for a given task and reads the tool results to decide what to do next. `bindTools` converts the
 * tools exactly as ChatOpenAI does, so a schema LangChain cannot render fails here too.
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly script: Script;
  readonly boundTools: ReturnType<typeof convertToOpenAITool>[];

  constructor(fields: { script: Script; tools?: ReturnType<typeof convertToOpenAITool>[] } & BaseChatModelParams) {
    super(fields);
    this.script = fields.script;
    this.boundTools = fields.tools ?? [];
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(tools: Parameters<typeof convertToOpenAITool>[0][]): ScriptedChatModel {
    return new ScriptedChatModel({
      script: this.script,
      tools: [...this.boundTools, ...tools.map((tool) => convertToOpenAITool(tool))],
    });
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const results = new Map<string, unknown>();
    for (const message of messages) {
      if (ToolMessage.isInstance(message) && message.name) results.set(message.name, parseMaybeJson(message.content));
    }
    const message = this.script({ messages, tools: this.boundTools, results });
    return { generations: [{ message, text: typeof message.content === 'string' ? message.content : '' }] };
  }
}

let callCounter = 0;

/** An AI message that asks for one tool call. */
export function callTool(name: string, args: Record<string, unknown>): AIMessage {
  callCounter += 1;
  return new AIMessage({ content: '', tool_calls: [{ id: `call_${callCounter}`, name, args, type: 'tool_call' }] });
}

export function answer(text: string): AIMessage {
  return new AIMessage({ content: text });
}

function parseMaybeJson(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}
