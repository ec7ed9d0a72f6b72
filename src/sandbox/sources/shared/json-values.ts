/** Small pure helpers over JSON values, shared by the OpenAPI and catalog sources. */
import { isObject, type JsonObject } from '../openapi/ref-resolver';

/**
 * `patch` merged into `base`: objects merge key by key, anything else (arrays, scalars, null) replaces. Neither
 * argument is changed. This is how an update changes a stored record.
 */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch === undefined ? base : patch;
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__') continue;
    out[key] = deepMerge(base[key], value);
  }
  return out;
}

/** JSON with object keys sorted at every depth: two values that mean the same give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Query values compare as strings (`limit=10` recorded as 10 or "10" is the same request). */
export function stringifyLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyLeaves);
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) out[key] = stringifyLeaves(child);
    return out;
  }
  return value === null || value === undefined ? '' : String(value);
}
