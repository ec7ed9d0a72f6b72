/**
 * Date spots in generated arguments. json-schema-faker fills a widened date spot (which takes a native value or an
 * expression) with any text; the SDK then rightly refuses "XsmOHV" as a date. For a request test the spots get a
 * native value in the field's own form instead, which the SDK sends untouched; the date test puts expressions there.
 * Also: what an expression must become at a field (form and bound), worked out independently of the SDK's writer.
 */
import type { TrutoTool } from '../../src/catalog/truto-tool.js';
import { type DateField, type DatePathStep, TIME_RANGE_ARGUMENT } from '../../src/dates/index.js';
import { isRecord } from './support.js';

/** A moment of the week before NOW, in every form a field may want (UTC). */
const NATIVE_INSTANT = '2026-11-20T09:30:00Z';
const NATIVE_SECONDS = Date.parse(NATIVE_INSTANT) / 1000;

/** The native value of the field's kind (decimal text where the schema wants a Unix number as a string). */
export function nativeDateValue(field: DateField): unknown {
  switch (field.kind) {
    case 'date':
      return NATIVE_INSTANT.slice(0, 10);
    case 'date-time':
      return NATIVE_INSTANT;
    case 'unix-seconds':
      return field.text ? String(NATIVE_SECONDS) : NATIVE_SECONDS;
    case 'unix-milliseconds':
      return field.text ? String(NATIVE_SECONDS * 1000) : NATIVE_SECONDS * 1000;
  }
}

/** Whether the tool's `time_range` is the SDK's own (added beside a start/end pair, never sent) rather than the API's. */
export function hasOwnTimeRange(tool: TrutoTool): boolean {
  const properties = tool.argumentsJsonSchema.properties;
  if (!isRecord(properties) || !Object.hasOwn(properties, TIME_RANGE_ARGUMENT)) return false;
  const declared = (schema: unknown) =>
    isRecord(schema) && isRecord(schema.properties) && Object.hasOwn(schema.properties, TIME_RANGE_ARGUMENT);
  return !declared(tool.definition.query_schema) && !declared(tool.definition.body_schema);
}

/**
 * A copy of the arguments with a native value at every date spot that holds something, the SDK's own `time_range`
 * left out, and required top-level date fields given (the pair `time_range` would have filled).
 */
export function withNativeDates(tool: TrutoTool, args: Record<string, unknown>): Record<string, unknown> {
  const fields = tool.dateFields;
  if (fields.length === 0) return args;
  const copy = structuredClone(args);
  if (hasOwnTimeRange(tool)) delete copy[TIME_RANGE_ARGUMENT];
  // Parents first: a range spot given a scalar becomes an object whose operators are then filled.
  const ordered = [...fields].sort((left, right) => left.path.length - right.path.length);
  for (const field of ordered) {
    if (field.path.length === 1 && field.required && !Object.hasOwn(copy, field.name)) {
      copy[field.name] = field.range ? rangeValue(field, fields) : nativeDateValue(field);
      continue;
    }
    forEachSpot(copy, field.path, (holder, key) => {
      const current = holder[key];
      if (field.range === undefined) holder[key] = nativeDateValue(field);
      else if (!isRecord(current))
        holder[key] = field.range.scalar ? nativeDateValue(field) : rangeValue(field, fields);
    });
  }
  return copy;
}

/** `{ gte: <native>, lt: <native> }` for a range field, each operator in its own form. */
function rangeValue(field: DateField, fields: readonly DateField[]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const key of [field.range?.start, field.range?.end]) {
    if (key === undefined) continue;
    const operator = operatorField(field, key, fields);
    value[key] = operator ? nativeDateValue(operator) : nativeDateValue(field);
  }
  return value;
}

/** The field of a range's operator (`created.gte` for `created`'s `gte`). */
export function operatorField(range: DateField, key: string, fields: readonly DateField[]): DateField | undefined {
  return fields.find(
    (candidate) =>
      candidate.path.length === range.path.length + 1 &&
      candidate.path.at(-1) === key &&
      candidate.path.slice(0, -1).every((step, index) => sameStep(step, range.path[index]!)),
  );
}

function sameStep(left: DatePathStep, right: DatePathStep): boolean {
  return typeof left === 'string' ? left === right : typeof right !== 'string';
}

/**
 * Calls `visit(holder, key)` for every place the path reaches that holds a value (every element for an array
 * step). Missing parents are not created.
 */
export function forEachSpot(
  root: Record<string, unknown>,
  path: readonly DatePathStep[],
  visit: (holder: Record<string, unknown>, key: string) => void,
): void {
  const walk = (node: unknown, index: number) => {
    const step = path[index]!;
    const last = index === path.length - 1;
    if (typeof step === 'string') {
      if (!isRecord(node) || !Object.hasOwn(node, step)) return;
      if (last) visit(node, step);
      else walk(node[step], index + 1);
      return;
    }
    if (!Array.isArray(node)) return;
    for (let item = 0; item < node.length; item++) {
      if (last) visit(node as unknown as Record<string, unknown>, String(item));
      else walk(node[item], index + 1);
    }
  };
  walk(root, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// What an expression must become

export interface Span {
  startMs: number;
  endMs: number;
}

/** "last week" at NOW (Wednesday 2026-11-25 12:00 UTC), weeks starting on Monday: [Mon 16 Nov, Mon 23 Nov). */
export const LAST_WEEK: Span = {
  startMs: Date.parse('2026-11-16T00:00:00Z'),
  endMs: Date.parse('2026-11-23T00:00:00Z'),
};

const DAY_MS = 86_400_000;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a field must receive for the span: its start, its end, or the last unit before either (UTC). */
export function expectedInstantMs(field: DateField, span: Span): number {
  const unit = field.kind === 'date' ? DAY_MS : field.kind === 'unix-milliseconds' ? 1 : 1000;
  if (field.role === 'end') return field.inclusiveEnd ? span.endMs - unit : span.endMs;
  return field.exclusiveStart ? span.startMs - unit : span.startMs;
}

/**
 * Why the value that arrived is not what the field should have received, or undefined when it is. Query values
 * arrive as text, so a number is compared by its decimal text; the form is checked strictly.
 */
export function dateProblem(field: DateField, arrived: unknown, span: Span): string | undefined {
  const expectedMs = expectedInstantMs(field, span);
  const shown = JSON.stringify(arrived);
  switch (field.kind) {
    case 'unix-seconds':
    case 'unix-milliseconds': {
      const text = typeof arrived === 'number' || typeof arrived === 'string' ? String(arrived) : '';
      if (!/^-?\d+$/.test(text)) return `expected integer ${field.kind}, got ${shown}`;
      const expected = field.kind === 'unix-seconds' ? expectedMs / 1000 : expectedMs;
      return Number(text) === expected ? undefined : `expected ${expected} (${field.role}), got ${shown}`;
    }
    case 'date': {
      const expected = new Date(expectedMs).toISOString().slice(0, 10);
      if (typeof arrived !== 'string' || !DATE_ONLY.test(arrived)) return `expected YYYY-MM-DD, got ${shown}`;
      return arrived === expected ? undefined : `expected ${expected} (${field.role}), got ${shown}`;
    }
    case 'date-time': {
      if (typeof arrived !== 'string' || !RFC_3339.test(arrived)) return `expected RFC 3339 with offset, got ${shown}`;
      const expected = new Date(expectedMs).toISOString().replace('.000Z', 'Z');
      return Date.parse(arrived) === expectedMs ? undefined : `expected ${expected} (${field.role}), got ${shown}`;
    }
  }
}
