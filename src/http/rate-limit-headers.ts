/**
 * Reads every rate-limit dialect an answer from Truto (or the API behind it) may carry into one `RateLimitInfo`.
 *
 * | dialect                                   | fields                                                                  |
 * |-------------------------------------------|-------------------------------------------------------------------------|
 * | IETF drafts ≤ -06, Truto's documented form | `RateLimit-Limit` (`110;w=10`, `10, 10;w=1`), `RateLimit-Remaining`, `RateLimit-Reset`, `RateLimit-Policy: 10;w=1` |
 * | IETF draft -07                            | `RateLimit: limit=100, remaining=50, reset=5`, `RateLimit-Policy: 100;w=10` |
 * | IETF drafts -08 to -10 (RFC 9651 fields)  | `RateLimit-Policy: "default";q=100;w=10`, `RateLimit: "default";r=50;t=30` |
 * | RFC 9110                                  | `Retry-After` (delta seconds or HTTP-date), OpenAI's `retry-after-ms`   |
 * | OpenAI                                    | `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (Go durations)  |
 *
 * Contract: never throws, and every number returned is in the headers or derived from them by plain arithmetic
 * (ms → s, epoch − now, date − now, a Go duration's sum). A malformed, negative or self-contradicting field is
 * dropped, as the drafts require ("Malformed RateLimit header fields MUST be ignored").
 */
import type { Item, Parameters } from 'structured-headers';
import type { RateLimitInfo, UpstreamLimit } from './rate-limit-types.js';
import { structuredFields } from './structured-fields.js';

export type { RateLimitInfo, UpstreamLimit } from './rate-limit-types.js';

/** A `Headers`, undici's `IncomingHttpHeaders` (lower-case keys, `string | string[]`), any plain object, or pairs. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined> | Iterable<[string, string]>;

export interface ParseRateLimitOptions {
  /** The moment the answer arrived; HTTP-dates and epoch resets are measured from it. @default Date.now() */
  now?: Date | number;
}

/**
 * A numeric reset at or after this second (2024-01-01T00:00:00Z) is read as a Unix epoch, not a delay. As a delay it
 * would be 54 years, which no server means; as an epoch it is a moment no earlier than this code, which is exactly
 * what servers that send epochs (GitHub-style `reset`) produce. A fixed constant cannot go stale, and a smaller
 * number stays a delay, so a real `ratelimit-reset: 60` is never misread. An epoch already in the past means "reset
 * has happened": 0 seconds.
 */
export const EPOCH_RESET_THRESHOLD_SECONDS = 1_704_067_200;

/** The raw field values we care about, lower-case names, repeated fields joined with `, ` (RFC 9110 §5.3). */
interface RateLimitFields {
  rateLimit?: string;
  rateLimitPolicy?: string;
  rateLimitLimit?: string;
  rateLimitRemaining?: string;
  rateLimitReset?: string;
  retryAfter?: string;
  retryAfterMs?: string;
  limitRequests?: string;
  remainingRequests?: string;
  resetRequests?: string;
  limitTokens?: string;
  remainingTokens?: string;
  resetTokens?: string;
}

type FieldKey = keyof RateLimitFields;

const FIELD_BY_NAME: Readonly<Record<string, FieldKey>> = {
  ratelimit: 'rateLimit',
  'ratelimit-policy': 'rateLimitPolicy',
  'ratelimit-limit': 'rateLimitLimit',
  'ratelimit-remaining': 'rateLimitRemaining',
  'ratelimit-reset': 'rateLimitReset',
  'retry-after': 'retryAfter',
  'retry-after-ms': 'retryAfterMs',
  'x-ratelimit-limit-requests': 'limitRequests',
  'x-ratelimit-remaining-requests': 'remainingRequests',
  'x-ratelimit-reset-requests': 'resetRequests',
  'x-ratelimit-limit-tokens': 'limitTokens',
  'x-ratelimit-remaining-tokens': 'remainingTokens',
  'x-ratelimit-reset-tokens': 'resetTokens',
};

/**
 * Parses the rate-limit facts of one answer. Fields the headers do not give are absent; the result is `{}` when no
 * rate-limit header is present (the common case, kept to one cheap pass over the header names).
 *
 * Choices where the dialects overlap:
 * - `limit`/`remaining`/`resetSeconds` come from one source, never mixed: the `RateLimit-Limit/-Remaining/-Reset`
 *   triple first (it is what Truto documents and normalises into), else the `RateLimit` field (draft -07 dictionary
 *   or draft -08+ list).
 * - Several draft -08+ service limits: the most restrictive wins (lowest `r`, then longest `t`), and `limit` and
 *   `windowSeconds` come from the `RateLimit-Policy` item of the same name.
 * - A limit from the triple or draft -07 takes its window from its own `;w=`, else from the policy with the same quota,
 *   else from the only policy there is.
 * - Only policies and no current limit: the most restrictive policy (lowest quota per second) gives `limit` and
 *   `windowSeconds`.
 * - `retry-after-ms` wins over `Retry-After` (same meaning, finer grain).
 */
export function parseRateLimitHeaders(headers: HeadersLike, options?: ParseRateLimitOptions): RateLimitInfo {
  try {
    const fields = collectFields(headers);
    return fields === undefined ? {} : readFields(fields, options);
  } catch {
    // Only a hostile header object (a throwing getter or iterator) gets here; the answer itself must still be read.
    return {};
  }
}

function readFields(fields: RateLimitFields, options: ParseRateLimitOptions | undefined): RateLimitInfo {
  const nowMs = toEpochMs(options?.now);
  const info: RateLimitInfo = {};

  const policies = fields.rateLimitPolicy === undefined ? [] : parsePolicies(fields.rateLimitPolicy);
  if (fields.rateLimitPolicy !== undefined && policies.length > 0) info.policy = fields.rateLimitPolicy.trim();

  const current = readLegacyTriple(fields, policies, nowMs) ?? readRateLimitField(fields.rateLimit, policies, nowMs);
  if (current !== undefined) {
    if (current.policy !== undefined && info.policy === undefined) info.policy = current.policy;
    assignDefined(info, current);
  } else if (policies.length > 0) {
    const strictest = mostRestrictivePolicy(policies);
    if (strictest?.quota !== undefined) info.limit = strictest.quota;
    if (strictest?.windowSeconds !== undefined) info.windowSeconds = strictest.windowSeconds;
    if (strictest?.name !== undefined) info.policyName = strictest.name;
  }
  if (info.resetSeconds !== undefined) {
    const resetAt = new Date(nowMs + info.resetSeconds * 1000);
    if (!Number.isNaN(resetAt.getTime())) info.resetAt = resetAt;
  }

  const retryAfterSeconds = readRetryAfter(fields, nowMs);
  if (retryAfterSeconds !== undefined) info.retryAfterSeconds = retryAfterSeconds;

  const requests = readUpstream(fields.limitRequests, fields.remainingRequests, fields.resetRequests, nowMs);
  const tokens = readUpstream(fields.limitTokens, fields.remainingTokens, fields.resetTokens, nowMs);
  if (requests !== undefined || tokens !== undefined) {
    info.upstream = {};
    if (requests !== undefined) info.upstream.requests = requests;
    if (tokens !== undefined) info.upstream.tokens = tokens;
  }
  return info;
}

/**
 * The wait to honour after a 429, in seconds: `Retry-After` (the drafts say it "MUST take precedence"), else the
 * `RateLimit` reset, else the upstream's reset. Among upstream dimensions the one with the smallest share left wins
 * (an exhausted one, `remaining: 0`, first; OpenAI's tokens are often not exhausted yet too few for the request), ties
 * and unknown shares going to the longest reset: retrying before the binding dimension refills only earns another 429.
 */
export function chooseRetryAfterSeconds(info: RateLimitInfo): number | undefined {
  if (info.retryAfterSeconds !== undefined) return info.retryAfterSeconds;
  if (info.resetSeconds !== undefined) return info.resetSeconds;
  let chosen: UpstreamLimit | undefined;
  for (const dimension of [info.upstream?.requests, info.upstream?.tokens]) {
    if (dimension?.resetSeconds === undefined) continue;
    if (chosen === undefined || compareUpstream(dimension, chosen) < 0) chosen = dimension;
  }
  return chosen?.resetSeconds;
}

/** Negative when `a` should be waited for rather than `b`. */
function compareUpstream(a: UpstreamLimit, b: UpstreamLimit): number {
  const shareA = shareLeft(a);
  const shareB = shareLeft(b);
  if (shareA !== undefined && shareB !== undefined && shareA !== shareB) return shareA - shareB;
  if (shareA !== undefined && shareB === undefined) return -1;
  if (shareA === undefined && shareB !== undefined) return 1;
  return (b.resetSeconds ?? 0) - (a.resetSeconds ?? 0);
}

function shareLeft(dimension: UpstreamLimit): number | undefined {
  if (dimension.remaining === 0) return 0;
  if (dimension.remaining === undefined || dimension.limit === undefined || dimension.limit === 0) return undefined;
  return dimension.remaining / dimension.limit;
}

const GO_DURATION_PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
const NANOSECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
/** Go's `time.Duration` is an int64 of nanoseconds; anything larger is an error there, so here too. */
const MAX_GO_DURATION_NANOSECONDS = 2 ** 63;

/**
 * Parses a Go `time.Duration` string (`1s`, `6m0s`, `20ms`, `1m29.76s`, `1h2m3.5s`, `0`) into seconds, as OpenAI
 * sends in `x-ratelimit-reset-*`. Sums in integer nanoseconds like Go does, so `1m29.76s` is exactly 89.76.
 * Negative durations are refused: a reset cannot be in the past. Anything else malformed gives undefined.
 */
export function parseGoDuration(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  let input = text.trim();
  if (input.startsWith('+')) input = input.slice(1);
  if (input === '0') return 0;
  if (input === '') return undefined;
  let totalNanoseconds = 0;
  GO_DURATION_PART.lastIndex = 0;
  while (GO_DURATION_PART.lastIndex < input.length) {
    const match = GO_DURATION_PART.exec(input);
    if (match === null) return undefined;
    const [, number, unit] = match as unknown as [string, string, string];
    if (number === '.') return undefined;
    const unitNanoseconds = NANOSECONDS_PER_UNIT[unit]!;
    const [whole = '', fraction = ''] = number.split('.');
    // Scaling the fraction digits as an integer avoids 29.76 * 1e9 drifting by a few nanoseconds.
    const fractionNanoseconds =
      fraction === '' ? 0 : Math.round((Number(fraction) * unitNanoseconds) / 10 ** fraction.length);
    totalNanoseconds += Number(whole || '0') * unitNanoseconds + fractionNanoseconds;
    if (!(totalNanoseconds < MAX_GO_DURATION_NANOSECONDS)) return undefined;
  }
  return totalNanoseconds / 1e9;
}

// ---------------------------------------------------------------------------------------------------------------
// Collecting the fields

function collectFields(headers: HeadersLike): RateLimitFields | undefined {
  if (headers === null || typeof headers !== 'object') return undefined;
  let fields: RateLimitFields | undefined;
  const add = (name: string, value: unknown): void => {
    const key = fieldKeyOf(name);
    if (key === undefined) return;
    const text = valueToText(value);
    if (text === undefined) return;
    fields ??= {};
    const previous = fields[key];
    fields[key] = previous === undefined ? text : `${previous}, ${text}`;
  };
  if (isIterable(headers)) {
    // `Headers` and `Map` iterate as [name, value]; `Headers` already gives lower-case names and joined values.
    for (const entry of headers as Iterable<unknown>) {
      if (Array.isArray(entry) && typeof entry[0] === 'string') add(entry[0], entry[1]);
    }
    return fields;
  }
  for (const name in headers) {
    if (Object.hasOwn(headers, name)) add(name, (headers as Record<string, unknown>)[name]);
  }
  return fields;
}

/** Cheap rejection first: every field we read starts with `r` or `x`, and most answer headers do not. */
function fieldKeyOf(name: string): FieldKey | undefined {
  const first = name.charCodeAt(0) | 0x20;
  if (first !== 0x72 /* r */ && first !== 0x78 /* x */) return undefined;
  if (name.length < 9 || name.length > 30) return undefined;
  return FIELD_BY_NAME[name] ?? FIELD_BY_NAME[name.toLowerCase()];
}

function valueToText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    const parts = value.filter(
      (part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)),
    );
    return parts.length === 0 ? undefined : parts.join(', ');
  }
  return undefined;
}

function isIterable(value: object): boolean {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

function toEpochMs(now: Date | number | undefined): number {
  if (now instanceof Date && !Number.isNaN(now.getTime())) return now.getTime();
  if (typeof now === 'number' && Number.isFinite(now)) return now;
  return Date.now();
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

const PLAIN_NUMBER = /^\s*(\d{1,15}(?:\.\d{1,9})?)\s*$/;

/** A non-negative number that is a whole field (an SF Item; parameters ignored). Repeats must agree. */
function readNumberField(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const plain = PLAIN_NUMBER.exec(text);
  if (plain !== null) return Number(plain[1]);
  if (text.includes(',')) return agreedValue(text.split(',').map((part) => readNumberField(part)));
  const { parseItem } = structuredFields();
  try {
    return nonNegative(parseItem(text)[0]);
  } catch {
    return undefined;
  }
}

/** Repeated copies of a single-value field count only when they agree (a proxy may duplicate a header). */
function agreedValue(values: Array<number | undefined>): number | undefined {
  const first = values[0];
  if (first === undefined) return undefined;
  return values.every((value) => value === first) ? first : undefined;
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A reset in seconds, reading epochs as explained at `EPOCH_RESET_THRESHOLD_SECONDS`. */
function resetToSeconds(value: number | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (value < EPOCH_RESET_THRESHOLD_SECONDS) return value;
  return Math.max(0, value - nowMs / 1000);
}

// ---------------------------------------------------------------------------------------------------------------
// Policies (`RateLimit-Policy`, and the `;w=` members of the legacy `RateLimit-Limit`)

interface Policy {
  /** Draft -08+ policy name (String or Token); absent in the numeric forms of drafts ≤ -07. */
  name?: string;
  quota?: number;
  windowSeconds?: number;
}

function parsePolicies(text: string): Policy[] {
  const { parseList } = structuredFields();
  let list: ReturnType<typeof parseList>;
  try {
    list = parseList(text);
  } catch {
    return [];
  }
  const policies: Policy[] = [];
  for (const member of list) {
    if (isInnerList(member)) continue;
    const [bare, parameters] = member as Item;
    const policy: Policy = {};
    if (typeof bare === 'number') {
      const quota = nonNegative(bare);
      if (quota === undefined) continue;
      policy.quota = quota;
    } else {
      const name = nameOf(bare);
      if (name === undefined) continue;
      policy.name = name;
      // `q` is REQUIRED (draft -08+): a policy without a usable quota says nothing we can use.
      const quota = nonNegative(parameters.get('q'));
      if (quota === undefined) continue;
      policy.quota = quota;
    }
    const windowSeconds = positiveParameter(parameters, 'w');
    if (windowSeconds !== undefined) policy.windowSeconds = windowSeconds;
    policies.push(policy);
  }
  return policies;
}

function positiveParameter(parameters: Parameters, key: string): number | undefined {
  const value = nonNegative(parameters.get(key));
  return value === undefined || value === 0 ? undefined : value;
}

function nameOf(bare: unknown): string | undefined {
  if (typeof bare === 'string') return bare;
  // Only ever called on what the parser returned: the module is loaded.
  if (bare instanceof structuredFields().Token) return bare.toString();
  return undefined;
}

function isInnerList(member: unknown): boolean {
  return Array.isArray(member) && Array.isArray(member[0]);
}

/** Lowest quota per second (a window-less policy counts as per second), then the longer window. */
function mostRestrictivePolicy(policies: Policy[]): Policy | undefined {
  let chosen: Policy | undefined;
  for (const policy of policies) {
    if (policy.quota === undefined) continue;
    if (chosen === undefined) {
      chosen = policy;
      continue;
    }
    const rate = policy.quota / (policy.windowSeconds ?? 1);
    const chosenRate = chosen.quota! / (chosen.windowSeconds ?? 1);
    if (rate < chosenRate || (rate === chosenRate && (policy.windowSeconds ?? 0) > (chosen.windowSeconds ?? 0))) {
      chosen = policy;
    }
  }
  return chosen;
}

/**
 * The window of a limit from `RateLimit-Policy`: the policy with that quota (all such agreeing), else the only policy
 * there is. The drafts' own examples lower the current limit below a lone policy's quota ("limit=10" under
 * "100;w=60") while the window stays that policy's.
 */
function windowFromPolicies(limit: number, policies: Policy[]): number | undefined {
  const matching = windowForQuota(limit, policies);
  if (matching !== undefined || policies.some((policy) => policy.quota === limit)) return matching;
  return policies.length === 1 ? policies[0]!.windowSeconds : undefined;
}

/** The window of the policy whose quota is `limit`, when all such policies agree on it. */
function windowForQuota(limit: number, policies: Policy[]): number | undefined {
  let windowSeconds: number | undefined;
  for (const policy of policies) {
    if (policy.quota !== limit || policy.windowSeconds === undefined) continue;
    if (windowSeconds !== undefined && windowSeconds !== policy.windowSeconds) return undefined;
    windowSeconds = policy.windowSeconds;
  }
  return windowSeconds;
}

// ---------------------------------------------------------------------------------------------------------------
// Current service limit

interface CurrentLimit {
  limit?: number;
  remaining?: number;
  resetSeconds?: number;
  windowSeconds?: number;
  policy?: string;
  /** The draft -08+ name of the policy these numbers belong to. */
  policyName?: string;
}

/**
 * Drafts ≤ -06 and Truto: `RateLimit-Limit` is the expiring limit, optionally followed by or carrying quota policies
 * (`100, 100;w=10` in -03, `110;w=10` in Truto's docs); members without `w` that disagree make the limit unknown.
 */
function readLegacyTriple(fields: RateLimitFields, policies: Policy[], nowMs: number): CurrentLimit | undefined {
  if (
    fields.rateLimitLimit === undefined &&
    fields.rateLimitRemaining === undefined &&
    fields.rateLimitReset === undefined
  ) {
    return undefined;
  }
  const current: CurrentLimit = {};
  if (fields.rateLimitLimit !== undefined) {
    const limitPolicies = parsePolicies(fields.rateLimitLimit);
    const plainQuotas = limitPolicies.filter(
      (policy) => policy.name === undefined && policy.windowSeconds === undefined,
    );
    const first = limitPolicies[0];
    const limit = first?.name === undefined ? first?.quota : undefined;
    const consistent = limit !== undefined && plainQuotas.every((policy) => policy.quota === limit);
    if (consistent) {
      current.limit = limit;
      const windowSeconds =
        first?.windowSeconds ?? windowForQuota(limit, limitPolicies) ?? windowFromPolicies(limit, policies);
      if (windowSeconds !== undefined) current.windowSeconds = windowSeconds;
      if (limitPolicies.some((policy) => policy.windowSeconds !== undefined))
        current.policy = fields.rateLimitLimit.trim();
    }
  }
  const remaining = readNumberField(fields.rateLimitRemaining);
  if (remaining !== undefined) current.remaining = remaining;
  const resetSeconds = resetToSeconds(readNumberField(fields.rateLimitReset), nowMs);
  if (resetSeconds !== undefined) current.resetSeconds = resetSeconds;
  if (current.limit === undefined) fillFromPolicies(current, policies);
  return isEmpty(current) ? undefined : current;
}

/** The `RateLimit` field: a draft -08+ List of service limits, or a draft -07 Dictionary. */
function readRateLimitField(text: string | undefined, policies: Policy[], nowMs: number): CurrentLimit | undefined {
  if (text === undefined) return undefined;
  const looksLikeList = text.includes(';') || text.includes('"');
  const current = looksLikeList
    ? (readServiceLimitList(text, policies, nowMs) ?? readDraft07Dictionary(text, policies, nowMs))
    : (readDraft07Dictionary(text, policies, nowMs) ?? readServiceLimitList(text, policies, nowMs));
  return current === undefined || isEmpty(current) ? undefined : current;
}

function readDraft07Dictionary(text: string, policies: Policy[], nowMs: number): CurrentLimit | undefined {
  const { parseDictionary } = structuredFields();
  let dictionary: ReturnType<typeof parseDictionary>;
  try {
    dictionary = parseDictionary(text);
  } catch {
    return undefined;
  }
  const numberAt = (key: string): number | undefined => {
    const member = dictionary.get(key);
    return member === undefined || isInnerList(member) ? undefined : nonNegative((member as Item)[0]);
  };
  const current: CurrentLimit = {};
  const limit = numberAt('limit');
  if (limit !== undefined) {
    current.limit = limit;
    const windowSeconds = windowFromPolicies(limit, policies);
    if (windowSeconds !== undefined) current.windowSeconds = windowSeconds;
  }
  const remaining = numberAt('remaining');
  if (remaining !== undefined) current.remaining = remaining;
  const resetSeconds = resetToSeconds(numberAt('reset'), nowMs);
  if (resetSeconds !== undefined) current.resetSeconds = resetSeconds;
  if (isEmpty(current)) return undefined;
  if (current.limit === undefined) fillFromPolicies(current, policies);
  return current;
}

interface ServiceLimit {
  name: string;
  remaining?: number;
  resetSeconds?: number;
}

function readServiceLimitList(text: string, policies: Policy[], nowMs: number): CurrentLimit | undefined {
  const { parseList } = structuredFields();
  let list: ReturnType<typeof parseList>;
  try {
    list = parseList(text);
  } catch {
    return undefined;
  }
  let chosen: ServiceLimit | undefined;
  for (const member of list) {
    if (isInnerList(member)) continue;
    const [bare, parameters] = member as Item;
    const name = nameOf(bare);
    if (name === undefined) continue;
    const limit: ServiceLimit = { name };
    const remaining = nonNegative(parameters.get('r'));
    if (remaining !== undefined) limit.remaining = remaining;
    const resetSeconds = resetToSeconds(nonNegative(parameters.get('t')), nowMs);
    if (resetSeconds !== undefined) limit.resetSeconds = resetSeconds;
    if (limit.remaining === undefined && limit.resetSeconds === undefined) continue;
    if (chosen === undefined || isMoreRestrictive(limit, chosen)) chosen = limit;
  }
  if (chosen === undefined) return undefined;
  // The service limit's key names the policy in effect, whether or not RateLimit-Policy describes it.
  const current: CurrentLimit = { policyName: chosen.name };
  if (chosen.remaining !== undefined) current.remaining = chosen.remaining;
  if (chosen.resetSeconds !== undefined) current.resetSeconds = chosen.resetSeconds;
  const policy = policies.find((candidate) => candidate.name === chosen.name);
  if (policy?.quota !== undefined) current.limit = policy.quota;
  if (policy?.windowSeconds !== undefined) current.windowSeconds = policy.windowSeconds;
  return current;
}

/** Fewest units left binds first; among equals, the longest reset is the real wait. Unknown `r` ranks last. */
function isMoreRestrictive(candidate: ServiceLimit, chosen: ServiceLimit): boolean {
  if (candidate.remaining !== undefined && chosen.remaining === undefined) return true;
  if (candidate.remaining === undefined && chosen.remaining !== undefined) return false;
  if (candidate.remaining !== undefined && candidate.remaining !== chosen.remaining) {
    return candidate.remaining < chosen.remaining!;
  }
  return (candidate.resetSeconds ?? -1) > (chosen.resetSeconds ?? -1);
}

function fillFromPolicies(current: CurrentLimit, policies: Policy[]): void {
  const strictest = mostRestrictivePolicy(policies);
  if (strictest?.quota === undefined) return;
  current.limit = strictest.quota;
  if (strictest.windowSeconds !== undefined) current.windowSeconds = strictest.windowSeconds;
  if (strictest.name !== undefined) current.policyName = strictest.name;
}

function isEmpty(current: CurrentLimit): boolean {
  return current.limit === undefined && current.remaining === undefined && current.resetSeconds === undefined;
}

function assignDefined(info: RateLimitInfo, current: CurrentLimit): void {
  if (current.limit !== undefined) info.limit = current.limit;
  if (current.remaining !== undefined) info.remaining = current.remaining;
  if (current.resetSeconds !== undefined) info.resetSeconds = current.resetSeconds;
  if (current.windowSeconds !== undefined) info.windowSeconds = current.windowSeconds;
  if (current.policyName !== undefined) info.policyName = current.policyName;
}

// ---------------------------------------------------------------------------------------------------------------
// Retry-After

const DELAY_SECONDS = /^\s*(\d{1,15}(?:\.\d{1,9})?)\s*$/;

function readRetryAfter(fields: RateLimitFields, nowMs: number): number | undefined {
  if (fields.retryAfterMs !== undefined) {
    const milliseconds = readNumberField(fields.retryAfterMs);
    if (milliseconds !== undefined) return milliseconds / 1000;
  }
  if (fields.retryAfter === undefined) return undefined;
  const delay = DELAY_SECONDS.exec(fields.retryAfter);
  if (delay !== null) return Number(delay[1]);
  const dateMs = parseHttpDate(fields.retryAfter.trim(), nowMs);
  if (dateMs !== undefined) return Math.max(0, (dateMs - nowMs) / 1000);
  // A repeated field joins as "5, 5"; it counts only when the copies agree (an HTTP-date's own comma is handled above).
  if (fields.retryAfter.includes(',')) {
    return agreedValue(fields.retryAfter.split(',').map((part) => readDelay(part)));
  }
  return undefined;
}

function readDelay(text: string): number | undefined {
  const delay = DELAY_SECONDS.exec(text);
  return delay === null ? undefined : Number(delay[1]);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * The three HTTP-date forms of RFC 9110 §5.6.7 and nothing else: `Date.parse` would read "1" or "5 apples" as a date
 * and invent a wait.
 */
export function parseHttpDate(text: string, nowMs: number = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(text);
  if (match !== null) return utcMs(Number(match[3]), match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
  match = ASCTIME_DATE.exec(text);
  if (match !== null) return utcMs(Number(match[6]), match[1]!, match[2]!.trim(), match[3]!, match[4]!, match[5]!);
  match = RFC850_DATE.exec(text);
  if (match === null) return undefined;
  // RFC 9110: a two-digit year more than 50 years in the future means the most recent past year with those digits.
  const nowYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(nowYear / 100) * 100 + Number(match[3]);
  if (year > nowYear + 50) year -= 100;
  return utcMs(year, match[2]!, match[1]!, match[4]!, match[5]!, match[6]!);
}

function utcMs(
  year: number,
  month: string,
  day: string,
  hours: string,
  minutes: string,
  seconds: string,
): number | undefined {
  const monthIndex = MONTHS.indexOf(month);
  const dayNumber = Number(day);
  const hourNumber = Number(hours);
  const minuteNumber = Number(minutes);
  const secondNumber = Number(seconds);
  if (hourNumber > 23 || minuteNumber > 59 || secondNumber > 60) return undefined;
  // A leap second (:60) is read as the next second.
  const date = new Date(Date.UTC(year, monthIndex, dayNumber, hourNumber, minuteNumber, Math.min(secondNumber, 59)));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== monthIndex || date.getUTCDate() !== dayNumber) return undefined;
  return date.getTime() + (secondNumber === 60 ? 1000 : 0);
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAI's x-ratelimit-*

function readUpstream(
  limitText: string | undefined,
  remainingText: string | undefined,
  resetText: string | undefined,
  nowMs: number,
): UpstreamLimit | undefined {
  if (limitText === undefined && remainingText === undefined && resetText === undefined) return undefined;
  const upstream: UpstreamLimit = {};
  const limit = readNumberField(limitText);
  if (limit !== undefined) upstream.limit = limit;
  const remaining = readNumberField(remainingText);
  if (remaining !== undefined) upstream.remaining = remaining;
  const resetSeconds = readUpstreamReset(resetText, nowMs);
  if (resetSeconds !== undefined) upstream.resetSeconds = resetSeconds;
  return upstream.limit === undefined && upstream.remaining === undefined && upstream.resetSeconds === undefined
    ? undefined
    : upstream;
}

/** OpenAI sends Go durations; a bare number (some proxies) is seconds, or an epoch past the threshold. */
function readUpstreamReset(text: string | undefined, nowMs: number): number | undefined {
  if (text === undefined) return undefined;
  const plain = PLAIN_NUMBER.exec(text);
  if (plain !== null) return resetToSeconds(Number(plain[1]), nowMs);
  const seconds = parseGoDuration(text);
  if (seconds !== undefined) return seconds;
  if (text.includes(',')) return agreedValue(text.split(',').map((part) => parseGoDuration(part)));
  return undefined;
}
