/**
 * A second process that keeps swapping `<root>/dir` between `<root>/real` (a folder inside the root) and
 * `<root>/link-out` (a symlink to a folder outside it), each held about 0.3 ms: the race a file-root check by name
 * loses and a check of the opened file wins. Used by test/security/file-root-race.test.ts and the hostile-inputs
 * bench. Kill the returned process when done.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const SWAP_SCRIPT = `
  const { renameSync } = require('node:fs');
  const [dir, real, link] = process.argv.slice(1);
  const hold = () => { const until = process.hrtime.bigint() + 300000n; while (process.hrtime.bigint() < until); };
  for (;;) {
    try { renameSync(real, dir); hold(); renameSync(dir, real); } catch {}
    try { renameSync(link, dir); hold(); renameSync(dir, link); } catch {}
  }`;

/** Starts swapping; `root` must hold `real/` and `link-out` (and no `dir`). */
export function startPathSwapper(root: string): ChildProcess {
  return spawn(process.execPath, ['-e', SWAP_SCRIPT, join(root, 'dir'), join(root, 'real'), join(root, 'link-out')], {
    stdio: 'ignore',
  });
}
