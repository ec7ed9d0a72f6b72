/**
 * `npm run check:package` (part of `npm test`, after the build): the package as `npm publish` would send it.
 *
 * - publint (strict: its warnings fail too): the manifest, `exports`, file formats;
 * - arethetypeswrong (profile `strict`): every entry's types resolve, and match its JavaScript, under
 *   `moduleResolution` node10, node16 from CommonJS, node16 from ESM, and bundler;
 * - scripts/package-checks.ts: the size budget, the files the manifest names, one copy of each module, README links.
 *
 * Prints what it found and exits 1 on any problem. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import {
  type BuildMetafile,
  contentProblems,
  duplicateModuleProblems,
  readmeLinkProblems,
  sizeProblems,
} from './package-checks.js';
import { packSummary } from './package-size.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

if (!existsSync(join(root, 'dist', 'index.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const problems: string[] = [];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

const lint = await publint({ pkgDir: root, strict: true, level: 'suggestion', pack: 'npm' });
for (const message of lint.messages) {
  const text = `publint (${message.type}): ${formatMessage(message, lint.pkg) ?? message.code}`;
  if (message.type === 'suggestion') console.log(text);
  else problems.push(text);
}

const types = await typeResolutionProblems();
problems.push(...types);

const pack = await packSummary(root);
const dist = join(root, 'dist');
const code = new Map(
  readdirSync(dist)
    .filter((file) => /\.c?js$/.test(file))
    .map((file) => [`dist/${file}`, readFileSync(join(dist, file), 'utf8')] as const),
);
problems.push(
  ...sizeProblems(pack),
  ...contentProblems(pack, manifest),
  ...duplicateModuleProblems(code, JSON.parse(readFileSync(join(dist, 'metafile-esm.json'), 'utf8')) as BuildMetafile),
  ...readmeLinkProblems(readFileSync(join(root, 'README.md'), 'utf8'), pack),
);

console.log(
  `Package: ${pack.packedBytes} bytes packed, ${pack.unpackedBytes} unpacked, ${pack.files} files; publint and arethetypeswrong (node10, node16 CJS and ESM, bundler) run.`,
);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  process.exit(1);
}
console.log('The package is clean.');

/** arethetypeswrong over the packed package; its table is printed when it finds anything. */
async function typeResolutionProblems(): Promise<string[]> {
  const attw = join(root, 'node_modules', '.bin', 'attw');
  const args = ['--pack', '.', '--profile', 'strict', '--format'];
  try {
    const { stdout } = await run(attw, [...args, 'json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(stdout) as { problems?: Record<string, unknown[]> | unknown[] };
    const count = Object.values(report.problems ?? {}).flat().length;
    return count === 0 ? [] : [`arethetypeswrong found ${count} problem(s)`];
  } catch (error) {
    // attw exits 1 when it finds problems: show its own table, which says which entry fails under which resolution.
    const table = await run(attw, [...args, 'ascii'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(
      (failure: { stdout?: string }) => ({ stdout: failure.stdout ?? '' }),
    );
    console.error(table.stdout);
    return [`arethetypeswrong failed: ${(error as Error).message.split('\n')[0]}`];
  }
}
