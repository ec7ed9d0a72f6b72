import { randomUUID } from 'node:crypto';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { normaliseDateArguments } from '../dates/index.js';
import type { PlainHeaders } from '../errors/index.js';
import { errorFromResponse } from '../http/api-error.js';
import type { HttpClient } from '../http/client.js';
import { buildProxyRequest } from './build-request.js';

export interface DateOptions {
  /** The clock relative dates are resolved against. @default () => new Date() */
  now?: () => Date;
  /** IANA zone for calendar boundaries ("last week" starts at local midnight). @default 'UTC' */
  timeZone?: string;
  /** 0 = Sunday ... 6 = Saturday. @default 1 (Monday) */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

export interface InvocationContext {
  client: HttpClient;
  integratedAccountId: string;
  dates: DateOptions;
}

export interface InvokeCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Set by adapters whose framework already validated with `tool.inputSchema` (skips a second parse). */
  validated?: boolean;
}

/** What one successful call produced. */
export interface ToolCallOutcome {
  /** Parsed JSON (or text, or bytes) exactly as the API answered. */
  data: unknown;
  status: number;
  headers: PlainHeaders;
  requestId: string;
  /** The arguments after validation and date normalisation: what was actually sent. */
  sentArguments: Record<string, unknown>;
}

/** validate → normalise dates → build the Proxy API request → send → map errors. */
export async function invokeTool(
  tool: TrutoTool,
  args: unknown,
  context: InvocationContext,
  options: InvokeCallOptions = {},
): Promise<ToolCallOutcome> {
  const validated = options.validated ? (args as Record<string, unknown>) : tool.validate(args);
  const normalised =
    tool.dateFields.length > 0
      ? normaliseDateArguments(validated, tool.dateFields, { ...context.dates, toolName: tool.name })
      : validated;
  const proxyRequest = buildProxyRequest(tool.plan, normalised, context.integratedAccountId);
  const requestId = randomUUID();
  const response = await context.client.send({
    method: proxyRequest.method,
    path: proxyRequest.path,
    query: proxyRequest.query,
    headers: { 'x-request-id': requestId },
    ...(proxyRequest.body ? { body: JSON.stringify(proxyRequest.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (response.status < 200 || response.status >= 300) {
    throw errorFromResponse(response, {
      toolName: tool.name,
      requestId,
      ...(context.dates.now ? { now: context.dates.now } : {}),
    });
  }
  return {
    data: response.body,
    status: response.status,
    headers: response.headers,
    requestId,
    sentArguments: normalised,
  };
}
