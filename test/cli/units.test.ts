import {
  AuthenticationError,
  DateExpressionError,
  ToolInputError,
  ToolNotFoundError,
  TrutoConfigError,
  TrutoConnectionError,
} from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { connectionOptions, toHeader, toNamePattern } from '../../src/cli/args.js';
import { CliInputError, CliUsageError, exitCodeFor } from '../../src/cli/exit-codes.js';
import { Output } from '../../src/cli/output.js';
import { runCli } from '../../src/cli/run.js';

function capture(isTTY = false) {
  const written: string[] = [];
  return { stream: { write: (text: string) => written.push(text), isTTY }, text: () => written.join(''), written };
}

describe('exit codes', () => {
  it('maps usage, API and input failures to 1, 2 and 3', () => {
    const api = new AuthenticationError({ status: 401, headers: {}, body: undefined, method: 'GET', url: 'https://x' });
    expect(exitCodeFor(new CliUsageError('x'))).toBe(1);
    expect(exitCodeFor(new TrutoConfigError('x'))).toBe(1);
    expect(exitCodeFor(new Error('unexpected'))).toBe(1);
    expect(exitCodeFor(api)).toBe(2);
    expect(
      exitCodeFor(new TrutoConnectionError({ method: 'GET', url: 'https://x', cause: new Error('refused') })),
    ).toBe(2);
    expect(exitCodeFor(new ToolInputError('t', []))).toBe(3);
    expect(exitCodeFor(new DateExpressionError('someday', 'unreadable'))).toBe(3);
    expect(exitCodeFor(new ToolNotFoundError('t'))).toBe(3);
    expect(exitCodeFor(new CliInputError('x'))).toBe(3);
  });
});

describe('arguments', () => {
  it('reads /regex/flags as a RegExp and anything else as a name or glob', () => {
    expect(toNamePattern('/^list_/i')).toEqual(/^list_/i);
    expect(toNamePattern('*_costs')).toBe('*_costs');
    expect(() => toNamePattern('/(/')).toThrow(CliUsageError);
  });

  it('reads headers written with a colon or an equals sign', () => {
    expect(toHeader('Idempotency-Key: abc')).toEqual(['Idempotency-Key', 'abc']);
    expect(toHeader('x-trace=1:2')).toEqual(['x-trace', '1:2']);
    expect(() => toHeader('no separator')).toThrow(CliUsageError);
  });

  it('takes flags over the environment, with fallbacks for the key and the account id', () => {
    expect(connectionOptions({}, { TRUTO_API_TOKEN: 'token', OPENAI_INTEGRATED_ACCOUNT_ID: 'acc' })).toMatchObject({
      apiKey: 'token',
      integratedAccountId: 'acc',
    });
    expect(
      connectionOptions(
        { 'api-key': 'flag', 'account-id': 'flag-acc' },
        { TRUTO_API_KEY: 'env', TRUTO_INTEGRATED_ACCOUNT_ID: 'env' },
      ),
    ).toMatchObject({ apiKey: 'flag', integratedAccountId: 'flag-acc' });
    expect(() => connectionOptions({}, { TRUTO_INTEGRATED_ACCOUNT_ID: 'acc' })).toThrow(/TRUTO_API_KEY/);
  });
});

describe('truto-tools sandbox --help', () => {
  it('shows the command a user typed, and the repository script only as an aside', async () => {
    const stdout = capture();
    expect(await runCli(['sandbox', '--help'], { stdout: stdout.stream, stderr: capture().stream, env: {} })).toBe(0);
    expect(stdout.text()).toMatch(
      /^Usage: truto-tools sandbox \[options\]\n\s+\(in this repository: npm run sandbox -- \[options\]\)/,
    );
  });
});

describe('Output', () => {
  it('shows a spinner on a terminal and erases it when the work ends', async () => {
    const stderr = capture(true);
    const output = new Output({ stdout: capture().stream, stderr: stderr.stream, env: {} }, { json: false });
    expect(await output.progress('Fetching tools…', async () => 42)).toBe(42);
    expect(stderr.written[0]).toMatch(/^\r. Fetching tools…$/);
    expect(stderr.written.at(-1)).toBe('\r\x1b[K');
  });

  it('prints no progress when stderr is not a terminal', async () => {
    const stderr = capture(false);
    const output = new Output({ stdout: capture().stream, stderr: stderr.stream, env: {} }, { json: false });
    await output.progress('Fetching tools…', async () => undefined);
    expect(stderr.text()).toBe('');
  });

  it('scrubs secrets from everything it prints and summarises binary data', () => {
    const stdout = capture();
    const stderr = capture();
    const output = new Output({ stdout: stdout.stream, stderr: stderr.stream, env: {} }, { json: true });
    output.addSecret('sk-secret-123');
    output.note('sent Bearer sk-secret-123');
    output.printJson({ echoed: 'sk-secret-123', audio: Buffer.from('abc') });
    expect(stderr.text()).toBe('sent Bearer [redacted]\n');
    expect(JSON.parse(stdout.text())).toEqual({ echoed: '[redacted]', audio: { binary: true, bytes: 3 } });
  });
});

describe('runCli in-process', () => {
  it('reports a missing key as a usage error, in JSON too', async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(['list', '--json'], { stdout: stdout.stream, stderr: stderr.stream, env: {} });
    expect(code).toBe(1);
    expect(stderr.text()).toMatch(/^error: No Truto API key/);
    expect(JSON.parse(stdout.text()).error).toMatchObject({ name: 'CliUsageError', exitCode: 1 });
  });
});
