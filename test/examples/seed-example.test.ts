import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a file the way a user would, in its own process, with no Truto or OpenAI credentials in the environment. */
async function runExample(file: string, extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, ...extraEnv };
  for (const name of ['TRUTO_API_KEY', 'TRUTO_API_TOKEN', 'OPENAI_API_KEY', 'OPENAI_INTEGRATED_ACCOUNT_ID', 'TRUTO_INTEGRATED_ACCOUNT_ID', 'TRUTO_API_BASE_URL']) {
    if (!(name in extraEnv)) delete env[name];
  }
  return run(process.execPath, ['--import', 'tsx', file], { env, timeout: 60_000 });
}

describe("the seed article's example", () => {
  it('runs Step 1 and Step 2 unchanged against the sandbox: a tool call, then the final answer', async () => {
    const { stdout } = await runExample('examples/seed-example.ts');
    expect(stdout).toContain('Executing tool: list_all_open_ai_costs');
    expect(stdout).toMatch(/Final Answer: Since October 1st the organization spent \$\d+\.\d\d\. Top line item: .+; top project: proj_/);
  });

  it("pauses on a 429 exactly as the article's loop does, then finishes", async () => {
    const { stdout, stderr } = await runExample('examples/seed-example.ts', { SEED_EXAMPLE_RATE_LIMIT_ONCE: '1' });
    expect(stderr).toContain('Rate limit hit. Agent pausing for 1 seconds.');
    expect(stdout.match(/Executing tool: list_all_open_ai_costs/g)).toHaveLength(2);
    expect(stdout).toContain('Final Answer:');
  });
});
