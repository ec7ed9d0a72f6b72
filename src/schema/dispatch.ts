import { z } from 'zod';
import type { RawIssue } from './checks.js';
import { jsonTypeOf } from './json-value.js';

/** The JSON types whose keywords can constrain a value: the others (`null`, `boolean`) have none. */
export type ConstrainedType = 'string' | 'number' | 'object' | 'array';

/**
 * A node for a schema without `type` whose keywords constrain some JSON types: values of those types go through
 * that type's node (their output, with defaults, is kept), values of any other type pass untouched. One check on an
 * `unknown` base rather than a union: one dispatch instead of trial parses, and issues that say what was wrong
 * rather than "no union member matched".
 */
export function dispatchByType(branches: Partial<Record<ConstrainedType, z.ZodType>>): z.ZodType {
  return z.unknown().check(
    z.check((payload) => {
      const type = jsonTypeOf(payload.value);
      const branch = type === 'null' || type === 'boolean' || type === 'other' ? undefined : branches[type];
      if (branch !== undefined) runInto(branch, payload);
    }),
  );
}

/**
 * A node that first runs `before` on the raw input (zod objects read inherited properties such as `constructor`
 * and drop an own `__proto__` from their output, so some checks must see the input itself), then parses it with
 * `inner`.
 */
export function inspectThenParse(
  inner: z.ZodType,
  before: (input: Record<string, unknown>, issues: RawIssue[]) => void,
): z.ZodType {
  return z.unknown().check(
    z.check((payload) => {
      const input = payload.value;
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        before(input as Record<string, unknown>, payload.issues as unknown as RawIssue[]);
      }
      runInto(inner, payload);
    }),
  );
}

/** Parses `payload.value` with `node`, replacing the value with the output or adding the issues. */
function runInto(node: z.ZodType, payload: { value: unknown; issues: unknown[] }): void {
  const result = node.safeParse(payload.value);
  if (result.success) {
    payload.value = result.data;
    return;
  }
  for (const issue of result.error.issues) payload.issues.push({ ...issue, input: payload.value });
}
