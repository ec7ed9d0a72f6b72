/**
 * The request to select tools for: a string as given, or the text of the latest user message of a conversation in
 * any framework's shape: LangChain messages (`HumanMessage`, or their serialised `{ type: 'human' }` form), a
 * LangGraph state (`{ messages }`), OpenAI / Anthropic / AI SDK messages (`{ role: 'user', content }`, with string
 * or parts content). Tool results and assistant turns are skipped: within an agent loop the user's request stays
 * what the turn is about.
 */

/** What `selectTools` accepts as a request. */
export type SelectionRequest = string | readonly unknown[] | { readonly messages: readonly unknown[] };

export function requestText(request: SelectionRequest): string {
  if (typeof request === 'string') return request;
  const messages = Array.isArray(request) ? request : (request as { messages: readonly unknown[] }).messages;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (isUserMessage(message)) return contentText((message as { content?: unknown }).content);
  }
  return '';
}

/** The tool names an assistant already called in this conversation (LangChain `tool_calls`, OpenAI, AI SDK, Anthropic). */
export function calledToolNames(request: SelectionRequest): string[] {
  if (typeof request === 'string') return [];
  const messages = Array.isArray(request) ? request : (request as { messages: readonly unknown[] }).messages;
  const names = new Set<string>();
  for (const message of messages) {
    if (!isObject(message)) continue;
    for (const call of asArray(message.tool_calls)) {
      if (!isObject(call)) continue;
      const name = typeof call.name === 'string' ? call.name : isObject(call.function) ? call.function.name : undefined;
      if (typeof name === 'string') names.add(name);
    }
    for (const part of asArray(message.content)) {
      if (isObject(part) && (part.type === 'tool_use' || part.type === 'tool-call')) {
        const name = part.name ?? part.toolName;
        if (typeof name === 'string') names.add(name);
      }
    }
  }
  return [...names];
}

function isUserMessage(message: unknown): boolean {
  if (!isObject(message)) return false;
  if (message.role === 'user' || message.role === 'human') return true;
  if (message.type === 'human') return true;
  const type = typeof message._getType === 'function' ? (message._getType as () => unknown)() : undefined;
  if (type === 'human') return true;
  const getType = typeof message.getType === 'function' ? (message.getType as () => unknown)() : undefined;
  return getType === 'human';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const part of asArray(content)) {
    if (typeof part === 'string') parts.push(part);
    else if (isObject(part) && (part.type === 'text' || part.type === undefined) && typeof part.text === 'string') {
      parts.push(part.text);
    }
  }
  return parts.join('\n');
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
