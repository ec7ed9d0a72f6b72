/** The manager's `coordination` option with the default memory store: managers of one process pace each other. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/entries/sandbox.js';
import { createMemoryStore, RateLimitError, TrutoToolManager, type TrutoToolManagerOptions } from '../../src/index.js';

const toolName = 'list_all_open_ai_models';

describe('manager coordination in one process', () => {
  let sandbox: Sandbox;
  const managers: TrutoToolManager[] = [];
  const manager = (options: TrutoToolManagerOptions = {}) => {
    const created = new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      onWarning: () => {},
      ...options,
    });
    managers.push(created);
    return created;
  };
  const proxyStatuses = () =>
    sandbox.requests.filter((request) => request.route === 'proxy').map((request) => request.status);

  beforeEach(async () => {
    sandbox = await startSandbox({ accountLimit: { requests: 5, windowSeconds: 1 } });
  });
  afterEach(async () => {
    for (const created of managers.splice(0)) await created.close();
    await sandbox.close();
  });

  it('sends as today by default: the sandbox answers 429', async () => {
    const plain = manager();
    await plain.getToolDefinitions();
    sandbox.reset();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => plain.invoke(toolName)));
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(3);
    expect(proxyStatuses().filter((status) => status === 429)).toHaveLength(3);
  });

  it('fails fast from the shared state: the sixth call throws a 429 that was never sent', async () => {
    const store = createMemoryStore();
    const first = manager({ store, coordination: { coordinate: 'fail-fast' } });
    const second = manager({ store, coordination: { coordinate: 'fail-fast' } });
    await first.getToolDefinitions();
    sandbox.reset();
    for (let i = 0; i < 5; i++) await (i % 2 === 0 ? first : second).invoke(toolName);
    const error = await second.invoke(toolName).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as RateLimitError).method).toBe('NOT_SENT');
    // Model-facing calls still see a 429 as an error to wait on, never as a result.
    await expect(second.invokeForModel(toolName, {})).rejects.toBeInstanceOf(RateLimitError);
    expect(proxyStatuses()).toEqual([200, 200, 200, 200, 200]);
  });

  it('waits for the next window instead, and no call meets a 429', async () => {
    const store = createMemoryStore();
    const first = manager({ store, coordination: { coordinate: 'wait', maxRequestsPerWindow: 5, windowSeconds: 1 } });
    const second = manager({ store, coordination: { coordinate: 'wait', maxRequestsPerWindow: 5, windowSeconds: 1 } });
    await first.getToolDefinitions();
    sandbox.reset();
    const started = Date.now();
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? first : second).invoke(toolName)));
    expect(proxyStatuses().filter((status) => status === 429)).toHaveLength(0);
    expect(proxyStatuses()).toHaveLength(12);
    // 12 calls at 5 per second: the last two cannot start before two windows have passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});
