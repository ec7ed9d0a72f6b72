/** The words date expressions are made of, and the small parsers for numbers, units and times of day. */

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

/** 0 = Sunday, as `Date#getDay`. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0],
  ['sun', 0],
  ['monday', 1],
  ['mon', 1],
  ['tuesday', 2],
  ['tues', 2],
  ['tue', 2],
  ['wednesday', 3],
  ['wed', 3],
  ['thursday', 4],
  ['thurs', 4],
  ['thur', 4],
  ['thu', 4],
  ['friday', 5],
  ['fri', 5],
  ['saturday', 6],
  ['sat', 6],
]);

export const MONTH_PATTERN = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
export const WEEKDAY_PATTERN = [...WEEKDAYS.keys()].sort((a, b) => b.length - a.length).join('|');

const UNITS: ReadonlyMap<string, TimeUnit> = new Map([
  ['second', 'second'],
  ['seconds', 'second'],
  ['sec', 'second'],
  ['secs', 'second'],
  ['s', 'second'],
  ['minute', 'minute'],
  ['minutes', 'minute'],
  ['min', 'minute'],
  ['mins', 'minute'],
  ['hour', 'hour'],
  ['hours', 'hour'],
  ['hr', 'hour'],
  ['hrs', 'hour'],
  ['h', 'hour'],
  ['day', 'day'],
  ['days', 'day'],
  ['d', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['wk', 'week'],
  ['wks', 'week'],
  ['w', 'week'],
  ['month', 'month'],
  ['months', 'month'],
  ['mo', 'month'],
  ['mos', 'month'],
  ['quarter', 'quarter'],
  ['quarters', 'quarter'],
  ['qtr', 'quarter'],
  ['qtrs', 'quarter'],
  ['year', 'year'],
  ['years', 'year'],
  ['yr', 'year'],
  ['yrs', 'year'],
  ['y', 'year'],
]);
// A bare "m" is left out on purpose: minutes or months, nobody can tell.

export const UNIT_PATTERN = [...UNITS.keys()].sort((a, b) => b.length - a.length).join('|');

export function unitOf(word: string): TimeUnit | undefined {
  return UNITS.get(word);
}

export function isCalendarUnit(unit: TimeUnit): unit is CalendarUnit {
  return unit !== 'second' && unit !== 'minute' && unit !== 'hour';
}

const SMALL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);
const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);

const ONES_PATTERN = 'one|two|three|four|five|six|seven|eight|nine';

/**
 * A count written with digits or words up to ninety-nine ("24", "seven", "twenty-four", "a"). Only known words
 * are matched, so a count can never swallow the start of its unit ("ten days" is not "ten day" + "s").
 */
export const COUNT_PATTERN = `\\d{1,7}|(?:${[...TENS.keys()].join('|')})(?:[- ](?:${ONES_PATTERN}))?|${[...SMALL_NUMBERS.keys()].sort((a, b) => b.length - a.length).join('|')}`;

/** Largest count accepted: beyond this an expression is a typo, not a date. */
const MAX_COUNT = 100_000;

export function parseCount(text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value <= MAX_COUNT ? value : undefined;
  }
  const small = SMALL_NUMBERS.get(text);
  if (small !== undefined) return small;
  const [tensWord, onesWord] = text.split(/[- ]/);
  const tens = TENS.get(tensWord ?? '');
  if (tens === undefined) return undefined;
  if (onesWord === undefined) return tens;
  const ones = SMALL_NUMBERS.get(onesWord);
  return ones !== undefined && ones < 10 && onesWord !== 'a' && onesWord !== 'an' ? tens + ones : undefined;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const TIME = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.(\d{1,3}))?)? ?([ap]m)?$/;

/**
 * "3pm", "3:30 pm", "15:00", "15:00:05", "noon", "midnight". A bare hour without am/pm ("at 3") is refused:
 * it could be 03:00 or 15:00.
 */
export function parseTimeOfDay(text: string): TimeOfDay | undefined {
  if (text === 'noon' || text === 'midday') return { hour: 12, minute: 0, second: 0, millisecond: 0 };
  if (text === 'midnight') return { hour: 0, minute: 0, second: 0, millisecond: 0 };
  const match = TIME.exec(text);
  if (match === null) return undefined;
  const [, hourText, minuteText, secondText, fractionText, meridiem] = match;
  if (minuteText === undefined && meridiem === undefined) return undefined;
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const millisecond = fractionText === undefined ? 0 : Number(fractionText.padEnd(3, '0'));
  if (minute > 59 || second > 59) return undefined;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return { hour, minute, second, millisecond };
}
