/**
 * What loading the package costs a process, measured on the built package (dist/, as users install it) in fresh Node
 * processes, each against a baseline measured in the same run, rounds interleaved so that the machine's noise falls on
 * both alike:
 *
 * - cold import: `import('truto-langchainjs-toolset')` against `import('@langchain/core/tools')` alone (the peer
 *   every user of the root loads anyway), timed inside the process (the import alone) and from spawn to exit;
 * - process start → first LangChain tool call: `performance.now()` (time since the process started) once the first
 *   call's answer is in. Ours: import, `new TrutoToolManager`, `getTools()` (GET /tools), the article's costs call
 *   with `start_time: 'last week'`. Baseline, with `@langchain/core` alone: the same two requests by hand, a `tool()`
 *   with a zod schema around `fetch`.
 *
 * Also the tarball (`npm pack --dry-run`): packed and unpacked bytes, against the budget scripts/check-package.ts
 * enforces. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PACKED_BUDGET_BYTES, packSummary } from '../scripts/package-size.js';
import { startSandbox } from '../src/entries/sandbox.js';
import { type BenchRow, type BenchSection, medianOf } from './lib.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = 11;
/** The targets of issue 17: the anchor toolset's own ratio to `@langchain/core` was about this. */
const IMPORT_TARGET = 1.15;
const FIRST_CALL_TARGET = 1.15;

// CPU time too: on a shared machine other processes stretch wall time, while the CPU an import burns moves far less.
const TIMED_IMPORT = (specifier: string) => `
const start = performance.now();
const cpu = process.cpuUsage();
await import(${JSON.stringify(specifier)});
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ importMs: performance.now() - start, importCpuMs: (used.user + used.system) / 1000 }));`;

const FIRST_CALL_OURS = `
import { TrutoToolManager } from 'truto-langchainjs-toolset';
const manager = new TrutoToolManager({ apiKey: process.env.KEY, integratedAccountId: process.env.ACCOUNT, baseUrl: process.env.BASE });
const tools = await manager.getTools();
const costs = tools.find((tool) => tool.name === 'list_all_open_ai_costs');
const text = await costs.invoke({ start_time: 'last week', limit: 7 });
const sinceStart = performance.now();
if (!JSON.parse(text).result) throw new Error('unexpected answer: ' + text.slice(0, 200));
process.stdout.write(JSON.stringify({ sinceStart }));
await manager.close();`;

const FIRST_CALL_BASELINE = `
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
const headers = { authorization: 'Bearer ' + process.env.KEY, accept: 'application/json' };
const listed = await fetch(process.env.BASE + '/integrated-account/' + process.env.ACCOUNT + '/tools', { headers });
const definitions = (await listed.json()).result;
const definition = definitions.find((entry) => entry.name === 'list_all_open_ai_costs');
const costs = tool(
  async ({ start_time, limit }) => {
    const query = new URLSearchParams({ integrated_account_id: process.env.ACCOUNT, start_time: String(start_time), limit: String(limit) });
    const answer = await fetch(process.env.BASE + '/proxy/' + definition.resource + '?' + query, { headers });
    return JSON.stringify(await answer.json());
  },
  { name: definition.name, description: definition.description, schema: z.object({ start_time: z.number().int(), limit: z.number().int() }) },
);
const text = await costs.invoke({ start_time: Math.floor(Date.now() / 1000) - 7 * 86400, limit: 7 });
const sinceStart = performance.now();
if (!JSON.parse(text).result) throw new Error('unexpected answer: ' + text.slice(0, 200));
process.stdout.write(JSON.stringify({ sinceStart }));`;

interface ProcessFigures {
  /** Milliseconds reported by the child. */
  inside: number;
  /** CPU milliseconds reported by the child (the import only), when it reports them. */
  cpu?: number;
  /** Milliseconds from spawn to exit, seen from here. */
  wall: number;
}

async function timeProcess(source: string, field: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessFigures> {
  const start = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  const wall = performance.now() - start;
  const reported = JSON.parse(stdout) as Record<string, number>;
  return {
    inside: reported[field]!,
    wall,
    ...(reported.importCpuMs === undefined ? {} : { cpu: reported.importCpuMs }),
  };
}

function describe(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${medianOf(values).toFixed(0)} ms (${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)})`;
}

/** The ratio of medians, and the spread of the per-round ratios (each round's pair ran back to back). */
function ratios(ours: number[], baseline: number[]): { median: number; spread: string } {
  const perRound = ours.map((value, index) => value / baseline[index]!).sort((a, b) => a - b);
  return {
    median: medianOf(ours) / medianOf(baseline),
    spread: `${perRound[0]!.toFixed(2)}–${perRound.at(-1)!.toFixed(2)}×`,
  };
}

export default async function importBench(): Promise<BenchSection[]> {
  if (!existsSync(`${ROOT}dist/index.js`))
    throw new Error('bench/import.bench.ts measures dist/: run `npm run build` first.');
  const importRows: BenchRow[] = [];
  const langchainImport: ProcessFigures[] = [];
  const rootImport: ProcessFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    langchainImport.push(await timeProcess(TIMED_IMPORT('@langchain/core/tools'), 'importMs'));
    rootImport.push(await timeProcess(TIMED_IMPORT('truto-langchainjs-toolset'), 'importMs'));
  }
  const sandbox = await startSandbox();
  const env = { KEY: sandbox.apiKey, ACCOUNT: sandbox.integratedAccountId, BASE: sandbox.baseUrl };
  const baselineCall: ProcessFigures[] = [];
  const ourCall: ProcessFigures[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      baselineCall.push(await timeProcess(FIRST_CALL_BASELINE, 'sinceStart', env));
      ourCall.push(await timeProcess(FIRST_CALL_OURS, 'sinceStart', env));
    }
  } finally {
    await sandbox.close();
  }

  const inside = (figures: ProcessFigures[]) => figures.map((figure) => figure.inside);
  const wall = (figures: ProcessFigures[]) => figures.map((figure) => figure.wall);
  const importInside = ratios(inside(rootImport), inside(langchainImport));
  const importWall = ratios(wall(rootImport), wall(langchainImport));
  const cpu = (figures: ProcessFigures[]) => figures.map((figure) => figure.cpu ?? Number.NaN);
  const importCpu = ratios(cpu(rootImport), cpu(langchainImport));
  const firstCall = ratios(inside(ourCall), inside(baselineCall));
  importRows.push(
    {
      measure: 'import, inside the process',
      '@langchain/core alone': describe(inside(langchainImport)),
      'truto-langchainjs-toolset': describe(inside(rootImport)),
      ratio: `${importInside.median.toFixed(2)}× (rounds ${importInside.spread})`,
    },
    {
      measure: 'import, CPU time inside the process (user + system)',
      '@langchain/core alone': describe(cpu(langchainImport)),
      'truto-langchainjs-toolset': describe(cpu(rootImport)),
      ratio: `${importCpu.median.toFixed(2)}× (rounds ${importCpu.spread})`,
    },
    {
      measure: 'import, spawn → exit',
      '@langchain/core alone': describe(wall(langchainImport)),
      'truto-langchainjs-toolset': describe(wall(rootImport)),
      ratio: `${importWall.median.toFixed(2)}× (rounds ${importWall.spread})`,
    },
    {
      measure: 'process start → first LangChain tool call',
      '@langchain/core alone': describe(inside(baselineCall)),
      'truto-langchainjs-toolset': describe(inside(ourCall)),
      ratio: `${firstCall.median.toFixed(2)}× (rounds ${firstCall.spread})`,
    },
  );

  const pack = await packSummary(ROOT);
  const packageRows: BenchRow[] = [
    {
      tarball: 'npm pack',
      packed: `${(pack.packedBytes / 1000).toFixed(1)} kB`,
      unpacked: `${(pack.unpackedBytes / 1000).toFixed(1)} kB`,
      files: pack.files,
      budget: `${PACKED_BUDGET_BYTES / 1000} kB packed`,
    },
  ];
  return [
    {
      title: 'Cold import and first call (bench/import.bench.ts)',
      rows: importRows,
      targets: [
        {
          name: `root import ≤ ${IMPORT_TARGET}× @langchain/core/tools alone (median, inside the process)`,
          value: `${importInside.median.toFixed(2)}×`,
          met: importInside.median <= IMPORT_TARGET,
        },
        {
          name: `process start → first LangChain tool call ≤ ${FIRST_CALL_TARGET}× the same with @langchain/core alone`,
          value: `${firstCall.median.toFixed(2)}×`,
          met: firstCall.median <= FIRST_CALL_TARGET,
        },
      ],
      notes: [
        `${ROUNDS} rounds, each a fresh process per measure, ours and the baseline back to back; medians, with the range of the ${ROUNDS} per-round ratios.`,
        'The sandbox answers in this process; both sides make the same two requests (GET /tools, then the costs call).',
        'The CPU-time ratio is the one to trust on a loaded machine: wall time includes waiting for a core, CPU time does not.',
      ],
    },
    {
      title: 'Package size (npm pack --dry-run)',
      rows: packageRows,
      targets: [
        {
          name: `packed ≤ ${PACKED_BUDGET_BYTES / 1000} kB`,
          value: `${(pack.packedBytes / 1000).toFixed(1)} kB`,
          met: pack.packedBytes <= PACKED_BUDGET_BYTES,
        },
      ],
    },
  ];
}
