/**
 * String formats we assert, following RFC 3339 (date-time, date, time), ISO 8601 durations as RFC 3339 appendix A
 * spells them, RFC 5321 addresses (ASCII), RFC 3986 URIs, RFC 4122 UUIDs, RFC 1123 host names, dotted-quad IPv4,
 * RFC 4291 IPv6 and ECMA-262 regular expressions. Unknown formats only annotate, as the specification asks.
 */
import { isValidALabel } from './idna.js';

export type FormatValidator = (value: string) => boolean;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|([+-])(\d{2}):(\d{2}))$/i;
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month]!);
}

export function isTime(value: string): boolean {
  const match = TIME.exec(value);
  if (match === null) return false;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3]);
  const sign = match[6] === '-' ? -1 : 1;
  const offsetHour = Number(match[7] ?? 0);
  const offsetMinute = Number(match[8] ?? 0);
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (hour > 23 || minute > 59) return false;
  if (second < 60) return true;
  if (second > 60) return false;
  // A leap second is only ever 23:59:60 in UTC.
  let utcMinutes = hour * 60 + minute - sign * (offsetHour * 60 + offsetMinute);
  utcMinutes = ((utcMinutes % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

export function isDateTime(value: string): boolean {
  const separator = value.search(/[tT ]/);
  if (separator !== 10) return false;
  return isDate(value.slice(0, 10)) && isTime(value.slice(11));
}

const DURATION_TIME = '(?:T(?:\\d+H(?:\\d+M(?:\\d+S)?)?|\\d+M(?:\\d+S)?|\\d+S))';
const DURATION_DATE = `(?:(?:\\d+D|\\d+M(?:\\d+D)?|\\d+Y(?:\\d+M(?:\\d+D)?)?)${DURATION_TIME}?)`;
/** RFC 3339 appendix A: units in order, and none skipped between year and day or between hour and second. */
const DURATION = new RegExp(`^P(?:${DURATION_DATE}|${DURATION_TIME}|\\d+W)$`);

export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  for (const label of value.split('.')) {
    if (!HOST_LABEL.test(label)) return false;
    if (label.length >= 4 && label[2] === '-' && label[3] === '-') {
      // RFC 5891: "--" in positions 3-4 is reserved for A-labels, which must then decode to a valid U-label.
      if (!/^xn--/i.test(label) || !isValidALabel(label)) return false;
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
  if (domain.startsWith('[') && domain.endsWith(']')) {
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
