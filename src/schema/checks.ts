import { z } from 'zod';

/** Checks are built for one JSON type and attached to nodes typed `unknown`; zod's variance rules cannot see that. */
export type AnyCheck = z.core.$ZodCheck<any>;

/** A check that fails with `message` when `test` rejects the value. Representable: it adds nothing to JSON Schema. */
export function predicateCheck<T>(test: (value: T) => boolean, message: string | ((value: T) => string)) {
  return z.check<T>((payload) => {
    if (test(payload.value)) return;
    payload.issues.push({
      code: 'custom',
      message: typeof message === 'string' ? message : message(payload.value),
      input: payload.value,
    });
  });
}

/** A raw issue as zod's checks push it. */
export interface RawIssue {
  code: 'custom';
  message: string;
  input: unknown;
  path?: PropertyKey[];
}

/** A check that reports any number of issues through `report`, each with its own path. */
export function reportingCheck<T>(report: (value: T, issues: RawIssue[]) => void) {
  return z.check<T>((payload) => {
    report(payload.value, payload.issues as unknown as RawIssue[]);
  });
}

/** Whether `node` accepts `value`, without building error messages for the caller. */
export function accepts(node: z.ZodType, value: unknown): boolean {
  return node.safeParse(value).success;
}

/** Copies a sub-validation's issues under `path`, so the model sees where inside the value it went wrong. */
export function forwardIssues(error: z.ZodError, path: PropertyKey[], input: unknown, issues: RawIssue[]): void {
  for (const issue of error.issues) {
    issues.push({ code: 'custom', message: issue.message, input, path: [...path, ...issue.path] });
  }
}
