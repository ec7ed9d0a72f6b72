import type { CliIo } from '../output.js';

/** `truto-tools sandbox ...`: the sandbox's own CLI, loaded only when asked for. */
export async function runSandboxCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { runSandboxCli } = await import('../../entries/sandbox.js');
  return runSandboxCli(argv, { stdout: io.stdout, stderr: io.stderr });
}
