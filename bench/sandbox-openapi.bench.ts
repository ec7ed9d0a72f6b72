/**
 * The OpenAPI sandbox on real vendor documents (Asana, 247 operations, 2.4 MB; PagerDuty, 465 operations,
 * 2.8 MB): how long `startSandbox({ openapi })` takes and how much memory the running sandbox holds, each measured
 * in a fresh process (`--expose-gc`, so module loading counts and the heap figure is after collection), the
 * median of a few runs. Also the converter alone (`toolsFromOpenApi` on a parsed document, in this process) and
 * the first and a later list call (records are generated on first use).
 *
 * Baseline in the same run: `startSandbox()` (the OpenAI account), which loads no optional package.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { toolsFromOpenApi } from '../src/sandbox/index.js';
import { type BenchSection, formatNumber, medianOf } from './lib.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOCUMENTS = [
  { name: 'Asana', path: 'test/fixtures/openapi/asana.json', list: 'tasks' },
  { name: 'PagerDuty', path: 'test/fixtures/openapi/pagerduty.json', list: 'incidents' },
];
const RUNS = 3;
/** A generous ceiling: start-up must stay well under a test's hook timeout on a shared 2-core machine. */
const START_TARGET_MS = 3_000;

/** Runs in a fresh process: start, measure, make two list calls, print one JSON line. */
const CHILD = `
const { startSandbox } = await import(process.env.SANDBOX_ENTRY);
globalThis.gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const sandbox = await startSandbox(process.env.DOCUMENT ? { openapi: process.env.DOCUMENT } : {});
const startMs = performance.now() - started;
globalThis.gc();
const heapAfter = process.memoryUsage().heapUsed;
const url = sandbox.baseUrl + '/proxy/' + process.env.LIST + '?limit=20&integrated_account_id=' + sandbox.integratedAccountId;
const headers = { authorization: 'Bearer ' + sandbox.apiKey };
let at = performance.now();
const first = await fetch(url, { headers });
await first.arrayBuffer();
const firstListMs = performance.now() - at;
at = performance.now();
await (await fetch(url, { headers })).arrayBuffer();
const warmListMs = performance.now() - at;
const rssMb = process.memoryUsage().rss / 2 ** 20;
await sandbox.close();
process.stdout.write(JSON.stringify({ startMs, heapMb: (heapAfter - heapBefore) / 2 ** 20, rssMb, firstListMs, warmListMs, tools: sandbox.tools.length, status: first.status }));
`;

interface StartFigures {
  startMs: number;
  heapMb: number;
  rssMb: number;
  firstListMs: number;
  warmListMs: number;
  tools: number;
  status: number;
}

async function startInFreshProcess(document: string | undefined, list: string): Promise<StartFigures> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', CHILD],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SANDBOX_ENTRY: new URL('../src/sandbox/index.ts', import.meta.url).href,
        DOCUMENT: document ?? '',
        LIST: list,
      },
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout) as StartFigures;
}

function median(runs: StartFigures[], key: keyof StartFigures): number {
  return medianOf(runs.map((run) => run[key]));
}

export default async function bench(): Promise<BenchSection> {
  const rows: BenchSection['rows'] = [];
  const targets: NonNullable<BenchSection['targets']> = [];
  const sources = [{ name: 'OpenAI (baseline)', path: undefined, list: 'projects' }, ...DOCUMENTS];
  for (const source of sources) {
    const runs: StartFigures[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await startInFreshProcess(source.path, source.list));
    let convertMs: number | undefined;
    if (source.path !== undefined) {
      const document = JSON.parse(readFileSync(`${ROOT}${source.path}`, 'utf8'));
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        toolsFromOpenApi(document);
        times.push(performance.now() - started);
      }
      convertMs = medianOf(times);
    }
    const startMs = median(runs, 'startMs');
    rows.push({
      source: source.name,
      tools: runs[0]!.tools,
      'start ms': formatNumber(startMs),
      'toolsFromOpenApi ms': convertMs === undefined ? '-' : formatNumber(convertMs),
      'heap MB after start': formatNumber(median(runs, 'heapMb')),
      'RSS MB': formatNumber(median(runs, 'rssMb')),
      'first list ms (20 records)': formatNumber(median(runs, 'firstListMs')),
      'next list ms': formatNumber(median(runs, 'warmListMs')),
    });
    if (source.path !== undefined) {
      targets.push({
        name: `${source.name} start < ${START_TARGET_MS} ms`,
        value: `${formatNumber(startMs)} ms`,
        met: startMs < START_TARGET_MS,
      });
    }
  }
  return {
    title: 'OpenAPI sandbox: start time and memory per document (fresh process, median of 3)',
    rows,
    targets,
    notes: [
      'start = read + parse the file, load ajv/json-schema-faker, derive the catalog, listen; no schema is compiled or record generated until a call needs it',
      'heap = heapUsed after start minus before, both after gc(): the catalog, the resolved schemas and the libraries',
    ],
  };
}
