/** The `truto-tools` command (package.json `bin`); the logic lives in run.ts so tests can call it in-process. */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
