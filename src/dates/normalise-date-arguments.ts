/**
 * Date expressions in a tool call's arguments → the values the API expects, at any depth. Runs after validation and
 * before the request is built; the model's arguments are never modified in place (containers along a changed path
 * are copied, everything else is shared).
 *
 * The walk follows the arguments by value path (properties, array elements): whichever union branch a value took,
 * its date spots are the ones found for that path. Output by kind: `unix-seconds` / `unix-milliseconds` integers
 * (decimal text for a string schema); `date` `YYYY-MM-DD` in the configured zone; `date-time` RFC 3339 with the
 * zone's offset (`2026-10-01T00:00:00-04:00`, `Z` in UTC). Values already in that form pass through untouched.
 * A range object given one expression gets both ends (see range-values.ts). `time_range` is removed and fills the
 * top-level start/end pair; an explicitly given start or end wins.
 */
import { ToolInputError, type ToolInputIssue } from '../errors/index.js';
import { type DateField, TIME_RANGE_ARGUMENT, timeRangePair } from './date-field.js';
import type { EvaluationSettings, Span } from './evaluate.js';
import { type FieldTrieNode, fieldTrie } from './field-trie.js';
import { type ResolveDateRangeOptions, readDateSettings } from './options.js';
import { describeRefusal, resolveDateSpan } from './resolve-date-range.js';
import { KIND_NAMES, nativeDate, type SpanSide, type WrittenDate, writeSpan } from './write-date.js';

export interface NormaliseDateArgumentsOptions extends ResolveDateRangeOptions {
  /** Named in the `ToolInputError` thrown for unreadable dates. */
  toolName: string;
}

const EXPRESSION_EXAMPLES = "'last week', 'October 1st', '2026-10-01', 'past 7 days', 'from 2026-10-01 to 2026-10-15'";
const TIME_RANGE_EXPECTED = `a period like 'last week', 'past 7 days', 'Q3 2026', 'from 2026-10-01 to 2026-10-15'`;

/** One call's state: the settings, the issues found, and what the top-level fields became (for the pair check). */
interface Pass {
  settings: EvaluationSettings;
  issues: ToolInputIssue[];
  topLevel: Map<DateField, WrittenDate>;
}

/**
 * Returns new arguments with every date expression converted (or `args` itself when nothing needed converting).
 * @throws ToolInputError with one issue per unreadable value (named by its full path: `data.due_at`,
 *   `items[2].starts_at`), a `time_range` pair that ends before it starts, or a required field of a `time_range`
 *   pair that neither it nor `time_range` gave.
 */
export function normaliseDateArguments(
  args: Record<string, unknown>,
  fields: readonly DateField[],
  options: NormaliseDateArgumentsOptions,
): Record<string, unknown> {
  const pair = timeRangePair(fields);
  const trie = fieldTrie(fields);
  if (!needsWork(args, trie, fields, pair !== undefined)) return args;
  const pass: Pass = { settings: readDateSettings(options), issues: [], topLevel: new Map() };
  const result: Record<string, unknown> = { ...args };

  // Arguments that already hold native values come back as they are, not as a copy.
  let changed = false;
  let range: Span | undefined;
  if (pair !== undefined && Object.hasOwn(result, TIME_RANGE_ARGUMENT)) {
    changed = true;
    const given = result[TIME_RANGE_ARGUMENT];
    delete result[TIME_RANGE_ARGUMENT];
    if (given !== undefined && given !== null) {
      const span = resolveDateSpan(given, pass.settings);
      if ('reason' in span) {
        pass.issues.push({
          path: TIME_RANGE_ARGUMENT,
          message: describeRefusal(given, span.reason, false),
          expected: TIME_RANGE_EXPECTED,
          received: render(given),
        });
      } else {
        range = span;
      }
    }
  }

  for (const [name, node] of trie.children) {
    const given = Object.hasOwn(result, name) ? result[name] : undefined;
    if (given === undefined || given === null) {
      const field = node.field;
      if (pair === undefined || field === undefined || (field !== pair.start && field !== pair.end)) continue;
      if (range !== undefined) {
        const written = writeSpan(range, sideFor(field), field, pass.settings.timeZone);
        defineOwn(result, name, written.value);
        changed = true;
        pass.topLevel.set(field, written);
      } else if (field.required) {
        pass.issues.push({
          path: name,
          message: `required: give ${name} or ${TIME_RANGE_ARGUMENT}`,
          expected: expectedFor(field),
        });
      }
      continue;
    }
    const converted = walk(given, node, name, pass);
    if (converted !== given) {
      defineOwn(result, name, converted);
      changed = true;
    }
  }

  if (pair !== undefined) {
    const start = pass.topLevel.get(pair.start);
    const end = pass.topLevel.get(pair.end);
    if (start !== undefined && end !== undefined && end.epochMs < start.epochMs) {
      pass.issues.push({
        path: pair.end.name,
        message: `ends before ${pair.start.name} (${render(start.value)})`,
        expected: `a moment at or after ${pair.start.name}`,
        received: render(end.value),
      });
    }
  }
  if (pass.issues.length > 0) throw new ToolInputError(options.toolName, pass.issues);
  return changed ? result : args;
}

/** The cheap test every call of a tool with date fields pays: is any date spot's argument present? */
function needsWork(
  args: Record<string, unknown>,
  trie: FieldTrieNode,
  fields: readonly DateField[],
  hasPair: boolean,
): boolean {
  if (hasPair && Object.hasOwn(args, TIME_RANGE_ARGUMENT)) return true;
  for (const name of trie.children.keys()) {
    if (Object.hasOwn(args, name) && args[name] !== undefined && args[name] !== null) return true;
  }
  if (hasPair) for (const field of fields) if (field.required && field.role !== 'instant') return true;
  return false;
}

/** The value with every date below it converted; the same value when nothing changed. */
function walk(value: unknown, node: FieldTrieNode, label: string, pass: Pass): unknown {
  const field = node.field;
  if (field !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    return convert(value, field, node, label, pass);
  }
  if (Array.isArray(value)) {
    const each = node.each;
    if (each === undefined) return value;
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (item === undefined || item === null) continue;
      const next = walk(item, each, `${label}[${index}]`, pass);
      if (next !== item) {
        copy ??= value.slice();
        copy[index] = next;
      }
    }
    return copy ?? value;
  }
  if (typeof value === 'object' && value !== null && node.children.size > 0) {
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const [key, child] of node.children) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (item === undefined || item === null) continue;
      const next = walk(item, child, `${label}.${key}`, pass);
      if (next !== item) {
        copy ??= { ...record };
        defineOwn(copy, key, next);
      }
    }
    return copy ?? value;
  }
  return value;
}

function convert(given: string | number, field: DateField, node: FieldTrieNode, label: string, pass: Pass): unknown {
  if (field.literals?.includes(given)) return given;
  const isTextKind = field.kind === 'date' || field.kind === 'date-time' || field.text === true;
  if (field.range === undefined || field.range.scalar) {
    const native = nativeDate(given, field);
    if (native !== undefined) {
      if (isTopLevel(field)) pass.topLevel.set(field, native);
      return given;
    }
    if (field.lenient && isTextKind && typeof given === 'number') return given;
  }
  const span = resolveDateSpan(given, pass.settings);
  if ('reason' in span) {
    if (field.lenient) return given;
    pass.issues.push({
      path: label,
      message: describeRefusal(given, span.reason, false),
      expected: expectedFor(field),
      received: render(given),
    });
    return given;
  }
  if (field.range !== undefined && !(field.range.scalar && span.instant)) {
    return rangeValue(span, field, node, pass);
  }
  const written = writeSpan(span, sideFor(field), field, pass.settings.timeZone);
  if (isTopLevel(field)) pass.topLevel.set(field, written);
  return written.value;
}

/**
 * A range object from one expression: the preferred start operator gets the span's start, the preferred end
 * operator its end (exclusive, or the last unit inside for an inclusive operator). An exact instant is both ends.
 */
function rangeValue(span: Span, field: DateField, node: FieldTrieNode, pass: Pass): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  const { start, end } = field.range!;
  if (start !== undefined) {
    const operator = node.children.get(start)?.field ?? field;
    defineOwn(value, start, writeSpan(span, sideFor(operator, 'start'), operator, pass.settings.timeZone).value);
  }
  if (end !== undefined) {
    const operator = node.children.get(end)?.field ?? field;
    // An exact instant is inside its own range: an exclusive end goes one unit past it.
    const side: SpanSide = operator.inclusiveEnd === true ? 'inclusive-end' : span.instant ? 'after-instant' : 'end';
    defineOwn(value, end, writeSpan(span, side, operator, pass.settings.timeZone).value);
  }
  return value;
}

/** Which instant of the span a field takes, by its role (or the role it plays inside a range). */
function sideFor(field: DateField, role = field.role): SpanSide {
  if (role === 'start') return field.exclusiveStart === true ? 'exclusive-start' : 'start';
  if (role === 'end') return field.inclusiveEnd === true ? 'inclusive-end' : 'end';
  return 'start';
}

/** Fields made by hand before paths existed name a top-level argument. */
function isTopLevel(field: DateField): boolean {
  return field.path === undefined || field.path.length === 1;
}

function expectedFor(field: DateField): string {
  const range = field.range === undefined ? '' : ', for the whole range or for each bound';
  return `${KIND_NAMES[field.kind]} or a date expression like ${EXPRESSION_EXAMPLES}${range}`;
}

function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return String(value);
}

/** A key named `__proto__` is a field like any other here, not a prototype to set. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
