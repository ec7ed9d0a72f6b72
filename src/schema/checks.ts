import { z } from 'zod';

/** Checks are built for one JSON type and attached to nodes typed `unknown`; zod's variance rules cannot see that. */
export type AnyCheck = z.core.$ZodCheck<any>;

/**
 * A check that fails with `message` when `test` rejects the value. A `refine` predicate rather than a payload
 * check: `z.compile` inlines it as a plain call, with no per-call allocation. Representable: it adds nothing to the
 * JSON Schema.
 */
export function predicateCheck<T>(test: (value: T) => boolean, message: string): AnyCheck {
  return z.refine<T>(test, { error: message }) as unknown as AnyCheck;
}

/**
 * Checks are immutable and the same few recur across every tool of a catalog (`integer`, `format: date-time`,
 * `minLength: 1`): building each once saves a zod instance per use, which is most of what compiling costs.
 */
const checkCache = new Map<string, AnyCheck>();
const CHECK_CACHE_LIMIT = 10_000;

export function cachedCheck(key: string, create: () => AnyCheck): AnyCheck {
  let check = checkCache.get(key);
  if (check === undefined) {
    check = create();
    if (checkCache.size >= CHECK_CACHE_LIMIT) checkCache.clear();
    checkCache.set(key, check);
  }
  return check;
}

/** Params that set a node's checks at construction: one zod instance instead of one clone per `.check()`. */
export function withChecksParams(error: string | undefined, checks: AnyCheck[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (error !== undefined) params.error = error;
  if (checks.length > 0) params.checks = checks;
  return params;
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

/** Copies a sub-validation's issues under `path`, so the model sees where inside the value it went wrong. */
export function forwardIssues(error: z.ZodError, path: PropertyKey[], input: unknown, issues: RawIssue[]): void {
  for (const issue of error.issues) {
    issues.push({ code: 'custom', message: issue.message, input, path: [...path, ...issue.path] });
  }
}
