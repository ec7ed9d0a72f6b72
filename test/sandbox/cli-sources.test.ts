/** `truto-tools sandbox --openapi <file>` and `--catalog <file>`: flags, and a sandbox started from the CLI. */
import { runSandboxCli } from 'truto-langchainjs-toolset/sandbox';
import { describe, expect, it } from 'vitest';
import { parseCliOptions } from '../../src/sandbox/run-cli';
import { ASANA_PATH } from './fixtures/openapi-documents';
import { requestJson } from './helpers';

describe('sandbox CLI sources', () => {
  it('reads --openapi, --integration, --seed and --catalog', () => {
    expect(parseCliOptions(['--openapi', 'asana.yaml', '--integration', 'asana', '--seed', '42'])).toEqual({
      options: { openapi: 'asana.yaml', integration: 'asana', seed: 42 },
      json: false,
    });
    expect(parseCliOptions(['--catalog', 'snapshot.json', '--json'])).toEqual({
      options: { catalog: 'snapshot.json' },
      json: true,
    });
    expect(() => parseCliOptions(['--openapi', 'a.yaml', '--catalog', 'b.json'])).toThrow(/exclude each other/);
    expect(() => parseCliOptions(['--integration', 'asana'])).toThrow(/--openapi or --catalog/);
    expect(() => parseCliOptions(['--openapi', 'a.yaml', '--seed', 'lucky'])).toThrow(/--seed must be a whole number/);
  });

  it('starts an OpenAPI sandbox and prints one JSON line', async () => {
    let output = '';
    const controller = new AbortController();
    const exit = runSandboxCli(['--openapi', ASANA_PATH, '--json', '--seed', '3'], {
      stdout: { write: (text: string) => (output += text) },
      signal: controller.signal,
    });
    while (!output.includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
    const line = JSON.parse(output);
    expect(line).toMatchObject({ integration: 'asana', tools: 247, apiKey: 'sandbox-api-key' });
    const answer = await requestJson(
      `${line.baseUrl}/proxy/tasks?integrated_account_id=${line.integratedAccountId}&limit=2`,
      { headers: { authorization: `Bearer ${line.apiKey}` } },
    );
    expect(answer.body.result).toHaveLength(2);
    controller.abort();
    expect(await exit).toBe(0);
  });

  it('says what is wrong with a missing document, exit code 1', async () => {
    let errors = '';
    const code = await runSandboxCli(['--openapi', 'no/such/file.yaml'], {
      stderr: { write: (text: string) => (errors += text) },
    });
    expect(code).toBe(1);
    expect(errors).toMatch(/Could not start the sandbox: Could not read the OpenAPI document .*no\/such\/file\.yaml/);
  });
});
