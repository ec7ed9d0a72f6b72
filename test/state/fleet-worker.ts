/**
 * One worker of a fleet, in its own process: `npx tsx test/state/fleet-worker.ts '<json config>'`.
 * Loads the catalog, prints `{"ready":true}`, waits for a `go` line on stdin (so all workers start together),
 * makes its calls, and prints one JSON line with what happened. Used by fleet.test.ts and bench/fleet.bench.ts.
 */
import { createInterface } from 'node:readline';
import { createRedisStore } from '../../src/entries/redis.js';
import { RateLimitError, TrutoToolManager } from '../../src/index.js';
import type { CoordinationOptions } from '../../src/state/options.js';

export interface FleetWorkerConfig {
  baseUrl: string;
  apiKey: string;
  integratedAccountId: string;
  /** Without it the worker uses the process's memory store (no fleet coordination). */
  redisUrl?: string;
  coordination?: CoordinationOptions;
  calls: number;
  /** Calls in flight at once within this worker. */
  concurrency: number;
  toolName: string;
  args?: Record<string, unknown>;
}

export interface FleetWorkerReport {
  pid: number;
  ok: number;
  rateLimited: number;
  failed: number;
  /** The first few failures other than 429s. */
  errors: string[];
  warnings: string[];
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as FleetWorkerConfig;
const warnings: string[] = [];
const store = config.redisUrl ? createRedisStore(config.redisUrl) : undefined;
const manager = new TrutoToolManager({
  baseUrl: config.baseUrl,
  apiKey: config.apiKey,
  integratedAccountId: config.integratedAccountId,
  ...(store ? { store } : {}),
  ...(config.coordination ? { coordination: config.coordination } : {}),
  onWarning: (message) => warnings.push(message),
});

await manager.getToolDefinitions();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await waitForGo();

const report: FleetWorkerReport = {
  pid: process.pid,
  ok: 0,
  rateLimited: 0,
  failed: 0,
  errors: [],
  warnings,
  startedAt: Date.now(),
  finishedAt: 0,
};
let next = 0;
const lane = async (): Promise<void> => {
  while (next < config.calls) {
    next++;
    try {
      await manager.invoke(config.toolName, config.args ?? {});
      report.ok++;
    } catch (error) {
      if (error instanceof RateLimitError) report.rateLimited++;
      else {
        report.failed++;
        if (report.errors.length < 5) report.errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
};
await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, lane));
report.finishedAt = Date.now();
process.stdout.write(`${JSON.stringify(report)}\n`);
await manager.close();
await store?.close();

function waitForGo(): Promise<void> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() !== 'go') return;
      lines.close();
      resolve();
    });
  });
}
