/**
 * `truto-tools mcp`: serves an integrated account's tools as an MCP server, over stdio by default (what Claude
 * Desktop and Cursor launch) or Streamable HTTP with `--http`. On stdio, stdout carries JSON-RPC only; every
 * message of ours goes to stderr.
 */
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { startMcpHttpServer } from '../../adapters/mcp/http.js';
import { serveMcpStdio } from '../../adapters/mcp/stdio.js';
import { TrutoConfigError } from '../../errors/index.js';
import { DEFAULT_BASE_URL } from '../../http/client.js';
import { TrutoToolManager } from '../../manager/tool-manager.js';
import { waitForStop } from '../../shared/wait-for-stop.js';
import { connectionSettings } from '../args.js';
import { CliUsageError, EXIT_OK, EXIT_USAGE, exitCodeFor } from '../exit-codes.js';

export interface McpCommandIo {
  /** JSON-RPC in, on stdio. @default process.stdin */
  stdin?: Readable;
  /** JSON-RPC out on stdio; `--help` text. @default process.stdout */
  stdout?: Writable;
  /** Every log line. @default process.stderr */
  stderr?: { write(text: string): unknown };
  /** Stops the server when aborted, as SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}

export const MCP_COMMAND_USAGE = `Usage: truto-tools mcp [options]

Serves a Truto integrated account's tools as an MCP server: over stdio (default) or Streamable HTTP.

Options:
  --account <id>       integrated account id (default: $TRUTO_INTEGRATED_ACCOUNT_ID); --account-id works too
  --base-url <url>     Truto API base URL (default: $TRUTO_API_BASE_URL or https://api.truto.one)
  --api-key <key>      Truto API token (default: $TRUTO_API_KEY); prefer the variable, as other processes
                       can read a command line
  --methods <list>     only these methods, comma-separated: list,get,create,update,delete,read,write,custom
  --tags <list>        only tools with these tags, comma-separated
  --require-approval <list>
                       methods a person must approve before a call is sent, comma-separated: create,update,
                       delete, a custom method's name, or write (every method but list and get). Asked through
                       the client (MCP elicitation); refused where the client cannot ask (and on --http)
  --http               serve Streamable HTTP (stateless) instead of stdio
  --port <n>           HTTP port (default: 3333; 0 picks a free one)
  --host <host>        HTTP interface (default: 127.0.0.1)
  --path <path>        HTTP endpoint path (default: /mcp)
  -h, --help           show this help

Environment:
  TRUTO_API_KEY                 your Truto API token (TRUTO_API_TOKEN also works)
  TRUTO_INTEGRATED_ACCOUNT_ID   the integrated account (OPENAI_INTEGRATED_ACCOUNT_ID also works)
  TRUTO_API_BASE_URL            the Truto API's base URL
  TRUTO_MCP_BEARER_TOKEN        with --http, the token clients must send as "Authorization: Bearer ..."

Exit codes: 0 stopped normally, 1 usage or configuration, 2 the tools could not be loaded from Truto.
`;

interface McpCommandFlags {
  account?: string;
  apiKey?: string;
  baseUrl?: string;
  methods?: string;
  tags?: string;
  requireApproval?: string[];
  http: boolean;
  port?: number;
  host?: string;
  path?: string;
}

/** Runs the command; resolves with the exit code once the server has stopped (or could not start). */
export async function runMcpCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: McpCommandIo = {},
): Promise<number> {
  const stderr = io.stderr ?? process.stderr;
  let flags: McpCommandFlags | 'help';
  try {
    flags = parseFlags(argv);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${MCP_COMMAND_USAGE}`);
    return EXIT_USAGE;
  }
  if (flags === 'help') {
    (io.stdout ?? process.stdout).write(MCP_COMMAND_USAGE);
    return EXIT_OK;
  }

  let manager: TrutoToolManager;
  try {
    manager = createManager(flags, env, stderr);
    // Fail at launch, where the client's log shows it, rather than at the first tools/list.
    const tools = await manager.getToolDefinitions();
    stderr.write(`[truto mcp] ${tools.length} tools for integrated account ${manager.integratedAccountId}\n`);
  } catch (error) {
    const prefix =
      error instanceof TrutoConfigError || error instanceof CliUsageError ? '' : 'Could not load the tools: ';
    stderr.write(`[truto mcp] ${prefix}${(error as Error).message}\n`);
    return exitCodeFor(error);
  }

  try {
    if (flags.http) await serveHttp(manager, flags, env, io, stderr);
    else await serveStdio(manager, io, stderr);
    return EXIT_OK;
  } catch (error) {
    // A port in use, say: the command line's to fix.
    stderr.write(`[truto mcp] ${(error as Error).message}\n`);
    return EXIT_USAGE;
  } finally {
    await manager.close();
  }
}

function createManager(
  flags: McpCommandFlags,
  env: NodeJS.ProcessEnv,
  stderr: McpCommandIo['stderr'] & {},
): TrutoToolManager {
  // Read here rather than by the manager, so that a missing value names the flag and the variable, not an option.
  const settings = connectionSettings(
    { 'api-key': flags.apiKey, 'account-id': flags.account, 'base-url': flags.baseUrl },
    env,
    '--account',
  );
  return new TrutoToolManager({
    ...settings,
    baseUrl: settings.baseUrl ?? DEFAULT_BASE_URL,
    ...(flags.methods ? { methods: flags.methods } : {}),
    ...(flags.tags ? { tags: flags.tags } : {}),
    ...(flags.requireApproval ? { requireApproval: flags.requireApproval } : {}),
    // The model (through the client) must see failures as tool errors, never as a dead server.
    errorMode: 'return',
    onWarning: (message) => stderr.write(`[truto mcp] warning: ${message}\n`),
  });
}

async function serveStdio(
  manager: TrutoToolManager,
  io: McpCommandIo,
  stderr: McpCommandIo['stderr'] & {},
): Promise<void> {
  const handle = await serveMcpStdio(manager, {
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(io.stdout ? { stdout: io.stdout } : {}),
  });
  stderr.write('[truto mcp] serving on stdio\n');
  const reason = await Promise.race([
    handle.closed.then(() => 'the client closed stdin'),
    waitForStop(io.signal).then(() => 'signal'),
  ]);
  await handle.close();
  stderr.write(`[truto mcp] stopped (${reason})\n`);
}

async function serveHttp(
  manager: TrutoToolManager,
  flags: McpCommandFlags,
  env: NodeJS.ProcessEnv,
  io: McpCommandIo,
  stderr: McpCommandIo['stderr'] & {},
): Promise<void> {
  const bearerToken = env.TRUTO_MCP_BEARER_TOKEN || undefined;
  const handle = await startMcpHttpServer(manager, {
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.host ? { host: flags.host } : {}),
    ...(flags.path ? { path: flags.path } : {}),
    ...(bearerToken ? { bearerToken } : {}),
  });
  stderr.write(`[truto mcp] serving Streamable HTTP on ${handle.url}\n`);
  await waitForStop(io.signal);
  await handle.close();
}

function parseFlags(argv: readonly string[]): McpCommandFlags | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: false,
    strict: true,
    options: {
      account: { type: 'string' },
      'account-id': { type: 'string' },
      'api-key': { type: 'string' },
      'base-url': { type: 'string' },
      methods: { type: 'string' },
      tags: { type: 'string' },
      'require-approval': { type: 'string' },
      http: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      path: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.account !== undefined && values['account-id'] !== undefined && values.account !== values['account-id']) {
    throw new Error('--account and --account-id name different accounts; give one.');
  }
  const account = values.account ?? values['account-id'];
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}.`);
  }
  if ((values.port !== undefined || values.host !== undefined || values.path !== undefined) && !values.http) {
    throw new Error('--port, --host and --path only apply with --http.');
  }
  const requireApproval = values['require-approval']
    ?.split(',')
    .map((method) => method.trim())
    .filter((method) => method !== '');
  if (requireApproval !== undefined && requireApproval.length === 0) {
    throw new Error('--require-approval needs methods, comma-separated: create,update,delete or write.');
  }
  return {
    http: values.http ?? false,
    ...(requireApproval !== undefined ? { requireApproval } : {}),
    ...(account !== undefined ? { account } : {}),
    ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
    ...(values['base-url'] !== undefined ? { baseUrl: values['base-url'] } : {}),
    ...(values.methods !== undefined ? { methods: values.methods } : {}),
    ...(values.tags !== undefined ? { tags: values.tags } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.path !== undefined ? { path: values.path } : {}),
  };
}
