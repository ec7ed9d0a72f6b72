import {
  type DryRunRequest,
  type ErrorInfo,
  NotFoundError,
  type RequestInfo,
  type ResponseInfo,
  TrutoConfigError,
} from 'truto-langchainjs-toolset';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const fixture = useSandboxManagers({ manager: { now: NOW } });
const { createManager } = fixture;

beforeEach(() => {
  fixture.sandbox.reset();
});

const proxied = () => fixture.sandbox.requests.filter((request) => request.route === 'proxy');

describe('beforeRequest', () => {
  it('adds per-call headers such as an Idempotency-Key, visible to the server', async () => {
    const seen: RequestInfo[] = [];
    const manager = createManager({
      hooks: {
        beforeRequest: (request) => {
          seen.push(request);
          return { headers: { 'Idempotency-Key': `archive-${request.requestId}` } };
        },
      },
    });
    await manager.invoke('open_ai_projects_archive', { project_id: 'proj_12345' });
    const [sent] = proxied();
    expect(seen).toHaveLength(1);
    expect(sent!.headers['idempotency-key']).toBe(`archive-${seen[0]!.requestId}`);
    // The id stays on this side unless requestIdHeader asks for it to be sent.
    expect(sent!.headers).not.toHaveProperty('x-request-id');
  });

  it('sees the method, full URL, normalised arguments and headers, but never the API key', async () => {
    let seen: RequestInfo | undefined;
    const manager = createManager({
      hooks: {
        beforeRequest: (request) => {
          seen = request;
        },
      },
    });
    await manager.invoke('list_all_open_ai_costs', { start_time: 'last week', limit: 1 });
    expect(seen).toMatchObject({
      toolName: 'list_all_open_ai_costs',
      method: 'GET',
      arguments: { start_time: Date.UTC(2026, 10, 16) / 1000, limit: 1 },
    });
    expect(seen!.url).toContain(`${fixture.sandbox.baseUrl}/proxy/costs?`);
    expect(seen!.url).toContain('start_time=1794787200');
    expect(JSON.stringify(seen)).not.toContain(fixture.sandbox.apiKey);
    expect(Object.keys(seen!.headers)).not.toContain('authorization');
  });

  it('stops the call when it throws: nothing is sent', async () => {
    const manager = createManager({
      hooks: {
        beforeRequest: () => {
          throw new Error('budget exhausted');
        },
      },
    });
    await expect(manager.invoke('list_all_open_ai_models')).rejects.toThrow('budget exhausted');
    expect(proxied()).toHaveLength(0);
  });
});

describe('requestIdHeader', () => {
  it("sends each call's request id in the named header, matching hooks and results", async () => {
    const seen: RequestInfo[] = [];
    const manager = createManager({
      requestIdHeader: 'X-Correlation-Id',
      hooks: { beforeRequest: (request) => void seen.push(request) },
    });
    const first = await manager.invokeWithDetails('list_all_open_ai_models', {});
    const second = await manager.invokeWithDetails('create_a_open_ai_image_generation', { prompt: 'a lighthouse' });
    expect(proxied().map((request) => request.headers['x-correlation-id'])).toEqual([
      first.requestId,
      second.requestId,
    ]);
    expect(seen.map((request) => request.headers['x-correlation-id'])).toEqual([first.requestId, second.requestId]);
    expect(proxied()[1]!.headers['content-type']).toBe('application/json');
  });

  it('lets a per-call header of the same name win, and is not sent without the option', async () => {
    const named = createManager({ requestIdHeader: 'x-request-id' });
    await named.invoke('list_all_open_ai_models', {}, { headers: { 'X-Request-Id': 'mine-1' } });
    const plain = createManager();
    await plain.invoke('list_all_open_ai_models', {});
    expect(proxied().map((request) => request.headers['x-request-id'])).toEqual(['mine-1', undefined]);
  });

  it('refuses a name that is not a header name, or one the client sets itself', () => {
    expect(() => createManager({ requestIdHeader: 'x request id' })).toThrow(TrutoConfigError);
    expect(() => createManager({ requestIdHeader: 'Authorization' })).toThrow(/requestIdHeader/);
  });
});

describe('headers (sent on every request)', () => {
  it('adds the caller’s headers, such as a User-Agent, and none of its own besides Accept and Authorization', async () => {
    await createManager({ headers: { 'User-Agent': 'my-agent/1.2' } }).invoke('list_all_open_ai_models');
    await createManager().invoke('list_all_open_ai_models');
    const [custom, plain] = proxied();
    expect(custom!.headers['user-agent']).toBe('my-agent/1.2');
    expect(plain!.headers['user-agent']).toBeUndefined();
    expect(plain!.headers.accept).toBe('application/json');
    expect(plain!.headers.authorization).toBe('Bearer [redacted]');
    expect(plain!.authenticated).toBe(true);
  });

  it('never lets them replace the API key, and never shows the key in a dry run', async () => {
    const manager = createManager({
      headers: { Authorization: 'Bearer someone-else', 'X-Api-Key': fixture.sandbox.apiKey },
      dryRun: true,
    });
    const request = (await manager.invoke('list_all_open_ai_models')) as DryRunRequest;
    expect(request.headers).not.toHaveProperty('authorization');
    expect(request.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(request)).not.toContain(fixture.sandbox.apiKey);
    await createManager({ headers: { Authorization: 'Bearer someone-else' } }).invoke('list_all_open_ai_models');
    expect(proxied()[0]!.authenticated).toBe(true);
  });

  it('sends one request-id header even when `headers` names it too, and keeps the key against per-call headers', async () => {
    const manager = createManager({ requestIdHeader: 'x-request-id', headers: { 'X-Request-Id': 'fixed' } });
    const outcome = await manager.invokeWithDetails('list_all_open_ai_models', {});
    await manager.invoke('list_all_open_ai_models', {}, { headers: { Authorization: 'Bearer someone-else' } });
    const [first, second] = proxied();
    expect(first!.headers['x-request-id']).toBe(outcome.requestId);
    expect(second!.authenticated).toBe(true);
    expect(outcome.requestId).toBe(outcome.requestId);
    expect(JSON.parse(JSON.stringify(outcome)).requestId).toBe(outcome.requestId);
  });

  it('refuses a header that could split the request', () => {
    expect(() => createManager({ headers: { 'X-Note': 'a\r\nInjected: 1' } })).toThrow(TrutoConfigError);
    expect(() => createManager({ headers: { 'Bad Name': 'x' } })).toThrow(/"headers"/);
    expect(() => createManager({ headers: { 'Transfer-Encoding': 'chunked' } })).toThrow(TrutoConfigError);
  });
});

describe('afterResponse and onError', () => {
  it('receive the request id of each call, a fresh one per call', async () => {
    const responses: ResponseInfo[] = [];
    const manager = createManager({ hooks: { afterResponse: (response) => void responses.push(response) } });
    const first = await manager.invokeWithDetails('list_all_open_ai_models', {});
    const second = await manager.invokeWithDetails('list_all_open_ai_models', {});
    expect(responses.map((response) => response.request.requestId)).toEqual([first.requestId, second.requestId]);
    expect(first.requestId).not.toBe(second.requestId);
    expect(responses[0]).toMatchObject({ status: 200, request: { toolName: 'list_all_open_ai_models' } });
    expect(responses[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(responses[0]!.headers['content-type']).toMatch(/json/);
  });

  it('onError gets the failure with the same request id the error carries', async () => {
    const failures: ErrorInfo[] = [];
    const manager = createManager({ hooks: { onError: (failure) => void failures.push(failure) } });
    const error = await manager
      .invoke('get_single_open_ai_project_by_id', { id: 'proj_does_not_exist' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error).toBe(error);
    expect(failures[0]!.request.requestId).toBe((error as NotFoundError).requestId);
  });

  it('turns a throwing observer into a warning and keeps the outcome', async () => {
    const warnings: string[] = [];
    const manager = createManager({
      onWarning: (message) => warnings.push(message),
      hooks: {
        afterResponse: () => {
          throw new Error('metrics backend down');
        },
        onError: async () => {
          throw new Error('log sink down');
        },
      },
    });
    await expect(manager.invoke('list_all_open_ai_models')).resolves.toMatchObject({ result: expect.any(Array) });
    await expect(manager.invoke('get_single_open_ai_project_by_id', { id: 'proj_nope' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(warnings).toEqual([
      expect.stringMatching(/hook threw.*metrics backend down/),
      expect.stringMatching(/hook threw.*log sink down/),
    ]);
  });
});

describe('dryRun', () => {
  it('returns the exact request (method, URL, headers without secrets, body) and sends nothing', async () => {
    const manager = createManager({ dryRun: true });
    const outcome = await manager.invokeWithDetails('create_a_open_ai_image_generation', {
      prompt: 'Autonomous AI Agents in Finance',
      response_format: 'url',
    });
    const request = outcome.data as DryRunRequest;
    expect(outcome.dryRun).toBe(true);
    expect(request).toMatchObject({
      dryRun: true,
      method: 'POST',
      url: `${fixture.sandbox.baseUrl}/proxy/image_generations?integrated_account_id=${fixture.sandbox.integratedAccountId}`,
      body: { prompt: 'Autonomous AI Agents in Finance', response_format: 'url' },
      requestId: outcome.requestId,
    });
    expect(request.headers).not.toHaveProperty('x-request-id');
    expect(request.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(outcome)).not.toContain(fixture.sandbox.apiKey);
    expect(proxied()).toHaveLength(0);
  });

  it('includes headers added by beforeRequest and per call, and resolves dates first', async () => {
    const manager = createManager({ hooks: { beforeRequest: () => ({ headers: { 'x-trace-id': 'trace-1' } }) } });
    const request = (await manager.invoke(
      'list_all_open_ai_costs',
      { start_time: 'yesterday' },
      { dryRun: true, headers: { 'Idempotency-Key': 'key-1' } },
    )) as DryRunRequest;
    expect(request.headers).toMatchObject({ 'x-trace-id': 'trace-1', 'idempotency-key': 'key-1' });
    expect(request.arguments.start_time).toBe(Date.UTC(2026, 10, 24) / 1000);
    expect(request.url).toContain(`start_time=${Date.UTC(2026, 10, 24) / 1000}`);
    expect(proxied()).toHaveLength(0);
  });

  it('can be turned off per call on a dry-run manager', async () => {
    const manager = createManager({ dryRun: true });
    const outcome = await manager.invokeWithDetails('list_all_open_ai_models', {}, { dryRun: false });
    expect(outcome.dryRun).toBeFalsy();
    expect(outcome.status).toBe(200);
    expect(proxied()).toHaveLength(1);
  });
});
