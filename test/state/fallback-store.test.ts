import { describe, expect, it } from 'vitest';
import { FallbackStore } from '../../src/state/fallback-store.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { StateStore } from '../../src/state/types.js';

/** A memory store that can be switched to failing (or hanging) like a Redis that went away. */
class FlakyStore extends MemoryStore implements StateStore {
  override readonly name = 'flaky';
  mode: 'up' | 'down' | 'hanging' = 'up';
  calls = 0;

  override async admit(...args: Parameters<MemoryStore['admit']>) {
    this.calls++;
    if (this.mode === 'down') throw new Error('connect ECONNREFUSED');
    if (this.mode === 'hanging') return new Promise<never>(() => {});
    return super.admit(...args);
  }
}

function rig() {
  let clock = 0;
  const warnings: string[] = [];
  const shared = new FlakyStore();
  const local = new MemoryStore();
  const store = new FallbackStore(shared, {
    local,
    timeoutMs: 50,
    retryIntervalMs: 1000,
    onWarning: (message) => warnings.push(message),
    now: () => clock,
  });
  return { shared, local, store, warnings, advance: (ms: number) => (clock += ms) };
}

const request = { limitKeys: [], budget: { key: 'budget', max: 100, windowMs: 10_000 } };

describe('FallbackStore', () => {
  it('answers from local state when the shared store fails, and says so once', async () => {
    const { shared, store, warnings } = rig();
    shared.mode = 'down';
    for (let i = 0; i < 5; i++) expect(await store.admit(request)).toEqual({ allowed: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/shared state store \(flaky\) failed: connect ECONNREFUSED/);
    expect(store.degraded).toBe(true);
    // Only the first call paid for the failure; the others went straight to local state.
    expect(shared.calls).toBe(1);
  });

  it('gives up on a shared store that does not answer in time', async () => {
    const { shared, store, warnings } = rig();
    shared.mode = 'hanging';
    expect(await store.admit(request)).toEqual({ allowed: true });
    expect(warnings[0]).toMatch(/no answer within 50 ms/);
  });

  it('probes once per interval and returns to shared state when it answers', async () => {
    const { shared, store, warnings, advance } = rig();
    shared.mode = 'down';
    await store.admit(request);
    shared.mode = 'up';
    await store.admit(request);
    expect(shared.calls).toBe(1);
    advance(1000);
    await store.admit(request);
    expect(shared.calls).toBe(2);
    expect(store.degraded).toBe(false);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/answers again/);
  });

  it('keeps falling back while probes fail, without more warnings', async () => {
    const { shared, store, warnings, advance } = rig();
    shared.mode = 'down';
    await store.admit(request);
    advance(1000);
    await store.admit(request);
    advance(1000);
    await store.admit(request);
    expect(shared.calls).toBe(3);
    expect(warnings).toHaveLength(1);
  });
});
