import type { JsonSchemaObject } from './types.js';

/** A plain JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type of a parsed JSON value (`integer` is never returned: it is a kind of `number`). */
export function jsonTypeOf(value: unknown): 'null' | 'boolean' | 'object' | 'array' | 'number' | 'string' | 'other' {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isFinite(value) ? 'number' : 'other';
    case 'boolean':
      return 'boolean';
    case 'object':
      return Array.isArray(value) ? 'array' : 'object';
    default:
      return 'other';
  }
}

/** Own enumerable keys, the only ones JSON knows about. */
export function hasOwn(object: object, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** A compact rendering of a JSON value for error messages (`"1d"`, `3`, `{...}`). */
export function renderJsonValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A default handed to a caller: objects and arrays are copied so that no two parses share one. */
export function copyJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
