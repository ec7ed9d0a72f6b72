/**
 * Parses a query string the way Truto (and the `qs` package it follows) does: `a[b]=c` nests, `a[]=x&a[]=y` and
 * `a[0]=x&a[1]=y` make arrays, a repeated plain key makes an array too. Comma lists (`group_by=a,b`) stay strings
 * here; the readers in `params.ts` split them where a parameter is an array.
 */

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
export type ParsedQuery = Record<string, QueryValue>;

/** Keys that would reach an object's prototype are dropped, as qs does by default. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** qs turns `a[21]=x` into `{ "21": "x" }` rather than a sparse array; we follow it. */
const MAX_ARRAY_INDEX = 20;

export function parseQuery(raw: string): ParsedQuery {
  const result: ParsedQuery = {};
  if (raw.length === 0) return result;
  let needsCompaction = false;
  for (const pair of raw.split('&')) {
    if (pair.length === 0) continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
    const path = splitKey(key);
    if (path.some((segment) => FORBIDDEN_KEYS.has(segment))) continue;
    if (path.length > 1) needsCompaction = true;
    assign(result, path, value);
  }
  if (needsCompaction) {
    for (const key of Object.keys(result)) result[key] = compactArrays(result[key]!);
  }
  return result;
}

function decodeComponent(text: string): string {
  if (text.indexOf('%') === -1 && text.indexOf('+') === -1) return text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a stray `%` is kept literally, like qs does
  }
}

/** `a[b][]` → `['a', 'b', '']`. A key with unbalanced brackets is one literal segment. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const segments = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    if (rest[0] !== '[') return [key];
    const close = rest.indexOf(']');
    if (close === -1) return [key];
    segments.push(rest.slice(1, close));
    rest = rest.slice(close + 1);
  }
  return segments;
}

function assign(container: Record<string, QueryValue>, path: string[], value: string): void {
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
      const child: Record<string, QueryValue> = {};
      assign(child, rest.slice(1), value);
      list.push(child);
    }
    return;
  }
  let child: Record<string, QueryValue>;
  if (existing !== undefined && typeof existing === 'object' && !Array.isArray(existing)) child = existing;
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
function compactArrays(value: QueryValue): QueryValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(compactArrays);
  const keys = Object.keys(value);
  for (const key of keys) value[key] = compactArrays(value[key]!);
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
