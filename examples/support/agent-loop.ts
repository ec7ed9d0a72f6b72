import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';

export interface AgentLoopOptions {
  llm: BaseChatModel;
  tools: StructuredToolInterface[];
  prompt: string;
  /** Where the transcript goes. @default console.log */
  print?: (line: string) => void;
  /** How to pause on a 429 (tests pass a recorder). @default a real timer */
  sleep?: (seconds: number) => Promise<void>;
  /** A guard against a model that never stops. @default 12 */
  maxTurns?: number;
}

/**
 * The seed article's agent loop, with the transcript printed: bind the tools, let the model call them until it
 * answers, and on a 429 pause for `ratelimit-reset` seconds and try the same step again.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<string> {
  const print = options.print ?? console.log;
  const sleep = options.sleep ?? ((seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)));
  const llmWithTools = options.llm.bindTools!(options.tools);
  const messages: BaseMessage[] = [new HumanMessage(options.prompt)];
  for (let turn = 0; turn < (options.maxTurns ?? 12); turn++) {
    const response = await llmWithTools.invoke(messages);
    if (!response.tool_calls || response.tool_calls.length === 0) {
      const text = typeof response.content === 'string' ? response.content : JSON.stringify(response.content);
      print(`Final Answer: ${text}`);
      return text;
    }
    const results: BaseMessage[] = [];
    try {
      for (const toolCall of response.tool_calls) {
        print(`Executing tool: ${toolCall.name} ${JSON.stringify(toolCall.args)}`);
        const selectedTool = options.tools.find((tool) => tool.name === toolCall.name);
        if (!selectedTool) throw new Error(`The model called an unknown tool: ${toolCall.name}`);
        const result = await selectedTool.invoke(toolCall.args);
        const content = typeof result === 'string' ? result : JSON.stringify(result);
        print(`  ← ${content.length > 160 ? `${content.slice(0, 157)}...` : content}`);
        results.push(new ToolMessage({ tool_call_id: toolCall.id ?? '', name: toolCall.name, content }));
      }
    } catch (error: any) {
      if (error.response && error.response.status === 429) {
        const resetTime = error.response.headers['ratelimit-reset'];
        const waitSeconds = resetTime ? Number.parseInt(resetTime, 10) : 60;
        print(`Rate limit hit. Agent pausing for ${waitSeconds} seconds.`);
        await sleep(waitSeconds);
        continue; // the same step again, as in the seed's loop
      }
      throw error;
    }
    messages.push(response, ...results);
  }
  throw new Error('The agent did not finish within its turn limit.');
}
