/**
 * A second opinion on the dates, independent of both our converter and our date detection: a deliberately naive
 * OpenAPI → Truto conversion written here (every `$ref` inlined, resources named by their static path segments,
 * bodies left whole) and a date oracle of its own (format `date` / `date-time`, a description naming "YYYY-MM-DD",
 * "ISO 8601", "RFC 3339" or "Unix", at any depth of properties, array items and `allOf`/`anyOf`/`oneOf`). Every field
 * the oracle calls a date is given "last week" (other required date fields get a native value) and must come out of
 * the SDK's normalisation in the oracle's form. Held-out catalogs will not be built by our converter; this keeps our
 * detection honest against one that is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TrutoToolDefinition } from '../../src/catalog/tool-definition.js';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import { normaliseDateArguments } from '../../src/dates/index.js';

type Json = Record<string, any>;
type OracleKind = 'date' | 'date-time' | 'unix-seconds' | 'unix-milliseconds';
interface OracleField {
  path: string[];
  kind: OracleKind;
}

const NOW = new Date('2026-11-25T12:00:00Z');
const FORMS: Record<OracleKind, (value: unknown) => boolean> = {
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value),
  'date-time': (value) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value),
  'unix-seconds': (value) => Number.isInteger(value) && (value as number) > 1e9 && (value as number) < 1e11,
  'unix-milliseconds': (value) => Number.isInteger(value) && (value as number) > 1e12,
};
const NATIVE: Record<OracleKind, unknown> = {
  date: '2026-11-20',
  'date-time': '2026-11-20T00:00:00Z',
  'unix-seconds': 1_795_000_000,
  'unix-milliseconds': 1_795_000_000_000,
};

function naiveCatalog(file: string): TrutoToolDefinition[] {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const inline = (node: unknown, seen: readonly string[] = []): any => {
    if (Array.isArray(node)) return node.map((item) => inline(item, seen));
    if (node === null || typeof node !== 'object') return node;
    const object = node as Json;
    if (typeof object.$ref === 'string') {
      if (seen.includes(object.$ref) || seen.length > 30) return { type: 'object' };
      let target: any = document;
      for (const part of object.$ref.slice(2).split('/'))
        target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      return inline(target, [...seen, object.$ref]);
    }
    const copy: Json = {};
    for (const [key, value] of Object.entries(object)) copy[key] = key === 'example' ? value : inline(value, seen);
    return copy;
  };
  const tools: TrutoToolDefinition[] = [];
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const verb of ['get', 'post', 'put', 'patch', 'delete']) {
      const operation = (item as Json)[verb];
      if (!operation) continue;
      const segments = path.split('/').filter(Boolean);
      const byId = /^\{.*\}$/.test(segments.at(-1) ?? '');
      const method =
        verb === 'get' ? (byId ? 'get' : 'list') : verb === 'post' ? 'create' : verb === 'delete' ? 'delete' : 'update';
      const properties: Json = {};
      const required: string[] = [];
      for (const raw of [...((item as Json).parameters ?? []), ...(operation.parameters ?? [])]) {
        const parameter = inline(raw) as Json;
        if (parameter.in !== 'query') continue;
        properties[parameter.name] = { ...parameter.schema, description: parameter.description };
        if (parameter.required) required.push(parameter.name);
      }
      const content = inline(operation.requestBody)?.content ?? {};
      const body = (content['application/json'] ?? Object.values(content)[0])?.schema;
      tools.push({
        name: `${verb}_${tools.length}`,
        resource: segments.filter((segment) => !segment.startsWith('{')).join('_') || 'root',
        method,
        query_schema: { type: 'object', properties },
        ...(body ? { body_schema: body } : {}),
        required,
      });
    }
  }
  return tools;
}

function oracleKind(schema: Json): OracleKind | undefined {
  const description = String(schema.description ?? '');
  const types = [schema.type].flat();
  if (schema.format === 'date-time') return 'date-time';
  if (schema.format === 'date') return 'date';
  if (types.includes('string') && /YYYY-MM-DD(?!T)/.test(description) && !/hh:mm/i.test(description)) return 'date';
  if (types.includes('string') && /ISO.?8601|RFC.?3339/i.test(description)) return 'date-time';
  if ((types.includes('integer') || types.includes('number')) && /\b(?:unix|epoch)\b/i.test(description))
    return /milli/i.test(description) ? 'unix-milliseconds' : 'unix-seconds';
  return undefined;
}

function oracleFields(schema: unknown, path: string[] = [], out: OracleField[] = [], depth = 0): OracleField[] {
  if (schema === null || typeof schema !== 'object' || depth > 10) return out;
  const node = schema as Json;
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(node[keyword])) for (const member of node[keyword]) oracleFields(member, path, out, depth + 1);
  }
  for (const [name, property] of Object.entries((node.properties ?? {}) as Json)) {
    const kind = oracleKind(property as Json);
    // A read-only field is what the API returns, not what a caller sends.
    if (kind !== undefined) {
      if (!(property as Json).readOnly) out.push({ path: [...path, name], kind });
    } else oracleFields(property, [...path, name], out, depth + 1);
  }
  if (node.items && typeof node.items === 'object') oracleFields(node.items, [...path, '[]'], out, depth + 1);
  return out;
}

function withValue(target: Json, path: readonly string[], value: unknown): void {
  let cursor: any = target;
  for (let index = 0; index < path.length; index++) {
    const step = path[index]!;
    if (step === '[]') continue;
    if (index === path.length - 1) cursor[step] = value;
    else {
      const array = path[index + 1] === '[]';
      cursor[step] ??= array ? [{}] : {};
      cursor = array ? cursor[step][0] : cursor[step];
    }
  }
}

function valueAt(target: unknown, path: readonly string[]): unknown {
  let cursor: any = target;
  for (const step of path) cursor = step === '[]' ? cursor?.[0] : cursor?.[step];
  return cursor;
}

describe.each(['asana', 'pagerduty'])('%s, as an independent converter and date oracle see it', (vendor) => {
  it('puts every date the oracle finds, given "last week", in the oracle’s form', () => {
    const misses: string[] = [];
    let total = 0;
    for (const definition of naiveCatalog(`test/fixtures/openapi/${vendor}.json`)) {
      const tool = new TrutoTool(definition);
      const merged = {
        properties: { ...(definition.query_schema?.properties ?? {}), ...(definition.body_schema?.properties ?? {}) },
      };
      const fields = oracleFields(merged);
      for (const field of fields) {
        total++;
        const args: Json = {};
        // Other required top-level dates (a `since` needs its `until`) get a native value.
        for (const other of fields) {
          if (other !== field && other.path.length === 1 && definition.required?.includes(other.path[0]!))
            withValue(args, other.path, NATIVE[other.kind]);
        }
        withValue(args, field.path, 'last week');
        try {
          const sent = normaliseDateArguments(args, tool.dateFields, {
            now: () => NOW,
            timeZone: 'UTC',
            toolName: definition.name,
          });
          const value = valueAt(sent, field.path);
          if (!FORMS[field.kind](value))
            misses.push(`${field.path.join('.')} [${field.kind}] → ${JSON.stringify(value)}`);
        } catch (error) {
          misses.push(`${field.path.join('.')} [${field.kind}] → ${(error as Error).message.slice(0, 120)}`);
        }
      }
    }
    console.log(`${vendor}: ${total - misses.length} of ${total} oracle date fields arrive in the oracle's form`);
    expect(total).toBeGreaterThan(100);
    expect(misses).toEqual([]);
  });
});
