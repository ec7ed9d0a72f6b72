import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxInAnySpan, runBudgetWorkers } from './fleet-runner.js';
import { type RedisServer, redisServerForTests, startRedisServer } from './redis-server.js';

const haveRedis = redisServerForTests();

describe.skipIf(!haveRedis)('the Redis budget under contention', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('never admits more than max in any window, whatever the number of processes', async () => {
    const max = 25;
    const windowSeconds = 1;
    const reports = await runBudgetWorkers(4, {
      redisUrl: server.url,
      key: `{contention-${Date.now()}}:budget`,
      max,
      windowSeconds,
      durationMs: 3500,
      concurrency: 16,
    });
    const allowed = reports.flatMap((report) => report.allowedAt);
    const denied = reports.reduce((total, report) => total + report.denied, 0);
    // Real contention: far more takes than admissions, over several windows.
    expect(denied).toBeGreaterThan(allowed.length * 5);
    expect(allowed.length).toBeGreaterThan(max * 3);
    // Redis admits on its own clock; an answer reaches its worker up to a few ms later. Any window shortened by a
    // generous 100 ms for that delay must hold at most `max` admissions.
    expect(maxInAnySpan(allowed, windowSeconds * 1000 - 100)).toBeLessThanOrEqual(max);
    // And the budget is used, not merely respected: each window's worth is admitted.
    expect(maxInAnySpan(allowed, windowSeconds * 1000 + 100)).toBeGreaterThanOrEqual(max);
  });
});
