import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { ToolNamePattern } from '../catalog/filter.js';
import { DEFAULT_BASE_URL } from '../http/client.js';
import { describeEnvironmentVariable, readEnvironmentVariable } from '../manager/environment.js';
import type { TrutoToolManagerOptions } from '../manager/options.js';
import { CliUsageError } from './exit-codes.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Options every account command accepts. */
export const CONNECTION_OPTIONS = {
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  'account-id': { type: 'string' },
  methods: { type: 'string' },
  tags: { type: 'string' },
  'cache-dir': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export const CONNECTION_HELP = `Connection (flags win over the environment):
  --api-key <key>        Truto API token; prefer ${describeEnvironmentVariable('apiKey')}: flags show up in process lists
  --base-url <url>       ${describeEnvironmentVariable('baseUrl')}, else ${DEFAULT_BASE_URL}
  --account-id <id>      integrated account id; default ${describeEnvironmentVariable('integratedAccountId')}
  --methods <list>       Truto's server-side method filter, comma-separated (list, get, read, write, custom, ...)
  --tags <list>          Truto's server-side tag filter, comma-separated
  --cache-dir <dir>      keep a copy of the catalog on disk and reuse it for 5 minutes
Output:
  --json                 machine-readable JSON on stdout (errors too, as { "error": ... })
  -q, --quiet            no warnings or notes on stderr
  -h, --help             this help`;

export interface ParsedCommand<Values> {
  values: Values;
  positionals: string[];
}

/** `parseArgs`, with its errors turned into usage errors that name the command. */
export function parseCommand<const Specs extends OptionSpecs>(
  command: string,
  argv: readonly string[],
  specs: Specs,
): ParsedCommand<ReturnType<typeof parseArgs<{ options: Specs; allowPositionals: true; strict: true }>>['values']> {
  try {
    const parsed = parseArgs({ args: [...argv], options: specs, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new CliUsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '.')}`);
  }
}

export interface ConnectionValues {
  'api-key'?: string | undefined;
  'base-url'?: string | undefined;
  'account-id'?: string | undefined;
  methods?: string | undefined;
  tags?: string | undefined;
  'cache-dir'?: string | undefined;
}

/** The flags that name the account: `--account-id` everywhere, `--account` too in `truto-tools mcp`. */
export type AccountFlag = '--account-id' | '--account';

/**
 * The key, account and base URL from flags, then the environment (`TRUTO_API_KEY`, `TRUTO_INTEGRATED_ACCOUNT_ID`,
 * `TRUTO_API_BASE_URL` and their older aliases). A missing value is a usage error naming the variable and the flag
 * that fix it: a command-line user has no `apiKey` option to pass.
 */
export function connectionSettings(
  values: Pick<ConnectionValues, 'api-key' | 'account-id' | 'base-url'>,
  env: NodeJS.ProcessEnv,
  accountFlag: AccountFlag = '--account-id',
): { apiKey: string; integratedAccountId: string; baseUrl?: string } {
  const apiKey = values['api-key'] ?? readEnvironmentVariable('apiKey', env);
  if (!apiKey) {
    throw new CliUsageError(`No Truto API key. Set ${describeEnvironmentVariable('apiKey')}, or pass --api-key.`);
  }
  const integratedAccountId = values['account-id'] ?? readEnvironmentVariable('integratedAccountId', env);
  if (!integratedAccountId) {
    throw new CliUsageError(
      `No integrated account id. Set ${describeEnvironmentVariable('integratedAccountId')}, or pass ${accountFlag} <id>.`,
    );
  }
  const baseUrl = values['base-url'] ?? readEnvironmentVariable('baseUrl', env);
  if (baseUrl && !isHttpUrl(baseUrl)) {
    const source = values['base-url'] !== undefined ? '--base-url' : describeEnvironmentVariable('baseUrl');
    throw new CliUsageError(`${source} must be an http(s) URL; got ${JSON.stringify(baseUrl)}.`);
  }
  return { apiKey, integratedAccountId, ...(baseUrl ? { baseUrl } : {}) };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Manager options from flags, then the environment. Missing values are reported with the fix. */
export function connectionOptions(values: ConnectionValues, env: NodeJS.ProcessEnv): TrutoToolManagerOptions {
  return {
    ...connectionSettings(values, env),
    ...(values.methods ? { methods: values.methods } : {}),
    ...(values.tags ? { tags: values.tags } : {}),
    ...(values['cache-dir'] ? { cache: { dir: values['cache-dir'] } } : {}),
  };
}

/** `/regex/flags` on the command line is a RegExp; anything else is an exact name or a glob. */
export function toNamePattern(text: string): ToolNamePattern {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!match) return text;
  try {
    return new RegExp(match[1]!, match[2]);
  } catch (error) {
    throw new CliUsageError(`Invalid regular expression ${text}: ${(error as Error).message}`);
  }
}

/** `Name: value` (or `Name=value`) → a header pair. */
export function toHeader(text: string): [string, string] {
  const match = /^([^:=\s]+)\s*[:=]\s*(.*)$/s.exec(text);
  if (!match) throw new CliUsageError(`--header must look like "Idempotency-Key: abc", got ${JSON.stringify(text)}.`);
  return [match[1]!, match[2]!];
}

export function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new CliUsageError(`${flag} must be a whole number ≥ 1, got ${text}.`);
  return Number(text);
}
