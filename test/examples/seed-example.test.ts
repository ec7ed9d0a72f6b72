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

/** Non-empty, trimmed lines of `text` from the line starting with `first` through the line starting with `last`. */
function linesBetween(text: string, first: string, last: string, from = 0): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const start = lines.findIndex((line, index) => index >= from && line.startsWith(first));
  const end = lines.findIndex((line, index) => index > start && line.startsWith(last));
  if (start < 0 || end < 0) throw new Error(`no block from "${first}" to "${last}"`);
  return lines.slice(start, end + 1);
}

describe("the seed article's example", () => {
  it("contains the article's Step 1 and Step 2 code line for line (only ChatOpenAI's import moved to setup)", () => {
    const article = readFileSync('../shared/seed/000_acea8c88e7e35f5b.txt', 'utf8');
    const example = readFileSync('examples/seed-example.ts', 'utf8');
    const step1 = linesBetween(article, 'import { TrutoToolManager }', 'const tools = await toolManager.getTools();');
    const step2 = linesBetween(
      article,
      '// Initialize your LLM orchestration',
      '// Loop will re-attempt the previous state',
    );
    const exampleLines = example
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const block of [step1, step2]) {
      const start = exampleLines.indexOf(block[0]!);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(exampleLines.slice(start, start + block.length)).toEqual(block);
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
