/**
 * `__proto__` through the OpenAI strict-mode helper (issue 16, item 9): `{"__proto__":{"isAdmin":true},"q":"x"}`
 * from a model is refused like everywhere else, with an error the model reads, and nothing is sent; neither the
 * key nor a prototype made from it survives `restoreStrictArguments`.
 */
import { executeOpenAIChatToolCalls, executeOpenAIResponsesToolCalls } from 'truto-langchainjs-toolset/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { restoreStrictArguments } from '../../src/adapters/openai/restore-strict-arguments.js';
import { ToolInputError } from '../../src/errors/index.js';
import { refusePrototypeKeys } from '../../src/invoke/prototype-keys.js';
import { type HostileTruto, startHostileTruto } from './hostile-truto.js';

const HOSTILE_ARGUMENTS = '{"__proto__":{"isAdmin":true},"q":"x"}';

const TOOLS = [
  {
    name: 'list_all_things',
    description: 'Lists things.',
    resource: 'things',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: { q: { type: 'string' }, filter: { type: 'object', additionalProperties: true } },
      additionalProperties: true,
    },
  },
];

let truto: HostileTruto;
let seenBefore = 0;
beforeAll(async () => {
  truto = await startHostileTruto(TOOLS);
});
afterAll(() => truto.close());
beforeEach(() => {
  seenBefore = truto.proxyRequests().length;
});

const sentSince = () => truto.proxyRequests().slice(seenBefore);

describe('restoreStrictArguments', () => {
  const schema = TOOLS[0]!.query_schema as Record<string, unknown>;

  it('keeps a __proto__ key an own property and never makes it the prototype', () => {
    const restored = restoreStrictArguments(JSON.parse(HOSTILE_ARGUMENTS), schema) as Record<string, unknown>;
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
    expect(Object.hasOwn(restored, '__proto__')).toBe(true);
    expect((restored as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(() => refusePrototypeKeys('list_all_things', restored)).toThrow(ToolInputError);
  });

  it('does the same inside a free-form value that strict mode sent as JSON text', () => {
    const args = { q: 'x', filter: '{"status":"open","__proto__":{"isAdmin":true}}' };
    const restored = restoreStrictArguments(args, schema) as { filter: Record<string, unknown> };
    expect(Object.getPrototypeOf(restored.filter)).toBe(Object.prototype);
    expect(Object.hasOwn(restored.filter, '__proto__')).toBe(true);
    expect(() => refusePrototypeKeys('list_all_things', restored)).toThrow(/__proto__/);
  });

  it('looks up only the schema’s own properties (no Object.prototype members)', () => {
    const restored = restoreStrictArguments(JSON.parse('{"constructor":null,"toString":null,"q":"x"}'), {
      type: 'object',
      properties: { q: { type: 'string' } },
    }) as Record<string, unknown>;
    expect(restored).toEqual({ constructor: null, toString: null, q: 'x' });
  });
});

describe('refusePrototypeKeys', () => {
  it('refuses an object whose prototype is a plain object (what an assigned __proto__ key becomes)', () => {
    const polluted = Object.create({ isAdmin: true }) as Record<string, unknown>;
    polluted.q = 'x';
    expect(() => refusePrototypeKeys('t', polluted)).toThrow(/__proto__/);
    expect(() => refusePrototypeKeys('t', { nested: [polluted] })).toThrow(/nested\.0\.__proto__/);
  });

  it('lets class instances, Buffers, Dates and null-prototype objects pass', () => {
    class Point {
      x = 1;
    }
    const bare = Object.create(null) as Record<string, unknown>;
    bare.q = 'x';
    expect(() =>
      refusePrototypeKeys('t', { point: new Point(), bytes: Buffer.from('a'), when: new Date(), bare }),
    ).not.toThrow();
  });
});

describe('executing OpenAI tool calls with a __proto__ argument', () => {
  it('Chat Completions: the call answers invalid_arguments naming __proto__, and nothing is sent', async () => {
    const messages = await executeOpenAIChatToolCalls(truto.manager(), [
      { id: 'call_1', type: 'function', function: { name: 'list_all_things', arguments: HOSTILE_ARGUMENTS } },
    ]);
    expect(messages).toHaveLength(1);
    const content = JSON.parse(messages[0]!.content as string);
    expect(content.error).toBe('invalid_arguments');
    expect(JSON.stringify(content)).toContain('__proto__');
    expect(sentSince()).toEqual([]);
  });

  it('Responses API: the same, and a clean call next to it still runs', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"result":[]}');
    };
    const outputs = await executeOpenAIResponsesToolCalls(truto.manager(), [
      { type: 'function_call', call_id: 'a', name: 'list_all_things', arguments: HOSTILE_ARGUMENTS },
      { type: 'function_call', call_id: 'b', name: 'list_all_things', arguments: '{"q":"clean"}' },
      {
        type: 'function_call',
        call_id: 'c',
        name: 'list_all_things',
        arguments: '{"filter":"{\\"__proto__\\":{\\"isAdmin\\":true}}"}',
      },
    ]);
    expect(JSON.parse(outputs[0]!.output).error).toBe('invalid_arguments');
    expect(JSON.parse(outputs[2]!.output).error).toBe('invalid_arguments');
    expect(JSON.parse(outputs[1]!.output)).toEqual({ result: [] });
    const sent = sentSince();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toContain('q=clean');
    expect(sent[0]!.url).not.toMatch(/isAdmin/i);
  });
});
