import { z } from 'zod';
import { type AnyCheck, cachedCheck, predicateCheck, withChecksParams } from '../checks.js';
import type { CompileContext } from '../context.js';
import type { JsonSchemaObject } from '../types.js';
import { readNumber } from './numbers-in-schema.js';

export const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;

/**
 * `value` is a multiple of `divisor` as the decimals written in JSON say, not as binary floats do: 0.0075 is a
 * multiple of 0.0001 even though 0.0075 / 0.0001 is 74.99999999999999. Exact arithmetic on the shortest decimal
 * forms settles every case the float quotient cannot.
 */
export function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  if (Number.isInteger(quotient) && Math.abs(quotient) < Number.MAX_SAFE_INTEGER) return true;
  const [valueDigits, valueExponent] = toDecimal(value);
  const [divisorDigits, divisorExponent] = toDecimal(divisor);
  if (divisorDigits === 0n) return false;
  // value = v·10^a, divisor = d·10^b; value/divisor is an integer iff v·10^(a-b) is divisible by d.
  const shift = valueExponent - divisorExponent;
  // Exponents stay within ±650 for doubles, so these powers are small enough to build outright.
  if (shift >= 0) return (valueDigits * 10n ** BigInt(shift)) % divisorDigits === 0n;
  return valueDigits % (divisorDigits * 10n ** BigInt(-shift)) === 0n;
}

/** The shortest decimal form of a finite number as integer digits and a power of ten. */
function toDecimal(value: number): [bigint, number] {
  const text = Math.abs(value).toExponential();
  const [mantissa = '0', exponentText = '0'] = text.split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  return [BigInt(whole + fraction), Number(exponentText) - fraction.length];
}

const INTEGER_CHECK_KEY = 'integer';

function boundCheck(kind: 'gte' | 'gt' | 'lte' | 'lt', value: number): AnyCheck {
  return cachedCheck(`${kind}:${value}`, () => {
    switch (kind) {
      case 'gte':
        return z.gte(value, { error: `must be >= ${value}` }) as AnyCheck;
      case 'gt':
        return z.gt(value, { error: `must be > ${value}` }) as AnyCheck;
      case 'lte':
        return z.lte(value, { error: `must be <= ${value}` }) as AnyCheck;
      case 'lt':
        return z.lt(value, { error: `must be < ${value}` }) as AnyCheck;
    }
  });
}

/** `type: number` (or `integer`) with its range keywords. OpenAPI 3.0's boolean `exclusiveMinimum` is understood. */
export function compileNumber(
  schema: JsonSchemaObject,
  pointer: string,
  context: CompileContext,
  integer: boolean,
): z.ZodType {
  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};
  const minimum = readNumber(schema, 'minimum', pointer, context);
  const maximum = readNumber(schema, 'maximum', pointer, context);
  // Native comparison checks: zod emits them as minimum/maximum/exclusive* and inlines them when compiled.
  if (minimum !== undefined) checks.push(boundCheck(schema.exclusiveMinimum === true ? 'gt' : 'gte', minimum));
  if (maximum !== undefined) checks.push(boundCheck(schema.exclusiveMaximum === true ? 'lt' : 'lte', maximum));
  if (typeof schema.exclusiveMinimum !== 'boolean') {
    const exclusiveMinimum = readNumber(schema, 'exclusiveMinimum', pointer, context);
    if (exclusiveMinimum !== undefined) checks.push(boundCheck('gt', exclusiveMinimum));
  }
  if (typeof schema.exclusiveMaximum !== 'boolean') {
    const exclusiveMaximum = readNumber(schema, 'exclusiveMaximum', pointer, context);
    if (exclusiveMaximum !== undefined) checks.push(boundCheck('lt', exclusiveMaximum));
  }
  if (integer) {
    checks.push(cachedCheck(INTEGER_CHECK_KEY, () => predicateCheck<number>(Number.isInteger, 'expected an integer')));
    meta.type = 'integer';
  }
  const multipleOf = readNumber(schema, 'multipleOf', pointer, context);
  if (multipleOf !== undefined) {
    if (multipleOf > 0) {
      checks.push(
        cachedCheck(`multipleOf:${multipleOf}`, () =>
          predicateCheck<number>((value) => isMultipleOf(value, multipleOf), `must be a multiple of ${multipleOf}`),
        ),
      );
      meta.multipleOf = multipleOf;
    } else {
      context.warn(`${pointer}/multipleOf`, 'multipleOf', 'multipleOf must be greater than 0; ignored');
    }
  }
  const node = z.number(withChecksParams(integer ? 'expected an integer' : 'expected a number', checks));
  if (Object.keys(meta).length > 0) z.globalRegistry.add(node, meta);
  return node;
}
