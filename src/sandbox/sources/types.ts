/**
 * What the router needs from a fake integration. One router serves every source: the OpenAI account
 * (`sources/openai`), any OpenAPI document (`sources/openapi`) and a saved catalog with recordings
 * (`sources/catalog`). Authentication, the account check, rate limits, queued failures, body limits and the
 * request log are the router's; a source only names its tools and answers routed proxy calls.
 */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import type { ProxyAnswer } from '../handlers/types';
import type { MultipartBody } from '../multipart';
import type { ParsedQuery } from '../query';

/** How the request body arrived. `form` and `text` only reach sources whose `bodyPolicy` is `any`. */
export type SourceBodyKind = 'none' | 'json' | 'form' | 'text' | 'multipart';

/** One proxy call, authenticated and routed to a resource and tool method. */
export interface SourceCall {
  resource: string;
  /** The tool method: `list`, `get`, `create`, `update`, `delete` or a custom method name. */
  method: string;
  /** The id segment of get/update/delete, percent-decoded. */
  id?: string;
  /** The HTTP method as sent. */
  httpMethod: string;
  /** The request path without the query string, as sent. */
  path: string;
  /** The query, parsed qs-style (`integrated_account_id` included). */
  query: ParsedQuery;
  bodyKind: SourceBodyKind;
  /** The parsed JSON body, the parsed form (`form`), the text (`text`); undefined when none was sent. */
  body: unknown;
  /** Set when the body was `multipart/form-data`. */
  multipart?: MultipartBody;
  contentType?: string;
  nowMs: number;
}

export type SourceHandler = (call: SourceCall) => ProxyAnswer;

/** The handlers of one resource; custom methods by name (`POST /proxy/<resource>/<method>`). */
export interface SourceResource {
  list?: SourceHandler;
  get?: SourceHandler;
  create?: SourceHandler;
  update?: SourceHandler;
  delete?: SourceHandler;
  custom?: Record<string, SourceHandler>;
}

export type SandboxSourceKind = 'openai' | 'openapi' | 'catalog';

export interface SandboxSource {
  readonly kind: SandboxSourceKind;
  /** The integration as tool names spell it (`open_ai`, `asana`, `pagerduty`). */
  readonly integration: string;
  /** How Truto's messages name the integration ("OpenAI", "Asana", "PagerDuty API"). */
  readonly label: string;
  /** The well-formed tools, in catalog order. */
  readonly tools: readonly TrutoToolDefinition[];
  /** What `/tools` serves: the tools, plus any entries a saved catalog held that are not well-formed. */
  readonly entries?: readonly Readonly<Record<string, unknown>>[];
  /** The handlers of a resource, or undefined when the integration has no such resource. */
  resource(name: string): SourceResource | undefined;
  /**
   * `json-object`: bodies are JSON objects or multipart, anything else is refused as the OpenAI sandbox always
   * did; `any`: every JSON value, forms and text reach the handlers, which validate them against the operation.
   */
  readonly bodyPolicy: 'json-object' | 'any';
  /** Headers the upstream API adds to every proxied answer (OpenAI's `x-ratelimit-*`). */
  upstreamHeaders?(requestBytes: number): Record<string, string>;
  /** Forget every write. */
  reset(): void;
  /** What `GET /__sandbox/info` shows of the source. */
  describe?(): Record<string, unknown>;
}
