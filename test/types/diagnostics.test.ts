/**
 * What the compilers say about a typed `invoke` mistake: the real cause (the wrong tool name, the wrong argument type,
 * the missing or extra argument), never "not assignable to parameter of type 'never'", under TypeScript 5.9 and, when
 * it is installed as `typescript7` (`npm install -D typescript7@npm:typescript@^7`), TypeScript 7, which reports only
 * the last overload's error when no overload matches. TypeScript 7 also compiles the type tests (test/types/*.test-d.ts,
 * which `vitest run` compiles with the project's TypeScript).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../..', import.meta.url));
const directory = join(repository, '.tmp', `type-diagnostics-${process.pid}`);

const COMPILERS = {
  'TypeScript 5.9': join(repository, 'node_modules/typescript/bin/tsc'),
  // TRUTO_TYPESCRIPT7_TSC: a TypeScript 7 installed elsewhere (npm run check:consumers points it at its projects').
  'TypeScript 7': process.env.TRUTO_TYPESCRIPT7_TSC ?? join(repository, 'node_modules/typescript7/bin/tsc'),
} as const;

/** One mistake per line, each with what the diagnostic on that line must say. */
const MISTAKES: Array<{ code: string; says: RegExp }> = [
  {
    code: "typed.invoke('list_all_project', {});",
    says: /Argument of type '"list_all_project"' is not assignable to parameter of type 'ToolName<AccountTools>'/,
  },
  {
    code: "typed.invoke('list_all_projects', { limit: 'two' });",
    says: /Type 'string' is not assignable to type 'number'/,
  },
  { code: "typed.invoke('get_single_project_by_id', {});", says: /Property 'id' is missing in type '\{\}'/ },
  { code: "typed.invoke('get_single_project_by_id');", says: /Expected 2-3 arguments, but got 1/ },
  {
    code: "typed.invoke('list_all_projects', { bogus: true });",
    says: /Object literal may only specify known properties, and 'bogus' does not exist/,
  },
  { code: "typed.invoke<{ any: true }>('list_all_projects');", says: /without a type argument/ },
  {
    code: "typed.invokeWithDetails('list_all_project');",
    says: /Argument of type '"list_all_project"' is not assignable to parameter of type 'ToolName<AccountTools>'/,
  },
];

const HEADER = `import { TrutoToolManager } from 'truto-langchainjs-toolset';

interface AccountTools {
  list_all_projects: { args: { limit?: number }; result: { result: unknown[] } };
  get_single_project_by_id: { args: { id: string }; result: unknown };
}
const typed = new TrutoToolManager<AccountTools>({ apiKey: 'key', integratedAccountId: 'account' });
`;
const FIRST_MISTAKE_LINE = HEADER.split('\n').length;

async function compile(tsc: string, project: string): Promise<string> {
  return run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: repository }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

beforeAll(async () => {
  await mkdir(directory, { recursive: true });
  await writeFile(
    join(directory, 'mistakes.ts'),
    `${HEADER}${MISTAKES.map((mistake) => `void ${mistake.code}`).join('\n')}\n`,
  );
  await writeFile(
    join(directory, 'tsconfig.json'),
    JSON.stringify({ extends: '../../test/types/tsconfig.json', include: ['./mistakes.ts'] }),
  );
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('typed invoke diagnostics', () => {
  for (const [compiler, tsc] of Object.entries(COMPILERS)) {
    it.skipIf(!existsSync(tsc))(
      `${compiler} names the real cause of each mistake`,
      async () => {
        const output = await compile(tsc, join(directory, 'tsconfig.json'));
        expect(output).not.toMatch(/'never'/);
        const byLine = new Map<number, string>();
        for (const match of output.matchAll(/mistakes\.ts\((\d+),\d+\): (error TS\d+: .*(?:\n {2}.*)*)/g)) {
          byLine.set(Number(match[1]), `${byLine.get(Number(match[1])) ?? ''}${match[2]}\n`);
        }
        for (const [index, mistake] of MISTAKES.entries()) {
          expect(byLine.get(FIRST_MISTAKE_LINE + index), mistake.code).toMatch(mistake.says);
        }
        expect(byLine.size).toBe(MISTAKES.length);
      },
      180_000,
    );
  }

  it.skipIf(!existsSync(COMPILERS['TypeScript 7']))(
    'TypeScript 7 compiles the type tests',
    async () => {
      expect(await compile(COMPILERS['TypeScript 7'], join(repository, 'test/types/tsconfig.json'))).toBe('');
    },
    180_000,
  );
});
