/**
 * `truto-tools snapshot`: saves an account's catalog to a snapshot file, and with `--record` runs a recording proxy
 * that appends every answer to it, so CI can replay the real integration offline (`truto-tools sandbox --catalog`).
 */
import { existsSync } from 'node:fs';
import { snapshotAccount } from '../../recording/account-snapshot.js';
import { startRecordingProxy } from '../../recording/recording-proxy.js';
import { writeSnapshotFile } from '../../recording/snapshot-file.js';
import { waitForStop } from '../../shared/wait-for-stop.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connectionOptions, parseCommand } from '../args.js';
import { CliUsageError, EXIT_OK } from '../exit-codes.js';
import { type CliIo, Output } from '../output.js';

export const SNAPSHOT_HELP = `Usage: truto-tools snapshot --output <file> [--force] [--record [--port <n>]] [options]

Saves the account's whole catalog (every page of /tools) to a snapshot file that the sandbox replays offline
(truto-tools sandbox --catalog <file>, or startSandbox({ catalog: <file> })). No secret is ever written: not the
API key in any encoding, no Authorization or cookie header, no token or password in a body.

  --output <file>        the snapshot file to write (required)
  --force                replace the file if it exists (otherwise an existing file is an error)
  --record               then run a recording proxy on 127.0.0.1 until Ctrl-C: point any client's base URL at the
                         address it prints and every /proxy answer is appended to the file, scrubbed. Clients
                         authenticate with the token it prints, or with the real API key; the proxy sends the
                         real key to Truto itself.
  --port <n>             the recording proxy's port; default 0 (a free one)

With --json: one line, {"file", "tools", "integratedAccountId"}; with --record, {"baseUrl", "file", "token"} once
the proxy listens.

${CONNECTION_HELP}
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  output: { type: 'string' },
  force: { type: 'boolean' },
  record: { type: 'boolean' },
  port: { type: 'string' },
} as const;

export async function runSnapshotCommand(
  argv: readonly string[],
  io: CliIo,
  /** Stops a `--record` run, as SIGINT and SIGTERM do. */
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseCommand('snapshot', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(SNAPSHOT_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new CliUsageError(`snapshot: unexpected argument "${positionals[0]}".`);
  const file = values.output;
  if (!file) throw new CliUsageError('snapshot: --output <file> is required, e.g. --output truto-snapshot.json.');
  const port = portNumber(values.port);
  if (port !== undefined && !values.record) throw new CliUsageError('snapshot: --port only applies with --record.');
  const output = new Output(io, { json: values.json ?? false, quiet: values.quiet ?? false });
  const connection = connectionOptions(values, io.env);
  const apiKey = connection.apiKey!;
  output.addSecret(apiKey);
  // Checked before the catalog is fetched, so a forgotten --force costs nothing; the write itself checks again.
  if (!values.force && existsSync(file)) throw existingFile(file);
  if (values['cache-dir']) output.warn('--cache-dir is ignored: a snapshot always fetches the catalog afresh.');

  const methods = listOf(connection.methods);
  const tags = listOf(connection.tags);
  const snapshot = await output.progress('Fetching tools…', () =>
    snapshotAccount({
      apiKey,
      integratedAccountId: connection.integratedAccountId!,
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      ...(methods ? { methods } : {}),
      ...(tags ? { tags } : {}),
      onWarning: (message) => output.warn(message),
    }),
  );
  try {
    await writeSnapshotFile(file, snapshot, { overwrite: values.force ?? false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw existingFile(file);
    throw error;
  }
  const summary = { file, tools: snapshot.tools.length, integratedAccountId: connection.integratedAccountId };
  if (!values.record) {
    if (output.json) output.print(JSON.stringify(summary));
    else output.print(`Saved ${plural(summary.tools, 'tool')} to ${file}.`);
    return EXIT_OK;
  }

  const proxy = await startRecordingProxy({
    apiKey,
    integratedAccountId: connection.integratedAccountId!,
    file,
    ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
    ...(port !== undefined ? { port } : {}),
    onWarning: (message) => output.warn(message),
  });
  const before = proxy.recordingCount;
  if (output.json) output.print(JSON.stringify({ baseUrl: proxy.baseUrl, file, token: proxy.token }));
  else {
    output.print(`Saved ${plural(summary.tools, 'tool')} to ${file}.`);
    output.print(`Recording proxy: ${proxy.baseUrl}`);
    output.print(`Token: ${proxy.token}`);
    output.note(
      `Point clients at it, e.g. TRUTO_API_BASE_URL=${proxy.baseUrl} TRUTO_API_KEY=${proxy.token} (the real key works too).\n` +
        `Every /proxy answer is appended to ${file}. Ctrl-C stops.`,
    );
  }
  await waitForStop(signal);
  await proxy.close();
  output.note(`Stopped; ${plural(proxy.recordingCount - before, 'exchange')} recorded in ${file}.`);
  return EXIT_OK;
}

function existingFile(file: string): CliUsageError {
  return new CliUsageError(`snapshot: ${file} already exists. Pass --force to replace it, or choose another --output.`);
}

function portNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new CliUsageError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(text)}.`);
  }
  return port;
}

/** `--methods list,get` → `['list', 'get']`. */
function listOf(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
