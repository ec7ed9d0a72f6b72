/**
 * The built package, used the way an installed user uses it: ESM `import` and CJS `require` of every subpath by the
 * package's own name (Node resolves a package's self-reference through its `exports`), type declarations for each,
 * and the `truto-tools` bin. `npm test` builds first; without a build this fails under CI and skips locally.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const built = existsSync('dist/index.js');
const SUBPATHS = ['', '/sandbox', '/ai-sdk', '/openai', '/anthropic', '/mcp', '/redis', '/langgraph'];

if (!built && process.env.CI)
  throw new Error('dist/ is missing: run `npm run build` before the tests (npm test does).');

describe.skipIf(!built)('the built package', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it.each(SUBPATHS)(
    'imports truto-langchainjs-toolset%s as ESM and requires it as CJS, with declarations',
    async (subpath) => {
      const name = `truto-langchainjs-toolset${subpath}`;
      const esm = await run(process.execPath, [
        '--input-type=module',
        '-e',
        `const m = await import('${name}'); console.log(Object.keys(m).length)`,
      ]);
      const cjs = await run(process.execPath, ['-e', `console.log(Object.keys(require('${name}')).length)`]);
      expect(Number(esm.stdout)).toBeGreaterThan(0);
      expect(Number(cjs.stdout)).toBe(Number(esm.stdout));
      const file = subpath === '' ? 'index' : subpath.slice(1);
      expect(existsSync(`dist/${file}.d.ts`)).toBe(true);
      expect(existsSync(`dist/${file}.d.cts`)).toBe(true);
    },
  );

  it('runs the seed flow from the CJS build against the sandbox', async () => {
    const script = `
      const { TrutoToolManager, RateLimitError } = require('truto-langchainjs-toolset');
      (async () => {
        const manager = new TrutoToolManager({ apiKey: '${sandbox.apiKey}', integratedAccountId: '${sandbox.integratedAccountId}', baseUrl: '${sandbox.baseUrl}' });
        const tools = await manager.getTools();
        const costs = tools.find((tool) => tool.name === 'list_all_open_ai_costs');
        const text = await costs.invoke({ start_time: 'last week' });
        console.log(JSON.parse(text).result.length > 0, RateLimitError.name);
        await manager.close();
      })();`;
    const { stdout } = await run(process.execPath, ['-e', script]);
    expect(stdout.trim()).toBe('true RateLimitError');
  });

  it('ships the truto-tools bin with a shebang, and it lists the sandbox tools', async () => {
    const { stdout } = await run(process.execPath, ['dist/cli.js', 'list', '--json'], {
      env: {
        ...process.env,
        TRUTO_API_KEY: sandbox.apiKey,
        TRUTO_API_BASE_URL: sandbox.baseUrl,
        TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
      },
    });
    expect(JSON.stringify(JSON.parse(stdout))).toContain('list_all_open_ai_costs');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync('dist/cli.js', 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });
});
