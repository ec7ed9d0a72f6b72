/**
 * Hammers one Redis budget from its own process: `node --import tsx test/state/budget-worker.ts '<json config>'`.
 * Prints `{"ready":true}`, starts on a `go` line from stdin, then prints one JSON line: when each admission
 * arrived, and how many takes were refused.
 */
import { createInterface } from 'node:readline';
import { createRedisStore } from '../../src/entries/redis.js';
import type { BudgetWorkerConfig, BudgetWorkerReport } from './fleet-runner.js';

const config = JSON.parse(process.argv[2] ?? '{}') as BudgetWorkerConfig;
const store = createRedisStore(config.redisUrl);
const report: BudgetWorkerReport = { allowedAt: [], denied: 0 };

// Connected and ready; all workers start hammering on the same "go".
await store.readLimit(`${config.key}:warm-up`);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'go') return;
    lines.close();
    resolve();
  });
});
const end = Date.now() + config.durationMs;
const lane = async (): Promise<void> => {
  while (Date.now() < end) {
    const decision = await store.takeBudget(config.key, config.max, config.windowSeconds);
    if (decision.allowed) report.allowedAt.push(Date.now());
    else {
      report.denied++;
      // Come back soon, but not always at the advertised instant: contention is the point.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(decision.retryAfterMs, 20)));
    }
  }
};
await Promise.all(Array.from({ length: config.concurrency }, lane));
process.stdout.write(`${JSON.stringify(report)}\n`);
await store.close();
