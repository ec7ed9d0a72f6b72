#!/usr/bin/env node
/**
 * The `truto-tools` command (package.json `bin`, built to dist/cli.cjs with this shebang). It lives in the same build
 * as the library entries, so it shares their chunks rather than carrying a second copy of the core. The same as
 * src/cli/main.ts (which `tsx` runs from source), written without top-level await, which CommonJS cannot have; a
 * bare import of main.ts would be dropped from the bundle (`sideEffects: false`).
 */
import { runCli } from '../cli/run.js';

void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
);
