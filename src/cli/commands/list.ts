import type { ToolFilter } from '../../catalog/filter.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, parseCommand, positiveInteger, toNamePattern } from '../args.js';
import { createCommandContext, withManager } from '../context.js';
import { EXIT_OK } from '../exit-codes.js';
import type { CliIo, Output } from '../output.js';

export const LIST_HELP = `Usage: truto-tools list [options]

Lists the tools of the integrated account.

Selection (client-side, after --methods/--tags):
  --include <pattern>    keep tools whose name matches; exact, glob (*_costs) or /regex/; repeatable
  --exclude <pattern>    drop tools whose name matches; repeatable
  --search <keywords>    rank by a keyword search over names and descriptions
  --limit <n>            show at most n tools

${CONNECTION_HELP}
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  search: { type: 'string' },
  limit: { type: 'string' },
} as const;

export async function runListCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('list', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(LIST_HELP);
    return EXIT_OK;
  }
  const limit = positiveInteger('--limit', values.limit);
  const filter: ToolFilter = {
    ...(values.include ? { include: values.include.map(toNamePattern) } : {}),
    ...(values.exclude ? { exclude: values.exclude.map(toNamePattern) } : {}),
  };
  const context = createCommandContext(values, io, { filter });
  return withManager(context, async ({ manager, output }) => {
    const rows = await output.progress('Fetching tools…', async () => {
      if (values.search !== undefined) {
        const hits = await manager.searchTools(values.search, { limit: limit ?? Number.MAX_SAFE_INTEGER });
        return hits.map((hit) => ({ tool: hit.tool, score: hit.score }));
      }
      const tools = await manager.getToolDefinitions();
      return tools.slice(0, limit ?? tools.length).map((tool) => ({ tool, score: undefined }));
    });
    if (output.json) output.printJson(rows.map(({ tool, score }) => describeRow(tool, score)));
    else
      printTable(
        output,
        rows.map((row) => row.tool),
      );
    return EXIT_OK;
  });
}

function describeRow(tool: TrutoTool, score: number | undefined) {
  return {
    name: tool.name,
    ...(tool.name !== tool.definition.name ? { originalName: tool.definition.name } : {}),
    method: tool.definition.method,
    resource: tool.definition.resource,
    tags: tool.definition.tags ?? [],
    description: tool.description,
    ...(score !== undefined ? { score } : {}),
  };
}

function printTable(output: Output, tools: readonly TrutoTool[]): void {
  if (tools.length === 0) {
    output.note('No tools matched.');
    return;
  }
  const nameWidth = Math.max(4, ...tools.map((tool) => tool.name.length));
  const methodWidth = Math.max(6, ...tools.map((tool) => tool.definition.method.length));
  const descriptionWidth = Math.max(20, output.width - nameWidth - methodWidth - 4);
  const lines = [`${'NAME'.padEnd(nameWidth)}  ${'METHOD'.padEnd(methodWidth)}  DESCRIPTION`];
  for (const tool of tools) {
    const description = firstLine(tool.description);
    const shown =
      description.length > descriptionWidth ? `${description.slice(0, descriptionWidth - 1)}…` : description;
    lines.push(`${tool.name.padEnd(nameWidth)}  ${tool.definition.method.padEnd(methodWidth)}  ${shown}`);
  }
  output.print(lines.join('\n'));
  output.note(`${tools.length} tool${tools.length === 1 ? '' : 's'}`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
