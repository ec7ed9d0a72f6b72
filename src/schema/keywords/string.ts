import { z } from 'zod';
import type { AnyCheck } from '../checks.js';
import { predicateCheck } from '../checks.js';
import type { CompileContext } from '../context.js';
import { formatValidator } from '../formats.js';
import { appendPointer } from '../json-pointer.js';
import { compilePattern } from '../pattern.js';
import type { JsonSchemaObject } from '../types.js';
import { readCount } from './numbers-in-schema.js';

export const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern', 'format'] as const;

/** JSON Schema counts code points, not UTF-16 units: '💩' has length 1. Only strings with surrogates pay for the count. */
export function codePointLength(value: string): number {
  let length = value.length;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        index++;
      }
    }
  }
  return length;
}

/** `type: string` with its length, pattern and format keywords. */
export function compileString(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType {
  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};
  const minLength = readCount(schema, 'minLength', pointer, context);
  const maxLength = readCount(schema, 'maxLength', pointer, context);
  if (minLength !== undefined && minLength > 0) {
    // A string shorter in UTF-16 units is certainly shorter in code points; only longer ones need counting.
    checks.push(
      predicateCheck<string>(
        (value) => value.length >= minLength && (value.length >= minLength * 2 || codePointLength(value) >= minLength),
        `must be at least ${minLength} character${minLength === 1 ? '' : 's'} long`,
      ),
    );
    meta.minLength = minLength;
  }
  if (maxLength !== undefined) {
    checks.push(
      predicateCheck<string>(
        (value) => value.length <= maxLength || codePointLength(value) <= maxLength,
        `must be at most ${maxLength} character${maxLength === 1 ? '' : 's'} long`,
      ),
    );
    meta.maxLength = maxLength;
  }
  let node: z.ZodType<string> = z.string();
  if (typeof schema.pattern === 'string') {
    const pattern = compilePattern(schema.pattern);
    if (pattern === undefined) {
      context.warn(
        appendPointer(pointer, 'pattern'),
        'pattern',
        `"${schema.pattern}" is not a valid regular expression; not checked`,
      );
    } else {
      // Native regex check: zod emits it as `pattern` and its fast path inlines it.
      node = z.string().regex(pattern, { error: `must match pattern ${schema.pattern}` });
    }
  } else if (schema.pattern !== undefined) {
    context.warn(appendPointer(pointer, 'pattern'), 'pattern', 'pattern must be a string; not checked');
  }
  if (typeof schema.format === 'string' && context.assertFormats) {
    const validate = formatValidator(schema.format);
    if (validate !== undefined) checks.push(predicateCheck<string>(validate, `must match format ${schema.format}`));
  }
  const checked = checks.length > 0 ? node.check(...checks) : node;
  if (Object.keys(meta).length > 0) z.globalRegistry.add(checked, meta);
  return checked;
}
