/**
 * Aborting calls that wait (issue 16, item 11): a call queued behind `maxConcurrency` rejects with a
 * `TrutoAbortError` (its `cause` is the signal's reason) and is never sent; one signal shared by many calls, queued,
 * in flight or waiting to retry, carries a single listener, so Node prints no `MaxListenersExceededWarning`.
 */
import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { TrutoAbortError } from 'truto-langchainjs-toolset';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HostileTruto, rejectionOf, startHostileTruto } from '../security/hostile-truto.js';

let truto: HostileTruto;
/** Answers the server is holding back, released by `releaseAll`. */
let held: ServerResponse[] = [];
let warnings: Error[] = [];
/** Proxy requests the server had seen when the test began. */
let seenBefore = 0;
const proxyRequestsNow = () => truto.proxyRequests().slice(seenBefore);
const onWarning = (warning: Error) => warnings.push(warning);

beforeAll(async () => {
  truto = await startHostileTruto();
});
afterAll(() => truto.close());

beforeEach(() => {
  held = [];
  warnings = [];
  seenBefore = truto.proxyRequests().length;
  process.on('warning', onWarning);
  truto.handle = (_request, response) => {
    held.push(response);
  };
});

afterEach(() => {
  releaseAll();
  process.off('warning', onWarning);
});

function releaseAll(): void {
  for (const response of held.splice(0)) {
    if (!response.writableEnded) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"result":[]}');
    }
  }
}

const listenerWarnings = () => warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');

describe('a call queued behind maxConcurrency', () => {
  it('rejects with a TrutoAbortError when aborted, and is never sent', async () => {
    const manager = truto.manager({ maxConcurrency: 1 });
    const first = manager.invoke('list_all_things', { q: 'first' });
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(1);
    const controller = new AbortController();
    const reason = new Error('the agent moved on');
    const queued = manager.invoke('list_all_things', { q: 'queued' }, { signal: controller.signal });
    controller.abort(reason);
    const error = await rejectionOf(queued);
    expect(error).toBeInstanceOf(TrutoAbortError);
    expect((error as TrutoAbortError).code).toBe('aborted');
    expect((error as TrutoAbortError).cause).toBe(reason);
    releaseAll();
    await first;
    expect(proxyRequestsNow().filter((request) => request.url.includes('queued'))).toEqual([]);
  });

  it('rejects at once with a TrutoAbortError when the signal was already aborted', async () => {
    const manager = truto.manager({ maxConcurrency: 1 });
    const first = manager.invoke('list_all_things', {});
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(1);
    const error = await rejectionOf(manager.invoke('list_all_things', {}, { signal: AbortSignal.abort('gone') }));
    expect(error).toBeInstanceOf(TrutoAbortError);
    expect((error as TrutoAbortError).cause).toBe('gone');
    releaseAll();
    await first;
  });
});

describe('one signal shared by many calls', () => {
  it('carries one listener for 40 calls, queued and in flight, and prints no MaxListenersExceededWarning', async () => {
    const manager = truto.manager({ maxConcurrency: 3 });
    const controller = new AbortController();
    const calls = Array.from({ length: 40 }, (_, index) =>
      rejectionOf(manager.invoke('list_all_things', { q: String(index) }, { signal: controller.signal })),
    );
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(3);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('stop everything'));
    const errors = await Promise.all(calls);
    for (const error of errors) expect(error).toBeInstanceOf(TrutoAbortError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(listenerWarnings()).toEqual([]);
    expect(proxyRequestsNow()).toHaveLength(3);
  });

  it('leaves no listener behind when the calls finish normally', async () => {
    const manager = truto.manager({ maxConcurrency: 2 });
    const signal = new AbortController().signal;
    const calls = Array.from({ length: 25 }, () => manager.invoke('list_all_things', {}, { signal }));
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(2);
    // Release answers as they come until every call has been answered.
    const releasing = setInterval(releaseAll, 5);
    try {
      await Promise.all(calls);
    } finally {
      clearInterval(releasing);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(listenerWarnings()).toEqual([]);
  });

  it('shares the listener with calls waiting to retry after a 429', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '30' });
      response.end('{"statusCode":429,"error":"Too Many Requests","message":"slow down"}');
    };
    const manager = truto.manager({ retry: { maxRetries: 3, maxWaitSeconds: 60 } });
    const controller = new AbortController();
    const calls = Array.from({ length: 15 }, () =>
      rejectionOf(manager.invoke('list_all_things', {}, { signal: controller.signal })),
    );
    await expect.poll(() => proxyRequestsNow().length, { timeout: 10_000 }).toBe(15);
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    controller.abort();
    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(TrutoAbortError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(listenerWarnings()).toEqual([]);
  });
});
