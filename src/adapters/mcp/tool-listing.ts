import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';

/** A catalog tool as `tools/list` describes it: provider-safe name, description, the model's JSON Schema, hints. */
export function toMcpTool(tool: TrutoTool): Tool {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: { ...tool.modelJsonSchema, type: 'object' },
    annotations: annotationsFor(tool.definition.method),
  };
}

/**
 * Hints for clients that ask before running a tool (Claude Desktop, Cursor), on every tool: reads are safe to run,
 * creates add data, updates and deletes change it (repeating one changes nothing more). A custom method (`archive`,
 * `send`, ...) can do anything, so it is described the cautious way MCP's own defaults describe a tool: not read-only,
 * destructive, not idempotent.
 */
function annotationsFor(method: string): ToolAnnotations {
  switch (method) {
    case 'list':
    case 'get':
      // MCP reads the other two hints only when readOnlyHint is false; all three are given, so no client guesses.
      return { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
    case 'create':
      return { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
    case 'update':
    case 'delete':
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
    default:
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
  }
}
