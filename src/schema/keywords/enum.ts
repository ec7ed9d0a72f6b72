import { z } from 'zod';
import { predicateCheck } from '../checks.js';
import { jsonEqual } from '../json-equality.js';
import { renderJsonValue } from '../json-value.js';

type Primitive = string | number | boolean | null;

/**
 * `enum` and `const`. `constraint` is the rest of the schema (type, range...): values it rejects can never be
 * accepted, so they are dropped here and the node reduces to the remaining values, which is exact and lets the model
 * see a clean `enum`. Primitive values become zod literals (fast, representable); objects and arrays compare by
 * JSON equality in a check.
 */
export function compileEnum(values: readonly unknown[], constraint: z.ZodType | undefined): z.ZodType {
  const allowed: unknown[] = [];
  for (const value of values) {
    if (constraint !== undefined && !constraint.safeParse(value).success) continue;
    if (!allowed.some((seen) => jsonEqual(seen, value))) allowed.push(value);
  }
  const message = describeAllowed(allowed);
  if (allowed.length === 0) return z.never({ error: 'no value is allowed here' });
  if (allowed.every((value) => typeof value === 'string')) {
    return z.enum(allowed as [string, ...string[]], { error: message });
  }
  if (allowed.every(isPrimitive)) {
    return z.literal(allowed as [Primitive, ...Primitive[]], { error: message });
  }
  const node = z
    .unknown()
    .check(predicateCheck((value) => allowed.some((candidate) => jsonEqual(candidate, value)), message));
  z.globalRegistry.add(node, allowed.length === 1 ? { const: allowed[0] } : { enum: allowed });
  return node;
}

function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
}

/** `expected one of: 1d, 1h` — short enough for a model to act on even for long enums. */
export function describeAllowed(values: readonly unknown[]): string {
  if (values.length === 1) return `expected ${renderJsonValue(values[0])}`;
  const shown = values.slice(0, 20).map(renderJsonValue).join(', ');
  return `expected one of: ${shown}${values.length > 20 ? `, ... (${values.length} values)` : ''}`;
}
