/** The contract between the OpenAI source and its per-resource handlers, and the answers every source gives. */
import type { OpenAiAccountState } from '../data/account-state';
import type { JsonObject } from '../params';
import type { SourceCall, SourceResource } from '../sources/types';

/** One proxy call to the OpenAI account: a `SourceCall` whose body is always an object, plus the account. */
export interface ProxyCall extends SourceCall {
  /** The JSON body as an object (`{}` when none was sent). */
  body: JsonObject;
  account: OpenAiAccountState;
}

export type ProxyAnswer =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; contentType: string; text: string | Buffer; headers?: Record<string, string> }
  /** Streamed with `Transfer-Encoding: chunked`. */
  | { status?: number; contentType: string; chunks: Iterable<Uint8Array>; headers?: Record<string, string> };

export type ProxyHandler = (call: ProxyCall) => ProxyAnswer;

export interface ResourceHandlers {
  list?: ProxyHandler;
  get?: ProxyHandler;
  create?: ProxyHandler;
  update?: ProxyHandler;
  delete?: ProxyHandler;
  /** Custom methods by name, reached by `POST /proxy/<resource>/<method>`. */
  custom?: Record<string, ProxyHandler>;
}

/**
 * The router's handlers for OpenAI-style ones: each call gets the account and an object body (`{}` when none).
 * The call object is completed in place: the hot path allocates nothing more.
 */
export function adaptHandlers(handlers: ResourceHandlers, account: OpenAiAccountState): SourceResource {
  const adapt =
    (handler: ProxyHandler) =>
    (call: SourceCall): ProxyAnswer => {
      const proxyCall = call as ProxyCall;
      proxyCall.account = account;
      proxyCall.body ??= {};
      return handler(proxyCall);
    };
  const adapted: SourceResource = {};
  for (const method of ['list', 'get', 'create', 'update', 'delete'] as const) {
    const handler = handlers[method];
    if (handler) adapted[method] = adapt(handler);
  }
  if (handlers.custom) {
    adapted.custom = Object.fromEntries(
      Object.entries(handlers.custom).map(([name, handler]) => [name, adapt(handler)]),
    );
  }
  return adapted;
}

/** Truto's list envelope. */
export function listAnswer(result: unknown[], nextCursor: string | null): ProxyAnswer {
  return { json: { result, next_cursor: nextCursor, prev_cursor: null, result_count: result.length } };
}
