/**
 * `truto-tools sandbox` (also `npm run sandbox --` in this repository): starts a sandbox (the OpenAI account, an
 * OpenAPI document's integration with `--openapi`, or a saved catalog with `--catalog`), prints how to reach it,
 * and stays up until SIGINT or SIGTERM (or the given AbortSignal). With `--json` the only output is one JSON line
 * on stdout, for processes that start a sandbox and read its URL.
 */
import { parseArgs } from 'node:util';
import { ENVIRONMENT_VARIABLES } from '../manager/environment';
import { waitForStop } from '../shared/wait-for-stop';
import type { AccountLimit } from './account-limiter';
import type { SandboxOptions } from './options';
import { RATE_LIMIT_DIALECTS, type RateLimitDialect } from './rate-limit-headers';
import { startSandbox } from './server';

export interface SandboxCliIo {
  stdout?: { write(text: string): unknown };
  stderr?: { write(text: string): unknown };
  /** Stops the sandbox when aborted, like SIGINT does. */
  signal?: AbortSignal;
}

export const SANDBOX_CLI_USAGE = `Usage: truto-tools sandbox [options]
       (in this repository: npm run sandbox -- [options])

Starts a Truto-compatible sandbox for one integrated account and keeps it running until Ctrl-C: an OpenAI
account by default, the integration an OpenAPI document describes with --openapi, or a saved catalog with
its recorded answers with --catalog.

Options:
  --openapi <file>           serve the integration of an OpenAPI 3.0/3.1 document (JSON or YAML)
  --integration <name>       integration name in tool names (default: from the document's title)
  --seed <n>                 seed of the generated data (default: 1)
  --catalog <file>           serve a snapshot file (truto-tools snapshot) or a saved /tools answer
  --port <n>                 port to listen on (default: a free one)
  --host <host>              interface to listen on (default: 127.0.0.1)
  --api-key <key>            Bearer token to accept (default: sandbox-api-key)
  --account-id <uuid>        integrated account id to serve
  --rate-limit-dialect <d>   ${RATE_LIMIT_DIALECTS.join(' | ')} (default: truto)
  --account-limit <N/Ss>     enforce N requests per S seconds per account, e.g. 50/10s
  --synthetic-tools <n>      add n synthetic tools to the catalog
  --tools-envelope <key>     result | results (default: result)
  --tools-page-size <n>      tools per page when no limit is sent (default: 5)
  --include-malformed-tool   mix malformed entries into the catalog
  --json                     print one JSON line { baseUrl, apiKey, integratedAccountId, integration, tools, pid }
  --help                     show this help
`;

/** Runs the CLI; resolves with the exit code once the sandbox has stopped. */
export async function runSandboxCli(argv: readonly string[], io: SandboxCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let options: SandboxOptions;
  let json: boolean;
  try {
    const parsed = parseCliOptions(argv);
    if (parsed === 'help') {
      stdout.write(SANDBOX_CLI_USAGE);
      return 0;
    }
    ({ options, json } = parsed);
  } catch (error) {
    stderr.write(`${(error as Error).message}\n\n${SANDBOX_CLI_USAGE}`);
    return 2;
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    stderr.write(`Could not start the sandbox: ${(error as Error).message}\n`);
    return 1;
  }
  const { baseUrl, apiKey, integratedAccountId, integration } = sandbox;
  if (json) {
    const line = { baseUrl, apiKey, integratedAccountId, integration, tools: sandbox.tools.length, pid: process.pid };
    stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    const { apiKey: keyVariable, integratedAccountId: accountVariable, baseUrl: urlVariable } = ENVIRONMENT_VARIABLES;
    const what = sandbox.source === 'openai' ? 'OpenAI' : integration;
    stdout.write(
      [
        `Truto sandbox (${what} integrated account, ${sandbox.tools.length} tools) is running.`,
        `  Base URL:               ${baseUrl}`,
        `  API key:                ${apiKey}`,
        `  Integrated account id:  ${integratedAccountId}`,
        '',
        `  export ${urlVariable.name}=${baseUrl} ${keyVariable.name}=${apiKey} ${accountVariable.name}=${integratedAccountId}`,
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  }
  await waitForStop(io.signal);
  await sandbox.close();
  return 0;
}

type ParsedCli = { options: SandboxOptions; json: boolean } | 'help';

export function parseCliOptions(argv: readonly string[]): ParsedCli {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      'account-id': { type: 'string' },
      'rate-limit-dialect': { type: 'string' },
      'account-limit': { type: 'string' },
      'synthetic-tools': { type: 'string' },
      'tools-envelope': { type: 'string' },
      'tools-page-size': { type: 'string' },
      'include-malformed-tool': { type: 'boolean' },
      openapi: { type: 'string' },
      integration: { type: 'string' },
      seed: { type: 'string' },
      catalog: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const options: SandboxOptions = {};
  if (values.port !== undefined) options.port = wholeNumber('--port', values.port);
  if (values.host !== undefined) options.host = values.host;
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  if (values['account-id'] !== undefined) options.integratedAccountId = values['account-id'];
  const dialect = values['rate-limit-dialect'];
  if (dialect !== undefined) {
    if (!(RATE_LIMIT_DIALECTS as readonly string[]).includes(dialect)) {
      throw new Error(`--rate-limit-dialect must be one of ${RATE_LIMIT_DIALECTS.join(', ')}, got '${dialect}'.`);
    }
    options.rateLimitDialect = dialect as RateLimitDialect;
  }
  if (values['account-limit'] !== undefined) options.accountLimit = parseAccountLimit(values['account-limit']);
  if (values['synthetic-tools'] !== undefined)
    options.syntheticTools = wholeNumber('--synthetic-tools', values['synthetic-tools']);
  const envelope = values['tools-envelope'];
  if (envelope !== undefined) {
    if (envelope !== 'result' && envelope !== 'results')
      throw new Error(`--tools-envelope must be result or results, got '${envelope}'.`);
    options.toolsEnvelope = envelope;
  }
  if (values['tools-page-size'] !== undefined)
    options.toolsPageSize = wholeNumber('--tools-page-size', values['tools-page-size']);
  if (values['include-malformed-tool']) options.includeMalformedTool = true;
  if (values.openapi !== undefined && values.catalog !== undefined)
    throw new Error('--openapi and --catalog exclude each other: serve one integration per sandbox.');
  if (values.openapi !== undefined) options.openapi = values.openapi;
  if (values.catalog !== undefined) options.catalog = values.catalog;
  if (values.integration !== undefined) {
    if (values.openapi === undefined && values.catalog === undefined)
      throw new Error('--integration names the integration of --openapi or --catalog.');
    options.integration = values.integration;
  }
  if (values.seed !== undefined) {
    if (!/^-?\d+$/.test(values.seed)) throw new Error(`--seed must be a whole number, got '${values.seed}'.`);
    options.seed = Number(values.seed);
  }
  return { options, json: values.json ?? false };
}

/** `50/10s`, `50/10sec`, `50/10` or `50 per 10s`. */
export function parseAccountLimit(text: string): AccountLimit {
  const match = /^\s*(\d+)\s*(?:\/|per)\s*(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?)?\s*$/i.exec(text);
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0) {
    throw new Error(`--account-limit must look like 50/10s (50 requests per 10 seconds), got '${text}'.`);
  }
  return { requests: Number(match[1]), windowSeconds: Number(match[2]) };
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} must be a whole number, got '${text}'.`);
  return Number(text);
}
