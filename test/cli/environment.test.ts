/**
 * One set of environment variable names everywhere: what the sandbox prints is what the manager, every CLI command
 * and `truto-tools mcp` read, older names are still read, and a missing value is reported with the fix that fits
 * where it happened (the flag on the command line, the option in code).
 */

import { TrutoConfigError } from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { CONNECTION_HELP } from '../../src/cli/args.js';
import { MCP_COMMAND_USAGE, runMcpCommand } from '../../src/cli/commands/mcp.js';
import { runCli, USAGE } from '../../src/cli/run.js';
import { resolveOptions } from '../../src/manager/options.js';
import { runSandboxCli } from '../../src/sandbox/run-cli.js';

function capture() {
  let text = '';
  return {
    write: (chunk: string) => {
      text += chunk;
    },
    text: () => text,
  };
}

/** Starts `truto-tools sandbox` in this process and returns the variables its printout tells the user to export. */
async function sandboxPrintout(): Promise<{
  env: Record<string, string>;
  printout: string;
  stop: () => Promise<number>;
}> {
  const stdout = capture();
  const stop = new AbortController();
  const running = runSandboxCli([], { stdout, stderr: capture(), signal: stop.signal });
  await expect.poll(() => stdout.text(), { timeout: 10_000 }).toMatch(/export .*\n/);
  const line = /^\s*export (.*)$/m.exec(stdout.text())![1]!;
  const env = Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
  return {
    env,
    printout: stdout.text(),
    stop: async () => {
      stop.abort();
      return running;
    },
  };
}

describe('environment variable names', () => {
  it('the sandbox prints the canonical names, and the CLI works with exactly what it printed', async () => {
    const sandbox = await sandboxPrintout();
    try {
      expect(Object.keys(sandbox.env).sort()).toEqual([
        'TRUTO_API_BASE_URL',
        'TRUTO_API_KEY',
        'TRUTO_INTEGRATED_ACCOUNT_ID',
      ]);
      expect(sandbox.printout).not.toMatch(/TRUTO_API_TOKEN|OPENAI_INTEGRATED_ACCOUNT_ID/);
      const stdout = capture();
      const stderr = capture();
      const code = await runCli(['list', '--json'], { stdout, stderr, env: sandbox.env });
      expect(stderr.text()).toBe('');
      expect(code).toBe(0);
      expect((JSON.parse(stdout.text()) as unknown[]).length).toBeGreaterThan(0);
      // The manager reads the same names when its options are left out.
      expect(resolveOptions({}, sandbox.env)).toMatchObject({
        apiKey: sandbox.env.TRUTO_API_KEY,
        integratedAccountId: sandbox.env.TRUTO_INTEGRATED_ACCOUNT_ID,
        baseUrl: sandbox.env.TRUTO_API_BASE_URL,
      });
    } finally {
      expect(await sandbox.stop()).toBe(0);
    }
  });

  it('still reads the older names, canonical first, and skips empty values', () => {
    const older = { TRUTO_API_TOKEN: 'token-older', OPENAI_INTEGRATED_ACCOUNT_ID: 'account-older' };
    expect(resolveOptions({}, older)).toMatchObject({ apiKey: 'token-older', integratedAccountId: 'account-older' });
    expect(
      resolveOptions(
        {},
        { ...older, TRUTO_API_KEY: 'key-canonical', TRUTO_INTEGRATED_ACCOUNT_ID: 'account-canonical' },
      ),
    ).toMatchObject({ apiKey: 'key-canonical', integratedAccountId: 'account-canonical' });
    // `TRUTO_API_KEY=` in a .env file must not hide a key set under the older name.
    expect(resolveOptions({}, { ...older, TRUTO_API_KEY: '', TRUTO_INTEGRATED_ACCOUNT_ID: '' })).toMatchObject({
      apiKey: 'token-older',
      integratedAccountId: 'account-older',
    });
    // Options win over every variable.
    expect(resolveOptions({ apiKey: 'option', integratedAccountId: 'option-account' }, older)).toMatchObject({
      apiKey: 'option',
      integratedAccountId: 'option-account',
    });
  });

  it('in code, a missing value names the option and the variable', () => {
    expect(() => resolveOptions({ integratedAccountId: 'a' }, {})).toThrow(TrutoConfigError);
    expect(() => resolveOptions({ integratedAccountId: 'a' }, {})).toThrow(
      'No Truto API key. Pass the "apiKey" option, or set TRUTO_API_KEY (or TRUTO_API_TOKEN).',
    );
    expect(() => resolveOptions({ apiKey: 'k' }, {})).toThrow(
      /"integratedAccountId" option, or set TRUTO_INTEGRATED_ACCOUNT_ID \(or OPENAI_INTEGRATED_ACCOUNT_ID\)\.$/,
    );
  });

  it('on the command line, a missing value names the flag and the variable, never a code option', async () => {
    for (const command of ['list', 'describe x', 'call x', 'generate', 'snapshot --output never.json']) {
      const noKey = capture();
      expect(await runCli(command.split(' '), { stdout: capture(), stderr: noKey, env: {} })).toBe(1);
      expect(noKey.text()).toMatch(/No Truto API key\. Set TRUTO_API_KEY \(or TRUTO_API_TOKEN\), or pass --api-key\./);
      const noAccount = capture();
      const env = { TRUTO_API_KEY: 'key-000000' };
      expect(await runCli(command.split(' '), { stdout: capture(), stderr: noAccount, env })).toBe(1);
      expect(noAccount.text()).toMatch(
        /Set TRUTO_INTEGRATED_ACCOUNT_ID \(or OPENAI_INTEGRATED_ACCOUNT_ID\), or pass --account-id <id>\./,
      );
      for (const text of [noKey.text(), noAccount.text()]) expect(text).not.toMatch(/"apiKey"|"integratedAccountId"/);
    }
  });

  it('a bad value is blamed on where it came from: the flag, the variable, or the option', async () => {
    const env = { TRUTO_API_KEY: 'key-000000', TRUTO_INTEGRATED_ACCOUNT_ID: 'acct' };
    const byFlag = capture();
    expect(await runCli(['list', '--base-url', 'ftp://x'], { stdout: capture(), stderr: byFlag, env })).toBe(1);
    expect(byFlag.text()).toMatch(/--base-url must be an http\(s\) URL; got "ftp:\/\/x"\./);
    const byVariable = capture();
    const badUrl = { ...env, TRUTO_API_BASE_URL: 'notaurl' };
    expect(await runCli(['list'], { stdout: capture(), stderr: byVariable, env: badUrl })).toBe(1);
    expect(byVariable.text()).toMatch(/TRUTO_API_BASE_URL must be an http\(s\) URL/);
    const mcp = capture();
    expect(await runMcpCommand([], badUrl, { stderr: mcp })).toBe(1);
    expect(mcp.text()).toMatch(/TRUTO_API_BASE_URL must be an http\(s\) URL/);
    const zone = capture();
    const call = ['call', 'x', '--time-zone', 'Mars/Olympus'];
    expect(await runCli(call, { stdout: capture(), stderr: zone, env })).toBe(1);
    expect(zone.text()).toMatch(/--time-zone must be an IANA time zone/);
    for (const text of [byFlag.text(), byVariable.text(), mcp.text(), zone.text()]) {
      expect(text).not.toMatch(/"baseUrl"|"timeZone"/);
    }
    // In code: the option when it was passed, the variable when it came from the environment.
    expect(() => resolveOptions({ apiKey: 'k', integratedAccountId: 'a', baseUrl: 'ftp://x' }, {})).toThrow(
      /^"baseUrl" must be an http\(s\) URL/,
    );
    expect(() => resolveOptions({ apiKey: 'k', integratedAccountId: 'a' }, { TRUTO_API_BASE_URL: 'notaurl' })).toThrow(
      /^TRUTO_API_BASE_URL .*\(in the environment\) must be an http\(s\) URL/,
    );
  });

  it('truto-tools mcp names its --account flag, not the manager option', async () => {
    const noAccount = capture();
    expect(await runMcpCommand([], { TRUTO_API_KEY: 'key-000000' }, { stderr: noAccount })).toBe(1);
    expect(noAccount.text()).toMatch(
      /No integrated account id\. Set TRUTO_INTEGRATED_ACCOUNT_ID \(or OPENAI_INTEGRATED_ACCOUNT_ID\), or pass --account <id>\./,
    );
    expect(noAccount.text()).not.toMatch(/"integratedAccountId"|Could not load/);
    const noKey = capture();
    expect(await runMcpCommand(['--account', 'abc'], {}, { stderr: noKey })).toBe(1);
    expect(noKey.text()).toMatch(/Set TRUTO_API_KEY \(or TRUTO_API_TOKEN\), or pass --api-key\./);
    expect(noKey.text()).not.toMatch(/"apiKey"/);
  });

  it('truto-tools mcp serves the account the older names point at', async () => {
    const sandbox = await sandboxPrintout();
    const stderr = capture();
    const stop = new AbortController();
    const env = {
      TRUTO_API_TOKEN: sandbox.env.TRUTO_API_KEY!,
      OPENAI_INTEGRATED_ACCOUNT_ID: sandbox.env.TRUTO_INTEGRATED_ACCOUNT_ID!,
      TRUTO_API_BASE_URL: sandbox.env.TRUTO_API_BASE_URL!,
    };
    const running = runMcpCommand(['--http', '--port', '0'], env, { stderr, signal: stop.signal });
    try {
      await expect.poll(() => stderr.text(), { timeout: 10_000 }).toMatch(/serving Streamable HTTP/);
      expect(stderr.text()).toContain(`for integrated account ${env.OPENAI_INTEGRATED_ACCOUNT_ID}`);
    } finally {
      stop.abort();
      expect(await running).toBe(0);
      await sandbox.stop();
    }
  });

  it('help texts print the canonical names', () => {
    for (const text of [USAGE, CONNECTION_HELP, MCP_COMMAND_USAGE]) {
      expect(text).toContain('TRUTO_API_KEY');
      expect(text).toContain('TRUTO_INTEGRATED_ACCOUNT_ID');
      expect(text).toContain('TRUTO_API_BASE_URL');
    }
  });
});
