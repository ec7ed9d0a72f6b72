/**
 * Equality as JSON Schema defines it for `enum`, `const` and `uniqueItems`: numbers compare by value (1 equals 1.0),
 * objects compare by their key sets and values whatever the key order, arrays element by element, and values of
 * different JSON types are never equal (`false` is not `0`).
 */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let index = 0; index < left.length; index++) if (!jsonEqual(left[index], right[index])) return false;
    return true;
  }
  if (Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  for (const key of leftKeys) {
    if (!Object.hasOwn(right, key)) return false;
    if (!jsonEqual((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** Whether any two items of `items` are JSON-equal. Primitives go through a Set, so the common case is linear. */
export function hasDuplicateItems(items: readonly unknown[]): boolean {
  const primitives = new Set<unknown>();
  const composites: unknown[] = [];
  for (const item of items) {
    if (typeof item === 'object' && item !== null) {
      for (const seen of composites) if (jsonEqual(seen, item)) return true;
      composites.push(item);
    } else {
      // Set uses SameValueZero: 0 and -0 collide as JSON requires, and 1 vs 1.0 are the same number already.
      if (primitives.has(item)) return true;
      primitives.add(item);
    }
  }
  return false;
}
