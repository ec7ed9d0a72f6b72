import { CONNECTION_HELP, CONNECTION_OPTIONS, parseCommand } from '../args.js';
import { createCommandContext, unknownTool, withManager } from '../context.js';
import { CliUsageError, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../output.js';

export const DESCRIBE_HELP = `Usage: truto-tools describe <tool> [options]

Shows a tool as the model sees it: its name, description and the JSON Schema of its arguments (date fields
accept expressions like "last week"), plus the HTTP request it maps to.

${CONNECTION_HELP}
`;

export async function runDescribeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('describe', argv, CONNECTION_OPTIONS);
  if (values.help) {
    io.stdout.write(DESCRIBE_HELP);
    return EXIT_OK;
  }
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0)
    throw new CliUsageError('describe: name exactly one tool, e.g. truto-tools describe list_all_open_ai_costs.');
  const context = createCommandContext(values, io);
  return withManager(context, async ({ manager, output }) => {
    const tools = await output.progress('Fetching tools…', () => manager.getToolDefinitions());
    const tool = tools.find((candidate) => candidate.name === name || candidate.definition.name === name);
    if (!tool) throw await unknownTool(manager, name);
    const plan = tool.plan;
    const description = {
      name: tool.name,
      description: tool.description,
      parameters: tool.modelJsonSchema,
      request: { method: plan.httpMethod, path: `${plan.basePath}${plan.idInPath ? '/{id}' : ''}` },
      dateFields: tool.dateFields.map((field) => ({ name: field.label, kind: field.kind, role: field.role })),
      ...(tool.name !== tool.definition.name ? { originalName: tool.definition.name } : {}),
    };
    if (output.json) {
      output.printJson(description);
      return EXIT_OK;
    }
    output.print(
      [
        tool.name,
        '',
        tool.description,
        '',
        `Request: ${description.request.method} ${description.request.path}`,
        ...(description.dateFields.length > 0
          ? [
              `Date fields (expressions accepted): ${description.dateFields.map((field) => `${field.name} (${field.kind})`).join(', ')}`,
            ]
          : []),
        '',
        'Parameters (JSON Schema):',
        JSON.stringify(tool.modelJsonSchema, null, 2),
      ].join('\n'),
    );
    return EXIT_OK;
  });
}
