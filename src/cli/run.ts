import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiKeyVariableNames } from '../manager/environment.js';
import { runCallCommand } from './commands/call.js';
import { runDescribeCommand } from './commands/describe.js';
import { runGenerateCommand } from './commands/generate.js';
import { runListCommand } from './commands/list.js';
import { runSandboxCommand } from './commands/sandbox.js';
import { runSnapshotCommand } from './commands/snapshot.js';
import { CliUsageError, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { type CliIo, Output } from './output.js';

export const USAGE = `Usage: truto-tools <command> [options]

The tools of a Truto integrated account, from the command line.

Commands:
  list                   list the account's tools (filters, keyword search, --json)
  describe <tool>        show the schema the model sees for one tool
  call <tool> --args {}  call a tool; date expressions are resolved and the sent arguments shown
  generate               write a TypeScript module typing the account's tools for manager.invoke
  snapshot --output <f>  save the account's catalog for offline replay; --record also records calls' answers
  sandbox                start a local Truto-compatible sandbox: an OpenAI account, --openapi <file> or --catalog <file>
  mcp                    serve the account's tools as an MCP server

Run truto-tools <command> --help for a command's options. The API key, account id and base URL come from
TRUTO_API_KEY, TRUTO_INTEGRATED_ACCOUNT_ID and TRUTO_API_BASE_URL, or from --api-key, --account-id, --base-url
(older names still read: TRUTO_API_TOKEN, OPENAI_INTEGRATED_ACCOUNT_ID).

Exit codes: 0 success, 1 usage or configuration, 2 API error (HTTP error status, unreachable), 3 input error
(invalid arguments or date expression, unknown tool).
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  list: runListCommand,
  describe: runDescribeCommand,
  call: runCallCommand,
  generate: runGenerateCommand,
  snapshot: runSnapshotCommand,
  sandbox: runSandboxCommand,
  mcp: runMcpCommand,
};

/** Runs one command line; resolves with the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.stderr.write(USAGE);
      return EXIT_USAGE;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(USAGE);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    const run = COMMANDS[command];
    if (!run) throw new CliUsageError(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return await run(rest, io);
  } catch (error) {
    const exitCode = exitCodeFor(error);
    const output = new Output(io, { json: argv.includes('--json') });
    for (const name of apiKeyVariableNames()) output.addSecret(io.env[name]);
    output.addSecret(flagValue(argv, '--api-key'));
    output.error(error, exitCode);
    if (error instanceof CliUsageError && !argv.includes('--json')) {
      io.stderr.write(`Run truto-tools ${command && COMMANDS[command] ? `${command} ` : ''}--help for usage.\n`);
    }
    return exitCode;
  }
}

/** The MCP command lives in its own module (and needs an optional peer dependency): load it only when asked. */
async function runMcpCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let module: { runMcpCommand?: (argv: string[], env: NodeJS.ProcessEnv) => unknown };
  try {
    // A literal specifier, so the bundler includes the command; inside `try`, so a build without it still
    // succeeds (esbuild tolerates unresolved imports there) and the command reports itself unavailable.
    module = await import('./commands/mcp.js');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('@modelcontextprotocol')) {
      throw new CliUsageError(
        'The MCP server needs the optional peer dependency @modelcontextprotocol/sdk: npm install @modelcontextprotocol/sdk',
      );
    }
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(message)) {
      throw new CliUsageError("MCP isn't available in this build of truto-tools.");
    }
    throw error;
  }
  if (typeof module.runMcpCommand !== 'function')
    throw new CliUsageError("MCP isn't available in this build of truto-tools.");
  const code = await module.runMcpCommand([...argv], io.env);
  return typeof code === 'number' ? code : EXIT_OK;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === flag) return argv[index + 1];
    if (argument.startsWith(`${flag}=`)) return argument.slice(flag.length + 1);
  }
  return undefined;
}

/** The version in the package's package.json: two levels up from src/cli, one from dist. */
function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 4; level++) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'truto-langchainjs-toolset' && manifest.version) return manifest.version;
    } catch {
      // Not here; look one level up.
    }
    directory = dirname(directory);
  }
  return 'unknown';
}
