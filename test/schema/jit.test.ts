import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from '../../src/schema/index.js';
import { MEDIUM_INVALID, MEDIUM_SCHEMA, MEDIUM_VALID } from './fixtures/tool-schemas.js';

describe('validation through generated code', () => {
  it('answers exactly like the runtime, before and after it switches', () => {
    const runtime = compileJsonSchema(MEDIUM_SCHEMA, { jitAfterParses: Number.POSITIVE_INFINITY });
    const generated = compileJsonSchema(MEDIUM_SCHEMA, { jitAfterParses: 0 });
    const inputs = [
      MEDIUM_VALID,
      MEDIUM_INVALID,
      {},
      null,
      { ...MEDIUM_VALID, extra: [1] },
      { ...MEDIUM_VALID, limit: undefined },
    ];
    for (let round = 0; round < 3; round++) {
      for (const input of inputs) {
        const expected = runtime.safeParse(input);
        const actual = generated.safeParse(input);
        expect(actual.success).toBe(expected.success);
        if (expected.success) expect(actual.data).toEqual(expected.data);
        else expect(actual.error?.issues).toEqual(expected.error?.issues);
      }
    }
  });

  it('applies defaults on the fast path and does not share default objects between parses', () => {
    const node = compileJsonSchema(
      { type: 'object', properties: { options: { type: 'object', default: { a: 1 } } } },
      { jitAfterParses: 0 },
    );
    const first = node.parse({}) as { options: { a: number } };
    first.options.a = 2;
    expect(node.parse({})).toEqual({ options: { a: 1 } });
  });

  it('serves async parses (what LangChain calls) with the same answers', async () => {
    const node = compileJsonSchema(MEDIUM_SCHEMA, { jitAfterParses: 0 });
    await expect(node.parseAsync(MEDIUM_VALID)).resolves.toEqual(node.parse(MEDIUM_VALID));
    await expect(node.parseAsync(MEDIUM_INVALID)).rejects.toThrow();
  });

  it('leaves recursive schemas on the runtime, which handles them', () => {
    const node = compileJsonSchema(
      { type: 'object', properties: { next: { $ref: '#' }, value: { type: 'integer' } } },
      { jitAfterParses: 0 },
    );
    expect(node.safeParse({ next: { next: { value: 1 } } }).success).toBe(true);
    expect(node.safeParse({ next: { next: { value: 'x' } } }).success).toBe(false);
  });
});
