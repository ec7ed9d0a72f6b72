/**
 * Issue 16, items 1–3, end to end: a hostile catalog served over loopback (`node:http`), loaded by a manager, shown
 * to models (the schema every adapter reads, OpenAI's strict rewrite, LangChain's) and called with hostile
 * arguments. Each case would stall the process for seconds to hours without its bound; here each ends in a typed
 * error or a sent call, and the work is bounded structurally (schema sizes, warnings, what was sent). No timings:
 * vitest's own timeout is the only clock.
 */
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { ToolInputError, type TrutoTool, type TrutoToolManager } from 'truto-langchainjs-toolset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIToolParameters } from '../../src/adapters/openai/tool-definitions.js';
import {
  type HostileCatalogServer,
  hostileManager,
  startHostileCatalogServer,
  toolWithBody,
  toolWithQuery,
} from './hostile-catalog.js';

const CATASTROPHIC = '^(a+)+$';
const ATTACK = `${'a'.repeat(40)}!`;

/** `$defs` where each level refers twice to the one below, through `keyword`: 2 KB of catalog, 2^levels paths. */
function doubling(levels: number, via: 'allOf' | 'anyOf' | 'properties' | 'annotated'): Record<string, unknown> {
  const defs: Record<string, unknown> = { d0: { type: 'object', properties: { v: { type: 'string' } } } };
  for (let level = 1; level <= levels; level++) {
    const plain = { $ref: `#/$defs/d${level - 1}` };
    const annotated = { $ref: `#/$defs/d${level - 1}`, description: `level ${level}` };
    defs[`d${level}`] =
      via === 'allOf'
        ? { allOf: [plain, { ...plain }] }
        : via === 'annotated'
          ? { allOf: [plain, annotated] }
          : via === 'anyOf'
            ? { anyOf: [plain, annotated] }
            : { type: 'object', properties: { left: plain, right: { ...plain } } };
  }
  return { type: 'object', properties: { x: { $ref: `#/$defs/d${levels}` } }, $defs: defs };
}

/** An `if`/`then`/`else` tree of about 2^depth sub-schemas (depth 17: ~9 MiB of catalog). */
function conditionTree(depth: number): Record<string, unknown> {
  const make = (level: number): Record<string, unknown> =>
    level === 0
      ? { type: 'string', minLength: 1 }
      : // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited
        { if: make(level - 1), then: make(level - 1), else: { type: 'number' } };
  return { type: 'object', properties: { x: make(depth) } };
}

const TOOLS = [
  toolWithQuery('regex_pattern', { type: 'object', properties: { q: { type: 'string', pattern: CATASTROPHIC } } }),
  toolWithBody('regex_pattern_properties', {
    type: 'object',
    properties: { labels: { type: 'object', patternProperties: { [CATASTROPHIC]: { type: 'integer' } } } },
  }),
  toolWithBody('regex_property_names', {
    type: 'object',
    properties: { labels: { type: 'object', propertyNames: { pattern: CATASTROPHIC } } },
  }),
  toolWithQuery('doubling_all_of', doubling(30, 'allOf')),
  toolWithQuery('doubling_annotated', doubling(30, 'annotated')),
  toolWithQuery('doubling_any_of', doubling(30, 'anyOf')),
  toolWithQuery('doubling_properties', doubling(30, 'properties')),
  toolWithQuery('huge_enum', {
    type: 'object',
    properties: { e: { type: 'string', enum: Array.from({ length: 100_000 }, (_, index) => `value_${index}`) } },
  }),
  toolWithQuery('many_properties', {
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: 10_000 }, (_, index) => [`p${index}`, { type: 'string', description: `Field ${index}` }]),
    ),
  }),
  toolWithQuery('condition_tree', conditionTree(17)),
  toolWithBody('unique_items', {
    type: 'object',
    properties: { items: { type: 'array', uniqueItems: true, items: { type: 'object' } } },
  }),
];

let server: HostileCatalogServer;
let manager: TrutoToolManager;
let tools: Map<string, TrutoTool>;

beforeAll(async () => {
  server = await startHostileCatalogServer(TOOLS);
  manager = hostileManager(server);
  tools = new Map((await manager.getToolDefinitions()).map((tool) => [tool.name, tool]));
});

afterAll(async () => {
  await manager.close();
  await server.close();
});

/** Every way a model is shown the tool: our schema, OpenAI strict mode, LangChain. */
function renderEveryWay(tool: TrutoTool): { model: string; strict: string; langChain: string } {
  return {
    model: JSON.stringify(tool.modelJsonSchema),
    strict: JSON.stringify(openAIToolParameters(tool, true, () => {}).parameters),
    langChain: JSON.stringify(toJsonSchema(tool.inputSchema as never)),
  };
}

/** Compiles the tool (on first use, as the manager does) and returns what the compiler said. */
function warningsOf(tool: TrutoTool): string {
  void tool.inputSchema;
  return tool.warnings.map((warning) => `${warning.keyword}: ${warning.message}`).join('\n');
}

async function inputErrorOf(call: Promise<unknown>): Promise<ToolInputError> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ToolInputError);
    return error as ToolInputError;
  }
  throw new Error('expected a ToolInputError');
}

describe('catastrophic patterns (item 1)', () => {
  it('refuses a hostile query argument without backtracking, and warns what engine checks it', async () => {
    const tool = tools.get('regex_pattern')!;
    expect(warningsOf(tool)).toMatch(/linear-time engine \(RE2\)/);
    const error = await inputErrorOf(manager.invoke('regex_pattern', { q: ATTACK }));
    expect(error.issues[0]?.path).toBe('q');
    const sent = server.proxyRequests.length;
    await manager.invoke('regex_pattern', { q: 'a'.repeat(10_000) });
    expect(server.proxyRequests.length).toBe(sent + 1);
  });

  it('the same through patternProperties and propertyNames, in a body', async () => {
    const before = server.proxyRequests.length;
    await inputErrorOf(
      manager.invoke('regex_pattern_properties', { labels: { [ATTACK.slice(0, -1)]: 'not a number' } }),
    );
    await manager.invoke('regex_pattern_properties', { labels: { [ATTACK]: 'not governed by the pattern' } });
    await inputErrorOf(manager.invoke('regex_property_names', { labels: { [ATTACK]: 1 } }));
    await manager.invoke('regex_property_names', { labels: { [ATTACK.slice(0, -1)]: 1 } });
    expect(server.proxyRequests.length).toBe(before + 2);
    for (const name of ['regex_pattern_properties', 'regex_property_names']) {
      expect(warningsOf(tools.get(name)!)).toMatch(
        /^pattern(Properties)?: pattern "\^\(a\+\)\+\$" can take exponential/m,
      );
    }
  });
});

describe('schema blow-ups (item 2)', () => {
  it.each(['doubling_all_of', 'doubling_annotated', 'doubling_any_of', 'doubling_properties'])(
    '%s: 30 levels of doubled references compile, render every way and validate, all bounded',
    async (name) => {
      const tool = tools.get(name)!;
      const rendered = renderEveryWay(tool);
      // 2^30 sub-schemas written out would be gigabytes; what a model reads stays near the catalog's size.
      for (const text of Object.values(rendered)) expect(text.length).toBeLessThan(200_000);
      await manager.invoke(name, { x: { v: 'a' } });
    },
  );

  it('says which part was relaxed, when one was', () => {
    expect(warningsOf(tools.get('doubling_properties')!)).toMatch(/written out for a model .* more than the budget/);
    expect(warningsOf(tools.get('doubling_annotated')!)).toMatch(/would visit [\d,]+ sub-schemas in place/);
  });

  it('an enum of 100,000 strings: exact membership, all values shown', async () => {
    const tool = tools.get('huge_enum')!;
    const shown = tool.modelJsonSchema as { properties: { e: { enum: string[] } } };
    expect(shown.properties.e.enum).toHaveLength(100_000);
    // Past the 8th call the validator is generated code: a set lookup, not 100,000 comparisons.
    for (let call = 0; call < 10; call++) await manager.invoke('huge_enum', { e: 'value_99999' });
    const error = await inputErrorOf(manager.invoke('huge_enum', { e: 'value_100000' }));
    expect(error.issues[0]?.message).toMatch(/expected one of: value_0, value_1, .*\(100000 values\)/);
  });

  it('10,000 properties: every one validated and shown', async () => {
    const tool = tools.get('many_properties')!;
    expect(Object.keys((tool.modelJsonSchema as { properties: object }).properties)).toHaveLength(10_000);
    for (let call = 0; call < 10; call++) await manager.invoke('many_properties', { p9999: 'last', p0: 'first' });
    await inputErrorOf(manager.invoke('many_properties', { p5000: 5 }));
  });

  it('a 9 MiB if/then tree: compiled up to the sub-schema budget, the rest accepts anything', async () => {
    const tool = tools.get('condition_tree')!;
    expect(JSON.stringify(tool.definition.query_schema).length).toBeGreaterThan(8 * 1024 * 1024);
    expect(warningsOf(tool)).toMatch(/more than 20,000 sub-schemas/);
    renderEveryWay(tool);
    await manager.invoke('condition_tree', { x: 'anything' });
  });
});

describe('uniqueItems on 40,000 and 120,000 objects (item 3)', () => {
  const records = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ id: index, name: `record ${index}`, tags: ['a', 'b'] }));

  it('accepts unique items and refuses a duplicate, whatever its key order', async () => {
    await manager.invoke('unique_items', { items: records(40_000) });
    const withDuplicate = [...records(120_000), { tags: ['a', 'b'], name: 'record 7', id: 7 }];
    const error = await inputErrorOf(manager.invoke('unique_items', { items: withDuplicate }));
    expect(error.issues[0]?.message).toMatch(/unique/);
  });
});
