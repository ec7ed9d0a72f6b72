/**
 * Reads proxy arguments and refuses bad ones with the 400 OpenAI would send (Truto passes those through as remote
 * errors). Query values are strings (`parseQuery`); body values keep their JSON types. An empty query value counts
 * as absent, because clients send `next_cursor=` for a first page.
 */
import { invalidType, invalidValue, missingParameter } from './errors';
import type { ParsedQuery, QueryValue } from './query';

export type JsonObject = Record<string, unknown>;

function present(value: QueryValue | undefined): value is QueryValue {
  return value !== undefined && value !== '';
}

export function queryString(query: ParsedQuery, name: string, required = false): string | undefined {
  const value = query[name];
  if (!present(value)) {
    if (required) throw missingParameter(name);
    return undefined;
  }
  if (typeof value !== 'string') throw invalidType(name, 'a string', value);
  return value;
}

const INTEGER = /^-?\d+$/;

export function queryInteger(
  query: ParsedQuery,
  name: string,
  options: { required?: boolean; min?: number; max?: number; rangeText?: string } = {},
): number | undefined {
  const value = query[name];
  if (!present(value)) {
    if (options.required) throw missingParameter(name);
    return undefined;
  }
  if (typeof value !== 'string' || !INTEGER.test(value)) throw invalidType(name, 'an integer', value);
  const number = Number(value);
  if ((options.min !== undefined && number < options.min) || (options.max !== undefined && number > options.max)) {
    throw invalidValue(name, value, options.rangeText ?? `Expected a value between ${options.min} and ${options.max}.`);
  }
  return number;
}

export function queryBoolean(query: ParsedQuery, name: string): boolean | undefined {
  const value = query[name];
  if (!present(value)) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidType(name, 'a boolean', value);
}

/** Accepts `a[]=x&a[]=y`, `a=x&a=y`, `a[0]=x` and `a=x,y`. */
export function queryList(query: ParsedQuery, name: string): string[] | undefined {
  const value = query[name];
  if (!present(value)) return undefined;
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value);
  const list: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw invalidType(name, 'an array of strings', value);
    for (const part of item.split(',')) if (part.trim() !== '') list.push(part.trim());
  }
  return list;
}

export function queryEnum<Allowed extends string>(
  query: ParsedQuery,
  name: string,
  allowed: readonly Allowed[],
  fallback: Allowed,
): Allowed {
  const value = queryString(query, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidValue(name, value, `Supported values are: ${quoteAll(allowed)}.`);
  return value as Allowed;
}

export function queryEnumList<Allowed extends string>(
  query: ParsedQuery,
  name: string,
  allowed: readonly Allowed[],
): Allowed[] {
  const list = queryList(query, name) ?? [];
  for (const item of list) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw invalidValue(name, item, `Supported values are: ${quoteAll(allowed)}.`);
    }
  }
  return list as Allowed[];
}

export function bodyString(body: JsonObject, name: string, required = false): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw missingParameter(name);
    return undefined;
  }
  if (typeof value !== 'string') throw invalidType(name, 'a string', value);
  return value;
}

export function bodyNumber(
  body: JsonObject,
  name: string,
  options: { integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (options.integer && !Number.isInteger(value))) {
    throw invalidType(name, options.integer ? 'an integer' : 'a number', value);
  }
  if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
    throw invalidValue(name, value, `Expected a value between ${options.min} and ${options.max}.`);
  }
  return value;
}

export function bodyEnum<Allowed extends string>(
  body: JsonObject,
  name: string,
  allowed: readonly Allowed[],
  fallback: Allowed,
): Allowed {
  const value = bodyString(body, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw invalidValue(name, value, `Supported values are: ${quoteAll(allowed)}.`);
  return value as Allowed;
}

function quoteAll(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
