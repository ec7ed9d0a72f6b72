import { z } from 'zod';
import { predicateCheck } from '../checks.js';
import { canonicalJson } from '../json-equality.js';
import { renderJsonValue } from '../json-value.js';

type Primitive = string | number | boolean | null;

/** String enums longer than this compile to a literal list (see `compileEnum`). */
const LARGE_ENUM = 256;

/**
 * `enum` and `const`. `constraint` is the rest of the schema (type, range...): values it rejects can never be
 * accepted, so they are dropped here and the node reduces to the remaining values, which is exact and lets the model
 * see a clean `enum`. Primitive values become zod literals (fast, representable); objects and arrays compare by
 * JSON equality in a check.
 */
export function compileEnum(values: readonly unknown[], constraint: z.ZodType | undefined): z.ZodType {
  const allowed: unknown[] = [];
  // Sets, not pairwise comparison: vendor enums run to thousands of values, hostile ones to 100,000.
  const primitives = new Set<unknown>();
  const composites = new Set<string>();
  for (const value of values) {
    if (constraint !== undefined && !constraint.safeParse(value).success) continue;
    if (isComposite(value)) {
      const key = canonicalJson(value)!;
      if (composites.has(key)) continue;
      composites.add(key);
    } else {
      // SameValueZero: 1 and 1.0 are one number, `false` is not `0`.
      if (primitives.has(value)) continue;
      primitives.add(value);
    }
    allowed.push(value);
  }
  const message = describeAllowed(allowed);
  if (allowed.length === 0) return z.never({ error: 'no value is allowed here' });
  // zod's enum re-reads its entries object in several linear passes (about 9 µs a value for 100,000 strings, against
  // 1 µs for a literal list); a literal list emits the same JSON Schema when there are several values.
  if (allowed.length <= LARGE_ENUM && allowed.every((value) => typeof value === 'string')) {
    return z.enum(allowed as [string, ...string[]], { error: message });
  }
  if (allowed.every(isPrimitive)) {
    return z.literal(allowed as [Primitive, ...Primitive[]], { error: message });
  }
  const node = z
    .unknown()
    .check(
      predicateCheck(
        (value) =>
          isComposite(value) ? composites.size > 0 && composites.has(canonicalJson(value)!) : primitives.has(value),
        message,
      ),
    );
  z.globalRegistry.add(node, allowed.length === 1 ? { const: allowed[0] } : { enum: allowed });
  return node;
}

function isComposite(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
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
