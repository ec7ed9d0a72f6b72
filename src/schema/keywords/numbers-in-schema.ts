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
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  context.warn(appendPointer(pointer, keyword), keyword, `${keyword} must be a non-negative integer; ignored`);
  return undefined;
}

/** A numeric keyword (`minimum`, `multipleOf`, ...); anything else is reported and ignored. */
export function readNumber(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  context.warn(appendPointer(pointer, keyword), keyword, `${keyword} must be a number; ignored`);
  return undefined;
}
