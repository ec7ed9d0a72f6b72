/**
 * Arguments with `__proto__`, `constructor` or `prototype` keys, parsed from JSON exactly as a model's tool call
 * arrives, cannot pollute a prototype anywhere: validation, date normalisation, query encoding, body building, the
 * sandbox's echo. Each such key is either sent as plain data or refused with a ToolInputError before anything is sent.
 */

import { ToolInputError, type TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeQuery, type QueryValue } from '../../src/http/query-string.js';
import type { ArgumentPlan } from '../../src/invoke/argument-plan.js';
import { buildProxyRequest } from '../../src/invoke/build-request.js';
import { managerFor } from '../reliability/support';

let sandbox: Sandbox;
let manager: TrutoToolManager;

beforeAll(async () => {
  sandbox = await startSandbox({ syntheticTools: 60 });
  manager = managerFor(sandbox, { now: new Date('2026-11-25T12:00:00Z') });
  await manager.getToolDefinitions();
});
afterAll(async () => {
  await manager.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());
afterEach(() => expectPrototypesClean());

function expectPrototypesClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  expect(Object.hasOwn(Array.prototype, 'polluted')).toBe(false);
  expect(Object.hasOwn(Function.prototype, 'polluted')).toBe(false);
}

/** Every object reachable from `value` still has an ordinary prototype: none was swapped for attacker data. */
function expectOrdinaryPrototypes(value: unknown, path = '$'): void {
  if (typeof value !== 'object' || value === null) return;
  const prototype = Object.getPrototypeOf(value);
  expect([Object.prototype, Array.prototype, null], `prototype at ${path}`).toContain(prototype);
  for (const key of Object.keys(value))
    expectOrdinaryPrototypes((value as Record<string, unknown>)[key], `${path}.${key}`);
}

/** Tools of each kind from the sandbox's synthetic catalog, with an open object (`address`) or a map (`metadata`). */
const TOOLS = {
  'list (query string)': { name: 'list_all_synthetic_assets_0024', base: {}, field: 'address', where: 'query' },
  'create (JSON body, echoed back)': {
    name: 'create_a_synthetic_ticket_0002',
    base: {},
    field: 'address',
    where: 'body',
  },
  'update (id in the path, JSON body)': {
    name: 'update_a_synthetic_contact_0033_by_id',
    base: { id: 'contact_1' },
    field: 'address',
    where: 'body',
  },
  'custom method (JSON body)': {
    name: 'synthetic_repositories_0041_export',
    base: {},
    field: 'metadata',
    where: 'body',
  },
} as const;

/** Payloads as a model's tool call carries them: JSON text, so `__proto__` is an own key, not a prototype. */
function payloads(field: string): Array<[string, string]> {
  const open = field === 'address' ? '"line1": "1 Main St", "country": "DE", ' : '';
  return [
    ['a top-level __proto__', '{"__proto__": {"polluted": "yes"}}'],
    ['__proto__ inside an object argument', `{"${field}": {${open}"__proto__": {"polluted": "yes"}}}`],
    ['__proto__ as a string value key', `{"${field}": {${open}"__proto__": "yes"}}`],
    [
      'constructor.prototype inside an object',
      `{"${field}": {${open}"constructor": {"prototype": {"polluted": "yes"}}}}`,
    ],
    ['constructor and prototype as plain keys', `{"${field}": {${open}"constructor": "c", "prototype": "p"}}`],
    ['a top-level constructor.prototype', '{"constructor": {"prototype": {"polluted": "yes"}}}'],
    ['a top-level prototype', '{"prototype": {"polluted": "yes"}}'],
  ];
}

function proxyRequestsSince(mark: number) {
  return sandbox.requests.filter((record) => record.id > mark && record.route === 'proxy');
}

describe.each(Object.entries(TOOLS))('%s', (_kind, tool) => {
  it.each(payloads(tool.field))('%s: refused, or sent as plain data', async (_name, json) => {
    const args = { ...tool.base, ...JSON.parse(json) };
    // The spread above copies an own `__proto__` key as data, as JSON.parse made it: check that it did.
    if (json.startsWith('{"__proto__"')) expect(Object.hasOwn(args, '__proto__')).toBe(true);
    const mark = sandbox.requests.at(-1)?.id ?? 0;

    let outcome: Awaited<ReturnType<TrutoToolManager['invokeWithDetails']>>;
    try {
      outcome = await manager.invokeWithDetails(tool.name, args);
    } catch (error) {
      expect(error).toBeInstanceOf(ToolInputError);
      expect(proxyRequestsSince(mark)).toEqual([]);
      if (json.includes('"__proto__"')) {
        expect((error as ToolInputError).issues.map((issue) => issue.path)).toContainEqual(
          expect.stringMatching(/(^|\.)__proto__$/),
        );
      }
      expectOrdinaryPrototypes((error as ToolInputError).toJSON());
      return;
    }

    // A `__proto__` key can never be kept as data (validation and Truto would drop it), so it must be refused.
    expect(json).not.toContain('"__proto__"');
    expectOrdinaryPrototypes(outcome.sentArguments);
    expectOrdinaryPrototypes(outcome.data);
    const [sent] = proxyRequestsSince(mark);
    const given = JSON.parse(json) as Record<string, unknown>;
    if (tool.where === 'body') {
      // Every key given is on the wire as data, exactly.
      expect(sent?.body).toMatchObject(given);
    } else {
      // The same value, encoded, is in the query string: nothing dropped, nothing turned into structure.
      for (const key of Object.keys(given)) {
        expect(sent?.rawQuery).toContain(encodeQuery({ [key]: given[key] as QueryValue }));
      }
    }
    if (tool.name.startsWith('create_')) expect(outcome.data).toMatchObject(given);
  });
});

describe('the other paths a key can take', () => {
  it('date normalisation: a __proto__ next to a date expression is refused before any date is read', async () => {
    const args = JSON.parse('{"start_time": "last week", "__proto__": {"polluted": "yes"}}');
    await expect(manager.invoke('list_all_open_ai_costs', args)).rejects.toBeInstanceOf(ToolInputError);
  });

  it('the model-facing path (invokeForModel, errorMode return) refuses it too', async () => {
    const errorMode = managerFor(sandbox, { errorMode: 'return' });
    try {
      const result = await errorMode.invokeForModel(
        'create_a_synthetic_ticket_0002',
        JSON.parse('{"address": {"line1": "x", "country": "DE", "__proto__": {"polluted": "yes"}}}'),
      );
      expect(result.isError).toBe(true);
      expect(JSON.parse(result.content)).toMatchObject({ error: 'invalid_arguments' });
    } finally {
      await errorMode.close();
    }
  });

  it('a dry run shows constructor/prototype keys as data and swaps no prototype', async () => {
    const args = JSON.parse('{"address": {"line1": "x", "country": "DE", "constructor": {"prototype": {"a": 1}}}}');
    const outcome = await manager.invokeWithDetails('create_a_synthetic_ticket_0002', args, { dryRun: true });
    expectOrdinaryPrototypes(outcome.data);
    expect((outcome.data as { body: unknown }).body).toMatchObject(args);
  });

  it('the LangChain tool (validated by its own zod schema) never lets a __proto__ key through as a prototype', async () => {
    const tool = (await manager.getTools()).find((candidate) => candidate.name === 'create_a_synthetic_ticket_0002')!;
    const mark = sandbox.requests.at(-1)?.id ?? 0;
    const input = JSON.parse('{"address": {"line1": "x", "country": "DE", "__proto__": {"polluted": "yes"}}}');
    const settled = await tool.invoke(input).then(
      (text) => ({ text }),
      (error: unknown) => ({ error }),
    );
    const [sent] = proxyRequestsSince(mark);
    if ('text' in settled) {
      // zod's own parse drops the key before our pipeline sees it: what is sent has no trace of it.
      expectOrdinaryPrototypes(sent?.body);
      const body = sent?.body as { address?: Record<string, unknown> } | undefined;
      expect(body?.address).toEqual({ line1: 'x', country: 'DE' });
    } else {
      expect(sent).toBeUndefined();
    }
  });

  it('body building keeps an own __proto__ argument as data, not as the body’s prototype', () => {
    const plan: ArgumentPlan = {
      httpMethod: 'POST',
      basePath: '/proxy/things',
      idInPath: false,
      locations: new Map(),
      extraLocation: 'body',
    };
    const request = buildProxyRequest(plan, JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}'), 'acc');
    expect(Object.getPrototypeOf(request.body)).toBe(Object.prototype);
    expect(JSON.stringify(request.body)).toBe('{"__proto__":{"polluted":"yes"},"a":1}');
  });

  it('query encoding writes dangerous keys as inert text', () => {
    const query = JSON.parse('{"a": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": "p"}}}') as Record<
      string,
      QueryValue
    >;
    expect(decodeURIComponent(encodeQuery(query))).toBe('a[__proto__][polluted]=yes&a[constructor][prototype]=p');
  });

  it('the sandbox’s query parser drops them, as qs does', async () => {
    const answer = await fetch(
      `${sandbox.baseUrl}/proxy/projects?integrated_account_id=${sandbox.integratedAccountId}&__proto__[polluted]=1&constructor[prototype][polluted]=1&a[__proto__][polluted]=1`,
      { headers: { authorization: `Bearer ${sandbox.apiKey}` } },
    );
    expect(answer.status).toBe(200);
    const [record] = sandbox.requests;
    expect(Object.keys(record!.query)).toEqual(['integrated_account_id']);
  });
});
