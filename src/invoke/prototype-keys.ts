import { ToolInputError } from '../errors/index.js';

/** Structures nested deeper than this are not searched further (and no schema describes them anyway). */
const MAX_DEPTH = 64;

/**
 * Refuses arguments that carry a key named `__proto__` anywhere in their plain objects and arrays, or an object whose
 * prototype is a plain object (what such a key becomes once copied by assignment). `JSON.parse`
 * makes such a key an ordinary own property, but nothing downstream can keep it one: validation drops it from its
 * output, an assignment would set the object's prototype instead, and Truto's query parser discards it. Rather than
 * lose the field without a word, the model is told, and can say what it meant. `constructor` and `prototype` are
 * ordinary names and pass as plain data, subject to the tool's schema.
 *
 * @throws ToolInputError naming the path of the first such key.
 */
export function refusePrototypeKeys(toolName: string, args: unknown): void {
  const path = findPrototypeKey(args, '', 0);
  if (path === undefined) return;
  throw new ToolInputError(toolName, [
    {
      path,
      message:
        'a key named "__proto__" is not accepted: it would replace an object\'s prototype instead of setting a field',
      received: '"__proto__"',
    },
  ]);
}

function findPrototypeKey(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findPrototypeKey(value[index], join(path, String(index)), depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    // A plain object as the prototype is what assigning a `__proto__` key does (a copy made with `copy[key] = …`):
    // its fields would be read as arguments. Class prototypes own a `constructor`; Buffers, streams, Blobs and Dates
    // (file arguments, clocks) are values, not argument objects.
    return isPlainPrototype(prototype) ? join(path, '__proto__') : undefined;
  }
  if (Object.hasOwn(value, '__proto__')) return join(path, '__proto__');
  for (const key of Object.keys(value)) {
    const found = findPrototypeKey((value as Record<string, unknown>)[key], join(path, key), depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isPlainPrototype(prototype: unknown): boolean {
  return typeof prototype === 'object' && prototype !== null && !Object.hasOwn(prototype, 'constructor');
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
