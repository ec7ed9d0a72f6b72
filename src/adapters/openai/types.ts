/**
 * The shapes of OpenAI's request and response objects this adapter reads and writes, written out so the adapter
 * needs no runtime import of `openai` (and works with plain `fetch`). test/adapters/openai.test.ts proves each is
 * assignable to, or accepts, the `openai` package's own types.
 */

/** A Chat Completions function tool (`ChatCompletionFunctionTool`). */
export interface OpenAIChatTool {
  type: 'function';
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
}

/** A Responses API function tool (`FunctionTool`). */
export interface OpenAIResponsesTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean | null;
}

/** A tool call in an assistant message; custom (non-function) calls have no `function` and are left alone. */
export interface OpenAIChatToolCall {
  id: string;
  type: string;
  function?: { name: string; arguments: string };
}

export interface OpenAIChatMessageLike {
  tool_calls?: readonly OpenAIChatToolCall[] | null;
}

export interface OpenAIChatCompletionLike {
  choices: ReadonlyArray<{ message: OpenAIChatMessageLike }>;
}

/** What `executeOpenAIChatToolCalls` reads: a completion (its first choice), an assistant message, or its tool calls. */
export type OpenAIChatToolCallSource = OpenAIChatCompletionLike | OpenAIChatMessageLike | readonly OpenAIChatToolCall[];

/** A `role: "tool"` message answering one call (`ChatCompletionToolMessageParam`). */
export interface OpenAIChatToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string;
}

/** An output item of a Responses API response; only `function_call` items are run. */
export interface OpenAIResponsesOutputItem {
  type: string;
  // Loose on purpose: other item types reuse these names with other types (`call_id: string | null`, ...).
  call_id?: unknown;
  name?: unknown;
  arguments?: unknown;
}

/** What `executeOpenAIResponsesToolCalls` reads: a response, or its `output` items. */
export type OpenAIResponsesToolCallSource =
  | { output: readonly OpenAIResponsesOutputItem[] }
  | readonly OpenAIResponsesOutputItem[];

/** A `function_call_output` input item answering one call (`ResponseInputItem.FunctionCallOutput`). */
export interface OpenAIFunctionCallOutput {
  type: 'function_call_output';
  call_id: string;
  output: string;
}
