import { readFile, writeFile } from 'node:fs/promises';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { DatePathStep } from '../../dates/index.js';
import { isValidTimeZone } from '../../dates/zone.js';
import type { DryRunRequest } from '../../invoke/hooks.js';
import { createRecorder, type Recorder } from '../../recording/recorder.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connectionOptions, parseCommand, toHeader } from '../args.js';
import { createCommandContext, unknownTool, withManager } from '../context.js';
import { CliInputError, CliUsageError, EXIT_OK } from '../exit-codes.js';
import type { CliIo, Output } from '../output.js';

export const CALL_HELP = `Usage: truto-tools call <tool> [--args '<json>'] [options]

Calls a tool exactly as a model would: the arguments are validated, date expressions ("last week",
"October 1st") are resolved to the timestamps the API wants, and the arguments as sent are shown.

  --args <json|@file>    the arguments, a JSON object (or @path to a file holding one); default {}
  --dry-run              build the request and print it (method, URL, headers without secrets, body); send nothing
  --header <Name: value> an extra header for this call (Idempotency-Key, ...); repeatable
  --now <date>           the clock relative dates resolve against (ISO 8601); default: now
  --time-zone <zone>     IANA zone for calendar boundaries; default UTC
  --output <file>        write a binary answer (audio) to this file; without it, binary answers are saved in a
                         temporary folder and their path is printed
  --files-root <dir>     the folder file arguments may name paths in (e.g. {"file": "meeting.wav"}); default: the
                         current directory
  --record <file>        append this call's exchange (the answer, error statuses too) to a snapshot file, scrubbed
                         of secrets; a missing file is created with the account's catalog (see truto-tools snapshot)

${CONNECTION_HELP}
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  args: { type: 'string' },
  'dry-run': { type: 'boolean' },
  header: { type: 'string', multiple: true },
  now: { type: 'string' },
  'time-zone': { type: 'string' },
  output: { type: 'string' },
  'files-root': { type: 'string' },
  record: { type: 'string' },
} as const;

export async function runCallCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand('call', argv, OPTIONS);
  if (values.help) {
    io.stdout.write(CALL_HELP);
    return EXIT_OK;
  }
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) {
    throw new CliUsageError(
      `call: name exactly one tool, e.g. truto-tools call list_all_open_ai_costs --args '{"start_time":"last week"}'.`,
    );
  }
  const args = await readArguments(values.args);
  const headers = Object.fromEntries((values.header ?? []).map(toHeader));
  const now = values.now === undefined ? undefined : parseNow(values.now);
  if (values['time-zone'] !== undefined && !isValidTimeZone(values['time-zone'])) {
    throw new CliUsageError(
      `--time-zone must be an IANA time zone such as America/New_York; got ${JSON.stringify(values['time-zone'])}.`,
    );
  }
  if (values.record !== undefined && values['dry-run']) {
    throw new CliUsageError('call: --record keeps an answer and --dry-run sends nothing; use one of them.');
  }
  const recorder =
    values.record === undefined ? undefined : createRecorder({ secrets: [connectionOptions(values, io.env).apiKey!] });
  const context = createCommandContext(values, io, {
    ...(recorder ? { hooks: recorder.hooks } : {}),
    ...(now ? { now } : {}),
    ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    // The person at the keyboard may upload what they can read; a model gets no such default.
    files: {
      root: values['files-root'] ?? process.cwd(),
      ...(values.output ? { binaryResults: 'bytes' as const } : {}),
    },
  });
  return withManager(context, async ({ manager, output }) => {
    const tools = await output.progress('Fetching tools…', () => manager.getToolDefinitions());
    const tool = tools.find((candidate) => candidate.name === name || candidate.definition.name === name);
    if (!tool) throw await unknownTool(manager, name);
    const outcome = await recordingTo(values.record, recorder, tools, output, () =>
      output.progress(`Calling ${tool.name}…`, () => manager.invokeWithDetails(tool.name, args, { headers })),
    );
    const dates = describeDates(tool, outcome.sentArguments);
    if (outcome.dryRun) {
      const request = outcome.data as DryRunRequest;
      const shown = { method: request.method, url: request.url, headers: request.headers, body: request.body };
      if (output.json)
        output.printJson({ tool: tool.name, dryRun: true, arguments: outcome.sentArguments, dates, request: shown });
      else {
        showArguments(output, outcome.sentArguments, dates);
        output.print(
          `${shown.method} ${shown.url}\n${JSON.stringify({ headers: shown.headers, body: shown.body }, null, 2)}`,
        );
      }
      return EXIT_OK;
    }
    const data = values.output ? await saveBinary(values.output, outcome.data, output) : outcome.data;
    if (output.json) {
      output.printJson({
        tool: tool.name,
        status: outcome.status,
        requestId: outcome.requestId,
        arguments: outcome.sentArguments,
        dates,
        ...(outcome.rateLimit ? { rateLimit: outcome.rateLimit } : {}),
        data,
      });
      return EXIT_OK;
    }
    showArguments(output, outcome.sentArguments, dates);
    output.note(`${outcome.status} · request id ${outcome.requestId}`);
    if (data instanceof Uint8Array)
      output.note(`Binary answer, ${data.byteLength} bytes: pass --output <file> to save it.`);
    else if (typeof data === 'string') output.print(data);
    else if (data !== undefined) output.printJson(data);
    return EXIT_OK;
  });
}

/** Runs the call; with `--record`, appends what it recorded (an error status too) whether or not it succeeded. */
async function recordingTo<T>(
  file: string | undefined,
  recorder: Recorder | undefined,
  tools: readonly TrutoTool[],
  output: Output,
  call: () => Promise<T>,
): Promise<T> {
  if (file === undefined || recorder === undefined) return call();
  const { appendRecordingsToFile, readSnapshotFile } = await import('../../recording/snapshot-file.js');
  // A file that is not a snapshot fails here, before the call is sent, rather than after it.
  await readSnapshotFile(file);
  try {
    return await call();
  } finally {
    if (recorder.recordings.length > 0) {
      const snapshot = recorder.toSnapshot(tools);
      const { created } = await appendRecordingsToFile(file, snapshot.recordings, () => ({
        ...snapshot,
        recordings: [],
      }));
      output.note(
        created
          ? `Recorded the exchange in ${file} (created, with ${tools.length} tools).`
          : `Recorded the exchange in ${file}.`,
      );
    } else output.note(`Nothing to record in ${file}: the call got no answer.`);
  }
}

async function readArguments(text: string | undefined): Promise<Record<string, unknown>> {
  if (text === undefined) return {};
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = await readFile(text.slice(1), 'utf8');
    } catch (error) {
      throw new CliInputError(`--args: could not read ${text.slice(1)}: ${(error as Error).message}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new CliInputError(`--args is not valid JSON (${(error as Error).message}). Quote it: --args '{"limit": 5}'.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliInputError('--args must be a JSON object, e.g. {"start_time": "last week"}.');
  }
  return value as Record<string, unknown>;
}

function parseNow(text: string): Date {
  const date = new Date(/^\d+$/.test(text) ? Number(text) : text);
  if (Number.isNaN(date.getTime()))
    throw new CliUsageError(`--now must be an ISO 8601 date, got ${JSON.stringify(text)}.`);
  return date;
}

interface ResolvedDate {
  field: string;
  value: unknown;
  /** The instant the value stands for, for a human to check the resolution. */
  iso?: string;
}

function describeDates(tool: TrutoTool, sent: Record<string, unknown>): ResolvedDate[] {
  const dates: ResolvedDate[] = [];
  for (const field of tool.dateFields) {
    for (const { label, value } of valuesAt(sent, field.path, '')) {
      const milliseconds =
        typeof value === 'number'
          ? field.kind === 'unix-seconds'
            ? value * 1000
            : field.kind === 'unix-milliseconds'
              ? value
              : undefined
          : undefined;
      dates.push({
        field: label,
        value,
        ...(milliseconds !== undefined ? { iso: new Date(milliseconds).toISOString() } : {}),
      });
    }
  }
  return dates;
}

/** Every value at a date field's path (`items[].starts_at` has one per element), labelled with its own index. */
function valuesAt(
  value: unknown,
  path: readonly DatePathStep[],
  label: string,
): Array<{ label: string; value: unknown }> {
  if (value === undefined || value === null) return [];
  if (path.length === 0) return [{ label, value }];
  const [step, ...rest] = path;
  if (typeof step === 'string') {
    if (typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, step)) return [];
    return valuesAt((value as Record<string, unknown>)[step], rest, label === '' ? step : `${label}.${step}`);
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => valuesAt(item, rest, `${label}[${index}]`));
}

function showArguments(output: Output, sent: Record<string, unknown>, dates: readonly ResolvedDate[]): void {
  output.note(`Arguments sent: ${JSON.stringify(sent)}`);
  for (const date of dates) {
    output.note(`  ${date.field} = ${JSON.stringify(date.value)}${date.iso ? ` (${date.iso})` : ''}`);
  }
}

async function saveBinary(path: string, data: unknown, output: Output): Promise<unknown> {
  if (!(data instanceof Uint8Array) && typeof data !== 'string') {
    output.warn('--output is for binary or text answers; this one is JSON and is printed instead.');
    return data;
  }
  await writeFile(path, data);
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  output.note(`Saved ${bytes} bytes to ${path}.`);
  return { savedTo: path, bytes };
}
