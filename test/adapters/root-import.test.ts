/**
 * Importing the package root must load no optional framework: a user of the LangChain tools never installs `ai`,
 * `openai`, `@anthropic-ai/sdk`, `@modelcontextprotocol/sdk` or `ioredis`. Checked at run time in a fresh Node
 * process (every ESM module resolved, through a resolve hook, plus every CommonJS module in `require.cache`), and in
 * the built bundle when `dist/` exists.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `npm run build` output; point TRUTO_DIST_DIR elsewhere to check a build made outside the tree. */
const DIST = process.env.TRUTO_DIST_DIR ?? join(ROOT, 'dist');
const OPTIONAL_PACKAGES = [
  'ai',
  'openai',
  '@anthropic-ai/sdk',
  '@modelcontextprotocol/sdk',
  'ioredis',
  // The sandbox's OpenAPI and catalog sources: optional dependencies loaded only when those sources start.
  'yaml',
  '@apidevtools/json-schema-ref-parser',
  'json-schema-faker',
  'ajv',
  'ajv-formats',
];

const IMPORT_AND_LIST_CJS = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
await import(pathToFileURL(process.env.ENTRY).href);
process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));
`;

/** Every module file a fresh process loads when it imports `entry`. */
async function modulesLoadedBy(entry: string): Promise<string[]> {
  const directory = mkdtempSync(join(tmpdir(), 'module-loads-'));
  const log = join(directory, 'loads.txt');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/adapters/support/record-module-loads.mjs',
        '--input-type=module',
        '-e',
        IMPORT_AND_LIST_CJS,
      ],
      { cwd: ROOT, env: { ...process.env, ENTRY: join(ROOT, entry), MODULE_LOAD_LOG: log } },
    );
    const esm = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((url) => (url.startsWith('file:') ? fileURLToPath(url) : url));
    return [...esm, ...(JSON.parse(stdout) as string[])];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function packagesAmong(files: readonly string[]): string[] {
  return OPTIONAL_PACKAGES.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
}

describe('importing the package root', () => {
  it('loads none of the optional framework packages', async () => {
    const loaded = await modulesLoadedBy('src/index.ts');
    expect(loaded.some((file) => file.includes('/node_modules/@langchain/core/'))).toBe(true);
    expect(packagesAmong(loaded)).toEqual([]);
  }, 60_000);

  it('is a check that can fail: the adapter entries load their framework, and only theirs', async () => {
    // The MCP SDK validates with ajv itself: those loads are its own.
    const mcp = packagesAmong(await modulesLoadedBy('src/entries/mcp.ts'));
    expect(mcp.filter((name) => !name.startsWith('ajv'))).toEqual(['@modelcontextprotocol/sdk']);
    expect(packagesAmong(await modulesLoadedBy('src/entries/ai-sdk.ts'))).toEqual(['ai']);
    // The OpenAI and Anthropic adapters only shape plain objects: not even their own SDK is loaded.
    expect(packagesAmong(await modulesLoadedBy('src/entries/openai.ts'))).toEqual([]);
    expect(packagesAmong(await modulesLoadedBy('src/entries/anthropic.ts'))).toEqual([]);
    // The sandbox entry (and its default OpenAI account) needs none of the OpenAPI tooling until asked for it.
    expect(packagesAmong(await modulesLoadedBy('src/entries/sandbox.ts'))).toEqual([]);
  }, 60_000);

  it.skipIf(!existsSync(join(DIST, 'index.js')))(
    'imports none of them from the built bundle, ESM, CommonJS or types',
    () => {
      const specifiers = [
        ...importedPackages(join(DIST, 'index.js')),
        ...importedPackages(join(DIST, 'index.cjs')),
        ...importedPackages(join(DIST, 'index.d.ts')),
      ];
      const forbidden = specifiers.filter((specifier) =>
        OPTIONAL_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)),
      );
      expect(specifiers).toContain('@langchain/core/tools');
      expect(forbidden).toEqual([]);
    },
  );
});

/** The bare specifiers a built file imports or requires, following its relative imports (chunks, type files). */
function importedPackages(entry: string): string[] {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']([^"']+)["']/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return [...bare];
}
