/**
 * The shapes of Anthropic Messages objects this adapter reads and writes, written out so the adapter needs no
 * runtime import of `@anthropic-ai/sdk`. test/adapters/anthropic.test.ts proves they fit the SDK's own types.
 */

/** A client tool definition (`Anthropic.Messages.Tool`). */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties?: unknown; required?: string[] | null; [keyword: string]: unknown };
}

/** A content block of an assistant message; only `tool_use` blocks are run. */
export interface AnthropicContentBlockLike {
  type: string;
  // Loose on purpose: other block types reuse these names with other types.
  id?: unknown;
  name?: unknown;
  input?: unknown;
}

/** What `executeAnthropicToolUses` reads: a message (its `content`), or its content blocks. */
export type AnthropicToolUseSource =
  | { content: readonly AnthropicContentBlockLike[] }
  | readonly AnthropicContentBlockLike[];

/** A `tool_result` block answering one `tool_use` block (`Anthropic.Messages.ToolResultBlockParam`). */
export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: boolean;
}
