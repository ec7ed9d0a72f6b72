import { describe, expect, it } from 'vitest';
import { TrutoAbortError, TrutoConfigError } from '../../src/errors/index.js';
import { createConcurrencyLimiter } from '../../src/http/concurrency.js';

/** A promise settled from outside, so tests decide when each call finishes. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createConcurrencyLimiter', () => {
  it('holds the cap under 50 parallel image generations, runs them all, in FIFO order', async () => {
    const limiter = createConcurrencyLimiter(4);
    let active = 0;
    let maxObserved = 0;
    const started: number[] = [];
    const calls = Array.from({ length: 50 }, (_, index) =>
      limiter.run(async () => {
        started.push(index);
        active++;
        maxObserved = Math.max(maxObserved, active);
        expect(limiter.active).toBeLessThanOrEqual(4);
        // Uneven durations, so later calls could overtake earlier ones if the queue were not FIFO.
        for (let tick = 0; tick < (index % 5) + 1; tick++) await flush();
        active--;
        return `image-${index}`;
      }),
    );
    expect(limiter.active).toBe(4);
    expect(limiter.pending).toBe(46);
    const results = await Promise.all(calls);
    expect(results).toEqual(Array.from({ length: 50 }, (_, index) => `image-${index}`));
    expect(maxObserved).toBe(4);
    expect(started).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('starts the next queued call as soon as a slot frees', async () => {
    const limiter = createConcurrencyLimiter(1);
    const first = deferred<string>();
    const order: string[] = [];
    const a = limiter.run(() => {
      order.push('a');
      return first.promise;
    });
    const b = limiter.run(async () => {
      order.push('b');
      return 'b';
    });
    await flush();
    expect(order).toEqual(['a']);
    expect(limiter.pending).toBe(1);
    first.resolve('a');
    expect(await a).toBe('a');
    expect(await b).toBe('b');
    expect(order).toEqual(['a', 'b']);
  });

  it('frees the slot when a call rejects or throws synchronously', async () => {
    const limiter = createConcurrencyLimiter(1);
    const failing = limiter.run(async () => {
      throw new Error('upstream 500');
    });
    const throwing = limiter.run((() => {
      throw new Error('sync');
    }) as () => Promise<never>);
    const after = limiter.run(async () => 'still runs');
    await expect(failing).rejects.toThrow('upstream 500');
    await expect(throwing).rejects.toThrow('sync');
    expect(await after).toBe('still runs');
    expect(limiter.active).toBe(0);
  });

  it('drops a queued call when its signal aborts, without disturbing the others', async () => {
    const limiter = createConcurrencyLimiter(1);
    const gate = deferred();
    const ran: string[] = [];
    const first = limiter.run(async () => {
      ran.push('first');
      await gate.promise;
    });
    const controller = new AbortController();
    const second = limiter.run(async () => {
      ran.push('second');
    }, controller.signal);
    const third = limiter.run(async () => {
      ran.push('third');
    });
    expect(limiter.pending).toBe(2);
    const reason = new Error('agent cancelled');
    controller.abort(reason);
    // The SDK's own abort error, carrying the caller's reason.
    await expect(second).rejects.toSatisfy(
      (error: unknown) => error instanceof TrutoAbortError && (error as Error).cause === reason,
    );
    expect(limiter.pending).toBe(1);
    gate.resolve();
    await Promise.all([first, third]);
    expect(ran).toEqual(['first', 'third']);
  });

  it('drops the head and the tail of the queue on abort', async () => {
    const limiter = createConcurrencyLimiter(1);
    const gate = deferred();
    const ran: number[] = [];
    const blocker = limiter.run(() => gate.promise);
    const controllers = [0, 1, 2].map(() => new AbortController());
    const queued = controllers.map((controller, index) =>
      limiter.run(async () => {
        ran.push(index);
      }, controller.signal),
    );
    controllers[0]!.abort();
    controllers[2]!.abort();
    await expect(queued[0]).rejects.toBeDefined();
    await expect(queued[2]).rejects.toBeDefined();
    gate.resolve();
    await blocker;
    await queued[1];
    expect(ran).toEqual([1]);
    const late = limiter.run(async () => 'late');
    expect(await late).toBe('late');
  });

  it('ignores an abort after the call started', async () => {
    const limiter = createConcurrencyLimiter(1);
    const controller = new AbortController();
    const gate = deferred<string>();
    const call = limiter.run(() => gate.promise, controller.signal);
    controller.abort();
    gate.resolve('finished');
    expect(await call).toBe('finished');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = createConcurrencyLimiter(2);
    let called = false;
    await expect(
      limiter.run(async () => {
        called = true;
      }, AbortSignal.abort('gone')),
    ).rejects.toSatisfy((error: unknown) => error instanceof TrutoAbortError && (error as Error).cause === 'gone');
    expect(called).toBe(false);
  });

  it('is a plain call when unbounded', async () => {
    for (const limiter of [createConcurrencyLimiter(), createConcurrencyLimiter(Number.POSITIVE_INFINITY)]) {
      expect(limiter.max).toBe(Number.POSITIVE_INFINITY);
      let active = 0;
      let maxObserved = 0;
      await Promise.all(
        Array.from({ length: 50 }, () =>
          limiter.run(async () => {
            active++;
            maxObserved = Math.max(maxObserved, active);
            await flush();
            active--;
          }),
        ),
      );
      expect(maxObserved).toBe(50);
      const promise = Promise.resolve('same');
      expect(limiter.run(() => promise)).toBe(promise);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxConcurrency %s', (max) => {
    expect(() => createConcurrencyLimiter(max)).toThrow(TrutoConfigError);
  });
});
