import { describe, expect, it } from 'vitest';

describe('applyDefaults: false', () => {
  it('keeps defaults in the JSON Schema but does not fill them in, on the runtime and generated-code paths', async () => {
    const { compileJsonSchema, toModelJsonSchema } = await import('../../src/schema/index.js');
    const schema = compileJsonSchema(
      { type: 'object', properties: { size: { type: 'string', default: 'auto' }, n: { type: 'integer', default: 1 } } },
      { applyDefaults: false, jitAfterParses: 3 },
    );
    expect(toModelJsonSchema(schema)).toMatchObject({ properties: { size: { default: 'auto' }, n: { default: 1 } } });
    for (let parse = 0; parse < 10; parse++) expect(schema.parse({})).toEqual({});
    const filling = compileJsonSchema({ type: 'object', properties: { n: { type: 'integer', default: 1 } } });
    expect(filling.parse({})).toEqual({ n: 1 });
  });
});
