import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BadRequestError,
  InternalServerError,
  RateLimitError,
  TrutoAbortError,
  TrutoConnectionError,
  TrutoTimeoutError,
} from '../../src/errors/index.js';
import { chooseRetryAfterSeconds, parseRateLimitHeaders } from '../../src/http/rate-limit-headers.js';
import {
  computeRetryDelayMs,
  DEFAULT_MAX_RETRIES,
  decideRetry,
  isIdempotentMethod,
  type RetryAttemptInfo,
  type RetryRuntimeOptions,
  sleep,
  withRateLimitRetry,
} from '../../src/http/retry.js';

const request = { method: 'POST', url: 'https://api.truto.one/proxy/images?integrated_account_id=abc' };

/** A 429 built the way the HTTP client builds it: parse the headers, choose the wait. */
function rateLimitError(headers: Record<string, string>): RateLimitError {
  const rateLimit = parseRateLimitHeaders(headers);
  const retryAfterSeconds = chooseRetryAfterSeconds(rateLimit);
  return new RateLimitError({
    ...request,
    status: 429,
    headers,
    body: { error: { message: 'Rate limit reached for images per minute.' } },
    rateLimit,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

function serverError(status: number, body: unknown = {}, headers: Record<string, string> = {}): InternalServerError {
  return new InternalServerError({ ...request, status, headers, body });
}

/** A fake sleep that records every wait and returns at once. */
function recordingSleep() {
  const waitsMs: number[] = [];
  return { waitsMs, sleep: async (ms: number) => void waitsMs.push(ms) };
}

/** `fn` that throws the given errors in turn, then answers "ok". */
function failingThen<T>(errors: unknown[], result: T) {
  const attempts: number[] = [];
  const fn = async (attempt: number): Promise<T> => {
    attempts.push(attempt);
    const error = errors.shift();
    if (error !== undefined) throw error;
    return result;
  };
  return { attempts, fn };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the seed's loop: catch a 429, wait the advertised time, call again", () => {
  it('waits exactly the 3 s of ratelimit-reset and returns the second answer', async () => {
    const clock = recordingSleep();
    const { attempts, fn } = failingThen([rateLimitError({ 'ratelimit-reset': '3' })], 'image-url');
    const result = await withRateLimitRetry(fn, { sleep: clock.sleep, random: () => 0 });
    expect(result).toBe('image-url');
    expect(clock.waitsMs).toEqual([3000]);
    expect(attempts).toEqual([1, 2]);
  });

  it('really sleeps 3 s on a fake clock, not a millisecond less', async () => {
    vi.useFakeTimers();
    const { attempts, fn } = failingThen([rateLimitError({ 'ratelimit-reset': '3' })], 'done');
    let settled = false;
    const promise = withRateLimitRetry(fn, { jitter: false }).then((value) => {
      settled = true;
      return value;
    });
    await vi.advanceTimersByTimeAsync(2999);
    expect(settled).toBe(false);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await promise).toBe('done');
    expect(attempts).toEqual([1, 2]);
  });

  it('reads axios-style errors (error.response.status / headers) like the seed does', async () => {
    const clock = recordingSleep();
    const axiosLike = Object.assign(new Error('Request failed with status code 429'), {
      response: { status: 429, headers: { 'ratelimit-reset': '3' } },
    });
    const { fn } = failingThen([axiosLike], 42);
    expect(await withRateLimitRetry(fn, { sleep: clock.sleep, jitter: false })).toBe(42);
    expect(clock.waitsMs).toEqual([3000]);
  });

  it('honours Retry-After over the reset, and upstream resets when nothing else is given', async () => {
    const clock = recordingSleep();
    const { fn } = failingThen(
      [
        rateLimitError({ 'retry-after': '10', 'ratelimit-reset': '3' }),
        rateLimitError({ 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1m29.76s' }),
      ],
      'ok',
    );
    await withRateLimitRetry(fn, { sleep: clock.sleep, jitter: false, maxWaitSeconds: 120 });
    expect(clock.waitsMs).toEqual([10_000, 89_760]);
  });

  it('only lengthens an advertised wait with jitter, never shortens it', async () => {
    for (const random of [0, 0.5, 0.999]) {
      const clock = recordingSleep();
      const { fn } = failingThen([rateLimitError({ 'ratelimit-reset': '10' })], 'ok');
      await withRateLimitRetry(fn, { sleep: clock.sleep, random: () => random });
      expect(clock.waitsMs[0]).toBeGreaterThanOrEqual(10_000);
      expect(clock.waitsMs[0]).toBeLessThanOrEqual(11_000);
    }
  });
});

describe('bounds', () => {
  it(`gives up after maxRetries (default ${DEFAULT_MAX_RETRIES}) and rethrows the last 429`, async () => {
    const clock = recordingSleep();
    const errors = [1, 2, 3, 4].map(() => rateLimitError({ 'ratelimit-reset': '1' }));
    const { attempts, fn } = failingThen([...errors], 'never');
    await expect(withRateLimitRetry(fn, { sleep: clock.sleep, jitter: false })).rejects.toBe(errors[2]);
    expect(attempts).toEqual([1, 2, 3]);
    expect(clock.waitsMs).toEqual([1000, 1000]);
  });

  it('does not retry with maxRetries: 0', async () => {
    const clock = recordingSleep();
    const error = rateLimitError({ 'ratelimit-reset': '1' });
    const { attempts, fn } = failingThen([error], 'never');
    await expect(withRateLimitRetry(fn, { sleep: clock.sleep, maxRetries: 0 })).rejects.toBe(error);
    expect(attempts).toEqual([1]);
    expect(clock.waitsMs).toEqual([]);
  });

  it('throws at once, with its wait time, when the advertised wait exceeds maxWaitSeconds', async () => {
    const clock = recordingSleep();
    const error = rateLimitError({ 'ratelimit-reset': '3600' });
    const { attempts, fn } = failingThen([error], 'never');
    const thrown = await withRateLimitRetry(fn, { sleep: clock.sleep }).catch((caught: unknown) => caught);
    expect(thrown).toBe(error);
    expect((thrown as RateLimitError).retryAfterSeconds).toBe(3600);
    expect((thrown as RateLimitError).message).toContain('Retry after 3600 s');
    expect(attempts).toEqual([1]);
    expect(clock.waitsMs).toEqual([]);
  });

  it('sleeps a wait equal to maxWaitSeconds, jitter capped to it', async () => {
    const clock = recordingSleep();
    const { fn } = failingThen([rateLimitError({ 'retry-after': '30' })], 'ok');
    await withRateLimitRetry(fn, { sleep: clock.sleep, maxWaitSeconds: 30, random: () => 0.99 });
    expect(clock.waitsMs).toEqual([30_000]);
  });

  it('backs off exponentially when the 429 advertises no wait, capped by maxBackoffSeconds', async () => {
    const clock = recordingSleep();
    const errors = [1, 2, 3, 4, 5, 6].map(() => rateLimitError({}));
    const { fn } = failingThen(errors, 'ok');
    await withRateLimitRetry(fn, { sleep: clock.sleep, jitter: false, maxRetries: 6, maxBackoffSeconds: 4 });
    expect(clock.waitsMs).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('spreads backoff both ways by the jitter fraction', () => {
    const error = rateLimitError({});
    expect(computeRetryDelayMs(error, 1, { jitter: 0.2, random: () => 0 })).toBe(400);
    expect(computeRetryDelayMs(error, 1, { jitter: 0.2, random: () => 0.5 })).toBe(500);
    expect(computeRetryDelayMs(error, 1, { jitter: 0.2, random: () => 1 })).toBe(600);
  });

  it('caps backoff by maxWaitSeconds too', () => {
    expect(computeRetryDelayMs(rateLimitError({}), 5, { jitter: false, maxRetries: 10, maxWaitSeconds: 1 })).toBe(1000);
  });

  it('falls back to the defaults for nonsense options', () => {
    const error = rateLimitError({ 'ratelimit-reset': '1' });
    expect(computeRetryDelayMs(error, 1, { maxRetries: Number.NaN, jitter: false })).toBe(1000);
    expect(computeRetryDelayMs(error, 3, { maxRetries: -1 })).toBeUndefined();
    expect(computeRetryDelayMs(error, 1, { maxWaitSeconds: -5, jitter: false })).toBe(1000);
  });
});

describe('idempotency rules', () => {
  const connection = new TrutoConnectionError({ ...request, cause: new Error('ECONNRESET') });
  const timeout = new TrutoTimeoutError({ ...request, timeoutMs: 30_000 });
  const aborted = new TrutoAbortError(request);

  it.each([
    ['a network error', connection],
    ['a timeout', timeout],
    ['a 502', serverError(502)],
    ['a 504', serverError(504)],
    ['an upstream 503', serverError(503, { truto_is_remote_error: true })],
  ])('retries %s only when the call is idempotent', (_name, error) => {
    expect(decideRetry(error, 1)).toEqual({ retry: false, reason: 'not_idempotent' });
    expect(decideRetry(error, 1, { idempotent: true, jitter: false })).toMatchObject({ retry: true, delayMs: 500 });
    expect(decideRetry(error, 1, { idempotent: () => true, jitter: false })).toMatchObject({ retry: true });
    expect(decideRetry(error, 1, { idempotent: () => false })).toMatchObject({ retry: false });
  });

  it("never retries Truto's own 503 (integrated account blocked)", () => {
    const blocked = serverError(503, {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Integrated account is blocked',
    });
    expect(decideRetry(blocked, 1, { idempotent: true })).toEqual({ retry: false, reason: 'not_retryable' });
  });

  it('retries a 503 that carries Retry-After after that wait, when idempotent', () => {
    const busy = serverError(503, {}, { 'retry-after': '5' });
    expect(decideRetry(busy, 1, { idempotent: true, jitter: false })).toEqual({
      retry: true,
      delayMs: 5000,
      reason: 'server_error',
      retryAfterSeconds: 5,
    });
  });

  it('never retries an abort, even when idempotent', () => {
    expect(decideRetry(aborted, 1, { idempotent: true })).toEqual({ retry: false, reason: 'aborted' });
    const domAbort = new DOMException('This operation was aborted', 'AbortError');
    expect(decideRetry(domAbort, 1, { idempotent: true })).toEqual({ retry: false, reason: 'aborted' });
  });

  it('retries a 429 whatever the method: nothing happened on the server', () => {
    expect(decideRetry(rateLimitError({}), 1, { idempotent: false })).toMatchObject({
      retry: true,
      reason: 'rate_limited',
    });
  });

  it('does not retry other errors', () => {
    for (const error of [
      serverError(500),
      new BadRequestError({ ...request, status: 400, headers: {}, body: {} }),
      new Error('x'),
      'x',
      null,
    ]) {
      expect(decideRetry(error, 1, { idempotent: true })).toEqual({ retry: false, reason: 'not_retryable' });
    }
  });

  it('retries a network error end to end for an idempotent call', async () => {
    const clock = recordingSleep();
    const { attempts, fn } = failingThen([connection, serverError(502)], 'listed');
    expect(await withRateLimitRetry(fn, { sleep: clock.sleep, idempotent: true, jitter: false })).toBe('listed');
    expect(attempts).toEqual([1, 2, 3]);
    expect(clock.waitsMs).toEqual([500, 1000]);
    const once = failingThen([connection], 'never');
    await expect(withRateLimitRetry(once.fn, { sleep: clock.sleep })).rejects.toBe(connection);
    expect(once.attempts).toEqual([1]);
  });

  it('lets retryOn override the rules, within the bounds', () => {
    expect(decideRetry(serverError(500), 1, { retryOn: () => true, jitter: false })).toEqual({
      retry: true,
      delayMs: 500,
      reason: 'custom',
    });
    expect(decideRetry(rateLimitError({ 'retry-after': '1' }), 1, { retryOn: () => false })).toEqual({
      retry: false,
      reason: 'not_retryable',
    });
    expect(decideRetry(connection, 1, { retryOn: () => true, jitter: false })).toMatchObject({
      retry: true,
      reason: 'connection_error',
    });
    expect(decideRetry(connection, 1, { retryOn: () => undefined })).toMatchObject({
      retry: false,
      reason: 'not_idempotent',
    });
    expect(decideRetry(serverError(500), 3, { retryOn: () => true })).toEqual({
      retry: false,
      reason: 'retries_exhausted',
    });
    expect(decideRetry(rateLimitError({ 'retry-after': '600' }), 1, { retryOn: () => true })).toEqual({
      retry: false,
      reason: 'wait_too_long',
    });
  });

  it('knows the idempotent methods', () => {
    expect(['GET', 'head', 'OPTIONS', 'PUT', 'delete', 'TRACE'].every(isIdempotentMethod)).toBe(true);
    expect(['POST', 'PATCH', 'CONNECT'].some(isIdempotentMethod)).toBe(false);
  });
});

describe('cancellation', () => {
  it('rejects with TrutoAbortError at once when aborted during the wait, and stops calling', async () => {
    const controller = new AbortController();
    const error = rateLimitError({ 'ratelimit-reset': '30' });
    const { attempts, fn } = failingThen([error], 'never');
    const options: RetryRuntimeOptions = {
      signal: controller.signal,
      onRetry: () => controller.abort(new Error('user left')),
    };
    const thrown = await withRateLimitRetry(fn, options).catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(TrutoAbortError);
    expect((thrown as TrutoAbortError).method).toBe('POST');
    expect((thrown as TrutoAbortError).url).toBe(request.url);
    expect(((thrown as TrutoAbortError).cause as Error).message).toBe('user left');
    expect(attempts).toEqual([1]);
  });

  it('aborts a wait on a fake clock before it elapses', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { attempts, fn } = failingThen([rateLimitError({ 'ratelimit-reset': '30' })], 'never');
    const promise = withRateLimitRetry(fn, { signal: controller.signal, jitter: false }).catch(
      (caught: unknown) => caught,
    );
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort();
    expect(await promise).toBeInstanceOf(TrutoAbortError);
    expect(vi.getTimerCount()).toBe(0);
    expect(attempts).toEqual([1]);
  });

  it('does not call fn when the signal is already aborted', async () => {
    const fn = vi.fn(async () => 'never');
    await expect(withRateLimitRetry(fn, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TrutoAbortError);
    expect(fn).not.toHaveBeenCalled();
  });

  it('rethrows the error of an attempt that failed because of the abort', async () => {
    const controller = new AbortController();
    const aborted = new TrutoAbortError(request);
    const fn = async () => {
      controller.abort();
      throw aborted;
    };
    await expect(withRateLimitRetry(fn, { signal: controller.signal })).rejects.toBe(aborted);
  });
});

describe('onRetry', () => {
  it('reports each retry before waiting', async () => {
    const seen: RetryAttemptInfo[] = [];
    const clock = recordingSleep();
    const error = rateLimitError({ 'ratelimit-reset': '2' });
    const { fn } = failingThen([error], 'ok');
    await withRateLimitRetry(fn, { sleep: clock.sleep, jitter: false, onRetry: (info) => seen.push(info) });
    expect(seen).toEqual([{ attempt: 1, error, reason: 'rate_limited', delayMs: 2000, retryAfterSeconds: 2 }]);
  });
});

describe('sleep', () => {
  it('resolves after the delay on a fake clock', async () => {
    vi.useFakeTimers();
    let done = false;
    const promise = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await promise;
    expect(done).toBe(true);
  });

  it('rejects with the reason on abort and clears its timer and listener', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const reason = new Error('stop');
    const promise = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(reason);
    await expect(promise).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes its abort listener once the timer fires', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await sleep(1, controller.signal);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('rejects at once when already aborted and resolves at once for 0 ms', async () => {
    await expect(sleep(10, AbortSignal.abort('gone'))).rejects.toBe('gone');
    await expect(sleep(0)).resolves.toBeUndefined();
    await expect(sleep(Number.NaN)).resolves.toBeUndefined();
  });
});
