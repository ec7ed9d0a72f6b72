/**
 * Several worker processes against one sandbox account limited to 20 requests per 2 s: the scenario the Redis
 * store exists for. Timings are only checked where they express correctness (throttling cannot finish sooner
 * than the limit allows); nothing asserts that a run was fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/entries/sandbox.js';
import { runFleet } from './fleet-runner.js';
import { type RedisServer, redisServerForTests, startRedisServer } from './redis-server.js';

const haveRedis = redisServerForTests();
const accountLimit = { requests: 20, windowSeconds: 2 };
const workers = 4;
const toolName = 'list_all_open_ai_models';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!haveRedis)('a fleet of workers sharing one account', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Workers that wait for the shared window and keep to a fleet budget of the account's limit. */
  const waitingPlan = (calls: number) => ({
    calls,
    concurrency: 2,
    toolName,
    redisUrl: server.url,
    coordination: { coordinate: 'wait' as const, maxRequestsPerWindow: accountLimit.requests, windowSeconds: 2 },
  });

  it('collects 429s without coordination', { timeout: 60_000 }, async () => {
    const sandbox = await startSandbox({ accountLimit });
    try {
      const result = await runFleet({
        sandbox,
        workers,
        plan: { calls: 15, concurrency: 2, toolName },
        windowSeconds: accountLimit.windowSeconds,
      });
      expect(result.failed).toBe(0);
      expect(result.rateLimited).toBeGreaterThan(0);
      expect(result.sandbox429s).toBe(result.rateLimited);
    } finally {
      await sandbox.close();
    }
  });

  it('collects none with coordinate: wait and a fleet budget, at the pace the limit allows', {
    timeout: 60_000,
  }, async () => {
    const sandbox = await startSandbox({ accountLimit });
    try {
      const calls = 15;
      const result = await runFleet({
        sandbox,
        workers,
        plan: waitingPlan(calls),
        windowSeconds: accountLimit.windowSeconds,
      });
      expect(result.failed).toBe(0);
      expect(result.rateLimited).toBe(0);
      expect(result.sandbox429s).toBe(0);
      expect(result.ok).toBe(workers * calls);
      expect(result.maxAcceptedPerWindow).toBeLessThanOrEqual(accountLimit.requests);
      // 60 calls at 20 per window: the last 20 cannot start before two windows have passed.
      const windows = (workers * calls) / accountLimit.requests - 1;
      expect(result.wallMs).toBeGreaterThanOrEqual(windows * accountLimit.windowSeconds * 1000 - 100);
      for (const report of result.reports) expect(report.warnings).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('fails fast from the shared state, without sending, when told to', { timeout: 60_000 }, async () => {
    const sandbox = await startSandbox({ accountLimit });
    try {
      const result = await runFleet({
        sandbox,
        workers,
        plan: {
          calls: 15,
          concurrency: 2,
          toolName,
          redisUrl: server.url,
          coordination: { coordinate: 'fail-fast', maxRequestsPerWindow: accountLimit.requests, windowSeconds: 2 },
        },
        windowSeconds: accountLimit.windowSeconds,
      });
      expect(result.failed).toBe(0);
      expect(result.ok).toBe(accountLimit.requests);
      // Every refusal came from the shared state: the sandbox never had to say 429.
      expect(result.rateLimited).toBe(workers * 15 - accountLimit.requests);
      expect(result.sandbox429s).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps calling when Redis dies mid-run, and shares state again once it is back', { timeout: 90_000 }, async () => {
    const sandbox = await startSandbox({ accountLimit });
    try {
      const calls = 25;
      const result = await runFleet({
        sandbox,
        workers,
        plan: waitingPlan(calls),
        windowSeconds: accountLimit.windowSeconds,
        whileRunning: async () => {
          await pause(1500);
          await server.kill();
          await pause(1500);
          await server.restart();
        },
      });
      // Every call ran to an answer: none failed for want of Redis (a few may meet a 429 while each worker
      // counts on its own).
      expect(result.failed).toBe(0);
      expect(result.ok + result.rateLimited).toBe(workers * calls);
      for (const report of result.reports) {
        const failures = report.warnings.filter((warning) => /shared state store \(redis\) failed/.test(warning));
        expect(failures).toHaveLength(1);
        expect(report.warnings.some((warning) => /answers again/.test(warning))).toBe(true);
      }
    } finally {
      await sandbox.close();
    }
  });
});
