import { JSON_ENCODED_NOTE, restoreStrictArguments, toOpenAIStrictSchema } from 'truto-langchainjs-toolset/openai';
import { describe, expect, it } from 'vitest';
import { findStrictViolations } from './support/openai-strict-rules.js';

type Schema = Record<string, any>;

/** Converts and insists that the result obeys every strict rule. */
function strict(schema: Schema): Schema {
  const converted = toOpenAIStrictSchema(schema);
  expect(findStrictViolations(converted)).toEqual([]);
  return converted;
}

describe('toOpenAIStrictSchema', () => {
  it('closes every nested object and requires all of its properties', () => {
    const converted = strict({
      type: 'object',
      properties: {
        name: { type: 'string' },
        address: {
          type: 'object',
          properties: { city: { type: 'string' }, geo: { type: 'object', properties: { lat: { type: 'number' } } } },
          required: ['city'],
        },
      },
      required: ['name'],
    });
    expect(converted.required).toEqual(['name', 'address']);
    expect(converted.additionalProperties).toBe(false);
    const address = converted.properties.address;
    expect(address.type).toEqual(['object', 'null']);
    expect(address.required).toEqual(['city', 'geo']);
    expect(address.properties.city.type).toBe('string');
    expect(address.properties.geo).toMatchObject({
      type: ['object', 'null'],
      required: ['lat'],
      additionalProperties: false,
    });
    expect(address.properties.geo.properties.lat.type).toEqual(['number', 'null']);
  });

  it('makes optional properties nullable, whatever their shape', () => {
    const converted = strict({
      type: 'object',
      properties: {
        plain: { type: 'string' },
        choice: { type: 'string', enum: ['a', 'b'] },
        union: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        referenced: { $ref: '#/$defs/Item' },
        alreadyNullable: { type: ['string', 'null'] },
      },
      $defs: { Item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    });
    const { plain, choice, union, referenced, alreadyNullable } = converted.properties;
    expect(plain.type).toEqual(['string', 'null']);
    expect(choice).toMatchObject({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(union.anyOf).toEqual([{ type: 'string' }, { type: 'integer' }, { type: 'null' }]);
    expect(referenced).toEqual({ anyOf: [{ $ref: '#/$defs/Item' }, { type: 'null' }] });
    expect(alreadyNullable.type).toEqual(['string', 'null']);
  });

  it('converts arrays, their items and the item-count keywords strict mode keeps', () => {
    const converted = strict({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', maxLength: 20 }, minItems: 1, maxItems: 5, uniqueItems: true },
        rows: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'integer' }, note: { type: 'string' } } },
        },
      },
      required: ['tags', 'rows'],
    });
    const { tags, rows } = converted.properties;
    expect(tags).toMatchObject({ type: 'array', minItems: 1, maxItems: 5, description: 'Items must be unique.' });
    expect(tags.items).toEqual({ type: 'string', description: 'At most 20 characters.' });
    expect(rows.items).toMatchObject({ type: 'object', required: ['id', 'note'], additionalProperties: false });
    expect(rows.items.properties.note.type).toEqual(['string', 'null']);
  });

  it('keeps the supported keywords and moves the others into the description', () => {
    const converted = strict({
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3, description: 'ISO currency.' },
        when: { type: 'string', format: 'date-time' },
        file: { type: 'string', format: 'binary', description: 'The audio file.' },
        limit: { type: 'integer', minimum: 1, maximum: 180, default: 7, examples: [7, 30] },
        ratio: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 },
      },
      required: ['code', 'when', 'file', 'limit', 'ratio'],
    });
    const { code, when, file, limit, ratio } = converted.properties;
    expect(code).toEqual({
      type: 'string',
      pattern: '^[A-Z]{3}$',
      description: 'ISO currency. At least 3 characters. At most 3 characters.',
    });
    expect(when).toEqual({ type: 'string', format: 'date-time' });
    expect(file).toEqual({ type: 'string', description: 'The audio file. Format: "binary".' });
    expect(limit).toEqual({ type: 'integer', minimum: 1, maximum: 180, description: 'Default: 7. Examples: 7, 30.' });
    expect(ratio).toEqual({ type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 });
  });

  it('keeps anyOf, reads oneOf as anyOf, merges allOf and splits multi-type nodes', () => {
    const converted = strict({
      type: 'object',
      properties: {
        voice: {
          description: 'A voice.',
          oneOf: [
            { type: 'string', enum: ['alloy', 'echo'] },
            { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          ],
        },
        merged: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { properties: { b: { type: 'integer' } } },
          ],
        },
        start: { type: ['integer', 'string'], minimum: 0, minLength: 1, description: 'Unix seconds or a date.' },
        constant: { const: 'fixed' },
      },
      required: ['voice', 'merged', 'start', 'constant'],
    });
    const { voice, merged, start, constant } = converted.properties;
    expect(voice.description).toBe('A voice.');
    expect(voice.anyOf[0]).toEqual({ type: 'string', enum: ['alloy', 'echo'] });
    expect(voice.anyOf[1]).toMatchObject({ type: 'object', required: ['id'], additionalProperties: false });
    expect(merged).toMatchObject({ type: 'object', required: ['a', 'b'] });
    expect(merged.properties.b.type).toEqual(['integer', 'null']);
    expect(start).toEqual({
      description: 'Unix seconds or a date.',
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', description: 'At least 1 character.' },
      ],
    });
    expect(constant).toEqual({ type: 'string', enum: ['fixed'] });
  });

  it('moves definitions to $defs, rewrites references, drops unused ones and inlines a $ref with siblings', () => {
    const converted = strict({
      type: 'object',
      properties: {
        owner: { $ref: '#/definitions/User' },
        reviewer: { $ref: '#/definitions/User', description: 'Who reviews.' },
      },
      required: ['owner', 'reviewer'],
      definitions: {
        User: { type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] },
        Unused: { type: 'string' },
      },
    });
    expect(converted.properties.owner).toEqual({ $ref: '#/$defs/User' });
    expect(converted.properties.reviewer).toMatchObject({ type: 'object', description: 'Who reviews.' });
    expect(converted.properties.reviewer.properties.email).toEqual({ type: 'string', format: 'email' });
    expect(Object.keys(converted.$defs)).toEqual(['User']);
    expect(converted.definitions).toBeUndefined();
  });

  it('keeps recursive schemas recursive, through $defs and through the root', () => {
    const tree = strict({
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      required: ['root'],
      $defs: {
        Node: {
          type: 'object',
          properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
          required: ['label'],
        },
      },
    });
    expect(tree.$defs.Node.properties.children).toEqual({ type: ['array', 'null'], items: { $ref: '#/$defs/Node' } });

    const linked = strict({
      type: 'object',
      properties: { value: { type: 'integer' }, next: { $ref: '#', description: 'The rest of the list.' } },
      required: ['value'],
    });
    // The sibling description forces one inlined level; the recursion inside it stays a reference to the root.
    expect(linked.properties.next.description).toBe('The rest of the list.');
    expect(linked.properties.next.properties.next).toEqual({ anyOf: [{ $ref: '#' }, { type: 'null' }] });
  });

  it('sends what it cannot describe (free-form maps, tuples) as JSON-encoded strings', () => {
    const converted = strict({
      type: 'object',
      properties: {
        metadata: { type: 'object', additionalProperties: { type: 'string' }, description: 'Key-value pairs.' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] },
        empty: { type: 'object', properties: {}, additionalProperties: false },
      },
      required: ['metadata', 'pair', 'empty'],
    });
    expect(converted.properties.metadata.type).toBe('string');
    expect(converted.properties.metadata.description).toContain('Key-value pairs.');
    expect(converted.properties.metadata.description).toContain(JSON_ENCODED_NOTE);
    expect(converted.properties.pair.type).toBe('string');
    expect(converted.properties.empty).toEqual({
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    });
  });

  it('gives a tool without arguments an empty closed object, leaves its input alone, and refuses a non-object root', () => {
    expect(strict({ type: 'object' })).toEqual({
      type: 'object',
      properties: {},
      required: [],
      additionalProperties: false,
    });
    const input = { type: 'object', properties: { a: { type: 'string', minLength: 1 } } };
    const copy = structuredClone(input);
    toOpenAIStrictSchema(input);
    expect(input).toEqual(copy);
    expect(() => toOpenAIStrictSchema({ type: 'string' })).toThrow(/root/);
  });
});

describe('restoreStrictArguments', () => {
  const schema: Schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      note: { type: ['string', 'null'] },
      limit: { type: 'integer' },
      nested: { type: 'object', properties: { deep: { type: 'boolean' } } },
      rows: { type: 'array', items: { $ref: '#/$defs/Row' } },
      metadata: { type: 'object', additionalProperties: { type: 'string' } },
      start: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    },
    required: ['name'],
    $defs: { Row: { type: 'object', properties: { id: { type: 'string' }, tag: { type: 'string' } } } },
  };

  it('removes the nulls strict mode sends for optional properties, keeping meaningful ones', () => {
    const restored = restoreStrictArguments(
      {
        name: null,
        note: null,
        limit: null,
        nested: { deep: null },
        rows: [{ id: 'r1', tag: null }],
        metadata: null,
        start: null,
      },
      schema,
    );
    // `name` is required: its null stays for the validator to reject; `note` accepts null.
    expect(restored).toEqual({ name: null, note: null, nested: {}, rows: [{ id: 'r1' }] });
  });

  it('decodes JSON-encoded values where the original schema takes no string, and only there', () => {
    const restored = restoreStrictArguments(
      { name: '{"not":"decoded"}', metadata: '{"team":"finops"}', start: 'October 1st', limit: '7' },
      schema,
    );
    expect(restored).toEqual({
      name: '{"not":"decoded"}',
      metadata: { team: 'finops' },
      start: 'October 1st',
      limit: 7,
    });
  });
});

describe('OpenAI strict-mode limits on vendor-sized schemas', () => {
  /** An object `levels` deep, reached through `$defs` the way converted vendor documents nest. */
  function deepSchema(levels: number): Schema {
    const $defs: Schema = {};
    for (let level = levels; level >= 1; level--) {
      $defs[`Level${level}`] =
        level === levels
          ? { type: 'object', properties: { leaf: { type: 'string' } } }
          : { type: 'object', properties: { name: { type: 'string' }, child: { $ref: `#/$defs/Level${level + 1}` } } };
    }
    return { type: 'object', properties: { root: { $ref: '#/$defs/Level1' } }, required: ['root'], $defs };
  }

  function depthOf(node: unknown): number {
    if (typeof node !== 'object' || node === null) return 0;
    const schema = node as Schema;
    const children = [
      ...Object.values((schema.properties ?? {}) as Schema),
      ...(schema.items ? [schema.items] : []),
      ...((schema.anyOf ?? []) as unknown[]),
    ];
    const inner = Math.max(0, ...children.map(depthOf));
    return schema.type === 'object' ||
      schema.type === 'array' ||
      (Array.isArray(schema.type) && schema.type[0] === 'object')
      ? inner + 1
      : inner;
  }

  it('keeps a schema nested deeper than 10 levels strict: the part past the limit travels as JSON text', () => {
    const original = deepSchema(14);
    const converted = strict(original);
    expect(depthOf(converted)).toBeLessThanOrEqual(10);
    expect(JSON.stringify(converted)).toContain(JSON_ENCODED_NOTE);
    // The model's JSON text is decoded back into the original shape before validation.
    let deepest: unknown = { leaf: 'x' };
    for (let level = 13; level >= 1; level--) deepest = { name: `n${level}`, child: deepest };
    const sent = structuredClone({ root: deepest }) as { root: any };
    let cursor: any = sent.root;
    for (let level = 1; level < 8; level++) cursor = cursor.child;
    cursor.child = JSON.stringify(cursor.child);
    expect(restoreStrictArguments(sent, original)).toEqual({ root: deepest });
  });

  it('leaves schemas within the limit as they were', () => {
    const converted = strict(deepSchema(5));
    expect(JSON.stringify(converted)).not.toContain(JSON_ENCODED_NOTE);
  });
});
