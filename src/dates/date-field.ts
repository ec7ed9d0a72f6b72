/**
 * A spot in a tool's arguments that holds a timestamp, a date or a range of them, and may therefore be given as a
 * date expression. Found at any depth of the merged argument schema (see find-date-fields.ts).
 */
export interface DateField {
  /** The top-level argument that holds the date (`start_time`; `data` for `data.due_at`). */
  name: string;
  /**
   * Where the value sits below the arguments object: property names, and {@link EACH_ITEM} for every element of an
   * array (`['data', 'due_at']`, `['items', EACH_ITEM, 'starts_at']`). The first step is always `name`.
   */
  path: readonly DatePathStep[];
  /** The path as people read it: `data.due_at`, `items[].starts_at`. */
  label: string;
  /** What the upstream API wants: integer seconds, integer milliseconds, an ISO date-time or a `YYYY-MM-DD` date. */
  kind: DateFieldKind;
  /** A start field takes the start of an expression's span, an end field its end, an instant field its start. */
  role: DateFieldRole;
  /**
   * End fields only: the API includes the end value itself (`created_lte`, "inclusive", most date-only `end_date`
   * fields), so a period gives its last second (or last day) instead of the next period's first.
   * @default false
   */
  inclusiveEnd?: boolean;
  /**
   * Start fields only: the API excludes the value itself (a `gt` operator), so a period gives the last second (or
   * day) before it starts.
   * @default false
   */
  exclusiveStart?: boolean;
  /** Unix kinds whose schema is a string (`"1759276800"`): the number is written as decimal text. @default false */
  text?: boolean;
  /**
   * Another branch of the schema takes other values here (a plain string, a number): text that is not a readable
   * date, and numbers given to a text date, pass through unchanged instead of being refused. @default false
   */
  lenient?: boolean;
  /** Literal values another branch allows here (Stripe's `'now'`): sent exactly as given. */
  literals?: readonly unknown[];
  /**
   * The spot holds a range object (`{ gte, lt }`, `{ from, to }`): one expression fills both ends. Its operator
   * properties are date fields of their own (`created.gte`), so each also takes an expression.
   */
  range?: DateRangeForm;
  /** Top-level fields only: the tool lists the argument as required. With a `time_range` pair, either one satisfies it. */
  required?: boolean;
  /** `false` when the tool has its own `time_range` property: ours is then neither offered nor consumed. */
  timeRange?: boolean;
}

export type DateFieldKind = 'unix-seconds' | 'unix-milliseconds' | 'date-time' | 'date';
export type DateFieldRole = 'start' | 'end' | 'instant';

/** How a range object is filled from one expression. */
export interface DateRangeForm {
  /** The operator property that takes the start (`gte` preferred, then `from`, `since`, `start`, ..., `gt`). */
  start?: string;
  /** The operator property that takes the end (`lt` preferred, then `before`, then `lte`, `to`, `until`, `end`, ...). */
  end?: string;
  /**
   * The spot also takes a single date of the field's `kind` (Stripe's `created`: an integer or a range). A period
   * ("last week") then becomes the range object, an exact instant stays a scalar.
   */
  scalar: boolean;
}

/** The path step that stands for every element of an array. */
export const EACH_ITEM: { readonly each: true } = Object.freeze({ each: true as const });
export type DatePathStep = string | typeof EACH_ITEM;

/** The argument we add to tools with a start/end pair; it is expanded into the pair and never sent upstream. */
export const TIME_RANGE_ARGUMENT = 'time_range';

/** `data.due_at`, `items[].starts_at`. */
export function datePathLabel(path: readonly DatePathStep[]): string {
  let label = '';
  for (const step of path) {
    if (typeof step !== 'string') label += '[]';
    else label += label === '' ? step : `.${step}`;
  }
  return label;
}

/** The start and end fields `time_range` fills: exactly one top-level scalar of each, else none. */
export function timeRangePair(fields: readonly DateField[]): { start: DateField; end: DateField } | undefined {
  let start: DateField | undefined;
  let end: DateField | undefined;
  for (const field of fields) {
    if (field.range !== undefined || (field.path !== undefined && field.path.length > 1)) continue;
    if (field.role === 'start') {
      if (start !== undefined) return undefined;
      start = field;
    } else if (field.role === 'end') {
      if (end !== undefined) return undefined;
      end = field;
    }
  }
  if (start === undefined || end === undefined || start.timeRange === false || end.timeRange === false)
    return undefined;
  return { start, end };
}
