import { describe, expect, it } from 'vitest';
import { argumentsType, docComment, propertyKey, schemaToType } from '../../src/typegen/schema-to-type.js';

const type = (schema: unknown, root: Record<string, unknown> = {}) => schemaToType(schema, { root });

describe('schemaToType', () => {
  it('maps the primitive types', () => {
    expect(type({ type: 'string' })).toBe('string');
    expect(type({ type: 'integer' })).toBe('number');
    expect(type({ type: 'number' })).toBe('number');
    expect(type({ type: 'boolean' })).toBe('boolean');
    expect(type({ type: 'null' })).toBe('null');
    expect(type({ type: ['string', 'integer'] })).toBe('string | number');
  });

  it('turns enum and const into literal unions', () => {
    expect(type({ type: 'string', enum: ['1d', '1h'] })).toBe('"1d" | "1h"');
    expect(type({ const: 3 })).toBe('3');
    expect(type({ enum: ['a', null] })).toBe('"a" | null');
  });

  it('adds null for nullable and keeps unions flat', () => {
    expect(type({ type: 'string', nullable: true })).toBe('string | null');
    expect(type({ anyOf: [{ type: 'integer' }, { type: 'string' }] })).toBe('number | string');
    expect(type({ oneOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
  });

  it('answers unknown for what it cannot express, never something stricter', () => {
    expect(type({})).toBe('unknown');
    expect(type(true)).toBe('unknown');
    expect(type({ anyOf: [{ type: 'string' }, {}] })).toBe('unknown');
    expect(type({ not: { type: 'string' } })).toBe('unknown');
    expect(type({ $ref: 'https://example.com/schema' })).toBe('unknown');
  });

  it('renders arrays, with brackets around unions', () => {
    expect(type({ type: 'array', items: { type: 'string' } })).toBe('string[]');
    expect(type({ type: 'array', items: { enum: ['a', 'b'] } })).toBe('("a" | "b")[]');
    expect(type({ type: 'array' })).toBe('unknown[]');
  });

  it('renders objects with optional members, quoted keys and descriptions', () => {
    const rendered = type({
      type: 'object',
      properties: {
        line1: { type: 'string', description: 'Street and number.' },
        'postal-code': { type: 'string' },
      },
      required: ['line1'],
      additionalProperties: false,
    });
    expect(rendered).toBe('{\n  /** Street and number. */\n  line1: string;\n  "postal-code"?: string;\n}');
  });

  it('adds an index signature for open objects', () => {
    expect(type({ type: 'object', additionalProperties: { type: 'string' } })).toBe('{\n  [key: string]: string;\n}');
    expect(type({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true })).toBe(
      '{\n  a?: string;\n  [key: string]: unknown;\n}',
    );
    expect(type({ type: 'object', properties: {}, additionalProperties: false })).toBe('Record<string, never>');
  });

  it('resolves local references and stops at recursive ones', () => {
    const root = {
      $defs: {
        money: { type: 'object', properties: { value: { type: 'number' } }, required: ['value'] },
        node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } },
      },
    };
    expect(type({ $ref: '#/$defs/money' }, root)).toContain('value: number;');
    expect(type({ $ref: '#/$defs/node' }, root)).toContain('child?: unknown;');
  });

  it('intersects allOf members', () => {
    expect(
      type({
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object', properties: { b: { type: 'number' } } },
        ],
      }),
    ).toMatch(/^\{[\s\S]*a\?: string;[\s\S]*\} & \{[\s\S]*b\?: number;[\s\S]*\}$/);
  });

  it('uses overrides for top-level arguments (date fields)', () => {
    const schema = { type: 'object', properties: { start_time: { type: 'integer' } }, required: ['start_time'] };
    const rendered = argumentsType(
      schema,
      { root: schema, overrides: new Map([['start_time', 'number | string']]) },
      '',
    );
    expect(rendered).toContain('start_time: number | string;');
  });
});

describe('helpers', () => {
  it('quotes keys that are not identifiers', () => {
    expect(propertyKey('limit')).toBe('limit');
    expect(propertyKey('a-b')).toBe('"a-b"');
    expect(propertyKey('0')).toBe('"0"');
  });

  it('keeps a description from closing the comment early', () => {
    expect(docComment(['ends */ here'], '')).toBe('/** ends *\\/ here */\n');
    expect(docComment(['a', '', 'b'], '  ')).toBe('  /**\n   * a\n   *\n   * b\n   */\n');
    expect(docComment([''], '')).toBe('');
  });
});
