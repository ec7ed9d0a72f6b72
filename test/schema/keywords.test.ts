import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileJsonSchema } from '../../src/schema/index.js';

const accepts = (node: z.ZodType, value: unknown) => node.safeParse(value).success;

function expectVerdicts(
  schema: unknown,
  cases: Array<[unknown, boolean]>,
  dialect?: '2020-12' | 'draft-07' | 'openapi-3.0',
) {
  const node = compileJsonSchema(schema, dialect === undefined ? {} : { dialect });
  for (const [value, valid] of cases) expect([value, accepts(node, value)]).toEqual([value, valid]);
}

describe('strings', () => {
  it('counts code points, not UTF-16 units', () => {
    expectVerdicts({ type: 'string', minLength: 2, maxLength: 2 }, [
      ['💩💩', true],
      ['💩', false],
      ['ab', true],
      ['abc', false],
    ]);
  });

  it('does not anchor patterns and reads them as Unicode', () => {
    expectVerdicts({ type: 'string', pattern: '\\p{Letter}+' }, [
      ['123é', true],
      ['123', false],
    ]);
  });
});

describe('numbers', () => {
  it('decides multipleOf in decimal, as the JSON text says', () => {
    expectVerdicts({ type: 'number', multipleOf: 0.0001 }, [
      [0.0075, true],
      [0.00751, false],
    ]);
    expectVerdicts({ type: 'number', multipleOf: 0.01 }, [
      [19.99, true],
      [0.07, true],
      [0.075, false],
    ]);
    expectVerdicts({ type: 'integer', multipleOf: 0.123456789 }, [[1e308, false]]);
  });

  it('understands both exclusive forms', () => {
    expectVerdicts({ type: 'number', exclusiveMinimum: 1, exclusiveMaximum: 3 }, [
      [1, false],
      [2, true],
      [3, false],
    ]);
    expectVerdicts(
      { type: 'number', minimum: 1, exclusiveMinimum: true, maximum: 3, exclusiveMaximum: true },
      [
        [1, false],
        [2, true],
        [3, false],
      ],
      'openapi-3.0',
    );
  });
});

describe('enum and const', () => {
  it('compares as JSON does: objects deeply and regardless of key order, 1 equal to 1.0, false not 0', () => {
    expectVerdicts({ enum: [{ a: 1, b: [1, 2] }, false, 1, null] }, [
      [{ b: [1, 2], a: 1 }, true],
      [{ a: 1, b: [2, 1] }, false],
      [1.0, true],
      [0, false],
      [null, true],
      [{ a: 1 }, false],
    ]);
    expectVerdicts({ const: [{ x: 1 }] }, [
      [[{ x: 1 }], true],
      [[{ x: 1, y: 2 }], false],
    ]);
  });

  it('drops enum values the rest of the schema forbids', () => {
    expectVerdicts({ type: 'string', enum: ['a', 1, 'bb'], maxLength: 1 }, [
      ['a', true],
      [1, false],
      ['bb', false],
    ]);
  });
});

describe('objects', () => {
  it('additionalProperties: false, a schema, and with patternProperties', () => {
    expectVerdicts({ properties: { a: {} }, additionalProperties: false }, [
      [{ a: 1 }, true],
      [{ a: 1, b: 2 }, false],
    ]);
    expectVerdicts({ properties: { a: {} }, additionalProperties: { type: 'integer' } }, [
      [{ a: 'x', b: 2 }, true],
      [{ a: 'x', b: 'y' }, false],
    ]);
    expectVerdicts(
      { properties: { a: {} }, patternProperties: { '^x-': { type: 'string' } }, additionalProperties: false },
      [
        [{ a: 1, 'x-b': 'c' }, true],
        [{ a: 1, 'x-b': 1 }, false],
        [{ a: 1, b: 1 }, false],
      ],
    );
  });

  it('checks property names and counts', () => {
    expectVerdicts({ propertyNames: { maxLength: 2 }, minProperties: 1, maxProperties: 2 }, [
      [{ ab: 1 }, true],
      [{ abc: 1 }, false],
      [{}, false],
      [{ a: 1, b: 2, c: 3 }, false],
    ]);
  });

  it('dependentRequired, dependentSchemas and draft-07 dependencies', () => {
    expectVerdicts({ dependentRequired: { card: ['billing'] } }, [
      [{ card: 1, billing: 2 }, true],
      [{ card: 1 }, false],
      [{ billing: 2 }, true],
    ]);
    expectVerdicts({ dependentSchemas: { card: { required: ['billing'] } } }, [
      [{ card: 1 }, false],
      [{ card: 1, billing: 0 }, true],
    ]);
    expectVerdicts(
      { dependencies: { a: ['b'], c: { properties: { d: { type: 'string' } } } } },
      [
        [{ a: 1 }, false],
        [{ c: 1, d: 2 }, false],
        [{ c: 1, d: 'x' }, true],
      ],
      'draft-07',
    );
  });

  it('treats __proto__ and constructor as ordinary property names', () => {
    // Parsed from JSON: in an object literal `__proto__` would set the prototype instead.
    expectVerdicts(JSON.parse('{"required": ["constructor"], "properties": {"__proto__": {"type": "number"}}}'), [
      [{}, false],
      [JSON.parse('{"constructor": 1, "__proto__": 2}'), true],
      [JSON.parse('{"constructor": 1, "__proto__": "x"}'), false],
    ]);
  });
});

describe('arrays', () => {
  it('2020-12 prefixItems with items for the rest; shorter arrays are fine', () => {
    expectVerdicts({ prefixItems: [{ type: 'string' }, { type: 'number' }], items: false }, [
      [['a', 1], true],
      [['a'], true],
      [[], true],
      [['a', 1, 2], false],
      [[1], false],
    ]);
  });

  it('draft-07 items array with additionalItems', () => {
    expectVerdicts(
      { items: [{ type: 'string' }], additionalItems: { type: 'integer' } },
      [
        [['a', 1, 2], true],
        [['a', 'b'], false],
      ],
      'draft-07',
    );
  });

  it('uniqueItems compares deeply', () => {
    expectVerdicts({ uniqueItems: true }, [
      [[{ a: 1 }, { a: 2 }], true],
      [
        [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
        false,
      ],
      [[1, 1.0], false],
      [[0, false], true],
    ]);
  });

  it('contains with minContains and maxContains', () => {
    expectVerdicts({ contains: { type: 'integer' }, minContains: 2, maxContains: 3 }, [
      [[1, 'a', 2], true],
      [[1, 'a'], false],
      [[1, 2, 3, 4], false],
    ]);
  });

  it('min and max items on tuples', () => {
    expectVerdicts({ prefixItems: [{}, {}], minItems: 1, maxItems: 2 }, [
      [[], false],
      [[1], true],
      [[1, 2, 3], false],
    ]);
  });
});

describe('combinators', () => {
  it('anyOf, oneOf, allOf and not', () => {
    expectVerdicts({ anyOf: [{ type: 'string' }, { minimum: 2 }] }, [
      ['x', true],
      [3, true],
      [1, false],
    ]);
    expectVerdicts({ oneOf: [{ type: 'integer' }, { minimum: 2 }] }, [
      [1, true],
      [2.5, true],
      [3, false],
      [1.5, false],
    ]);
    expectVerdicts({ allOf: [{ properties: { a: { type: 'string' } } }, { required: ['a'] }] }, [
      [{ a: 'x' }, true],
      [{}, false],
      [{ a: 1 }, false],
    ]);
    expectVerdicts({ not: { type: 'string' } }, [
      [1, true],
      ['x', false],
    ]);
  });

  it('if/then/else', () => {
    expectVerdicts(
      {
        if: { properties: { country: { const: 'US' } } },
        // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited
        then: { required: ['zip'] },
        else: { required: ['postcode'] },
      },
      [
        [{ country: 'US', zip: '1' }, true],
        [{ country: 'US' }, false],
        [{ country: 'FR', postcode: '1' }, true],
        [{ country: 'FR' }, false],
      ],
    );
  });
});

describe('references', () => {
  it('resolves $defs, definitions and escaped JSON pointers', () => {
    expectVerdicts({ $defs: { 'a/b': { type: 'integer' } }, properties: { x: { $ref: '#/$defs/a~1b' } } }, [
      [{ x: 1 }, true],
      [{ x: 'a' }, false],
    ]);
    expectVerdicts({ definitions: { 'per%cent': { type: 'string' } }, $ref: '#/definitions/per%25cent' }, [
      ['x', true],
      [1, false],
    ]);
    expectVerdicts(
      { components: { schemas: { Pet: { type: 'object', required: ['name'] } } }, $ref: '#/components/schemas/Pet' },
      [
        [{ name: 'x' }, true],
        [{}, false],
      ],
    );
  });

  it('compiles recursive schemas', () => {
    const tree = {
      $defs: {
        node: {
          type: 'object',
          properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      $ref: '#/$defs/node',
    };
    expectVerdicts(tree, [
      [{ value: 1, children: [{ value: 2, children: [{ value: 3 }] }] }, true],
      [{ value: 1, children: [{ value: 2, children: [{ value: 'x' }] }] }, false],
    ]);
    expectVerdicts({ properties: { next: { $ref: '#' } }, type: 'object' }, [
      [{ next: { next: {} } }, true],
      [{ next: { next: 1 } }, false],
    ]);
  });

  it('resolves $id resources and anchors inside the document', () => {
    expectVerdicts(
      {
        $id: 'https://example.com/root.json',
        $defs: { item: { $id: 'item.json', type: 'string' }, named: { $anchor: 'named', type: 'integer' } },
        properties: { a: { $ref: 'item.json' }, b: { $ref: '#named' } },
      },
      [
        [{ a: 'x', b: 1 }, true],
        [{ a: 1 }, false],
        [{ b: 'x' }, false],
      ],
    );
  });

  it('applies siblings of $ref in 2020-12 and ignores them in draft-07', () => {
    const schema = { $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 2 };
    expect(accepts(compileJsonSchema(schema), 'abc')).toBe(false);
    const draft7 = { definitions: { s: { type: 'string' } }, $ref: '#/definitions/s', maxLength: 2 };
    expect(accepts(compileJsonSchema(draft7, { dialect: 'draft-07' }), 'abc')).toBe(true);
  });
});

describe('OpenAPI discriminator', () => {
  const schema = {
    oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
    discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } },
    components: {
      schemas: {
        Cat: {
          type: 'object',
          properties: { kind: { type: 'string' }, meows: { type: 'boolean' } },
          required: ['kind', 'meows'],
        },
        Dog: {
          type: 'object',
          properties: { kind: { type: 'string' }, barks: { type: 'boolean' } },
          required: ['kind', 'barks'],
        },
      },
    },
  };
  const node = compileJsonSchema(schema, { dialect: 'openapi-3.0' });

  it('picks the branch by the tag', () => {
    expect(accepts(node, { kind: 'cat', meows: true })).toBe(true);
    expect(accepts(node, { kind: 'dog', barks: true })).toBe(true);
    expect(accepts(node, { kind: 'cat', barks: true })).toBe(false);
  });

  it('reports an unknown tag against the property', () => {
    const issue = node.safeParse({ kind: 'fish' }).error?.issues[0];
    expect(issue?.path).toEqual(['kind']);
    expect(issue?.message).toMatch(/^expected one of: cat, dog/);
  });
});
