import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';

/** A catalog tool as `tools/list` describes it: provider-safe name, description, the model's JSON Schema, hints. */
export function toMcpTool(tool: TrutoTool): Tool {
  const annotations = annotationsFor(tool.definition.method);
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: { ...tool.modelJsonSchema, type: 'object' },
    ...(annotations ? { annotations } : {}),
  };
}

/**
 * Hints for clients that ask before running a tool (Claude Desktop, Cursor): reads are safe to run, deletes and
 * updates change data. Custom methods (`archive`, ...) get no hints, so clients keep their cautious defaults.
 */
function annotationsFor(method: string): ToolAnnotations | undefined {
  switch (method) {
    case 'list':
    case 'get':
      return { readOnlyHint: true, openWorldHint: true };
    case 'create':
      return { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
    case 'update':
    case 'delete':
      return { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
    default:
      return undefined;
  }
}
