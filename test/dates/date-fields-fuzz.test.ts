/**
 * Any schema, any arguments: finding never throws, widening never modifies its input, and converting throws nothing
 * but a ToolInputError and never modifies the caller's arguments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDateFieldsForModel, findDateFields, normaliseDateArguments } from '../../src/dates/index.js';
import { ToolInputError } from '../../src/errors/index.js';

const NAMES = ['created_at', 'due_on', 'since', 'gte', 'lt', 'data', 'items', 'value', 'limit', '__proto__', 'x'];

const schemaArbitrary = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      { type: 'string', format: 'date-time' },
      { type: 'string', format: 'date' },
      { type: 'integer', format: 'unix-time' },
      { type: 'integer' },
      { type: 'string' },
      { type: 'string', enum: ['now'] },
      { $ref: '#/$defs/Loop' },
      { $ref: '#/$defs/Date' },
      { $ref: '#/nowhere' },
      null,
      3,
    ),
    fc.record({
      type: fc.constant('object'),
      properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 4 }),
    }),
    fc.record({ type: fc.constant('array'), items: tie('schema') }),
    fc.record({ anyOf: fc.array(tie('schema'), { maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('schema'), { maxLength: 3 }) }),
    fc.record({ allOf: fc.array(tie('schema'), { maxLength: 3 }) }),
  ),
}));

const valueArbitrary = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      'last week',
      'next friday',
      'soonish',
      '2026-10-01',
      '2026-10-01T09:00:00Z',
      'now',
      1759276800,
      2026,
      -1,
      true,
      null,
    ),
    fc.string({ maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 4 }),
  ),
}));

describe('date fields on arbitrary schemas and arguments', () => {
  it('never throws, never mutates, and refuses only with ToolInputError', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...NAMES), schemaArbitrary.schema, { maxKeys: 4 }),
        fc.dictionary(fc.constantFrom(...NAMES), valueArbitrary.value, { maxKeys: 4 }),
        (properties, args) => {
          const schema = {
            type: 'object',
            properties,
            $defs: {
              Loop: {
                anyOf: [
                  { $ref: '#/$defs/Loop' },
                  { type: 'object', properties: { created_at: { $ref: '#/$defs/Loop' } } },
                ],
              },
              Date: { type: 'string', format: 'date' },
            },
          };
          const schemaBefore = JSON.stringify(schema);
          const argsBefore = JSON.stringify(args);
          const fields = findDateFields(schema);
          describeDateFieldsForModel(schema, fields);
          expect(JSON.stringify(schema)).toBe(schemaBefore);
          try {
            normaliseDateArguments(args, fields, { now: new Date('2026-11-25T12:00:00Z'), toolName: 'fuzz' });
          } catch (error) {
            expect(error).toBeInstanceOf(ToolInputError);
          }
          expect(JSON.stringify(args)).toBe(argsBefore);
        },
      ),
      { numRuns: 400 },
    );
  });
});
