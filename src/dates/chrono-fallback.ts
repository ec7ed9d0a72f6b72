/**
 * chrono-node reads absolute dates in more shapes than our grammar ("1st of October at 3:30 in the
 * afternoon", "Oct 1 2026 3pm EST", RFC 2822 dates). We use its strict parser for those only, and read just
 * the components it is certain of: its own defaults (noon, the machine's zone, relative dates computed from
 * its reference) never reach a result. The match must cover the whole text, or the text is refused.
 */
import { createRequire } from 'node:module';
import type * as ChronoEnglish from 'chrono-node/en';
import { dayNumberFromCivil, isValidCivilDate, weekdayOfDayNumber } from './calendar.js';
import { MONTH_PATTERN } from './lexicon.js';
import type { DateNode, ParsedExpression } from './syntax.js';

/** chrono still computes implied values from a reference; a fixed one keeps its work deterministic. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));
/**
 * Only texts that name a month go to chrono: all-numeric dates are fully handled (or deliberately refused,
 * like "10/01/26") by the grammar, and chrono would read them with its own, different conventions.
 */
const NAMES_A_MONTH = new RegExp(`\\b(?:${MONTH_PATTERN})\\b`);

const CLOCK_READING = /\d:\d{2}/;

let chrono: typeof ChronoEnglish | undefined;

/**
 * chrono-node's English parsers, loaded by the first text that needs them rather than on import (it takes about a
 * fifth of the time `@langchain/core/tools` does, and most expressions never reach it). Loaded with `require`, which
 * is synchronous (this parser is: `resolveDateRange` returns a value) and which chrono-node supports.
 */
function chronoEnglish(): typeof ChronoEnglish {
  chrono ??= createRequire(import.meta.url)('chrono-node/en') as typeof ChronoEnglish;
  return chrono;
}

export function parseWithChrono(text: string): ParsedExpression | undefined {
  if (!NAMES_A_MONTH.test(text)) return undefined;
  const { strict } = chronoEnglish();
  let results: ReturnType<typeof strict.parse>;
  try {
    results = strict.parse(text, REFERENCE);
  } catch {
    return undefined;
  }
  if (results.length !== 1) return undefined;
  const result = results[0]!;
  if (result.index !== 0 || result.text.length !== text.length || result.end) return undefined;
  for (const tag of result.tags()) {
    if (tag.includes('relative') || tag.includes('casual') || tag.includes('Casual')) return undefined;
  }
  const components = result.start;
  if (!components.isCertain('month') || !components.isCertain('day')) return undefined;
  const month = components.get('month')!;
  const day = components.get('day')!;
  const year = components.isCertain('year') ? components.get('year')! : undefined;
  // A year chrono completed from two digits ("Oct 1 '26") is a guess; only a year written out counts.
  if (year !== undefined && !text.includes(String(year))) return undefined;
  if (!isValidCivilDate(year ?? 2000, month, day) || (year !== undefined && (year < 1000 || year > 9999)))
    return undefined;
  if (year !== undefined && components.isCertain('weekday')) {
    if (weekdayOfDayNumber(dayNumberFromCivil(year, month, day)) !== components.get('weekday')) return undefined;
  }
  if (!components.isCertain('hour')) {
    const node: DateNode = year === undefined ? { kind: 'month-day', month, day } : { kind: 'day', year, month, day };
    return { node };
  }
  const hour = components.get('hour')!;
  // "at 3" could be 03:00 or 15:00: only a meridiem, a clock reading ("03:00") or an hour past 12 is certain.
  if (!components.isCertain('meridiem') && hour < 13 && !CLOCK_READING.test(text)) return undefined;
  const time = {
    hour,
    minute: components.isCertain('minute') ? components.get('minute')! : 0,
    second: components.isCertain('second') ? components.get('second')! : 0,
    millisecond: components.isCertain('millisecond') ? components.get('millisecond')! : 0,
  };
  const offsetMinutes = components.isCertain('timezoneOffset') ? components.get('timezoneOffset') : null;
  if (year === undefined) {
    // An offset with an inferred year would need the year before the offset can apply: not worth guessing.
    if (offsetMinutes !== null) return undefined;
    return { node: { kind: 'at-time', base: { kind: 'month-day', month, day }, time } };
  }
  const wall = { year, month, day, ...time };
  return offsetMinutes === null
    ? { node: { kind: 'wall', wall } }
    : { node: { kind: 'wall', wall, offsetMs: offsetMinutes * 60_000 } };
}
