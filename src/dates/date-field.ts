/** A tool argument that holds a timestamp or a date, and may therefore be given as a date expression. */
export interface DateField {
  /** The top-level property name (`start_time`). */
  name: string;
  location: 'query' | 'body';
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
  /** The tool lists the field as required. With a `time_range` pair, either one satisfies it. */
  required?: boolean;
  /** `false` when the tool has its own `time_range` property: ours is then neither offered nor consumed. */
  timeRange?: boolean;
}

export type DateFieldKind = 'unix-seconds' | 'unix-milliseconds' | 'date-time' | 'date';
export type DateFieldRole = 'start' | 'end' | 'instant';

/** The argument we add to tools with a start/end pair; it is expanded into the pair and never sent upstream. */
export const TIME_RANGE_ARGUMENT = 'time_range';

/** The start and end fields `time_range` fills: exactly one of each, else none. */
export function timeRangePair(fields: readonly DateField[]): { start: DateField; end: DateField } | undefined {
  let start: DateField | undefined;
  let end: DateField | undefined;
  for (const field of fields) {
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
