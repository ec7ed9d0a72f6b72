import type { ToolFilter } from '../../catalog/filter.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { TOKEN_FRAMEWORKS, type TokenFramework } from '../../selection/frameworks.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, parseCommand, positiveInteger, toNamePattern } from '../args.js';
import { createCommandContext, withManager } from '../context.js';
import { CliUsageError, EXIT_OK } from '../exit-codes.js';
import type { CliIo, Output } from '../output.js';

export const LIST_HELP = `Usage: truto-tools list [options]

Lists the tools of the integrated account.

Selection (client-side, after --methods/--tags):
  --include <pattern>    keep tools whose name matches; exact, glob (*_costs) or /regex/; repeatable
  --exclude <pattern>    drop tools whose name matches; repeatable
  --search <request>     rank for a request in plain words ("who is on call tonight"), best first
  --limit <n>            show at most n tools

Tokens:
  --tokens               add what each tool costs per turn, the total, and the discovery meta-tools' cost
  --framework <name>     count as this framework sends tools: ${TOKEN_FRAMEWORKS.join(', ')} (default openai)

${CONNECTION_HELP}
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  search: { type: 'string' },
  limit: { type: 'string' },
  tokens: { type: 'boolean' },
  framework: { type: 'string' },
} as const;

export async function runListCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand('list', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(LIST_HELP);
    return EXIT_OK;
  }
  const limit = positiveInteger('--limit', values.limit);
  const framework = frameworkOf(values.framework);
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
    if (!values.tokens) {
      if (output.json) output.printJson(rows.map(({ tool, score }) => describeRow(tool, score)));
      else
        printTable(
          output,
          rows.map((row) => row.tool),
        );
      return EXIT_OK;
    }
    const report = await output.progress('Counting tokens…', () => tokenReport(manager, rows, framework));
    if (output.json) {
      output.printJson({
        tools: rows.map(({ tool, score }) => ({ ...describeRow(tool, score), tokens: report.perTool[tool.name] })),
        ...report.summary,
      });
    } else {
      printTable(
        output,
        rows.map((row) => row.tool),
        report.perTool,
      );
      printTokenSummary(output, report.summary);
    }
    return EXIT_OK;
  });
}

function frameworkOf(text: string | undefined): TokenFramework {
  if (text === undefined) return 'openai';
  if (!(TOKEN_FRAMEWORKS as readonly string[]).includes(text)) {
    throw new CliUsageError(`--framework must be one of ${TOKEN_FRAMEWORKS.join(', ')}; got ${text}.`);
  }
  return text as TokenFramework;
}

interface TokenSummary {
  framework: TokenFramework;
  tokenizer: string;
  /** The tools listed. */
  listed: { tools: number; tokens: number };
  /** Every tool of the account (after --include/--exclude). */
  catalog: { tools: number; tokens: number };
  /** The three discovery meta-tools (`discovery: true`). */
  discovery: { tools: number; tokens: number };
}

async function tokenReport(
  manager: TrutoToolManager,
  rows: ReadonlyArray<{ tool: TrutoTool }>,
  framework: TokenFramework,
): Promise<{ perTool: Record<string, number>; summary: TokenSummary }> {
  const listed = await manager.countTokens({ framework, tools: rows.map((row) => row.tool) });
  const catalog = await manager.countTokens({ framework, tools: 'catalog' });
  const discovery = await manager.countTokens({ framework, tools: 'discovery' });
  return {
    perTool: listed.perTool,
    summary: {
      framework,
      tokenizer: listed.tokenizer,
      listed: { tools: listed.tools, tokens: listed.tokens },
      catalog: { tools: catalog.tools, tokens: catalog.tokens },
      discovery: { tools: discovery.tools, tokens: discovery.tokens },
    },
  };
}

function printTokenSummary(output: Output, summary: TokenSummary): void {
  const counted =
    summary.tokenizer === 'estimate'
      ? 'estimated (install gpt-tokenizer to count exactly)'
      : `counted with ${summary.tokenizer}`;
  const number = (value: number) => value.toLocaleString('en-US');
  output.note(`Tokens per turn as ${summary.framework} sends the tools, ${counted}:`);
  output.note(`  listed:    ${number(summary.listed.tokens)} (${summary.listed.tools} tools)`);
  output.note(`  catalog:   ${number(summary.catalog.tokens)} (${summary.catalog.tools} tools)`);
  output.note(`  discovery: ${number(summary.discovery.tokens)} (search_tools, describe_tool, call_tool)`);
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

function printTable(output: Output, tools: readonly TrutoTool[], tokens?: Record<string, number>): void {
  if (tools.length === 0) {
    output.note('No tools matched.');
    return;
  }
  const nameWidth = Math.max(4, ...tools.map((tool) => tool.name.length));
  const methodWidth = Math.max(6, ...tools.map((tool) => tool.definition.method.length));
  const tokensColumn = tokens ? 8 : 0;
  const descriptionWidth = Math.max(20, output.width - nameWidth - methodWidth - 4 - tokensColumn);
  const tokensHeader = tokens ? `${'TOKENS'.padStart(6)}  ` : '';
  const lines = [`${'NAME'.padEnd(nameWidth)}  ${'METHOD'.padEnd(methodWidth)}  ${tokensHeader}DESCRIPTION`];
  for (const tool of tools) {
    const description = firstLine(tool.description);
    const shown =
      description.length > descriptionWidth ? `${description.slice(0, descriptionWidth - 1)}…` : description;
    const count = tokens ? `${String(tokens[tool.name] ?? 0).padStart(6)}  ` : '';
    lines.push(`${tool.name.padEnd(nameWidth)}  ${tool.definition.method.padEnd(methodWidth)}  ${count}${shown}`);
  }
  output.print(lines.join('\n'));
  output.note(`${tools.length} tool${tools.length === 1 ? '' : 's'}`);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
