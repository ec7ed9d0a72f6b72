/**
 * Costs nothing when unused: with `@opentelemetry/api` installed but no tracer provider registered, calls make no
 * span (the tracer lookup answers undefined, so no span object is ever created); a provider registered later is
 * picked up by the same manager on its next call.
 */
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Tracing } from '../../src/telemetry/tracing.js';
import { registerInMemoryTracing } from './support.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

it('makes no span until a tracer provider is registered, then traces the same manager’s calls', async () => {
  const manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
  });
  const lookup = Tracing.create(undefined);
  expect(lookup).toBeDefined(); // the API is installed here...
  expect(lookup!.tracer()).toBeUndefined(); // ...and without a provider there is no tracer, so no span is made
  await manager.invoke('list_all_open_ai_projects', {});

  const tracing = registerInMemoryTracing();
  expect(tracing.spans()).toEqual([]);
  expect(lookup!.tracer()).toBeDefined();
  await manager.invoke('list_all_open_ai_projects', {});
  expect(tracing.spans().map((span) => span.name)).toEqual(['execute_tool list_all_open_ai_projects']);
  await manager.close();
  await tracing.provider.shutdown();
});

it('is off entirely with telemetry: false or enabled: false', () => {
  expect(Tracing.create(false)).toBeUndefined();
  expect(Tracing.create({ enabled: false })).toBeUndefined();
});
