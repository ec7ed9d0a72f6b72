/**
 * MCP over stdio: one JSON-RPC message per line. Unlike the SDK's stdio transport, a line over the size limit does
 * not shut the server down (the SDK closes its transport, which looked like "the client closed stdin"): the line is
 * dropped as it streams in, never buffered whole, and answered with a JSON-RPC error, and the next line is read as
 * usual. A line that is not JSON or not JSON-RPC is answered with the error JSON-RPC prescribes, too.
 */
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';

/** The longest line read, as the SDK's own stdio limit. */
export const DEFAULT_MCP_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized line is kept to find its `id` (the error answer names the request it refuses). */
const ID_SEARCH_BYTES = 4096;
const NEWLINE = 0x0a;

type JsonRpcId = string | number | null;

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly #input: Readable;
  readonly #output: Writable;
  readonly #maxBytes: number;
  #pieces: Buffer[] = [];
  #size = 0;
  /** True while the rest of an oversized line is being skipped. */
  #skipping = false;
  #closed = false;

  constructor(input: Readable, output: Writable, maxMessageBytes = DEFAULT_MCP_MAX_MESSAGE_BYTES) {
    this.#input = input;
    this.#output = output;
    this.#maxBytes = maxMessageBytes;
  }

  async start(): Promise<void> {
    this.#input.on('data', this.#onData);
    this.#input.on('error', this.#onError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.#write(message);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#input.off('data', this.#onData);
    this.#input.off('error', this.#onError);
    if (this.#input.listenerCount('data') === 0) this.#input.pause();
    this.#pieces = [];
    this.onclose?.();
  }

  readonly #onError = (error: Error): void => {
    this.onerror?.(error);
  };

  readonly #onData = (chunk: Buffer | string): void => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let newline = data.indexOf(NEWLINE); newline !== -1; newline = data.indexOf(NEWLINE)) {
      this.#take(data.subarray(0, newline));
      this.#endLine();
      data = data.subarray(newline + 1);
    }
    if (data.length > 0) this.#take(data);
  };

  /** Keeps part of the current line, or only its head once the line is known to be too long. */
  #take(part: Buffer): void {
    if (part.length === 0) return;
    this.#size += part.length;
    if (this.#skipping) return;
    if (this.#size > this.#maxBytes) {
      // Keep just enough to name the request in the error; drop the rest as it arrives.
      const head = Buffer.concat([...this.#pieces, part]).subarray(0, ID_SEARCH_BYTES);
      this.#pieces = [Buffer.from(head)];
      this.#skipping = true;
      return;
    }
    this.#pieces.push(part);
  }

  #endLine(): void {
    const skipped = this.#skipping;
    const size = this.#size;
    const line = Buffer.concat(this.#pieces).toString('utf8').replace(/\r$/, '');
    this.#pieces = [];
    this.#size = 0;
    this.#skipping = false;
    if (skipped) {
      this.#refuse(
        findTopLevelId(line),
        -32600,
        `Invalid Request: the message is ${size} bytes, more than ${this.#maxBytes} bytes; it was dropped.`,
      );
      return;
    }
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#refuse(null, -32700, 'Parse error: the line is not valid JSON.');
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(parsed);
    if (!message.success) {
      this.#refuse(idOf(parsed), -32600, 'Invalid Request: not a JSON-RPC 2.0 message.');
      return;
    }
    this.onmessage?.(message.data);
  }

  #refuse(id: JsonRpcId, code: number, text: string): void {
    this.onerror?.(new Error(text));
    void this.#write({ jsonrpc: '2.0', id, error: { code, message: text } } as unknown as JSONRPCMessage).catch(
      (error: unknown) => this.onerror?.(error as Error),
    );
  }

  #write(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.#output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.#output.once('drain', resolve);
    });
  }
}

function idOf(value: unknown): JsonRpcId {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/**
 * The `id` of a JSON-RPC message from the start of its text, when the start holds it at the top level (an `id` inside
 * `params` is not the request's). null when it cannot be told, as JSON-RPC asks for an unreadable request.
 */
export function findTopLevelId(text: string): JsonRpcId {
  let depth = 0;
  let index = 0;
  let expectKey = false;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '"') {
      const end = stringEnd(text, index);
      if (end === -1) return null;
      if (depth === 1 && expectKey && text.slice(index, end + 1) === '"id"') {
        const value = /^\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*")/.exec(text.slice(end + 1));
        if (value === null) return null;
        try {
          return JSON.parse(value[1]!) as JsonRpcId;
        } catch {
          return null;
        }
      }
      expectKey = false;
      index = end + 1;
      continue;
    }
    if (character === '{' || character === '[') {
      depth++;
      expectKey = character === '{';
    } else if (character === '}' || character === ']') {
      depth--;
    } else if (character === ',') {
      expectKey = depth === 1;
    }
    index++;
  }
  return null;
}

/** The index of the quote that closes the string opening at `start`, or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index;
  }
  return -1;
}
