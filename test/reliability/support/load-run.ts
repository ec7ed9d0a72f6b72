/**
 * The load run behind `load.test.ts`, in a process of its own so that its heap holds the client and nothing else
 * (the sandbox runs in a third process). Run with `node --expose-gc --import tsx`; prints one JSON line.
 *
 * Every call carries a unique prompt that the sandbox's DALL·E 3 answers repeat in `revised_prompt`, so each result
 * is matched to the call that made it. Results are checked as they arrive and then dropped: keeping ten thousand of
 * them would grow the heap for reasons that have nothing to do with the client. The process exits on its own only
 * when the client closed every handle it opened, so a leaked socket or timer shows up as a test timeout.
 */

import { startSandboxProcess } from '../../../bench/support/sandbox-process.js';
import { TrutoToolManager } from '../../../src/index.js';

export interface LoadReport {
  calls: number;
  concurrency: number;
  succeeded: number;
  failed: number;
  /** Calls whose result never came back. */
  lost: number;
  /** Calls whose result came back more than once, or results that matched no call or the wrong one. */
  duplicated: number;
  mismatched: number;
  /** Proxy requests the sandbox counted during the run (its request ids increase by one per request). */
  requestsReceived: number;
  heapAfterWarmupBytes: number;
  heapAfterBytes: number;
  durationMs: number;
  unhandledRejections: number;
  firstErrors: string[];
}

const CALLS = Number(process.env.LOAD_CALLS ?? 10_000);
const WARMUP_CALLS = Number(process.env.LOAD_WARMUP_CALLS ?? 2_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 100);
const TOOL = 'create_a_open_ai_image_generation';

let unhandledRejections = 0;
process.on('unhandledRejection', () => {
  unhandledRejections++;
});

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Run with node --expose-gc.');

interface ImageAnswer {
  data: Array<{ revised_prompt?: string }>;
}

/** The unique text of call `index` of a run, and how the sandbox echoes it (`... illustration of <subject>, ...`). */
const promptFor = (run: string, index: number) => `${run} call ${index}`;
const echoOf = (run: string, index: number) => `illustration of ${promptFor(run, index)},`;

async function runCalls(
  manager: TrutoToolManager,
  run: string,
  calls: number,
  seen: Uint8Array,
  errors: string[],
): Promise<{ succeeded: number; failed: number; mismatched: number }> {
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  let mismatched = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next++;
      try {
        const answer = await manager.invoke<ImageAnswer>(TOOL, { prompt: promptFor(run, index), model: 'dall-e-3' });
        const echoed = answer.data[0]?.revised_prompt ?? '';
        if (echoed.includes(echoOf(run, index))) {
          seen[index] = (seen[index] ?? 0) + 1;
          succeeded++;
        } else {
          mismatched++;
        }
      } catch (error) {
        failed++;
        if (errors.length < 5) errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { succeeded, failed, mismatched };
}

function settledHeap(): number {
  // Several passes: the first frees objects whose finalisers release more.
  for (let pass = 0; pass < 4; pass++) gc!();
  return process.memoryUsage().heapUsed;
}

/** The id of the newest logged request: ids count every tools and proxy request the sandbox has received. */
async function lastRequestId(baseUrl: string, apiKey: string): Promise<number> {
  const answer = await fetch(`${baseUrl}/__sandbox/requests`, { headers: { authorization: `Bearer ${apiKey}` } });
  const { last_id } = (await answer.json()) as { last_id: number };
  return last_id;
}

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess();
  const manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
  });
  try {
    await manager.getToolDefinitions();
    const warmupErrors: string[] = [];
    await runCalls(manager, 'warmup', WARMUP_CALLS, new Uint8Array(WARMUP_CALLS), warmupErrors);
    const heapAfterWarmupBytes = settledHeap();

    const before = await lastRequestId(sandbox.baseUrl, sandbox.apiKey);
    const seen = new Uint8Array(CALLS);
    const errors: string[] = [];
    const started = performance.now();
    const { succeeded, failed, mismatched } = await runCalls(manager, 'load', CALLS, seen, errors);
    const durationMs = performance.now() - started;
    const after = await lastRequestId(sandbox.baseUrl, sandbox.apiKey);
    const heapAfterBytes = settledHeap();

    let lost = 0;
    let duplicated = 0;
    for (const count of seen) {
      if (count === 0) lost++;
      else if (count > 1) duplicated++;
    }
    const report: LoadReport = {
      calls: CALLS,
      concurrency: CONCURRENCY,
      succeeded,
      failed,
      lost,
      duplicated,
      mismatched,
      requestsReceived: after - before,
      heapAfterWarmupBytes,
      heapAfterBytes,
      durationMs: Math.round(durationMs),
      unhandledRejections,
      firstErrors: [...warmupErrors, ...errors].slice(0, 5),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await manager.close();
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
