import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { ToolNotFoundError, TrutoAbortError, TrutoError } from '../../errors/index.js';
import { formatErrorForModel } from '../../invoke/format-error.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { approvalUnavailableResult, askThroughElicitation } from './approval-elicitation.js';
import { toMcpTool } from './tool-listing.js';
import { type McpToolSelectionOptions, useToolSelection } from './tool-selection.js';

export const DEFAULT_MCP_SERVER_NAME = 'truto';
/** Reported to clients in `initialize`; follows the package version. */
export const MCP_SERVER_VERSION = '0.2.0';

export interface McpServerOptions {
  /** The server name clients show. @default 'truto' */
  name?: string;
  /** The server version clients show. @default the package version */
  version?: string;
  /** Guidance for the model on how to use this server's tools, sent in `initialize`. */
  instructions?: string;
  /**
   * For catalogs of hundreds of tools: `tools/list` gives a `search_tools` tool and a selection instead of the
   * whole catalog; tools found by searches join the list (`notifications/tools/list_changed`), and any catalog tool
   * can be called by name. `true` starts with no selection. @default off: the whole catalog is listed
   */
  toolSelection?: boolean | McpToolSelectionOptions;
}

/**
 * An MCP server (the SDK's low-level `Server`) exposing the manager's tools: `tools/list` gives each tool's
 * provider-safe name, description, JSON Schema and read/write hints; `tools/call` runs it through the manager and
 * answers with the text the model reads. Every failure of the call itself — bad arguments, 4xx/5xx, a 429 (with
 * `retry_after_seconds`), bad credentials — is a result with `isError: true`, as MCP asks, so the client's model
 * sees it; an unknown tool name is a protocol error (`InvalidParams`). Connect it to any transport, or use
 * `serveMcpStdio` / `startMcpHttpServer`.
 */
export function createMcpServer(manager: TrutoToolManager, options: McpServerOptions = {}): Server {
  const server = new Server(
    { name: options.name ?? DEFAULT_MCP_SERVER_NAME, version: options.version ?? MCP_SERVER_VERSION },
    {
      capabilities: { tools: options.toolSelection ? { listChanged: true } : {} },
      ...(options.instructions ? { instructions: options.instructions } : {}),
    },
  );
  if (options.toolSelection) {
    const selection = options.toolSelection === true ? {} : options.toolSelection;
    useToolSelection(server, manager, selection, (name, args, signal) => callTool(server, manager, name, args, signal));
    return server;
  }
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await manager.getToolDefinitions()).map(toMcpTool),
  }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    callTool(
      server,
      manager,
      request.params.name,
      request.params.arguments ?? {},
      extra.signal,
      String(extra.requestId),
    ),
  );
  return server;
}

async function callTool(
  server: Server,
  manager: TrutoToolManager,
  name: string,
  args: unknown,
  signal: AbortSignal,
  /** The JSON-RPC request id: MCP's nearest thing to a tool call id (spans' `gen_ai.tool.call.id`). */
  toolCallId?: string,
): Promise<CallToolResult> {
  const ids = toolCallId === undefined ? {} : { toolCallId };
  try {
    // `requireApproval`: ask the client's user (elicitation) before the call, or refuse when the client cannot ask.
    const pending = manager.requiresApprovals ? await manager.approvalFor(name, args, ids) : undefined;
    if (pending !== undefined) {
      const decision = await askThroughElicitation(server, pending, signal);
      if (decision === undefined) return approvalUnavailableResult(pending);
      const decided = await manager.completeApproval(pending, decision, { signal, ...ids });
      return { content: [{ type: 'text', text: decided.content }], isError: decided.isError };
    }
    const result = await manager.invokeForModel(name, args, { signal, ...ids });
    return { content: [{ type: 'text', text: result.content }], isError: result.isError };
  } catch (error) {
    if (error instanceof ToolNotFoundError) throw protocolError(ErrorCode.InvalidParams, error.message);
    // The client cancelled the request; MCP says no answer is sent, and the SDK drops whatever we return.
    if (error instanceof TrutoAbortError) throw error;
    if (error instanceof TrutoError)
      return { content: [{ type: 'text', text: formatErrorForModel(error) }], isError: true };
    throw error;
  }
}

/**
 * An `McpError` carrying our message alone. The SDK sends a thrown error's `message` as the JSON-RPC error message,
 * and `McpError` already starts it with "MCP error <code>: "; the client's own `McpError` adds that again, so clients
 * would read "MCP error -32602: MCP error -32602: ...".
 */
function protocolError(code: ErrorCode, message: string): McpError {
  const error = new McpError(code, message);
  error.message = message;
  return error;
}
