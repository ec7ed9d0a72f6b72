/**
 * Reading a JSON-RPC request body under limits, before the MCP transport sees it: a byte cap while it streams in, and
 * a cap on tool calls per batch (one HTTP request with a thousand `tools/call` messages would otherwise start a
 * thousand upstream calls at once).
 */
import type { IncomingMessage } from 'node:http';

export type BodyReading =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'too_large' | 'invalid_json' | 'aborted' };

/**
 * The body parsed as JSON. Past `maxBytes` it stops collecting and answers at once; what the client still sends is
 * read and dropped (answer with `Connection: close`, so the socket goes once the refusal is out).
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<BodyReading> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    let refused = Number.isFinite(declared) && declared > maxBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      refused = true;
      chunks.length = 0;
      resolve({ ok: false, problem: 'too_large' });
    });
    request.once('end', () => {
      if (refused) return;
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) });
      } catch {
        resolve({ ok: false, problem: 'invalid_json' });
      }
    });
    request.once('error', () => resolve({ ok: false, problem: 'aborted' }));
    if (refused) resolve({ ok: false, problem: 'too_large' });
  });
}

/** How many `tools/call` requests a JSON-RPC message or batch holds. */
export function countToolCalls(message: unknown): number {
  const messages = Array.isArray(message) ? message : [message];
  let count = 0;
  for (const item of messages) {
    if (typeof item === 'object' && item !== null && (item as { method?: unknown }).method === 'tools/call') count++;
  }
  return count;
}
