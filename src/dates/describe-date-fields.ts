/**
 * The schema a model sees for date fields, at any depth: the native value or a date expression, said in a few
 * words. Integer fields become `anyOf: [<the original integer schema>, {type: 'string'}]` (accepted by OpenAI,
 * Anthropic, Gemini and JSON Schema → zod compilers alike); plain string date fields lose their `format`, `pattern`
 * and length limits, which an expression would fail, and keep being strings; anything more tangled (a `$ref`, an
 * `allOf`, an enum beside the date) is wrapped the integer way. A range object also takes a string.
 *
 * Copy on write: only the nodes on the way to a date are copied, everything else is shared with the input, which is
 * never modified. A `$ref` on the way to a nested date is inlined at that spot (the definition itself stays as it
 * was, for its other users); a `oneOf` whose members were widened becomes an `anyOf`, since a widened date branch
 * may now match the same text as a sibling branch.
 */
import type { JsonSchemaObject } from '../catalog/tool-definition.js';
import { type DateField, TIME_RANGE_ARGUMENT, timeRangePair } from './date-field.js';
import { hasDateSign } from './field-evidence.js';
import { type FieldTrieNode, fieldTrie } from './field-trie.js';
import { facetsOf, isRecord, type SchemaNode, SchemaScope, typesOf } from './schema-facets.js';

/** Keywords that describe the property rather than constrain its value: they stay outside the `anyOf`. */
const ANNOTATIONS = [
  'title',
  'description',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
];
/** String constraints an expression ("last week") would fail. */
const STRING_CONSTRAINTS = ['format', 'pattern', 'minLength', 'maxLength', 'formatMinimum', 'formatMaximum'];
/** Keywords that make a node more than a plain typed value: it is wrapped rather than edited. */
const COMPOUND = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'enum', 'const'];
const NO_REFS: ReadonlySet<string> = new Set();

/** Returns a new schema; the input is not modified. Fields the schema does not lead to are skipped. */
export function describeDateFieldsForModel(schema: JsonSchemaObject, fields: readonly DateField[]): JsonSchemaObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const pair = timeRangePair(fields);
  const offerTimeRange = pair !== undefined && !Object.hasOwn(properties, TIME_RANGE_ARGUMENT);
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const relaxed = new Set<string>();
  if (offerTimeRange) {
    for (const field of [pair.start, pair.end]) if (required.includes(field.name)) relaxed.add(field.name);
  }

  const widener = new Widener(new SchemaScope(schema), relaxed);
  const widened: Record<string, unknown> = { ...properties };
  for (const [name, node] of fieldTrie(fields).children) {
    if (!Object.hasOwn(properties, name)) continue;
    const next = widener.widen(properties[name], node, { refs: NO_REFS, outer: true, insideRange: false, key: name });
    if (next !== properties[name]) defineOwn(widened, name, next);
  }
  const result: JsonSchemaObject = { ...schema, properties: widened };
  if (!offerTimeRange) return result;
  defineOwn(widened, TIME_RANGE_ARGUMENT, {
    type: 'string',
    description: `Sets ${pair.start.name} and ${pair.end.name}, e.g. 'last week'.`,
  });
  if (relaxed.size > 0) {
    const stillRequired = required.filter((name) => !relaxed.has(name as string));
    if (stillRequired.length > 0) result.required = stillRequired;
    else delete result.required;
  }
  return result;
}

interface Place {
  refs: ReadonlySet<string>;
  /** The node is the property's own schema (not a member of it): the spot's widening happens here. */
  outer: boolean;
  /** The spot is an operator of a range object: widened, but the range's description speaks for it. */
  insideRange: boolean;
  /** The top-level argument's name when at the top (for "Required unless time_range is given"). */
  key?: string;
}

class Widener {
  readonly #scope: SchemaScope;
  readonly #relaxed: ReadonlySet<string>;

  constructor(scope: SchemaScope, relaxed: ReadonlySet<string>) {
    this.#scope = scope;
    this.#relaxed = relaxed;
  }

  widen(node: unknown, trie: FieldTrieNode, place: Place): unknown {
    if (!isRecord(node)) return node;
    let current: SchemaNode = node;
    if (trie.children.size > 0 || trie.each !== undefined) {
      const reference = node.$ref;
      if (typeof reference === 'string' && !place.refs.has(reference)) {
        const refs = new Set(place.refs).add(reference);
        const target = this.#scope.resolve(reference);
        const widenedTarget = this.widen(target, trie, { ...place, refs, outer: false });
        const { $ref: _reference, ...siblings } = node;
        const widenedSiblings = this.#widenMembersAndChildren(siblings, trie, { ...place, refs });
        if (widenedTarget !== target && isRecord(widenedTarget))
          current = inlineReference(widenedSiblings, widenedTarget);
        else if (widenedSiblings !== siblings) current = { $ref: reference, ...widenedSiblings };
      } else {
        current = this.#widenMembersAndChildren(node, trie, place);
      }
    }
    if (place.outer && trie.field !== undefined) current = this.#widenSpot(current, trie.field, place);
    return current;
  }

  #widenMembersAndChildren(node: SchemaNode, trie: FieldTrieNode, place: Place): SchemaNode {
    let copy: SchemaNode | undefined;
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const members = node[keyword];
      if (!Array.isArray(members)) continue;
      let changed = false;
      const next = members.map((member) => {
        const widened = this.widen(member, trie, { ...place, outer: false });
        if (widened !== member) changed = true;
        return widened;
      });
      if (!changed) continue;
      copy ??= { ...node };
      if (keyword === 'oneOf') replaceOneOf(copy, next);
      else copy[keyword] = next;
    }
    const childPlace: Place = { refs: place.refs, outer: true, insideRange: trie.field?.range !== undefined };
    if (trie.children.size > 0 && isRecord(node.properties)) {
      const properties = node.properties;
      let widened: Record<string, unknown> | undefined;
      for (const [key, child] of trie.children) {
        if (!Object.hasOwn(properties, key)) continue;
        const next = this.widen(properties[key], child, childPlace);
        if (next === properties[key]) continue;
        widened ??= { ...properties };
        defineOwn(widened, key, next);
      }
      if (widened !== undefined) {
        copy ??= { ...node };
        copy.properties = widened;
      }
    }
    const each = trie.each;
    if (each !== undefined) {
      const itemPlace: Place = { ...childPlace, insideRange: false };
      if (isRecord(node.items)) {
        const next = this.widen(node.items, each, itemPlace);
        if (next !== node.items) {
          copy ??= { ...node };
          copy.items = next;
        }
      }
      for (const keyword of ['items', 'prefixItems'] as const) {
        const tuple = node[keyword];
        if (!Array.isArray(tuple)) continue;
        const next = tuple.map((member) => this.widen(member, each, itemPlace));
        if (next.some((member, index) => member !== tuple[index])) {
          copy ??= { ...node };
          copy[keyword] = next;
        }
      }
    }
    return copy ?? node;
  }

  /** The spot itself: accept an expression where the node holds the date (or the range), and say so. */
  #widenSpot(node: SchemaNode, field: DateField, place: Place): SchemaNode {
    const { facets } = facetsOf([node], new SchemaScope(this.#scope.root), place.refs);
    const holdsDate = holdsScalarDate(facets, field);
    const holdsRange = field.range !== undefined && holdsRangeObject(facets, field);
    if (!holdsDate && !holdsRange) return node;
    const note =
      place.key !== undefined && this.#relaxed.has(place.key)
        ? ` Required unless ${TIME_RANGE_ARGUMENT} is given.`
        : '';
    // An operator's range speaks for it; a read-only field is not the model's to fill: both widen without a hint.
    const hint = place.insideRange || node.readOnly === true ? '' : hintFor(field, node.description) + note;
    const description = hint === '' ? node.description : joinDescription(node.description, hint);
    if (holdsDate && !holdsRange && isTextKind(field)) {
      const relaxed = relaxStrings(node);
      if (relaxed !== undefined) return withDescription(relaxed, description);
    }
    return wrapWithString(node, description);
  }
}

/** `{ $ref, ...siblings }` with the reference replaced by its (widened) target. */
function inlineReference(siblings: SchemaNode, target: SchemaNode): SchemaNode {
  const keys = Object.keys(siblings);
  if (keys.length === 0) return target;
  // Annotations only (a description, `nullable`): they read the same merged into the target.
  if (keys.every((key) => ANNOTATIONS.includes(key) || key === 'nullable')) return { ...target, ...siblings };
  const allOf = Array.isArray(siblings.allOf) ? [target, ...siblings.allOf] : [target];
  return { ...siblings, allOf };
}

/** A widened `oneOf` becomes an `anyOf` (kept beside an existing `anyOf` through `allOf`). */
function replaceOneOf(node: SchemaNode, members: unknown[]): void {
  delete node.oneOf;
  if (node.anyOf === undefined) node.anyOf = members;
  else node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { anyOf: members }];
}

function isTextKind(field: DateField): boolean {
  return field.kind === 'date' || field.kind === 'date-time' || field.text === true;
}

/**
 * This node (not only a sibling branch of the spot) takes the date: a scalar of the field's type. Where another
 * branch takes plain values (a lenient spot), only a node that itself says "date" (format, pattern, example) does.
 */
function holdsScalarDate(facets: readonly SchemaNode[], field: DateField): boolean {
  if (field.range !== undefined && !field.range.scalar) return false;
  const text = isTextKind(field);
  for (const facet of facets) {
    const types = typesOf(facet);
    if (types.includes('object') || types.includes('array')) continue;
    if (Array.isArray(facet.enum) || 'const' in facet) continue;
    const fits = text
      ? types.includes('string') || (types.length === 0 && typeof facet.format === 'string')
      : types.includes('integer') ||
        types.includes('number') ||
        (types.length === 0 && typeof facet.format === 'string');
    if (fits && (field.lenient !== true || hasDateSign(facet))) return true;
  }
  return false;
}

function holdsRangeObject(facets: readonly SchemaNode[], field: DateField): boolean {
  const { start, end } = field.range!;
  for (const facet of facets) {
    const properties = facet.properties;
    if (!isRecord(properties)) continue;
    if (
      (start !== undefined && Object.hasOwn(properties, start)) ||
      (end !== undefined && Object.hasOwn(properties, end))
    )
      return true;
  }
  return false;
}

/**
 * The node without the string constraints an expression would fail, when it is a plain string schema or a union
 * of plain schemas (`anyOf: [{type: 'string', format: 'date'}, {type: 'null'}]`); `undefined` for anything else.
 */
function relaxStrings(node: SchemaNode): SchemaNode | undefined {
  if (isPlain(node)) return withoutStringConstraints(node);
  const keyword = Array.isArray(node.anyOf) ? 'anyOf' : Array.isArray(node.oneOf) ? 'oneOf' : undefined;
  if (keyword === undefined) return undefined;
  for (const other of COMPOUND) if (other !== keyword && node[other] !== undefined) return undefined;
  const members = node[keyword] as unknown[];
  if (!members.every((member) => isRecord(member) && isPlain(member))) return undefined;
  const relaxed = members.map((member) => withoutStringConstraints(member as SchemaNode));
  const copy = { ...node };
  if (keyword === 'oneOf') replaceOneOf(copy, relaxed);
  else copy.anyOf = relaxed;
  return withoutStringConstraints(copy);
}

function isPlain(node: SchemaNode): boolean {
  for (const keyword of COMPOUND) if (node[keyword] !== undefined) return false;
  return true;
}

function withoutStringConstraints(node: SchemaNode): SchemaNode {
  if (!STRING_CONSTRAINTS.some((keyword) => node[keyword] !== undefined)) return node;
  const copy = { ...node };
  for (const keyword of STRING_CONSTRAINTS) delete copy[keyword];
  return copy;
}

function wrapWithString(node: SchemaNode, description: unknown): SchemaNode {
  const annotations: SchemaNode = {};
  const value: SchemaNode = {};
  for (const [keyword, content] of Object.entries(node)) {
    if (ANNOTATIONS.includes(keyword)) annotations[keyword] = content;
    else value[keyword] = content;
  }
  if (description !== undefined) annotations.description = description;
  return { ...annotations, anyOf: [value, { type: 'string' }] };
}

function withDescription(node: SchemaNode, description: unknown): SchemaNode {
  if (description === undefined || node.description === description) return node;
  return { ...node, description };
}

/** How each kind of field is named when its own description does not say it already. */
const NATIVE_FORMS: Record<DateField['kind'], { name: string; named: RegExp }> = {
  'unix-seconds': { name: 'Unix seconds', named: /unix|epoch/i },
  'unix-milliseconds': { name: 'Unix milliseconds', named: /milli/i },
  'date-time': { name: 'An ISO 8601 date-time', named: /ISO.?8601|RFC.?3339|date-?time/i },
  date: { name: 'A YYYY-MM-DD date', named: /YYYY-MM-DD|ISO.?8601/i },
};

/**
 * One short sentence: every word here is paid for in tokens on every request that offers the tool. One example is
 * enough for a model to try others, and the native form is named only when the field's description does not name it.
 * "(…)" rather than "like …" and 'next Friday' rather than 'yesterday 3pm' save a token or two per date field
 * (bench/tokens.bench.ts), which a catalog of a thousand tools repeats a thousand times. A range says 'last week':
 * a period is what fills both of its ends.
 */
function hintFor(field: DateField, description: unknown): string {
  const example =
    field.range !== undefined
      ? "'last week'"
      : field.role === 'start'
        ? "'last Monday'"
        : field.role === 'end'
          ? "'today'"
          : "'next Friday'";
  const native = NATIVE_FORMS[field.kind];
  if (field.range !== undefined && !field.range.scalar) return `Or a date expression (${example}).`;
  if (typeof description === 'string' && native.named.test(description)) return `Or a date expression (${example}).`;
  return `${native.name} or a date expression (${example}).`;
}

function joinDescription(original: unknown, hint: string): string {
  const text = typeof original === 'string' ? original.trim() : '';
  if (text === '') return hint;
  return /[.!?]$/.test(text) ? `${text} ${hint}` : `${text}. ${hint}`;
}

/** A property named `__proto__` is a field like any other here, not a prototype to set. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
