/**
 * Starts the sandbox in its own process, so that its work is not counted as the client's (the rule for
 * overhead ratios), and reads the one JSON line `--json` prints.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TrutoToolManager, type TrutoToolManagerOptions } from '../../src/index.js';

export interface SandboxProcess {
  baseUrl: string;
  apiKey: string;
  integratedAccountId: string;
  pid: number;
  stop(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function startSandboxProcess(extraArguments: string[] = []): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--json', ...extraArguments], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The sandbox process exited with ${code} before printing its address.`);
    }),
  ])) as [string];
  const info = JSON.parse(line) as { baseUrl: string; apiKey: string; integratedAccountId: string };
  return {
    ...info,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * A manager for the sandbox's account, quiet about warnings (a bench prints figures, not catalog notes); `options`
 * adds to or replaces these. test/reliability/support.ts has the same helper for the tests, but imports the package by
 * its name (the built dist/); benches measure src/ and must work before any build, so they keep this one.
 */
export function managerFor(
  sandbox: Pick<SandboxProcess, 'apiKey' | 'integratedAccountId' | 'baseUrl'>,
  options: TrutoToolManagerOptions = {},
): TrutoToolManager {
  return new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
    ...options,
  });
}
