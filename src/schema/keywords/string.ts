import { z } from 'zod';
import { type AnyCheck, cachedCheck, predicateCheck, withChecksParams } from '../checks.js';
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

const characters = (count: number) => `${count} character${count === 1 ? '' : 's'}`;

function minLengthCheck(minimum: number): AnyCheck {
  return cachedCheck(`minLength:${minimum}`, () =>
    // A string shorter in UTF-16 units is certainly shorter in code points; only longer ones need counting.
    predicateCheck<string>(
      (value) => value.length >= minimum && (value.length >= minimum * 2 || codePointLength(value) >= minimum),
      `must be at least ${characters(minimum)} long`,
    ),
  );
}

function maxLengthCheck(maximum: number): AnyCheck {
  return cachedCheck(`maxLength:${maximum}`, () =>
    predicateCheck<string>(
      (value) => value.length <= maximum || codePointLength(value) <= maximum,
      `must be at most ${characters(maximum)} long`,
    ),
  );
}

function formatCheck(format: string): AnyCheck | undefined {
  const validate = formatValidator(format);
  if (validate === undefined) return undefined;
  return cachedCheck(`format:${format}`, () => predicateCheck<string>(validate, `must match format ${format}`));
}

function patternCheck(source: string, pattern: RegExp): AnyCheck {
  // A RegExp whose `test` is bounded (see pattern.ts): zod emits it as `pattern`, and its fast path calls `test`.
  return cachedCheck(
    `pattern:${source}`,
    () => z.regex(pattern, { error: `must match pattern ${source}` }) as AnyCheck,
  );
}

/** `type: string` with its length, pattern and format keywords. */
export function compileString(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType {
  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};
  const minLength = readCount(schema, 'minLength', pointer, context);
  const maxLength = readCount(schema, 'maxLength', pointer, context);
  if (minLength !== undefined && minLength > 0) {
    checks.push(minLengthCheck(minLength));
    meta.minLength = minLength;
  }
  if (maxLength !== undefined) {
    checks.push(maxLengthCheck(maxLength));
    meta.maxLength = maxLength;
  }
  if (typeof schema.pattern === 'string') {
    const pattern = compilePattern(schema.pattern);
    if (pattern === undefined) {
      context.warn(
        appendPointer(pointer, 'pattern'),
        'pattern',
        `"${schema.pattern}" is not a valid regular expression; not checked`,
      );
    } else {
      if (pattern.notice !== undefined) context.warn(appendPointer(pointer, 'pattern'), 'pattern', pattern.notice);
      checks.push(patternCheck(schema.pattern, pattern));
    }
  } else if (schema.pattern !== undefined) {
    context.warn(appendPointer(pointer, 'pattern'), 'pattern', 'pattern must be a string; not checked');
  }
  if (typeof schema.format === 'string' && context.assertFormats) {
    const check = formatCheck(schema.format);
    if (check !== undefined) checks.push(check);
  }
  const node = z.string(withChecksParams('expected a string', checks));
  if (Object.keys(meta).length > 0) z.globalRegistry.add(node, meta);
  return node;
}
