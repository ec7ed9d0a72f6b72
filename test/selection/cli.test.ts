/**
 * `truto-tools list --tokens`, as a subprocess against the sandbox serving PagerDuty's OpenAPI document.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const pagerduty = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/pagerduty.json', seed: 9 } });

async function cli(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('TRUTO_')) delete env[name];
  const { sandbox } = pagerduty;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repository,
    env: {
      ...env,
      TRUTO_API_KEY: sandbox.apiKey,
      TRUTO_API_BASE_URL: sandbox.baseUrl,
      TRUTO_INTEGRATED_ACCOUNT_ID: sandbox.integratedAccountId,
    },
  });
}

describe('truto-tools list --tokens', () => {
  it('reports each listed tool, the catalog and the discovery meta-tools, per framework', async () => {
    const { stdout } = await cli([
      'list',
      '--tokens',
      '--json',
      '--quiet',
      '--search',
      'snooze an incident',
      '--limit',
      '3',
      '--framework',
      'anthropic',
    ]);
    const report = JSON.parse(stdout);
    expect(report.tools).toHaveLength(3);
    expect(report.tools[0]).toMatchObject({ name: 'pagerduty_incidents_snooze', tokens: expect.any(Number) });
    expect(report.framework).toBe('anthropic');
    expect(report.catalog.tools).toBe(465);
    expect(report.discovery.tools).toBe(3);
    expect(report.listed.tokens).toBe(
      report.tools.reduce((sum: number, tool: { tokens: number }) => sum + tool.tokens, 0),
    );
    expect(report.discovery.tokens).toBeLessThan(report.catalog.tokens / 100);
  }, 60_000);

  it('adds a TOKENS column and the totals to the table', async () => {
    const { stdout, stderr } = await cli(['list', '--tokens', '--search', 'who is on call', '--limit', '2']);
    expect(stdout).toMatch(/^NAME\s+METHOD\s+TOKENS\s+DESCRIPTION/m);
    expect(stderr).toMatch(/catalog:\s+[\d,]+ \(465 tools\)/);
    expect(stderr).toMatch(/discovery:\s+[\d,]+ \(search_tools, describe_tool, call_tool\)/);
  }, 60_000);

  it('refuses an unknown framework', async () => {
    await expect(cli(['list', '--tokens', '--framework', 'cobol'])).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
