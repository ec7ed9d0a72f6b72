import type { TrutoTool } from '../catalog/truto-tool.js';
import type { PlainHeaders } from '../errors/index.js';
import type { HttpRequest, RequestBody } from '../http/client.js';
import type { QueryValue } from '../http/query-string.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';
import type { ProxyRequest } from './build-request.js';

/** File handling the body encoder may use (uploads, downloads); provided by src/files. */
export interface FileHandling {
  /** Turns file arguments into a multipart body when the tool has file fields. */
  encodeMultipart?: (tool: TrutoTool, request: ProxyRequest, call?: CallLimits) => Promise<EncodedBody | undefined>;
  /** Whether `encodeMultipart` applies to this tool at all; false keeps JSON tools on the synchronous path. */
  hasFileFields?: (tool: TrutoTool) => boolean;
  /** Receives binary answers as a stream (e.g. writes them to disk and returns a file result). */
  onBinaryBody?: HttpRequest['onBinaryBody'];
  /** Like `onBinaryBody`, for one tool (output files are named after it); wins over `onBinaryBody`. */
  onBinaryBodyFor?: (tool: TrutoTool) => HttpRequest['onBinaryBody'] | undefined;
  /**
   * The text a model reads for a successful call: binary answers and large base64 become file references, and
   * the text is cut to a budget. Without it, `formatResultForModel` is used as is.
   */
  formatResultForModel?: (
    tool: TrutoTool,
    outcome: { data: unknown; status: number; headers: PlainHeaders },
    options: { rateLimit?: RateLimitInfo | undefined },
  ) => Promise<string>;
}

export interface RequestBodyContext {
  files?: FileHandling;
}

/** What bounds one call: file downloads made while building its body share them (`timeoutMs` is the whole call). */
export interface CallLimits {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** When the whole call must be over (`Date.now()` milliseconds). */
  deadline?: number | undefined;
}

export interface EncodedBody {
  query: Record<string, QueryValue>;
  headers: Record<string, string>;
  /** Creates the body to send; a function because a stream can be sent only once and a retry needs a new one. */
  body?: () => Promise<RequestBody> | RequestBody;
  /** What hooks and dry runs show for the body. */
  description: unknown;
  onBinaryBody?: HttpRequest['onBinaryBody'];
}

/** A bodiless request adds no header; shared rather than allocated per call, and frozen since it is shared. */
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** JSON for ordinary tools; multipart when the file layer recognises file arguments. */
export function encodeRequestBody(
  tool: TrutoTool,
  request: ProxyRequest,
  context: RequestBodyContext,
  limits?: CallLimits,
): EncodedBody | Promise<EncodedBody> {
  if (context.files?.encodeMultipart && (context.files.hasFileFields?.(tool) ?? true)) {
    return context.files
      .encodeMultipart(tool, request, limits)
      .then((multipart) => multipart ?? encodeJsonBody(tool, request, context));
  }
  return encodeJsonBody(tool, request, context);
}

function encodeJsonBody(tool: TrutoTool, request: ProxyRequest, context: RequestBodyContext): EncodedBody {
  const onBinaryBody = context.files?.onBinaryBodyFor
    ? context.files.onBinaryBodyFor(tool)
    : context.files?.onBinaryBody;
  if (request.body === undefined) {
    return onBinaryBody
      ? { query: request.query, headers: NO_HEADERS, description: undefined, onBinaryBody }
      : { query: request.query, headers: NO_HEADERS, description: undefined };
  }
  const json = JSON.stringify(request.body);
  return {
    query: request.query,
    headers: { 'content-type': 'application/json' },
    body: () => json,
    description: request.body,
    ...(onBinaryBody ? { onBinaryBody } : {}),
  };
}
