/**
 * The sandbox's optional packages (yaml, the `$ref` bundler, json-schema-faker, ajv, ajv-formats) are loaded by
 * `startSandbox({ openapi | catalog })` only: never by the package root, by importing the sandbox entry, or by the
 * default OpenAI sandbox. Checked at run time in fresh Node processes (every module resolved, through the resolve
 * hook test/adapters uses, plus `require.cache`), and in the built bundle when `dist/` exists.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TrutoConfigError } from '../../src/errors/index';
import { importOptional } from '../../src/sandbox/sources/shared/optional-dependency';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = process.env.TRUTO_DIST_DIR ?? join(ROOT, 'dist');
/** A `dist/` built before the OpenAPI sandbox existed says nothing about it (CI builds first). */
const BUILT_WITH_OPENAPI =
  existsSync(join(DIST, 'sandbox.js')) && readFileSync(join(DIST, 'sandbox.js'), 'utf8').includes('toolsFromOpenApi');
const SANDBOX_PACKAGES = ['yaml', '@apidevtools/json-schema-ref-parser', 'json-schema-faker', 'ajv', 'ajv-formats'];

/** Imports ENTRY, then runs what SCENARIO asks for, then prints the CommonJS modules loaded. */
const SCRIPT = `
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const entry = await import(pathToFileURL(process.env.ENTRY).href);
const scenario = process.env.SCENARIO;
if (scenario === 'openai') {
  const sandbox = await entry.startSandbox();
  await sandbox.close();
} else if (scenario === 'openapi') {
  const sandbox = await entry.startSandbox({ openapi: { openapi: '3.1.0', info: { title: 'Tiny' }, paths: {} } });
  await sandbox.close();
} else if (scenario === 'convert') {
  entry.toolsFromOpenApi({ openapi: '3.0.0', info: { title: 'Tiny' }, paths: { '/a': { get: { responses: {} } } } });
}
process.stdout.write(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));
`;

async function packagesLoaded(entry: string, scenario: string): Promise<string[]> {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const directory = mkdtempSync(join(ROOT, '.tmp', 'sandbox-loads-'));
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
        SCRIPT,
      ],
      { cwd: ROOT, env: { ...process.env, ENTRY: join(ROOT, entry), SCENARIO: scenario, MODULE_LOAD_LOG: log } },
    );
    const files = [
      ...readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((url) => (url.startsWith('file:') ? fileURLToPath(url) : url)),
      ...(JSON.parse(stdout) as string[]),
    ];
    return SANDBOX_PACKAGES.filter((name) => files.some((file) => file.includes(`/node_modules/${name}/`)));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('the sandbox optional packages', () => {
  it('say what to install when one is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'json-schema-faker' imported from sandbox.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const attempt = importOptional('json-schema-faker', 'startSandbox({ openapi })', () => Promise.reject(missing));
    await expect(attempt).rejects.toThrow(TrutoConfigError);
    await expect(attempt).rejects.toThrow(
      "startSandbox({ openapi }) needs the optional package 'json-schema-faker', which is not installed. Install it with: npm install json-schema-faker@'^0.6.3'",
    );
    // Any other failure while loading is passed on as it is.
    const broken = new SyntaxError('Unexpected token');
    await expect(importOptional('yaml', 'x', () => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('are not loaded by the package root', async () => {
    expect(await packagesLoaded('src/index.ts', 'none')).toEqual([]);
  }, 60_000);

  it('are not loaded by the sandbox entry, the OpenAI sandbox or the converter', async () => {
    expect(await packagesLoaded('src/entries/sandbox.ts', 'none')).toEqual([]);
    expect(await packagesLoaded('src/entries/sandbox.ts', 'openai')).toEqual([]);
    expect(await packagesLoaded('src/entries/sandbox.ts', 'convert')).toEqual([]);
  }, 60_000);

  it('are loaded by an OpenAPI sandbox (the check can fail)', async () => {
    // A JSON document object without external references needs neither the YAML parser nor the bundler.
    expect(await packagesLoaded('src/entries/sandbox.ts', 'openapi')).toEqual([
      'json-schema-faker',
      'ajv',
      'ajv-formats',
    ]);
  }, 60_000);

  it.skipIf(!BUILT_WITH_OPENAPI)('are external to the built bundles and imported lazily', () => {
    for (const file of ['index.js', 'index.cjs', 'sandbox.js', 'sandbox.cjs']) {
      const { staticImports, dynamicImports } = importsOf(join(DIST, file));
      const bundledOrStatic = staticImports.filter((specifier) =>
        SANDBOX_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`)),
      );
      expect(bundledOrStatic, file).toEqual([]);
      if (file.startsWith('sandbox'))
        expect(dynamicImports, file).toEqual(expect.arrayContaining(['json-schema-faker', 'ajv', 'yaml']));
    }
    // Bundled copies would show their code, not an import.
    expect(readFileSync(join(DIST, 'sandbox.js'), 'utf8')).not.toMatch(/function\s+generateSync|class\s+Ajv\b/);
  });
});

/** Bare specifiers a built file imports statically and with `import()`, following its relative imports. */
function importsOf(entry: string): { staticImports: string[]; dynamicImports: string[] } {
  const seen = new Set<string>();
  const staticImports = new Set<string>();
  const dynamicImports = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else dynamicImports.add(specifier);
    }
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s+|\brequire\(\s*)["']([^"']+)["']/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else staticImports.add(specifier);
    }
  };
  visit(entry);
  return { staticImports: [...staticImports], dynamicImports: [...dynamicImports] };
}
