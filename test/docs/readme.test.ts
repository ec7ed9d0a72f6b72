/**
 * The README's examples must work. Every TypeScript snippet is type-checked against the real packages, and every
 * snippet that needs no model provider, no Redis and no long-running server is executed, in its own process, against
 * a sandbox named by the same environment variables a user would set.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const snippets = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map(
  (match) => match[1]!,
);
/** Snippets that call a model provider, need Redis, or serve forever are type-checked only. */
const NOT_OFFLINE =
  /new OpenAI\(|new Anthropic\(|ChatOpenAI|generateText\(|createRedisStore|serveMcpStdio|startMcpHttpServer|ToolCallsInterruptedError/;
// Inside the repository (not node_modules) so tsx compiles the snippets and the tsconfig `paths` resolve the package.
const directory = join(ROOT, '.tmp', `readme-${process.pid}`);
let sandbox: Sandbox;

beforeAll(async () => {
  mkdirSync(directory, { recursive: true });
  for (const [index, snippet] of snippets.entries()) {
    writeFileSync(join(directory, `snippet-${index}.ts`), `${snippet}\nexport {};\n`);
  }
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('README.md', () => {
  it('has the quickstart and a section per framework', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(15);
  });

  it('type-checks every TypeScript snippet', async () => {
    writeFileSync(
      join(directory, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { baseUrl: '../..' }, include: ['./*.ts'] }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', join(directory, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: ROOT,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe('');
  }, 120_000);

  const runnable = snippets
    .map((snippet, index) => ({ snippet, index }))
    .filter(({ snippet }) => !NOT_OFFLINE.test(snippet));

  it.each(
    runnable.map(({ index, snippet }) => [
      index,
      snippet.split('\n').find((line) => line.trim() && !line.startsWith('import')),
    ]),
  )(
    'runs snippet %i (%s) against the sandbox',
    async (index) => {
      const env = {
        ...process.env,
        TRUTO_API_KEY: sandbox.apiKey,
        TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
        OPENAI_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
        TRUTO_API_BASE_URL: sandbox.baseUrl,
      };
      const { stderr } = await run(process.execPath, ['--import', 'tsx', join(directory, `snippet-${index}.ts`)], {
        cwd: ROOT,
        env,
        timeout: 60_000,
      });
      expect(stderr).not.toMatch(/Error/);
    },
    90_000,
  );
});
