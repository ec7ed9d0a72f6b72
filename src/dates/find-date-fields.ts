/**
 * Which spots of a tool's arguments are timestamps, dates or ranges of them, at any depth of the merged argument
 * schema: properties, array elements, `allOf` / `anyOf` / `oneOf` members and local `$ref`s (see schema-facets.ts
 * for how a walk is bounded). What makes a spot a date is in field-evidence.ts, what makes it a start or an end in
 * field-words.ts.
 *
 * A range object is an object whose date properties are all comparison operators (`{ gt, gte, lt, lte }`,
 * `{ $gte, $lt }`, `{ from, to }`, `{ start, end }`, `{ after, before }`, `{ min, max }`): it gets a field of its own
 * with `range` set, so that one expression fills both ends, besides the fields of its operators.
 */
import type { JsonSchemaObject } from '../catalog/tool-definition.js';
import {
  type DateField,
  type DatePathStep,
  type DateRangeForm,
  datePathLabel,
  EACH_ITEM,
  TIME_RANGE_ARGUMENT,
} from './date-field.js';
import { otherValuesOf, type ScalarDate, scalarDateOf } from './field-evidence.js';
import {
  isExclusiveStart,
  isFilterKey,
  isInclusiveEnd,
  operatorKeyOf,
  type RoleEvidence,
  roleOf,
  wordsOf,
} from './field-words.js';
import { facetsOf, isRecord, itemsOf, propertiesOf, type SchemaNode, SchemaScope, typesOf } from './schema-facets.js';

export interface FindDateFieldsOptions {
  /**
   * The arguments filter what a list returns (a `list` tool): past-tense end words (`ended_at`) then bound a range
   * instead of naming an event. Inside an object named like a filter (`filter`, `filters`, `where`) this holds anyway.
   * @default false
   */
  filters?: boolean;
}

/** Deeper than this, a value path is not something a model fills in. */
const MAX_PATH_DEPTH = 16;
/** Which operator takes a period's start, and which its end, when a range object offers several. */
const START_PREFERENCE = [
  'gte',
  'from',
  'since',
  'start',
  'starts',
  'starting',
  'begin',
  'beginning',
  'min',
  'earliest',
  'oldest',
  'after',
  'gt',
];
const END_PREFERENCE = [
  'lt',
  'before',
  'lte',
  'to',
  'until',
  'till',
  'end',
  'ends',
  'ending',
  'finish',
  'finishes',
  'max',
  'latest',
];
const NO_REFS: ReadonlySet<string> = new Set();
const COMPARISONS = new Set(
  [...START_PREFERENCE, ...END_PREFERENCE].filter((word) => !/^(?:start|end|begin|finish)/.test(word)),
);
/** Properties a range object may have beside its operators. */
const RANGE_MODIFIERS = new Set(['time_zone', 'timezone', 'tz', 'zone', 'inclusive', 'exclusive', 'unit', 'format']);

/**
 * The date fields of a merged argument schema (the object the model fills in), parents before their children, in
 * schema order. Pure; reads each schema node at most once per spot.
 */
export function findDateFields(schema: JsonSchemaObject | undefined, options: FindDateFieldsOptions = {}): DateField[] {
  if (!isRecord(schema)) return [];
  const scope = new SchemaScope(schema);
  const root = facetsOf([schema], scope, NO_REFS);
  const fields: DateField[] = [];
  const walker = new Walker(scope);
  const properties = propertiesOf(root.facets);
  for (const [name, nodes] of properties) {
    walker.visit(
      {
        path: [name],
        key: name,
        nodes,
        refs: root.refs,
        parentWords: [],
        parentDescription: '',
        filter: options.filters === true,
      },
      fields,
    );
  }
  const required = requiredNames(root.facets);
  const ownTimeRange = properties.has(TIME_RANGE_ARGUMENT);
  for (const field of fields) {
    if (field.path.length === 1 && required.has(field.name)) field.required = true;
    if (ownTimeRange) field.timeRange = false;
  }
  return fields;
}

interface Spot {
  path: DatePathStep[];
  /** The property name (for array elements, the array's). */
  key: string;
  nodes: unknown[];
  refs: ReadonlySet<string>;
  /** The enclosing property's words and description: an operator key (`gte`) means nothing without them. */
  parentWords: readonly string[];
  parentDescription: string;
  filter: boolean;
  /** Array elements: the array's description speaks for them too. */
  inheritedDescription?: string;
}

class Walker {
  readonly #scope: SchemaScope;

  constructor(scope: SchemaScope) {
    this.#scope = scope;
  }

  /** Appends the spot's own field (if any) and then its descendants' to `out`; returns the own field. */
  visit(spot: Spot, out: DateField[]): DateField | undefined {
    const { facets, refs } = facetsOf(spot.nodes, this.#scope, spot.refs);
    if (facets.length === 0) return undefined;
    const operator = spot.parentWords.length > 0 ? operatorKeyOf(spot.key) : undefined;
    const ownDescription = descriptionOf(facets, spot.inheritedDescription);
    const evidence: RoleEvidence = {
      key: spot.key,
      words: operator !== undefined ? [...spot.parentWords, ...wordsOf(spot.key)] : wordsOf(spot.key),
      description: operator !== undefined ? `${ownDescription} ${spot.parentDescription}` : ownDescription,
      filter: spot.filter,
    };
    if (operator !== undefined && ownDescription !== '') evidence.guardDescription = ownDescription;

    const descendants: DateField[] = [];
    const children = new Map<string, DateField>();
    if (spot.path.length < MAX_PATH_DEPTH) {
      const filter = spot.filter || isFilterKey(spot.key);
      for (const [key, nodes] of propertiesOf(facets)) {
        const child = this.visit(
          {
            path: [...spot.path, key],
            key,
            nodes,
            refs,
            parentWords: evidence.words,
            parentDescription: ownDescription,
            filter,
          },
          descendants,
        );
        if (child !== undefined) children.set(key, child);
      }
      const items = itemsOf(facets);
      if (items.length > 0) {
        this.visit(
          {
            path: [...spot.path, EACH_ITEM],
            key: spot.key,
            nodes: items,
            refs,
            parentWords: spot.parentWords,
            parentDescription: spot.parentDescription,
            filter,
            inheritedDescription: ownDescription,
          },
          descendants,
        );
      }
    }

    const own = ownField(spot, facets, evidence, operator?.role, children);
    if (own !== undefined) out.push(own);
    for (const field of descendants) out.push(field);
    return own;
  }
}

function ownField(
  spot: Spot,
  facets: readonly SchemaNode[],
  evidence: RoleEvidence,
  operatorRole: 'start' | 'end' | undefined,
  children: ReadonlyMap<string, DateField>,
): DateField | undefined {
  const range = rangeFormOf(facets, children);
  let scalar: ScalarDate | undefined = scalarDateOf(facets, evidence);
  let inferredScalar = false;
  if (scalar === undefined && range !== undefined) {
    scalar = rangeScalar(facets, range.operatorField);
    inferredScalar = scalar !== undefined;
  }
  if (scalar === undefined && range === undefined) return undefined;

  const kind = scalar?.kind ?? range!.operatorField.kind;
  const role = operatorRole ?? roleOf(evidence);
  const field: DateField = {
    name: spot.path[0] as string,
    path: spot.path,
    label: datePathLabel(spot.path),
    kind,
    role,
  };
  if (role === 'end' && isInclusiveEnd(kind, evidence)) field.inclusiveEnd = true;
  if (role === 'start' && isExclusiveStart(evidence)) field.exclusiveStart = true;
  if (scalar?.text === true) field.text = true;
  if (scalar !== undefined && !inferredScalar) {
    const others = otherValuesOf(facets, scalar);
    if (others.lenient) field.lenient = true;
    if (others.literals.length > 0) field.literals = others.literals;
  }
  if (range !== undefined) field.range = { ...range.form, scalar: scalar !== undefined };
  return field;
}

interface FoundRange {
  form: Omit<DateRangeForm, 'scalar'>;
  /** The operator field whose kind the range's scalar form (if any) shares. */
  operatorField: DateField;
}

/**
 * A range object: some date properties, and nothing but comparison operators beside a few words that qualify a range
 * (`{ gte, lte }`, `{ from, to, timezone }` and `{ gt }` are ranges; `{ date, reason }` and an entry's
 * `{ start_date, end_date, assignee }` are not).
 */
function rangeFormOf(facets: readonly SchemaNode[], children: ReadonlyMap<string, DateField>): FoundRange | undefined {
  if (children.size === 0) return undefined;
  const starts = new Map<string, string>();
  const ends = new Map<string, string>();
  for (const key of children.keys()) {
    const operator = operatorKeyOf(key);
    if (operator === undefined) return undefined;
    (operator.role === 'start' ? starts : ends).set(operator.word, key);
  }
  for (const key of propertiesOf(facets).keys()) {
    if (operatorKeyOf(key) === undefined && !RANGE_MODIFIERS.has(key.toLowerCase())) return undefined;
  }
  // One side only: `{ gt }` is a bound, `{ starts_at }` an event's start.
  if (starts.size === 0 || ends.size === 0) {
    for (const word of [...starts.keys(), ...ends.keys()]) if (!COMPARISONS.has(word)) return undefined;
  }
  const start = firstPreferred(START_PREFERENCE, starts);
  const end = firstPreferred(END_PREFERENCE, ends);
  const form: Omit<DateRangeForm, 'scalar'> = {};
  if (start !== undefined) form.start = start;
  if (end !== undefined) form.end = end;
  const operatorField = children.get(start ?? end!)!;
  return { form, operatorField };
}

/**
 * `anyOf: [integer, { gt, gte, lt, lte }]` without a word about time on the integer: it is the exact-instant form
 * of the same range, in the operators' kind.
 */
function rangeScalar(facets: readonly SchemaNode[], operatorField: DateField): ScalarDate | undefined {
  const wantsNumber = operatorField.kind === 'unix-seconds' || operatorField.kind === 'unix-milliseconds';
  for (const facet of facets) {
    const types = typesOf(facet);
    if (types.includes('object') || types.includes('array')) continue;
    const fits = wantsNumber ? types.includes('integer') || types.includes('number') : types.includes('string');
    if (fits && !Array.isArray(facet.enum) && !('const' in facet)) {
      return operatorField.text === true ? { kind: operatorField.kind, text: true } : { kind: operatorField.kind };
    }
  }
  return undefined;
}

function firstPreferred(preference: readonly string[], found: ReadonlyMap<string, string>): string | undefined {
  for (const word of preference) {
    const key = found.get(word);
    if (key !== undefined) return key;
  }
  return found.values().next().value;
}

function descriptionOf(facets: readonly SchemaNode[], inherited: string | undefined): string {
  let text = inherited ?? '';
  for (const facet of facets) {
    if (typeof facet.description === 'string') text = text === '' ? facet.description : `${text} ${facet.description}`;
    if (typeof facet.title === 'string') text = text === '' ? facet.title : `${text} ${facet.title}`;
  }
  return text.toLowerCase();
}

function requiredNames(facets: readonly SchemaNode[]): Set<string> {
  const names = new Set<string>();
  for (const facet of facets) {
    if (Array.isArray(facet.required)) for (const name of facet.required) if (typeof name === 'string') names.add(name);
  }
  return names;
}
