import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envWithoutCredentials } from '../support/sandbox.js';

const run = promisify(execFile);

/** Runs a file the way a user would, in its own process, with no Truto or OpenAI credentials in the environment. */
async function runExample(file: string, extraEnv: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', file], { env: envWithoutCredentials(extraEnv), timeout: 60_000 });
}

/** The article's code blocks, copied into the repository (see test/fixtures/seed-article/PROVENANCE.md). */
const articleBlock = (file: string) =>
  readFileSync(new URL(`../fixtures/seed-article/${file}`, import.meta.url), 'utf8');

/** Non-empty lines, trimmed, so that whitespace (the article's trailing spaces and blank lines) does not count. */
const codeLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

describe("the seed article's example", () => {
  it("contains the article's Step 1 and Step 2 code line for line (only ChatOpenAI's import moved to setup)", () => {
    const [chatOpenAiImport, ...step1] = codeLines(articleBlock('step-1.ts.txt'));
    const step2 = codeLines(articleBlock('step-2.ts.txt'));
    const example = codeLines(readFileSync(new URL('../../examples/seed-example.ts', import.meta.url), 'utf8'));
    // Setup decides between the real ChatOpenAI and the scripted model, so this one import cannot stay as written.
    expect(chatOpenAiImport).toBe('import { ChatOpenAI } from "@langchain/openai";');
    for (const block of [step1, step2]) {
      const start = example.indexOf(block[0]!);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(example.slice(start, start + block.length)).toEqual(block);
    }
  });

  it('runs Step 1 and Step 2 unchanged against the sandbox: a tool call, then the final answer', async () => {
    const { stdout } = await runExample('examples/seed-example.ts');
    expect(stdout).toContain('Executing tool: list_all_open_ai_costs');
    expect(stdout).toMatch(
      /Final Answer: Since October 1st the organization spent \$\d+\.\d\d\. Top line item: .+; top project: proj_/,
    );
  });

  it("pauses on a 429 exactly as the article's loop does, then finishes", async () => {
    const { stdout, stderr } = await runExample('examples/seed-example.ts', { SEED_EXAMPLE_RATE_LIMIT_ONCE: '1' });
    expect(stderr).toContain('Rate limit hit. Agent pausing for 1 seconds.');
    expect(stdout.match(/Executing tool: list_all_open_ai_costs/g)).toHaveLength(2);
    expect(stdout).toContain('Final Answer:');
  });
});
