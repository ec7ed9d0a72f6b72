/**
 * The environment variables every entry point reads: the manager, every `truto-tools` command (the MCP server
 * included), the sandbox's printout and the examples. One canonical name per setting; older names stay accepted so
 * existing shells and the seed article's code keep working.
 */

export interface EnvironmentVariable {
  /** The name printed and documented everywhere. */
  readonly name: string;
  /** Older names still read, in order, when the canonical one is unset or empty. */
  readonly aliases: readonly string[];
}

export const ENVIRONMENT_VARIABLES = {
  apiKey: { name: 'TRUTO_API_KEY', aliases: ['TRUTO_API_TOKEN'] },
  // The seed article and older sandbox printouts name the account after its integration.
  integratedAccountId: { name: 'TRUTO_INTEGRATED_ACCOUNT_ID', aliases: ['OPENAI_INTEGRATED_ACCOUNT_ID'] },
  baseUrl: { name: 'TRUTO_API_BASE_URL', aliases: [] },
} as const satisfies Record<string, EnvironmentVariable>;

export type EnvironmentSetting = keyof typeof ENVIRONMENT_VARIABLES;

/**
 * A setting's value: the canonical variable, else its aliases in order. An empty value counts as unset, so that
 * `TRUTO_API_KEY=` in a `.env` file does not hide a `TRUTO_API_TOKEN` set elsewhere.
 */
export function readEnvironmentVariable(setting: EnvironmentSetting, env: NodeJS.ProcessEnv): string | undefined {
  const variable: EnvironmentVariable = ENVIRONMENT_VARIABLES[setting];
  for (const name of [variable.name, ...variable.aliases]) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** `TRUTO_API_KEY (or TRUTO_API_TOKEN)`: how messages and help name a setting's variables. */
export function describeEnvironmentVariable(setting: EnvironmentSetting): string {
  const variable: EnvironmentVariable = ENVIRONMENT_VARIABLES[setting];
  return variable.aliases.length === 0 ? variable.name : `${variable.name} (or ${variable.aliases.join(', ')})`;
}

/** Every name that may hold the API key: what output must never show. */
export function apiKeyVariableNames(): readonly string[] {
  return [ENVIRONMENT_VARIABLES.apiKey.name, ...ENVIRONMENT_VARIABLES.apiKey.aliases];
}
