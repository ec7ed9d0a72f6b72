import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateToolTypes, managerTypeNameFor, toolTypesNameProblem } from '../../typegen/generate-tool-types.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, parseCommand } from '../args.js';
import { createCommandContext, withManager } from '../context.js';
import { CliUsageError, EXIT_OK } from '../exit-codes.js';
import type { CliIo } from '../output.js';

export const GENERATE_HELP = `Usage: truto-tools generate [--out <file>] [options]

Writes a TypeScript module with the account's tools: argument and result types and a name union, so that
manager.invoke('list_all_open_ai_costs', { start_time: 'last week' }) is type-checked.

  --out <file>           write the module here (default: stdout)
  --type-name <Name>     name of the exported interface (default: TrutoTools)
  --import-from <pkg>    where TrutoToolManager is imported from (default: truto-langchainjs-toolset)
  --standalone           no import and no <Name>Manager alias: a module with no dependency

  Use it:  const manager = new TrutoToolManager<TrutoTools>({ ... });
     or:   const manager: TrutoToolsManager = new TrutoToolManager({ ... });   (the module's alias)

${CONNECTION_HELP}
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  out: { type: 'string', short: 'o' },
  'type-name': { type: 'string' },
  'import-from': { type: 'string' },
  standalone: { type: 'boolean' },
} as const;

export async function runGenerateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('generate', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(GENERATE_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0)
    throw new CliUsageError(`generate takes no arguments; got ${positionals.join(' ')}. Use --out <file>.`);
  const typeName = values['type-name'] ?? 'TrutoTools';
  const problem = toolTypesNameProblem(typeName);
  if (problem !== undefined) throw new CliUsageError(`--type-name ${problem}`);
  const context = createCommandContext(values, io);
  return withManager(context, async ({ manager, output }) => {
    const tools = await output.progress('Fetching tools…', () => manager.getToolDefinitions());
    const source = generateToolTypes(tools, {
      typeName,
      importFrom: values.standalone ? false : (values['import-from'] ?? 'truto-langchainjs-toolset'),
      header: [`Integrated account ${manager.integratedAccountId} (${tools.length} tools).`],
    });
    if (!values.out) {
      if (output.json) output.printJson({ typeName, tools: tools.length, source });
      else output.print(source);
      return EXIT_OK;
    }
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, source, 'utf8');
    if (output.json) output.printJson({ typeName, tools: tools.length, path: values.out });
    else {
      const alias = values.standalone ? '' : `, manager type ${managerTypeNameFor(typeName)}`;
      output.note(`Wrote ${tools.length} tool types to ${values.out} (interface ${typeName}${alias}).`);
    }
    return EXIT_OK;
  });
}
