/**
 * Every TypeScript snippet of src/adapters/README.md compiles against the real packages, so the README cannot drift
 * from the API. The snippets are written under node_modules/.cache (module resolution finds the installed packages
 * from there) and checked with the project's own compiler options.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('compiles every TypeScript snippet of the adapters README', async () => {
  const readme = readFileSync(join(ROOT, 'src/adapters/README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(snippets.length).toBeGreaterThanOrEqual(8);
  const directory = join(ROOT, 'node_modules/.cache', `readme-snippets-${process.pid}`);
  mkdirSync(directory, { recursive: true });
  try {
    // Each snippet is its own module, so top-level await and repeated names are fine.
    snippets.forEach((snippet, index) => {
      writeFileSync(join(directory, `snippet-${index}.ts`), `${snippet}\nexport {};\n`);
    });
    writeFileSync(
      join(directory, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: { baseUrl: '../../..' },
        include: ['./*.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(directory, 'tsconfig.json'), '--pretty', 'false'],
      {
        cwd: ROOT,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}, 120_000);
