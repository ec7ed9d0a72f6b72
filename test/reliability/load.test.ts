/**
 * Load: 10,000 calls at concurrency 100 against a sandbox in its own process, from a client in its own process
 * (`support/load-run.ts`, with `--expose-gc`), so that the heap figures are the client's alone. Zero calls lost or
 * duplicated, every result matched to its call, and the heap after the run within 110% of the heap after a warm-up.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import type { LoadReport } from './support/load-run';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

it('10,000 calls at concurrency 100: none lost, none duplicated, each matched, heap stable', {
  timeout: 120_000,
}, async () => {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/reliability/support/load-run.ts'],
    { cwd: repositoryRoot, env: { ...process.env, LOAD_CALLS: '10000', LOAD_CONCURRENCY: '100' }, maxBuffer: 1 << 20 },
  );
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadReport;
  console.info(
    `load: ${report.calls} calls at ${report.concurrency} in ${report.durationMs} ms; heap after warm-up ` +
      `${(report.heapAfterWarmupBytes / 1048576).toFixed(1)} MiB, after ${(report.heapAfterBytes / 1048576).toFixed(1)} MiB`,
  );

  expect(report.firstErrors).toEqual([]);
  expect(report).toMatchObject({
    calls: 10_000,
    concurrency: 100,
    succeeded: 10_000,
    failed: 0,
    lost: 0,
    duplicated: 0,
    mismatched: 0,
    unhandledRejections: 0,
    // One request on the wire per call: nothing dropped, nothing sent twice.
    requestsReceived: 10_000,
  });
  expect(report.heapAfterBytes).toBeLessThanOrEqual(report.heapAfterWarmupBytes * 1.1);
});
