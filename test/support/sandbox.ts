/** A sandbox on a random loopback port with managers pointed at it, and an environment without credentials. */
import { TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { type Sandbox, type SandboxOptions, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll } from 'vitest';

export interface SandboxManagersOptions {
  /** Options for the sandbox itself. */
  sandbox?: SandboxOptions;
  /** Options every manager starts from (a test's own options go on top). `onWarning` is silenced by default. */
  manager?: TrutoToolManagerOptions;
}

export interface SandboxManagers {
  readonly sandbox: Sandbox;
  /** A manager on the sandbox, closed by `closeManagers()` or `close()`. */
  createManager(options?: TrutoToolManagerOptions): TrutoToolManager;
  /** Closes the managers created so far. */
  closeManagers(): Promise<void>;
  /** Closes every manager, then the sandbox. */
  close(): Promise<void>;
}

export async function startSandboxManagers(options: SandboxManagersOptions = {}): Promise<SandboxManagers> {
  const sandbox = await startSandbox(options.sandbox);
  const managers: TrutoToolManager[] = [];
  const closeManagers = async () => {
    await Promise.all(managers.splice(0).map((manager) => manager.close()));
  };
  return {
    sandbox,
    createManager: (extra = {}) => {
      const manager = new TrutoToolManager({
        apiKey: sandbox.apiKey,
        integratedAccountId: sandbox.integratedAccountId,
        baseUrl: sandbox.baseUrl,
        onWarning: () => {},
        ...options.manager,
        ...extra,
      });
      managers.push(manager);
      return manager;
    },
    closeManagers,
    close: async () => {
      await closeManagers();
      await sandbox.close();
    },
  };
}

/**
 * `startSandboxManagers` for a whole test file: starts in `beforeAll`, closes every manager and the sandbox in
 * `afterAll`. Read `sandbox` inside tests and hooks only.
 */
export function useSandboxManagers(options: SandboxManagersOptions = {}): SandboxManagers {
  let started: SandboxManagers | undefined;
  const current = () => {
    if (started === undefined) throw new Error('the sandbox starts in beforeAll; read it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    started = await startSandboxManagers(options);
  });
  afterAll(() => current().close());
  return {
    get sandbox() {
      return current().sandbox;
    },
    createManager: (extra) => current().createManager(extra),
    closeManagers: () => current().closeManagers(),
    close: () => current().close(),
  };
}

/** Variables that would point an example or the CLI at a real account: removed so runs use the sandbox. */
const CREDENTIAL_VARIABLES = [
  'TRUTO_API_KEY',
  'TRUTO_API_TOKEN',
  'OPENAI_API_KEY',
  'OPENAI_INTEGRATED_ACCOUNT_ID',
  'TRUTO_INTEGRATED_ACCOUNT_ID',
  'TRUTO_API_BASE_URL',
];

/** `process.env` without Truto or OpenAI credentials, plus `extra` (which may set some of them on purpose). */
export function envWithoutCredentials(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CREDENTIAL_VARIABLES) delete env[name];
  return { ...env, ...extra };
}
