/**
 * String formats we assert, following RFC 3339 (date-time, date, time), ISO 8601 durations as RFC 3339 appendix A
 * spells them, RFC 5321 addresses (ASCII), RFC 3986 URIs, RFC 4122 UUIDs, RFC 1123 host names, dotted-quad IPv4,
 * RFC 4291 IPv6 and ECMA-262 regular expressions. Unknown formats only annotate, as the specification asks.
 */
import { isValidALabel } from './idna.js';

export type FormatValidator = (value: string) => boolean;

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

// Formats run on every tool call, so the date and time grammars are read with charCodeAt rather than regular
// expressions: no match arrays, no substrings.

/** The number written by `count` ASCII digits at `start`, or -1. */
function digitsAt(value: string, start: number, count: number): number {
  let result = 0;
  for (let index = start; index < start + count; index++) {
    const code = value.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    result = result * 10 + code;
  }
  return result;
}

/** RFC 3339 full-date at `start` (10 characters). */
function isDateAt(value: string, start: number): boolean {
  if (value.charCodeAt(start + 4) !== 45 || value.charCodeAt(start + 7) !== 45) return false;
  const year = digitsAt(value, start, 4);
  const month = digitsAt(value, start + 5, 2);
  const day = digitsAt(value, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month]!);
}

export function isDate(value: string): boolean {
  return value.length === 10 && isDateAt(value, 0);
}

/** RFC 3339 full-time from `start` to the end of the string. */
function isTimeAt(value: string, start: number): boolean {
  if (value.length - start < 9) return false;
  if (value.charCodeAt(start + 2) !== 58 || value.charCodeAt(start + 5) !== 58) return false;
  const hour = digitsAt(value, start, 2);
  const minute = digitsAt(value, start + 3, 2);
  const second = digitsAt(value, start + 6, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return false;
  let index = start + 8;
  if (value.charCodeAt(index) === 46) {
    index++;
    const fractionStart = index;
    while (index < value.length && value.charCodeAt(index) >= 48 && value.charCodeAt(index) <= 57) index++;
    if (index === fractionStart) return false;
  }
  let offsetMinutes = 0;
  const zone = value.charCodeAt(index);
  if (zone === 90 || zone === 122) {
    if (index + 1 !== value.length) return false;
  } else if (zone === 43 || zone === 45) {
    if (index + 6 !== value.length || value.charCodeAt(index + 3) !== 58) return false;
    const offsetHour = digitsAt(value, index + 1, 2);
    const offsetMinute = digitsAt(value, index + 4, 2);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return false;
    offsetMinutes = (zone === 45 ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  } else {
    return false;
  }
  if (second < 60) return true;
  // A leap second is only ever 23:59:60 in UTC.
  const utcMinutes = (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

export function isTime(value: string): boolean {
  return isTimeAt(value, 0);
}

export function isDateTime(value: string): boolean {
  const separator = value.charCodeAt(10);
  // T, t or a space (RFC 3339 section 5.6 allows the space "for readability").
  if (separator !== 84 && separator !== 116 && separator !== 32) return false;
  return isDateAt(value, 0) && isTimeAt(value, 11);
}

const DURATION_TIME = '(?:T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))';
const DURATION_DATE = `(?:(?:\\d+D|\\d+M(?:\\d+D)?|\\d+Y(?:\\d+M(?:\\d+D)?)?)${DURATION_TIME}?)`;
/** RFC 3339 appendix A: units in order, and none skipped between year and day or between hour and second. */
const DURATION = new RegExp(`^P(?:${DURATION_DATE}|${DURATION_TIME}|\\d+W)$`);

export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

export function isUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let index = 0; index < 36; index++) {
    const code = value.charCodeAt(index);
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (code !== 45) return false;
    } else if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70))) {
      return false;
    }
  }
  return true;
}

/** Every label a letter-digit-hyphen label of at most 63 characters: the whole RFC 1123 grammar in one pass. */
const HOSTNAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
/** A label with "--" in positions 3-4, reserved for A-labels (RFC 5891). */
const RESERVED_HYPHENS = /(?:^|\.)[^.]{2}--/;

export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253 || !HOSTNAME.test(value)) return false;
  if (!RESERVED_HYPHENS.test(value)) return true;
  for (const label of value.split('.')) {
    // An A-label must decode to a valid U-label; any other label may not use "--" there.
    if (label.length >= 4 && label[2] === '-' && label[3] === '-' && (!/^xn--/i.test(label) || !isValidALabel(label))) {
      return false;
    }
  }
  return true;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  if (value.length > 45 || !/^[0-9a-f:.]+$/i.test(value)) return false;
  let text = value;
  let groupsAvailable = 8;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    groupsAvailable = 7;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...tail];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  // The embedded IPv4 took the place of the last two groups; the `0` stand-in counts as one.
  const count = all.length + (groupsAvailable === 7 ? 1 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

const EMAIL_LOCAL = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*|"(?:[^"\\\r\n]|\\.)*")$/i;

export function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!EMAIL_LOCAL.test(local)) return false;
  if (domain.charCodeAt(0) === 91 && domain.endsWith(']')) {
    const literal = domain.slice(1, -1);
    return literal.toLowerCase().startsWith('ipv6:') ? isIpv6(literal.slice(5)) : isIpv4(literal);
  }
  return isHostname(domain);
}

// RFC 3986 pieces, ASCII only (IRIs are out of scope).
const UNRESERVED = 'a-z0-9\\-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9a-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const QUERY_OR_FRAGMENT = `(?:${PCHAR}|[/?])*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const IP_LITERAL = "\\[[0-9a-f:.]+\\]|\\[v[0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+\\]";
const REG_NAME = `(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*`;
const AUTHORITY = `(?:${USERINFO}@)?(?:${IP_LITERAL}|${REG_NAME})(?::\\d*)?`;
const PATH_ABEMPTY = `(?:/${PCHAR}*)*`;
const PATH_ABSOLUTE = `/(?:${PCHAR}+(?:/${PCHAR}*)*)?`;
const PATH_ROOTLESS = `${PCHAR}+(?:/${PCHAR}*)*`;
const PATH_NOSCHEME = `(?:[${UNRESERVED}${SUB_DELIMS}@]|${PCT})+(?:/${PCHAR}*)*`;
const HIER_PART = `(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${PATH_ROOTLESS}|)`;
const URI = new RegExp(`^[a-z][a-z0-9+\\-.]*:${HIER_PART}(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?$`, 'i');
const RELATIVE_PART = `(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${PATH_NOSCHEME}|)`;
const RELATIVE_REF = new RegExp(`^${RELATIVE_PART}(?:\\?${QUERY_OR_FRAGMENT})?(?:#${QUERY_OR_FRAGMENT})?$`, 'i');

export function isUri(value: string): boolean {
  return URI.test(value) && hasValidIpLiteral(value);
}

export function isUriReference(value: string): boolean {
  return (URI.test(value) || RELATIVE_REF.test(value)) && hasValidIpLiteral(value);
}

function hasValidIpLiteral(value: string): boolean {
  if (!value.includes('[')) return true;
  const match = /^(?:[a-z][a-z0-9+\-.]*:)?\/\/(?:[^@/?#]*@)?\[([^\]]*)\]/i.exec(value);
  if (match === null) return true;
  const literal = match[1]!;
  return literal.startsWith('v') || literal.startsWith('V') || isIpv6(literal);
}

/** ECMA-262 as JSON Schema means it: with the `u` flag, so identity escapes like `\\a` are errors. */
export function isRegex(value: string): boolean {
  try {
    new RegExp(value, 'u');
    return true;
  } catch {
    return false;
  }
}

const VALIDATORS: Record<string, FormatValidator> = {
  'date-time': isDateTime,
  date: isDate,
  time: isTime,
  duration: isDuration,
  email: isEmail,
  uri: isUri,
  'uri-reference': isUriReference,
  uuid: isUuid,
  hostname: isHostname,
  ipv4: isIpv4,
  ipv6: isIpv6,
  regex: isRegex,
};

/** The formats this compiler asserts. */
export const SUPPORTED_FORMATS: readonly string[] = Object.keys(VALIDATORS);

/** The validator for `format`, or `undefined` for formats that only annotate. */
export function formatValidator(format: string): FormatValidator | undefined {
  return Object.hasOwn(VALIDATORS, format) ? VALIDATORS[format] : undefined;
}
