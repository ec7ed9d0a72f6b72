import { ToolNotFoundError } from '../errors/index.js';
import type { TrutoToolManagerOptions } from '../manager/options.js';
import { TrutoToolManager } from '../manager/tool-manager.js';
import { type ConnectionValues, connectionOptions } from './args.js';
import { type CliIo, Output } from './output.js';

export interface CommandContext {
  output: Output;
  manager: TrutoToolManager;
}

/**
 * The output and a manager for one command run. Warnings go to stderr unless `--quiet`; the API key is
 * registered as a secret before anything can print.
 */
export function createCommandContext(
  values: ConnectionValues & { json?: boolean | undefined; quiet?: boolean | undefined },
  io: CliIo,
  extra: TrutoToolManagerOptions = {},
): CommandContext {
  const output = new Output(io, { json: values.json ?? false, quiet: values.quiet ?? false });
  const options = connectionOptions(values, io.env);
  output.addSecret(options.apiKey);
  const manager = new TrutoToolManager({
    ...options,
    onWarning: values.quiet ? () => {} : (message) => output.warn(message),
    ...extra,
  });
  return { output, manager };
}

/** Runs a command body and always releases the manager's connections (a hung socket would keep the process up). */
export async function withManager<T>(
  context: CommandContext,
  body: (context: CommandContext) => Promise<T>,
): Promise<T> {
  try {
    return await body(context);
  } finally {
    await context.manager.close();
  }
}

/** A not-found error that suggests the names closest to the one typed. */
export async function unknownTool(manager: TrutoToolManager, name: string): Promise<ToolNotFoundError> {
  const close = await manager.searchTools(name.replace(/[_-]+/g, ' '), { limit: 5 });
  return new ToolNotFoundError(
    name,
    close.map((hit) => hit.name),
  );
}
