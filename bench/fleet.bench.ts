/**
 * A fleet of worker processes against one sandbox account limited to 20 requests per 2 s (Truto's 50 per 10 s,
 * scaled down to keep the run short), with and without shared state on a real redis-server. Reported: the 429s the
 * workers collected, the wall time, and requests per window as the sandbox counted them. The floor is what the limit
 * allows: N calls need at least N / 20 − 1 whole windows after the first.
 */
import { startSandbox } from '../src/entries/sandbox.js';
import type { CoordinationOptions } from '../src/state/options.js';
import { type FleetResult, runFleet } from '../test/state/fleet-runner.js';
import { isRedisServerInstalled, startRedisServer } from '../test/state/redis-server.js';
import type { BenchSection } from './lib.js';

const accountLimit = { requests: 20, windowSeconds: 2 };
const workers = 4;
const callsPerWorker = 25;
const concurrency = 2;

interface Scenario {
  name: string;
  redis: boolean;
  coordination?: CoordinationOptions;
}

const scenarios: Scenario[] = [
  { name: 'no coordination (each worker alone)', redis: false },
  { name: "Redis, coordinate: 'wait' (shared headers only)", redis: true, coordination: { coordinate: 'wait' } },
  {
    name: "Redis, coordinate: 'wait' + budget 20 / 2 s",
    redis: true,
    coordination: { coordinate: 'wait', maxRequestsPerWindow: 20, windowSeconds: 2 },
  },
  {
    name: "Redis, coordinate: 'fail-fast' + budget 20 / 2 s",
    redis: true,
    coordination: { coordinate: 'fail-fast', maxRequestsPerWindow: 20, windowSeconds: 2 },
  },
];

export default async function fleetBench(): Promise<BenchSection> {
  const title = `Fleet (Redis): ${workers} worker processes × ${callsPerWorker} calls, account limit ${accountLimit.requests} / ${accountLimit.windowSeconds} s`;
  if (!isRedisServerInstalled()) {
    return { title, rows: [], notes: ['redis-server is not installed (run .ci/install-redis.sh); nothing measured.'] };
  }
  const server = await startRedisServer();
  const rows = [];
  const results = new Map<string, FleetResult>();
  try {
    for (const scenario of scenarios) {
      const sandbox = await startSandbox({ accountLimit });
      try {
        const result = await runFleet({
          sandbox,
          workers,
          windowSeconds: accountLimit.windowSeconds,
          plan: {
            calls: callsPerWorker,
            concurrency,
            toolName: 'list_all_open_ai_models',
            ...(scenario.redis ? { redisUrl: server.url } : {}),
            ...(scenario.coordination ? { coordination: scenario.coordination } : {}),
          },
        });
        results.set(scenario.name, result);
        rows.push({
          scenario: scenario.name,
          'calls ok': result.ok,
          '429s (sandbox)': result.sandbox429s,
          'refused before sending': result.rateLimited - result.sandbox429s,
          'wall time (s)': (result.wallMs / 1000).toFixed(2),
          windows: result.windows,
          'max accepted / window': result.maxAcceptedPerWindow,
          'mean accepted / window': (result.sandboxAccepted / Math.max(1, result.windows)).toFixed(1),
        });
      } finally {
        await sandbox.close();
      }
    }
  } finally {
    await server.stop();
  }
  const totalCalls = workers * callsPerWorker;
  const floorSeconds = (totalCalls / accountLimit.requests - 1) * accountLimit.windowSeconds;
  const budgeted = results.get(scenarios[2]!.name)!;
  return {
    title,
    rows,
    targets: [
      { name: "no 429s with 'wait' + budget", value: String(budgeted.sandbox429s), met: budgeted.sandbox429s === 0 },
      {
        name: `never more than ${accountLimit.requests} accepted per sandbox window`,
        value: String(budgeted.maxAcceptedPerWindow),
        met: budgeted.maxAcceptedPerWindow <= accountLimit.requests,
      },
    ],
    notes: [
      `${totalCalls} calls at ${accountLimit.requests} per ${accountLimit.windowSeconds} s cannot finish in less than ${floorSeconds} s.`,
      'Windows are the sandbox’s: each opens with the first request after the previous one closed.',
      'Resets arrive in whole seconds, rounded up, so a coordinated fleet waits up to 1 s longer per window than the limit strictly needs.',
    ],
  };
}
