import { isJsonObject } from './json-value.js';

/** Escapes one reference token for a JSON pointer (RFC 6901): `~` first, then `/`. */
export function escapePointerSegment(segment: string | number): string {
  const text = String(segment);
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function appendPointer(pointer: string, ...segments: Array<string | number>): string {
  let result = pointer;
  for (const segment of segments) result += `/${escapePointerSegment(segment)}`;
  return result;
}

/**
 * Follows a JSON pointer (already percent-decoded) from `root`; `undefined` when any step is missing.
 * Array steps must be canonical indices (`0`, `12`, never `01`).
 */
export function evaluatePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = root;
  for (const rawSegment of pointer.slice(1).split('/')) {
    const segment = rawSegment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isJsonObject(current)) {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}
