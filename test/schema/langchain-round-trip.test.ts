import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { describe, expect, it } from 'vitest';
import { defaultSuitePath } from '../../scripts/conformance.js';
import { compileJsonSchema, toModelJsonSchema } from '../../src/schema/index.js';
import { expectFaithful, findEmptyAllOfMember } from './faithfulness.js';
import { openAiOperationSchemas, sandboxToolSchemas } from './fixtures/tool-schemas.js';

/** The JSON Schema LangChain shows a model for a tool whose `schema` is our compiled zod. */
const langChainView = (schema: unknown) => toJsonSchema(compileJsonSchema(schema) as never) as Record<string, unknown>;

describe('LangChain toJsonSchema on the tools the sandbox serves', () => {
  const tools = [...sandboxToolSchemas(200), ...openAiOperationSchemas()];

  it.each(tools.map((tool) => [tool.name, tool.schema] as const))('%s converts faithfully', (_name, schema) => {
    const view = langChainView(schema);
    expect(findEmptyAllOfMember(view)).toBeUndefined();
    expectFaithful(schema, view);
    const modelView = toModelJsonSchema(compileJsonSchema(schema));
    expect(findEmptyAllOfMember(modelView)).toBeUndefined();
    expectFaithful(schema, modelView);
  });
});

describe('LangChain toJsonSchema on every conformance schema', () => {
  const root = join(defaultSuitePath(), 'tests');
  const groups: Array<[string, unknown, '2020-12' | 'draft-07']> = [];
  for (const [draft, dialect] of [
    ['draft2020-12', '2020-12'],
    ['draft7', 'draft-07'],
  ] as const) {
    for (const directory of ['', 'optional', 'optional/format']) {
      for (const file of readdirSync(join(root, draft, directory)).filter((name) => name.endsWith('.json'))) {
        for (const group of JSON.parse(readFileSync(join(root, draft, directory, file), 'utf8')) as Array<{
          description: string;
          schema: unknown;
        }>) {
          groups.push([
            `${draft}/${directory ? `${directory}/` : ''}${file}: ${group.description}`,
            group.schema,
            dialect,
          ]);
        }
      }
    }
  }

  it(`converts all ${groups.length} schemas without throwing and without empty allOf members`, () => {
    const failures: string[] = [];
    for (const [name, schema, dialect] of groups) {
      try {
        const node = compileJsonSchema(schema, { dialect });
        for (const view of [toJsonSchema(node as never), toModelJsonSchema(node)]) {
          const empty = findEmptyAllOfMember(view);
          if (empty) failures.push(`${name}: empty allOf member at ${empty}`);
        }
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('what LangChain does to the compiled schema', () => {
  it('does not change how it validates (LangChain closes objects in place)', () => {
    const node = compileJsonSchema({
      type: 'object',
      properties: { filter: { type: 'object', properties: { a: { type: 'string' } } } },
      required: ['filter'],
    });
    const view = toJsonSchema(node as never) as { properties: { filter: { additionalProperties: unknown } } };
    expect(view.properties.filter.additionalProperties).toBe(false);
    expect(node.parse({ filter: { a: 'x', extra: 1 } })).toEqual({ filter: { a: 'x', extra: 1 } });
  });

  it('keeps defaults out of required, since they are filled in', () => {
    const view = langChainView({ type: 'object', properties: { limit: { type: 'integer', default: 20 } } });
    expect(view.required).toBeUndefined();
    expect(view.properties).toEqual({ limit: { type: 'integer', default: 20 } });
  });

  it('shows recursive schemas through $defs', () => {
    const view = langChainView({
      $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' } },
    });
    expect(JSON.stringify(view)).toContain('"$ref"');
  });
});

describe('a LangChain tool whose schema is our compiled zod', () => {
  it('receives validated arguments with defaults applied, and rejects wrong ones', async () => {
    const { tool } = await import('@langchain/core/tools');
    const received: unknown[] = [];
    const listCosts = tool(
      async (input: unknown) => {
        received.push(input);
        return 'ok';
      },
      {
        name: 'list_all_open_ai_costs',
        description: 'List costs.',
        schema: compileJsonSchema({
          type: 'object',
          properties: {
            start_time: { type: 'integer', description: 'Start, in Unix seconds.' },
            bucket_width: { type: 'string', enum: ['1d'], default: '1d' },
          },
          required: ['start_time'],
        }) as never,
      },
    );
    await listCosts.invoke({ start_time: 1_700_000_000 });
    expect(received).toEqual([{ start_time: 1_700_000_000, bucket_width: '1d' }]);
    await expect(listCosts.invoke({ start_time: 'yesterday' })).rejects.toThrow(/start_time/);
  });
});
