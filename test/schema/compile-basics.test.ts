import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileJsonSchema, getCompileWarnings, type SchemaWarning } from '../../src/schema/index.js';

const accepts = (node: z.ZodType, value: unknown) => node.safeParse(value).success;
const messages = (node: z.ZodType, value: unknown) =>
  node.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('compileJsonSchema: the basics a tool schema uses', () => {
  const tool = compileJsonSchema({
    type: 'object',
    description: 'List costs.',
    properties: {
      start_time: { type: 'integer', description: 'Start, in Unix seconds.' },
      bucket_width: { type: 'string', enum: ['1d', '1h'], default: '1d' },
      limit: { type: 'integer', minimum: 1, maximum: 180, default: 7 },
      project_ids: { type: 'array', items: { type: 'string' } },
      group_by: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'] },
      active: { type: 'boolean' },
      ratio: { type: 'number' },
    },
    required: ['start_time'],
  });

  it('accepts valid arguments and applies defaults to absent properties', () => {
    const result = tool.safeParse({ start_time: 1_700_000_000 });
    expect(result).toEqual({ success: true, data: { start_time: 1_700_000_000, bucket_width: '1d', limit: 7 } });
  });

  it('keeps values that were given instead of defaults', () => {
    expect(tool.parse({ start_time: 1, bucket_width: '1h', limit: 3 })).toMatchObject({ bucket_width: '1h', limit: 3 });
  });

  it('rejects a missing required property', () => {
    expect(accepts(tool, { bucket_width: '1d' })).toBe(false);
  });

  it('says what an enum expected', () => {
    expect(messages(tool, { start_time: 1, bucket_width: '1w' })).toContain('expected one of: 1d, 1h');
  });

  it('reads integer as JSON Schema does: 1.0 is an integer, 1.5 is not', () => {
    expect(accepts(tool, { start_time: 1.0 })).toBe(true);
    expect(messages(tool, { start_time: 1.5 })).toContain('expected an integer');
  });

  it('validates nested objects and arrays', () => {
    expect(accepts(tool, { start_time: 1, group_by: { field: 'project_id' }, project_ids: ['a'] })).toBe(true);
    expect(accepts(tool, { start_time: 1, group_by: {} })).toBe(false);
    expect(accepts(tool, { start_time: 1, project_ids: [1] })).toBe(false);
  });

  it('keeps unknown properties, as JSON Schema allows them unless told otherwise', () => {
    expect(tool.parse({ start_time: 1, extra: true })).toMatchObject({ extra: true });
  });

  it('rejects values of the wrong JSON type', () => {
    expect(accepts(tool, { start_time: '1' })).toBe(false);
    expect(accepts(tool, { start_time: 1, active: 'yes' })).toBe(false);
    expect(accepts(tool, [])).toBe(false);
    expect(accepts(tool, null)).toBe(false);
  });

  it('keeps description and title on the node for the model', () => {
    expect(z.globalRegistry.get(tool)?.description).toBe('List costs.');
  });
});

describe('type', () => {
  it('accepts type arrays', () => {
    const node = compileJsonSchema({ type: ['string', 'null'] });
    expect(accepts(node, 'a')).toBe(true);
    expect(accepts(node, null)).toBe(true);
    expect(accepts(node, 1)).toBe(false);
  });

  it('lets number cover integer in a type array', () => {
    const node = compileJsonSchema({ type: ['integer', 'number'], minimum: 1 });
    expect(accepts(node, 1.5)).toBe(true);
    expect(accepts(node, 0.5)).toBe(false);
  });

  it('applies type-specific keywords only to their type when type is absent', () => {
    const node = compileJsonSchema({ minLength: 2, minimum: 5, properties: { a: { type: 'string' } } });
    expect(accepts(node, 'ab')).toBe(true);
    expect(accepts(node, 'a')).toBe(false);
    expect(accepts(node, 7)).toBe(true);
    expect(accepts(node, 3)).toBe(false);
    expect(accepts(node, { a: 'x' })).toBe(true);
    expect(accepts(node, { a: 1 })).toBe(false);
    expect(accepts(node, true)).toBe(true);
    expect(accepts(node, null)).toBe(true);
  });
});

describe('OpenAPI nullable', () => {
  it('adds null in the openapi-3.0 dialect', () => {
    const node = compileJsonSchema({ type: 'string', nullable: true }, { dialect: 'openapi-3.0' });
    expect(accepts(node, null)).toBe(true);
    expect(accepts(node, 'x')).toBe(true);
  });

  it('adds null to an enum too, since that is what the author meant', () => {
    const node = compileJsonSchema({ type: 'string', enum: ['a'], nullable: true }, { dialect: 'openapi-3.0' });
    expect(accepts(node, null)).toBe(true);
    expect(accepts(node, 'b')).toBe(false);
  });

  it('means nothing outside OpenAPI', () => {
    expect(accepts(compileJsonSchema({ type: 'string', nullable: true }), null)).toBe(false);
  });
});

describe('boolean schemas', () => {
  it('true accepts anything, false rejects everything', () => {
    expect(accepts(compileJsonSchema(true), { any: 'thing' })).toBe(true);
    expect(accepts(compileJsonSchema(false), null)).toBe(false);
  });

  it('work as sub-schemas', () => {
    const node = compileJsonSchema({ properties: { gone: false, any: true } });
    expect(accepts(node, { any: 1 })).toBe(true);
    expect(accepts(node, { gone: 1 })).toBe(false);
  });
});

describe('never throws', () => {
  const collect = (schema: unknown, options: Parameters<typeof compileJsonSchema>[1] = {}) => {
    const warnings: SchemaWarning[] = [];
    const node = compileJsonSchema(schema, { ...options, onWarning: (warning) => warnings.push(warning) });
    return { node, warnings };
  };

  it.each([42, 'string', null, undefined, [], [1, 2]])('accepts anything for the non-schema %j and warns', (schema) => {
    const { node, warnings } = collect(schema);
    expect(accepts(node, { a: 1 })).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: '', keyword: 'type' });
  });

  it('reports a remote $ref with its JSON pointer and accepts anything there', () => {
    const { node, warnings } = collect({ properties: { a: { $ref: 'https://example.com/schema.json' } } });
    expect(accepts(node, { a: 'whatever' })).toBe(true);
    expect(warnings).toEqual([expect.objectContaining({ path: '/properties/a/$ref', keyword: '$ref' })]);
  });

  it('reports a dangling pointer', () => {
    const { warnings } = collect({ $ref: '#/$defs/missing' });
    expect(warnings[0]?.keyword).toBe('$ref');
  });

  it('reports an invalid pattern and skips only that check', () => {
    const { node, warnings } = collect({ type: 'string', pattern: '([a-z', maxLength: 2 });
    expect(warnings).toEqual([expect.objectContaining({ path: '/pattern', keyword: 'pattern' })]);
    expect(accepts(node, 'zz')).toBe(true);
    expect(accepts(node, 'zzz')).toBe(false);
  });

  it.each(['$dynamicRef', 'unevaluatedProperties', 'unevaluatedItems'])('reports the out-of-scope %s', (keyword) => {
    const { node, warnings } = collect({ type: 'object', [keyword]: keyword === '$dynamicRef' ? '#meta' : false });
    expect(warnings.map((warning) => warning.keyword)).toContain(keyword);
    expect(accepts(node, { extra: 1 })).toBe(true);
  });

  it('survives malformed keyword values', () => {
    const { node, warnings } = collect({
      type: 'object',
      properties: [],
      required: 'a',
      minProperties: -1,
      anyOf: [],
      enum: 'x',
      items: 5,
      patternProperties: { '(': {} },
    });
    expect(accepts(node, {})).toBe(true);
    expect(warnings.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the warnings on the compiled schema', () => {
    const node = compileJsonSchema({ $ref: 'other.json' });
    expect(getCompileWarnings(node)).toHaveLength(1);
    expect(getCompileWarnings(compileJsonSchema({ type: 'string' }))).toEqual([]);
  });

  it('does not let a throwing onWarning escape', () => {
    expect(() =>
      compileJsonSchema(7, {
        onWarning: () => {
          throw new Error('listener failed');
        },
      }),
    ).not.toThrow();
  });

  it.each([
    { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' },
    { allOf: [{ $ref: '#' }] },
    { anyOf: [], $ref: '#' },
    { not: { $ref: '#' } },
    { $defs: { a: { oneOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' },
    // The loop goes through a schema compiled earlier (items → root), then back in place.
    { items: { $ref: '#' }, anyOf: [{ $ref: '#/items' }] },
  ])('relaxes a reference that loops back without consuming the value: %j', (schema) => {
    const { node, warnings } = collect(schema, { jitAfterParses: 0 });
    for (const value of [{}, 1, 'x', [1, [2]]]) {
      expect(() => node.safeParse(value)).not.toThrow();
      expect(() => node.safeParse(value)).not.toThrow();
    }
    expect(warnings.some((warning) => warning.keyword === '$ref')).toBe(true);
  });

  it('still validates recursion through a part of the value', () => {
    const { node, warnings } = collect({ type: 'array', items: { $ref: '#' } }, { jitAfterParses: 0 });
    expect(warnings).toEqual([]);
    expect(accepts(node, [[], [[]]])).toBe(true);
    expect(accepts(node, [[1]])).toBe(false);
  });
});

describe('dialect', () => {
  it('is taken from $schema when present', () => {
    const draft7 = compileJsonSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      items: [{ type: 'string' }],
    });
    expect(accepts(draft7, ['a', 1])).toBe(true);
    expect(accepts(draft7, [1])).toBe(false);
  });

  it('falls back to the option, then 2020-12', () => {
    const schema = { prefixItems: [{ type: 'string' }] };
    expect(accepts(compileJsonSchema(schema), [1])).toBe(false);
    expect(accepts(compileJsonSchema(schema, { dialect: 'draft-07' }), [1])).toBe(true);
  });
});

describe('error messages say what was expected', () => {
  it.each([
    [{ type: 'string', format: 'date-time' }, 'yesterday', 'must match format date-time'],
    [{ type: 'string', minLength: 3 }, 'ab', 'must be at least 3 characters long'],
    [{ type: 'integer', minimum: 1 }, 0, 'must be >= 1'],
    [{ type: 'number', multipleOf: 0.5 }, 0.3, 'must be a multiple of 0.5'],
    [{ type: 'string', pattern: '^a' }, 'b', 'must match pattern ^a'],
    [{ const: 'x' }, 'y', 'expected x'],
    [{ type: 'array', maxItems: 1 }, [1, 2], 'must have at most 1 item'],
    [{ type: 'array', uniqueItems: true }, [1, 1], 'items must be unique'],
    [{ type: 'object', maxProperties: 1 }, { a: 1, b: 2 }, 'must have at most 1 property'],
  ])('%j with %j', (schema, value, message) => {
    expect(messages(compileJsonSchema(schema), value)).toContain(message);
  });

  it('points at the offending property', () => {
    const node = compileJsonSchema({
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'integer' } } },
    });
    expect(node.safeParse({ a: [1, 'x'] }).error?.issues[0]?.path).toEqual(['a', 1]);
  });
});
