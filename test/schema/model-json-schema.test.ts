import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileJsonSchema, toModelJsonSchema } from '../../src/schema/index.js';
import { expectFaithful } from './faithfulness.js';

const modelView = (schema: unknown, options?: Parameters<typeof toModelJsonSchema>[1]) =>
  toModelJsonSchema(compileJsonSchema(schema), options);

describe('toModelJsonSchema', () => {
  const source = {
    type: 'object',
    description: 'Create a speech.',
    properties: {
      input: { type: 'string', description: 'Text to speak.', maxLength: 4096 },
      voice: { type: 'string', enum: ['alloy', 'echo'], title: 'Voice' },
      speed: { type: 'number', minimum: 0.25, maximum: 4, default: 1 },
      options: {
        type: 'object',
        properties: { loud: { type: 'boolean' } },
        required: [],
        additionalProperties: false,
      },
      tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' },
    },
    required: ['input', 'voice'],
    additionalProperties: false,
  };

  it('is faithful: descriptions, enums, defaults, required and nesting', () => {
    const view = modelView(source);
    expectFaithful(source, view);
    expect(view).toEqual({
      type: 'object',
      description: 'Create a speech.',
      properties: {
        input: { type: 'string', description: 'Text to speak.', maxLength: 4096 },
        voice: { type: 'string', enum: ['alloy', 'echo'] },
        speed: { type: 'number', minimum: 0.25, maximum: 4, default: 1 },
        options: { type: 'object', properties: { loud: { type: 'boolean' } } },
        tags: { type: 'array', items: { type: 'string' }, description: 'Tags.' },
      },
      required: ['input', 'voice'],
    });
  });

  it('drops what costs tokens and says nothing: $schema, empty required, titles repeating the name', () => {
    const text = JSON.stringify(modelView(source));
    expect(text).not.toContain('$schema');
    expect(text).not.toContain('"required":[]');
    expect(text).not.toContain('"title":"Voice"');
  });

  it('keeps additionalProperties: false when asked (OpenAI strict mode)', () => {
    expect(modelView(source, { keepAdditionalPropertiesFalse: true }).additionalProperties).toBe(false);
  });

  it('keeps a title that says more than the name', () => {
    const view = modelView({ type: 'object', properties: { q: { type: 'string', title: 'Search query' } } });
    expect((view.properties as Record<string, { title?: string }>).q?.title).toBe('Search query');
  });

  it('shows formats, patterns and integer types', () => {
    const view = modelView({
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
        count: { type: 'integer', minimum: 0 },
      },
    });
    expect(view.properties).toEqual({
      at: { type: 'string', format: 'date-time' },
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      count: { type: 'integer', minimum: 0 },
    });
  });

  it('shows nullable as a type array', () => {
    expect(
      toModelJsonSchema(compileJsonSchema({ type: 'string', nullable: true }, { dialect: 'openapi-3.0' })),
    ).toEqual({
      type: ['string', 'null'],
    });
  });

  it('writes an untyped schema as the keywords it had', () => {
    expect(modelView({ properties: { a: { type: 'string' } }, description: 'Anything.' })).toEqual({
      properties: { a: { type: 'string' } },
      description: 'Anything.',
    });
  });

  it('folds allOf of objects and never leaves an empty member', () => {
    const view = modelView({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        true,
        {},
        { not: { required: ['b'] } },
      ],
    });
    expect(view.allOf).toBeUndefined();
    expect(view).toMatchObject({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] });
  });

  it('works for hand-written zod schemas too', () => {
    expect(toModelJsonSchema(z.object({ a: z.string().describe('A.') }))).toEqual({
      type: 'object',
      properties: { a: { type: 'string', description: 'A.' } },
      required: ['a'],
    });
  });

  it('drops defaults, examples and bounds the description already states, and nothing else', () => {
    const view = modelView({
      type: 'object',
      properties: {
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: 180,
          default: 7,
          description: 'Limit can range between 1 and 180, and the default is 7.',
        },
        width: { type: 'string', enum: ['1d'], default: '1d' },
        model: { type: 'string', examples: ['whisper-1'], description: 'One of `whisper-1` or `gpt-4o-transcribe`.' },
        page_size: { type: 'integer', minimum: 1, maximum: 100, default: 25, description: 'Items per page.' },
        ratio: {
          type: 'number',
          minimum: 1,
          maximum: 5,
          default: 1,
          description: 'Between 1.5 and 5.5; default 1.25.',
        },
        score: { type: 'number', minimum: 0, maximum: 1, description: 'A score of 0 or 1 is unusual.' },
      },
    });
    expect(view.properties).toEqual({
      limit: { description: 'Limit can range between 1 and 180, and the default is 7.', type: 'integer' },
      width: { type: 'string', enum: ['1d'] },
      model: { description: 'One of `whisper-1` or `gpt-4o-transcribe`.', type: 'string' },
      page_size: { description: 'Items per page.', type: 'integer', minimum: 1, maximum: 100, default: 25 },
      // "1" inside "1.5" and "1.25" is not the value 1; no range word, so the score's bounds stay.
      ratio: { description: 'Between 1.5 and 5.5; default 1.25.', type: 'number', minimum: 1, maximum: 5, default: 1 },
      score: { description: 'A score of 0 or 1 is unusual.', type: 'number', minimum: 0, maximum: 1 },
    });
  });

  it('keeps what the description mentions without stating it as the default or the range', () => {
    const view = modelView({
      type: 'object',
      properties: {
        order: {
          type: 'string',
          enum: ['asc', 'desc'],
          default: 'desc',
          description: 'Sort order, asc or desc. The default sort field is created_at.',
        },
        per_page: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'Results between 1 and 1000; 100 per page.',
        },
        format: { type: 'string', default: 'json', description: 'Output format; `json` by default.' },
        size: { type: 'integer', default: 7, description: 'Default: 70 when unset.' },
      },
    });
    const properties = view.properties as Record<string, Record<string, unknown>>;
    expect(properties.order?.default).toBe('desc');
    expect(properties.per_page).toMatchObject({ minimum: 1, maximum: 100 });
    expect(properties.format).not.toHaveProperty('default');
    expect(properties.size?.default).toBe(7);
  });

  it('writes the description before the type (fewer tokens, and reads as a sentence about the value)', () => {
    const view = modelView({ type: 'object', properties: { q: { type: 'string', description: 'Search.' } } });
    expect(Object.keys((view.properties as Record<string, object>).q!)).toEqual(['description', 'type']);
  });

  it('notices an unfaithful view (the helper the round-trip tests rely on)', () => {
    expect(() => expectFaithful(source, { ...modelView(source), required: ['input'] })).toThrow();
    expect(() => expectFaithful(source, { type: 'object', properties: {} })).toThrow();
  });
});
