import type { CompileContext } from '../context.js';
import { appendPointer } from '../json-pointer.js';
import type { JsonSchemaObject } from '../types.js';

/** A non-negative integer keyword (`minLength`, `maxItems`, ...); anything else is reported and ignored. */
export function readCount(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
): number | undefined {
  return readNumeric(schema, keyword, pointer, context, isCount, 'a non-negative integer');
}

/** A numeric keyword (`minimum`, `multipleOf`, ...); anything else is reported and ignored. */
export function readNumber(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
): number | undefined {
  return readNumeric(schema, keyword, pointer, context, Number.isFinite, 'a number');
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function readNumeric(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
  accepts: (value: number) => boolean,
  requirement: string,
): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && accepts(value)) return value;
  context.warn(appendPointer(pointer, keyword), keyword, `${keyword} must be ${requirement}; ignored`);
  return undefined;
}
