/**
 * The package as `npm pack` would publish it (read with `--dry-run`: no network, no tarball): within the size budget,
 * with the files the manifest names, one copy of each module, README links that work on the registry's page, one
 * set of classes whether it is imported or required, and an import that loads only what it needs (the heavy
 * dependencies load on first use: bench/import.bench.ts has the figures). publint and arethetypeswrong run in
 * `npm run check:package`; installs into fresh projects in `npm run check:consumers`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BuildMetafile,
  contentProblems,
  duplicateModuleProblems,
  readmeLinkProblems,
  sizeProblems,
} from '../../scripts/package-checks.js';
import { type PackSummary, packSummary } from '../../scripts/package-size.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const built = existsSync(join(DIST, 'index.js'));

if (!built && process.env.CI)
  throw new Error('dist/ is missing: run `npm run build` before the tests (npm test does).');

/** Packages the root import must not load: each is loaded by the first call that needs it. */
const LOADED_ON_FIRST_USE = ['undici', 'chrono-node', 're2js', '@eslint-community/regexpp', 'structured-headers'];

/**
 * Every module file a fresh process loads when it runs `source` (an ES module) in the repository: ES modules through
 * a resolve hook, CommonJS ones (dependencies are `require`d lazily) from `require.cache`.
 */
async function modulesLoadedBy(source: string): Promise<string[]> {
  const directory = mkdtempSync(join(tmpdir(), 'package-loads-'));
  const log = join(directory, 'loads.txt');
  const listCommonJs = `;process.stdout.write(JSON.stringify(Object.keys((await import('node:module')).createRequire(import.meta.url).cache)));`;
  try {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        './test/adapters/support/record-module-loads.mjs',
        '--input-type=module',
        '-e',
        source + listCommonJs,
      ],
      { cwd: ROOT, env: { ...process.env, MODULE_LOAD_LOG: log } },
    );
    const esm = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return [...esm, ...(JSON.parse(stdout) as string[])];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const packagesAmong = (files: readonly string[], names: readonly string[]) =>
  names.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));

describe.skipIf(!built)('the published package', () => {
  let pack: PackSummary;
  beforeAll(async () => {
    pack = await packSummary(ROOT);
  }, 60_000);

  it('stays within its size budget and ships no source maps', () => {
    expect(sizeProblems(pack)).toEqual([]);
  });

  it('ships every file the manifest names, and the README, LICENSE and CHANGELOG', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(contentProblems(pack, manifest)).toEqual([]);
  });

  it('holds one copy of each module: the CLI and the subpath entries share the core', () => {
    const code = new Map(
      readdirSync(DIST)
        .filter((file) => /\.c?js$/.test(file))
        .map((file) => [file, readFileSync(join(DIST, file), 'utf8')] as const),
    );
    const metafile = JSON.parse(readFileSync(join(DIST, 'metafile-esm.json'), 'utf8')) as BuildMetafile;
    expect(duplicateModuleProblems(code, metafile)).toEqual([]);
  });

  it('is a check that can fail: a module bundled twice is reported', () => {
    const twice = new Map([
      ['a.js', '// src/http/client.ts\nvar HttpClient = class {}'],
      ['b.js', '// src/http/client.ts\nvar HttpClient = class {}'],
    ]);
    expect(duplicateModuleProblems(twice).join('\n')).toContain('src/http/client.ts is bundled into 2 files');
    const metafile = {
      outputs: {
        'dist/a.js': { inputs: { 'src/http/client.ts': {} } },
        'dist/b.js': { inputs: { 'src/http/client.ts': {} } },
      },
    };
    expect(duplicateModuleProblems(new Map([['a.js', 'x=class{}']]), metafile).join('\n')).toContain(
      'src/http/client.ts is bundled into 2 files',
    );
  });

  it('has README links that resolve on the registry page (files it ships, or absolute URLs)', () => {
    expect(readmeLinkProblems(readFileSync(join(ROOT, 'README.md'), 'utf8'), pack)).toEqual([]);
  });

  it('gives import and require the same module: one TrutoError class, the same exports', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as esm from 'truto-langchainjs-toolset';
         import { createRequire } from 'node:module';
         const cjs = createRequire(import.meta.url)('truto-langchainjs-toolset');
         console.log(JSON.stringify({ same: esm.TrutoError === cjs.TrutoError && esm.TrutoToolManager === cjs.TrutoToolManager, keys: Object.keys(esm).length === Object.keys(cjs).length }));`,
      ],
      { cwd: ROOT },
    );
    expect(JSON.parse(stdout)).toEqual({ same: true, keys: true });
  });

  it('loads undici, chrono-node, re2js, regexpp and structured-headers on first use, not on import', async () => {
    const loaded = await modulesLoadedBy(`await import('truto-langchainjs-toolset');`);
    expect(loaded.some((file) => file.includes('/node_modules/@langchain/core/'))).toBe(true);
    expect(packagesAmong(loaded, LOADED_ON_FIRST_USE)).toEqual([]);
  }, 60_000);

  it('is a check that can fail: a call, a pattern and a structured header load them', async () => {
    const loaded = await modulesLoadedBy(`
      import { TrutoToolManager, compileJsonSchema, parseRateLimitHeaders, resolveDateRange } from 'truto-langchainjs-toolset';
      import { startSandbox } from 'truto-langchainjs-toolset/sandbox';
      const sandbox = await startSandbox();
      const manager = new TrutoToolManager({ apiKey: sandbox.apiKey, integratedAccountId: sandbox.integratedAccountId, baseUrl: sandbox.baseUrl });
      await (await manager.getTools()).find((tool) => tool.name === 'list_all_open_ai_models').invoke({});
      compileJsonSchema({ type: 'string', pattern: '^(a+)+$' }).safeParse('aaa');
      parseRateLimitHeaders({ ratelimit: '"default";r=50;t=30', 'ratelimit-policy': '"default";q=100;w=60' });
      resolveDateRange('Oct 1 2026 3pm EST', { now: new Date('2026-11-25T12:00:00Z') });
      await manager.close();
      await sandbox.close();`);
    expect(packagesAmong(loaded, LOADED_ON_FIRST_USE)).toEqual(LOADED_ON_FIRST_USE);
    // The client's pool and request function alone: undici's index (fetch, WebSocket, caches, mocks) stays unloaded.
    expect(loaded.some((file) => file.endsWith('/node_modules/undici/lib/dispatcher/pool.js'))).toBe(true);
    expect(loaded.some((file) => file.endsWith('/node_modules/undici/index.js'))).toBe(false);
  }, 60_000);
});
