/**
 * `truto-tools generate` writes a module that compiles as users compile it: against the built package's declarations
 * (resolved by the package's own name through its `exports`), under `strict`, with `module`/`moduleResolution`
 * `nodenext` and `bundler`, for the default options, `--type-name` and `--standalone`. TypeScript 7 compiles the same
 * projects when it is installed as `typescript7` (`npm install -D typescript7@npm:typescript@^7`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(join(repository, 'dist/index.d.ts'));
if (!built && process.env.CI)
  throw new Error('dist/ is missing: run `npm run build` before the tests (npm test does).');

const COMPILERS = {
  'TypeScript 5.9': join(repository, 'node_modules/typescript/bin/tsc'),
  // TRUTO_TYPESCRIPT7_TSC: a TypeScript 7 installed elsewhere (npm run check:consumers points it at its projects').
  'TypeScript 7': process.env.TRUTO_TYPESCRIPT7_TSC ?? join(repository, 'node_modules/typescript7/bin/tsc'),
} as const;

interface Variant {
  folder: string;
  flags: string[];
  /** What a user of the module writes. */
  usage: string;
}

const TYPED_USAGE = (typeName: string, alias: string) => `
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import type { ${alias}, ${typeName}, ToolName, TrutoListPage } from './tools.js';

export async function useTypes(): Promise<number> {
  const manager: ${alias} = new TrutoToolManager<${typeName}>({ apiKey: 'key', integratedAccountId: 'account' });
  const page: TrutoListPage = await manager.invoke('list_all_open_ai_models');
  await manager.invoke('list_all_open_ai_costs', { start_time: 'last week', bucket_width: '1d' });
  const name: ToolName = 'list_all_open_ai_costs';
  // @ts-expect-error: no such tool
  await manager.invoke('list_all_open_ai_model');
  // @ts-expect-error: bucket_width only accepts "1d"
  await manager.invoke('list_all_open_ai_costs', { bucket_width: '1w' });
  return page.result.length + name.length;
}
`;

const VARIANTS: Variant[] = [
  { folder: 'defaults', flags: [], usage: TYPED_USAGE('TrutoTools', 'TrutoToolsManager') },
  {
    folder: 'type-name',
    flags: ['--type-name', 'OpenAiTools'],
    usage: `${TYPED_USAGE('OpenAiTools', 'OpenAiToolsManager')}
import type { OpenAiToolManager } from './tools.js';
export type Legacy = OpenAiToolManager;
`,
  },
  {
    folder: 'standalone',
    flags: ['--standalone'],
    usage: `
import type { ToolName, TrutoTools } from './tools.js';

export type CostsArguments = TrutoTools['list_all_open_ai_costs']['args'];
export const costs: CostsArguments = { start_time: 'last week' };
export const name: ToolName = 'list_all_open_ai_models';
`,
  },
];

const SETTINGS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

let sandbox: Sandbox;
// Inside the repository and without a package.json of its own, so the package resolves by its own name.
const directory = join(repository, '.tmp', `generated-module-${process.pid}`);

beforeAll(async () => {
  sandbox = await startSandbox();
  const env = {
    TRUTO_API_KEY: sandbox.apiKey,
    TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
    TRUTO_API_BASE_URL: sandbox.baseUrl,
  };
  for (const variant of VARIANTS) {
    const folder = join(directory, variant.folder);
    await mkdir(folder, { recursive: true });
    const stderr = { text: '', write: (chunk: string) => (stderr.text += chunk) };
    const code = await runCli(['generate', '--out', join(folder, 'tools.ts'), ...variant.flags], {
      stdout: { write: () => true },
      stderr,
      env,
    });
    if (code !== 0) throw new Error(`truto-tools generate ${variant.flags.join(' ')} failed: ${stderr.text}`);
    await writeFile(join(folder, 'usage.ts'), variant.usage);
  }
  for (const [name, options] of Object.entries(SETTINGS)) {
    await writeFile(
      join(directory, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2023'],
          // TypeScript 7's default: the generated module must not need Node's types.
          types: [],
          skipLibCheck: true,
          noUnusedLocals: true,
        },
        include: ['*/*.ts'],
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await rm(directory, { recursive: true, force: true });
});

describe.skipIf(!built)('the module truto-tools generate writes', () => {
  it('writes each variant with the alias it documents', async () => {
    const defaults = await readFile(join(directory, 'defaults', 'tools.ts'), 'utf8');
    expect(defaults).toContain('export type TrutoToolsManager = TrutoToolManagerClass<TrutoTools>;');
    const standalone = await readFile(join(directory, 'standalone', 'tools.ts'), 'utf8');
    expect(standalone).not.toMatch(/^import /m);
  });

  for (const [compiler, tsc] of Object.entries(COMPILERS)) {
    for (const setting of Object.keys(SETTINGS)) {
      it.skipIf(!existsSync(tsc))(
        `compiles under ${compiler}, strict, ${setting}: defaults, --type-name, --standalone`,
        async () => {
          const result = await run(
            process.execPath,
            [tsc, '-p', join(directory, `tsconfig.${setting}.json`), '--pretty', 'false'],
            { cwd: repository },
          ).then(
            () => '',
            (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
          );
          // Unused @ts-expect-error lines fail too, so each mistake in the usage files is proven to be rejected.
          expect(result).toBe('');
        },
        120_000,
      );
    }
  }
});
