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

/**
 * Characters of canonical form `hasDuplicateItems` may build for one array (32 Mi): past it the rest of the array is
 * not compared, which only ever accepts more. Uniqueness costs time and memory linear in the array up to there.
 */
export const MAX_UNIQUE_ITEMS_CHARS = 32 * 1024 * 1024;

/**
 * Whether any two items of `items` are JSON-equal, in time linear in their size: primitives go through a Set,
 * objects and arrays through a Set of their canonical forms (see `canonicalJson`). An array whose objects add up
 * to more than {@link MAX_UNIQUE_ITEMS_CHARS} of canonical form is compared up to there.
 */
export function hasDuplicateItems(items: readonly unknown[], maxChars = MAX_UNIQUE_ITEMS_CHARS): boolean {
  const primitives = new Set<unknown>();
  const composites = new Set<string>();
  let budget = maxChars;
  for (const item of items) {
    if (typeof item === 'object' && item !== null) {
      const canonical = canonicalJson(item, budget);
      if (canonical === undefined) return false;
      budget -= canonical.length;
      if (composites.has(canonical)) return true;
      composites.add(canonical);
    } else {
      // Set uses SameValueZero: 0 and -0 collide as JSON requires, and 1 vs 1.0 are the same number already.
      if (primitives.has(item)) return true;
      primitives.add(item);
    }
  }
  return false;
}

/**
 * One string per JSON value such that two values are JSON-equal (see `jsonEqual`) exactly when their strings are:
 * keys sorted, numbers by value (`1` and `1.0`, `0` and `-0` alike), types never confused. `undefined` when it would
 * exceed `maxChars` (which also ends a cyclic value a program passed in). Recursive while shallow (fast), iterative
 * past {@link RECURSION_LIMIT} levels, so an item nested 100,000 deep is rendered like any other.
 */
export function canonicalJson(value: unknown, maxChars = Number.POSITIVE_INFINITY): string | undefined {
  const state = { left: maxChars };
  const text = render(value, 0, state);
  return text === undefined || state.left < 0 ? undefined : text;
}

const RECURSION_LIMIT = 256;

function render(value: unknown, depth: number, state: { left: number }): string | undefined {
  if (typeof value !== 'object' || value === null) {
    const text = scalarText(value);
    state.left -= text.length;
    return text;
  }
  if (depth >= RECURSION_LIMIT) return renderIteratively(value, state);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let index = 0; index < value.length; index++) {
      const item = render(value[index], depth + 1, state);
      if (item === undefined) return undefined;
      text += index === 0 ? item : `,${item}`;
    }
    text += ']';
  } else {
    const keys = Object.keys(value).sort();
    text = '{';
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const item = render((value as Record<string, unknown>)[key], depth + 1, state);
      if (item === undefined) return undefined;
      text += `${index === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
    }
    text += '}';
  }
  state.left -= 2;
  return state.left < 0 ? undefined : text;
}

/** Marks text already rendered on the work stack of `renderIteratively`. */
class Rendered {
  constructor(readonly text: string) {}
}

const COMMA = new Rendered(',');
const CLOSE_ARRAY = new Rendered(']');
const CLOSE_OBJECT = new Rendered('}');

function renderIteratively(value: object, state: { left: number }): string | undefined {
  let text = '';
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    let part: string;
    if (item instanceof Rendered) part = item.text;
    else if (Array.isArray(item)) {
      part = '[';
      pending.push(CLOSE_ARRAY);
      for (let index = item.length - 1; index >= 0; index--) {
        pending.push(item[index]);
        if (index > 0) pending.push(COMMA);
      }
    } else if (typeof item === 'object' && item !== null) {
      part = '{';
      pending.push(CLOSE_OBJECT);
      const keys = Object.keys(item).sort();
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index]!;
        pending.push((item as Record<string, unknown>)[key]);
        pending.push(new Rendered(`${JSON.stringify(key)}:`));
        if (index > 0) pending.push(COMMA);
      }
    } else part = scalarText(item);
    text += part;
    state.left -= part.length;
    if (state.left < 0) return undefined;
  }
  return text;
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // `-0` and `0` are one JSON number; NaN and the infinities are not JSON, but each equals only itself.
      return Object.is(value, -0) ? '0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    default:
      return String(value);
  }
}
