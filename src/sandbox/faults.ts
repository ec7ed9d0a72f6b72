/**
 * Plays a queued failure on one request: an HTTP error (preset or custom), a delay, or a network fault. Stalled
 * connections are left open on purpose; `close()` destroys them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_HUGE_BYTES, type SandboxFailure } from './failure';
import { presetAnswer } from './failure-presets';
import { writeChunks, writeText } from './http-io';
import { type RateLimitWindow, rateLimitHeaders } from './rate-limit-headers';
import type { SandboxState } from './state';

/** `continue`: only a delay was asked for, answer normally. `answered`: with this status. `cut`: no full answer. */
export type FailureOutcome =
  | { kind: 'continue' }
  | { kind: 'answered'; status: number }
  | { kind: 'cut'; status?: number };

export interface FailureContext {
  request: IncomingMessage;
  response: ServerResponse;
  state: SandboxState;
  /** The rate-limit window of this request, for the headers of partial answers. */
  window: RateLimitWindow;
}

const SAMPLE_LIST = JSON.stringify({
  result: Array.from({ length: 20 }, (_, index) => ({
    id: `item_${index + 1}`,
    name: `Item ${index + 1}`,
    status: 'active',
  })),
  next_cursor: null,
});
/** Almost JSON: a trailing comma and a missing closing brace, like a body cut by a broken proxy. */
const INVALID_JSON = '{"result":[{"id":"proj_12345","name":"Production API",}],"next_cursor":null';

export async function applyFailure(failure: SandboxFailure, context: FailureContext): Promise<FailureOutcome> {
  const { state, response } = context;
  if (failure.delayMs !== undefined && failure.delayMs > 0) {
    try {
      await delay(failure.delayMs, undefined, { signal: state.closing.signal });
    } catch {
      return { kind: 'cut' }; // the sandbox is closing
    }
    if (response.destroyed) return { kind: 'cut' };
  }
  if (failure.fault !== undefined) return applyFault(failure, context);
  if (failure.status === undefined) return { kind: 'continue' };
  const answer = presetAnswer(failure, state, context.window);
  if (typeof answer.body === 'string') {
    writeText(
      response,
      answer.status,
      answer.headers['content-type'] ?? 'text/plain; charset=utf-8',
      answer.body,
      answer.headers,
    );
  } else {
    writeText(
      response,
      answer.status,
      answer.headers['content-type'] ?? 'application/json',
      JSON.stringify(answer.body),
      answer.headers,
    );
  }
  return { kind: 'answered', status: answer.status };
}

async function applyFault(failure: SandboxFailure, context: FailureContext): Promise<FailureOutcome> {
  const { request, response, state } = context;
  const headers = { ...rateLimitHeaders(state.options.rateLimitDialect, context.window), ...failure.headers };
  switch (failure.fault) {
    case 'reset':
      request.socket.resetAndDestroy();
      return { kind: 'cut' };
    case 'stall-headers':
      return { kind: 'cut' };
    case 'stall-body':
      response.writeHead(200, { ...headers, 'content-type': 'application/json' });
      response.write(SAMPLE_LIST.slice(0, 64));
      return { kind: 'cut', status: 200 };
    case 'truncate': {
      response.writeHead(200, {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(SAMPLE_LIST.length),
      });
      response.write(SAMPLE_LIST.slice(0, Math.floor(SAMPLE_LIST.length / 2)), () => response.socket?.destroy());
      return { kind: 'cut', status: 200 };
    }
    case 'invalid-json':
      writeText(response, 200, 'application/json', INVALID_JSON, headers);
      return { kind: 'answered', status: 200 };
    case 'huge':
      await writeChunks(
        response,
        200,
        'application/json',
        hugeJson(failure.hugeBytes ?? DEFAULT_HUGE_BYTES),
        headers,
        state.closing.signal,
      );
      return { kind: 'answered', status: 200 };
    default:
      return { kind: 'continue' };
  }
}

/** A valid JSON list answer of at least `totalBytes` bytes, in 64 KiB chunks. */
function* hugeJson(totalBytes: number): Generator<Buffer> {
  const item = JSON.stringify({ id: 'filler', object: 'sandbox.filler', text: 'x'.repeat(940) });
  const perChunk = Math.max(1, Math.floor(65_536 / (item.length + 1)));
  const run = Array.from({ length: perChunk }, () => item).join(',');
  const head = '{"result":[';
  const tail = '],"next_cursor":null}';
  let written = head.length + run.length;
  yield Buffer.from(head + run);
  const middle = Buffer.from(`,${run}`);
  while (written + tail.length < totalBytes) {
    yield middle;
    written += middle.length;
  }
  yield Buffer.from(tail);
}
