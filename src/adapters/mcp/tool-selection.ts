/**
 * MCP for catalogs of hundreds of tools: `tools/list` gives a selection, not the catalog, plus a `search_tools` tool.
 * A client's model searches in plain words; the tools found join the list (the server announces
 * `notifications/tools/list_changed`, and clients that follow it list again), and every catalog tool can be called
 * by name whether listed or not. On the stateless HTTP server each POST is a fresh server, so found tools are not
 * remembered between requests there; the search answer names them and calls still work.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_DISCOVERY_SEARCH_LIMIT, discoveryHit, SEARCH_TOOLS_ARGUMENTS } from '../../catalog/discovery.js';
import type { ToolNamePattern } from '../../catalog/filter.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { toMcpTool } from './tool-listing.js';

/** The search tool's name, as in discovery mode. */
export const MCP_SEARCH_TOOLS = 'search_tools';

export interface McpToolSelectionOptions {
  /** A request whose selection is listed from the start (for example what the server is for). @default none */
  request?: string;
  /** Tools always listed: names, globs or RegExps. @default none */
  include?: ToolNamePattern | readonly ToolNamePattern[];
  /** Tools the initial selection and each search list. @default 10 */
  maxTools?: number;
}

const SEARCH_TOOL: Tool = {
  name: MCP_SEARCH_TOOLS,
  description:
    'Find the tools of the connected account for a task, in plain words ("who is on call tonight", "refund an order"). The tools found are added to your tool list; each can be called by name.',
  inputSchema: { ...SEARCH_TOOLS_ARGUMENTS, required: ['query'] },
  // All four hints, as on every catalog tool: MCP reads destructive and idempotent only when readOnlyHint is false, but
  // clients that do not follow that rule must not guess a search to be destructive.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

/**
 * Replaces the server's `tools/list` and `tools/call` handlers with selection-aware ones. `callCatalogTool` runs a
 * catalog tool as the plain server does.
 */
export function useToolSelection(
  server: Server,
  manager: TrutoToolManager,
  options: McpToolSelectionOptions,
  callCatalogTool: (name: string, args: unknown, signal: AbortSignal) => Promise<CallToolResult>,
): void {
  const listed = new Map<string, TrutoTool>();
  let initial: Promise<void> | undefined;
  const listInitial = () => {
    initial ??= (async () => {
      const selection = await manager.selectTools(options.request ?? '', {
        ...(options.maxTools !== undefined ? { maxTools: options.maxTools } : {}),
        ...(options.include !== undefined ? { include: options.include } : {}),
      });
      for (const tool of selection.tools) listed.set(tool.name, tool);
    })().catch((error) => {
      initial = undefined;
      throw error;
    });
    return initial;
  };

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    await listInitial();
    return { tools: [SEARCH_TOOL, ...[...listed.values()].map(toMcpTool)] };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    if (request.params.name !== MCP_SEARCH_TOOLS) {
      return callCatalogTool(request.params.name, request.params.arguments ?? {}, extra.signal);
    }
    const args = request.params.arguments ?? {};
    const query = typeof args.query === 'string' ? args.query : '';
    if (query.trim() === '') {
      return {
        content: [
          {
            type: 'text',
            text: JSON.stringify({ error: 'invalid_arguments', message: 'Give a query: what you want to do.' }),
          },
        ],
        isError: true,
      };
    }
    const limit =
      typeof args.limit === 'number' && Number.isInteger(args.limit)
        ? Math.min(Math.max(args.limit, 1), SEARCH_TOOLS_ARGUMENTS.properties.limit.maximum)
        : (options.maxTools ?? DEFAULT_DISCOVERY_SEARCH_LIMIT);
    await listInitial();
    const selection = await manager.selectTools(query, { maxTools: limit });
    let added = false;
    for (const tool of selection.tools) {
      if (listed.has(tool.name)) continue;
      listed.set(tool.name, tool);
      added = true;
    }
    // Clients that follow the notification list again and see the new tools; others call them by name.
    if (added) await server.sendToolListChanged().catch(() => undefined);
    const hint =
      selection.tools.length > 0
        ? 'These tools are now in your tool list; call one by name with its arguments.'
        : 'No tool matched; describe the task in other words.';
    return { content: [{ type: 'text', text: JSON.stringify({ tools: selection.tools.map(discoveryHit), hint }) }] };
  });
}
