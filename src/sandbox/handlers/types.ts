/** The contract between the router and the per-resource handlers. */
import type { OpenAiAccountState } from '../data/account-state';
import type { MultipartBody } from '../multipart';
import type { JsonObject } from '../params';
import type { ParsedQuery } from '../query';

/** One proxy call, already authenticated and routed. */
export interface ProxyCall {
  resource: string;
  /** The tool method: `list`, `get`, `create`, `update`, `delete` or a custom method name. */
  method: string;
  /** The id segment of get/update/delete, percent-decoded. */
  id?: string;
  query: ParsedQuery;
  /** The JSON body as an object (`{}` when none was sent). */
  body: JsonObject;
  /** Set when the body was `multipart/form-data`. */
  multipart?: MultipartBody;
  contentType?: string;
  account: OpenAiAccountState;
  nowMs: number;
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

/** Truto's list envelope. */
export function listAnswer(result: unknown[], nextCursor: string | null): ProxyAnswer {
  return { json: { result, next_cursor: nextCursor, prev_cursor: null, result_count: result.length } };
}
