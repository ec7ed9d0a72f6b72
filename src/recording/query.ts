/**
 * Reads a query string the way Truto (following the `qs` package) does, so a recorded query compares equal to the
 * one the sandbox parses on replay: `a[b]=c` nests, `a[]=x&a[]=y` and `a[0]=x&a[1]=y` make arrays, a repeated plain
 * key makes an array, `+` is a space. Values stay strings.
 */
import type { RecordedQueryValue } from './snapshot.js';

type QueryObject = { [key: string]: RecordedQueryValue };

/** Keys that would reach an object's prototype are dropped, as qs does by default. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** qs reads `a[21]=x` as `{ "21": "x" }` rather than a sparse array. */
const MAX_ARRAY_INDEX = 20;

/** `search` with or without its leading `?`. */
export function parseQueryString(search: string): Record<string, RecordedQueryValue> {
  const text = search.startsWith('?') ? search.slice(1) : search;
  const result: QueryObject = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    const path = splitKey(key);
    if (path.some((segment) => FORBIDDEN_KEYS.has(segment))) continue;
    assign(result, path, value);
  }
  // Only values compact: the query itself stays an object even when its keys are `0`, `1`, ...
  for (const key of Object.keys(result)) result[key] = compact(result[key]!);
  return result;
}

function decode(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a stray `%` is kept literally, as qs does
  }
}

/** `a[b][]` → `['a', 'b', '']`; a key with unbalanced brackets is one literal segment. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest !== '') {
    const close = rest.indexOf(']');
    if (rest[0] !== '[' || close === -1) return [key];
    segments.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return segments;
}

function assign(container: QueryObject, path: string[], value: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  const existing = container[head];
  if (rest.length === 0) {
    if (existing === undefined) container[head] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else if (typeof existing === 'string') container[head] = [existing, value];
    else existing[String(Object.keys(existing).length)] = value;
    return;
  }
  if (rest[0] === '') {
    const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
    container[head] = list;
    if (rest.length === 1) list.push(value);
    else {
      const child: QueryObject = {};
      assign(child, rest.slice(1), value);
      list.push(child);
    }
    return;
  }
  let child: QueryObject;
  if (typeof existing === 'object' && !Array.isArray(existing)) child = existing;
  else {
    child = {};
    if (Array.isArray(existing)) {
      for (const [index, item] of existing.entries()) child[String(index)] = item;
    } else if (typeof existing === 'string') child['0'] = existing;
    container[head] = child;
  }
  assign(child, rest, value);
}

/** Objects whose keys are exactly 0..n (n ≤ 20) become arrays, recursively. */
function compact(value: RecordedQueryValue): RecordedQueryValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(compact);
  const keys = Object.keys(value);
  for (const key of keys) value[key] = compact(value[key]!);
  const isIndexList =
    keys.length > 0 &&
    keys.every((key) => /^(0|[1-9]\d*)$/.test(key) && Number(key) <= MAX_ARRAY_INDEX) &&
    keys.length === Math.max(...keys.map(Number)) + 1;
  if (!isIndexList) return value;
  return keys
    .map(Number)
    .sort((left, right) => left - right)
    .map((index) => value[String(index)]!);
}
