/** Entry of `npm run sandbox` (`tsx src/sandbox/cli.ts`); the logic lives in `run-cli.ts` for reuse. */
import { pathToFileURL } from 'node:url';
import { runSandboxCli } from './run-cli';

export { runSandboxCli } from './run-cli';

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSandboxCli(process.argv.slice(2));
}
