import { z } from 'zod';
import type { CompileContext } from './context.js';
import { isJsonObject } from './json-value.js';
import { resolveRef } from './refs.js';

/**
 * Whether a schema, at its own instance location (through `$ref`, `allOf`, `anyOf`, `oneOf`, `then`, `else`), closes
 * an object with `additionalProperties: false`. Then its parts cannot be a zod intersection, which pools known keys
 * across sides where JSON Schema lets each part reject the others' keys.
 */
export function closesObjects(schema: unknown, context: CompileContext, seen = new Set<unknown>()): boolean {
  if (!isJsonObject(schema) || seen.has(schema)) return false;
  seen.add(schema);
  if (schema.additionalProperties === false) return true;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, schema, context.index);
    if (target !== undefined && closesObjects(target.schema, context, seen)) return true;
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list) && list.some((member) => closesObjects(member, context, seen))) return true;
  }
  return closesObjects(schema.then, context, seen) || closesObjects(schema.else, context, seen);
}

/**
 * A node that accepts what every one of `parts` accepts, each judged on the input alone (JSON Schema's `allOf`), and
 * outputs their outputs merged, so defaults any part applies are kept.
 */
export function everyPartAccepts(parts: z.ZodType[]): z.ZodType {
  return z.unknown().check(
    z.check((payload) => {
      const input = payload.value;
      let output: unknown = input;
      let failed = false;
      for (const [position, part] of parts.entries()) {
        const result = part.safeParse(input);
        if (!result.success) {
          failed = true;
          for (const issue of result.error.issues) payload.issues.push({ ...issue, input } as never);
        } else {
          output = position === 0 ? result.data : mergeOutputs(output, result.data);
        }
      }
      if (!failed) payload.value = output;
    }),
  );
}

/** Two parses of the same input differ only where one of them filled in defaults: keep both contributions. */
function mergeOutputs(left: unknown, right: unknown): unknown {
  if (Array.isArray(left) && Array.isArray(right) && left.length === right.length) {
    return left.map((item, index) => mergeOutputs(item, right[index]));
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const merged: Record<string, unknown> = { ...left };
    for (const [key, value] of Object.entries(right)) {
      const combined = Object.hasOwn(merged, key) ? mergeOutputs(merged[key], value) : value;
      // defineProperty, not assignment: a `__proto__` key must stay a key.
      Object.defineProperty(merged, key, { value: combined, enumerable: true, writable: true, configurable: true });
    }
    return merged;
  }
  return left;
}
