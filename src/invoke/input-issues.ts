import type { z } from 'zod';
import type { ToolInputIssue } from '../errors/index.js';

/**
 * Turns zod's issues into ones a model can act on: the field's path, what it accepts, and what it got.
 * Only runs on the failure path, so it may be as thorough as it likes.
 */
export function issuesFromZodError(error: z.ZodError, input: unknown): ToolInputIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const expected = expectedOf(issue);
    const value = valueAt(input, issue.path);
    const missing = issue.code === 'invalid_type' && value === undefined;
    return {
      path,
      message: missing ? 'is required' : issue.message,
      ...(expected ? { expected } : {}),
      ...(missing ? {} : { received: render(value) }),
    };
  });
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return `one of: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `${issue.origin} ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${issue.origin} ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `format ${issue.format}`;
    case 'unrecognized_keys':
      return 'only the documented arguments';
    default:
      return undefined;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function render(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'string' ? JSON.stringify(value) : safeStringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
