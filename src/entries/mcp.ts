/**
 * `truto-langchainjs-toolset/mcp`: serve an integrated account's tools as an MCP server, over stdio (Claude Desktop,
 * Cursor) or Streamable HTTP. Needs `@modelcontextprotocol/sdk` (>= 1.20). From a terminal: `truto-tools mcp`.
 */

export {
  DEFAULT_MCP_HTTP_HOST,
  DEFAULT_MCP_HTTP_PATH,
  DEFAULT_MCP_HTTP_PORT,
  DEFAULT_MCP_IDLE_TIMEOUT_MS,
  DEFAULT_MCP_MAX_REQUEST_BYTES,
  DEFAULT_MCP_MAX_TOOL_CALLS_PER_BATCH,
  DEFAULT_MCP_REQUEST_TIMEOUT_MS,
  type McpHttpServerHandle,
  type McpHttpServerOptions,
  startMcpHttpServer,
} from '../adapters/mcp/http.js';
export { DEFAULT_MCP_MAX_MESSAGE_BYTES } from '../adapters/mcp/line-transport.js';
export {
  createMcpServer,
  DEFAULT_MCP_SERVER_NAME,
  MCP_SERVER_VERSION,
  type McpServerOptions,
} from '../adapters/mcp/server.js';
export { type McpStdioHandle, type McpStdioOptions, serveMcpStdio } from '../adapters/mcp/stdio.js';
export { toMcpTool } from '../adapters/mcp/tool-listing.js';
export { MCP_SEARCH_TOOLS, type McpToolSelectionOptions } from '../adapters/mcp/tool-selection.js';
export type { PendingApproval } from '../approval/pending-approval.js';
export { MCP_COMMAND_USAGE, type McpCommandIo, runMcpCommand } from '../cli/commands/mcp.js';
