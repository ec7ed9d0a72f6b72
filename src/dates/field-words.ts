/**
 * What a field's name and description say about its role: the start of a range, its end, or a single moment.
 * Pure string work, shared by detection and by the range layer.
 *
 * The order of evidence, strongest first: an operator symbol in the name (`StartTime<` is an upper bound: the
 * operator wins over the word), a comparison word (`created_gte`, `start_before`), a start/end word (`start_date`),
 * a past-tense start/end word where the arguments are filters (`filter_ended_at`), and last a phrase of the
 * description ("the end of the date range", "created before").
 */
import type { DateFieldKind, DateFieldRole } from './date-field.js';

/** Comparison words: they decide the role wherever they stand in the name. */
export const START_OPERATORS = new Set(['gt', 'gte', 'after', 'since', 'from', 'min', 'oldest', 'earliest']);
export const END_OPERATORS = new Set(['lt', 'lte', 'before', 'until', 'till', 'to', 'max', 'latest']);
const START_WORDS = new Set(['start', 'starts', 'starting', 'begin', 'begins', 'beginning']);
const END_WORDS = new Set(['end', 'ends', 'ending', 'finish', 'finishes']);
/** Past-tense words name an event (`ended_at`: when it ended), and bound a range only in a filter. */
const PAST_START_WORDS = new Set(['started', 'began', 'opened']);
const PAST_END_WORDS = new Set(['ended', 'finished', 'stopped']);

/**
 * "from" and "to" bound a date only beside date words (`from`, `to_date`, `created_to`): `from_email`, `reply_to`
 * and `attributable_to` name relations.
 */
const RELATION_BOUNDS = new Set(['from', 'to']);
const TEMPORAL_COMPANIONS = new Set([
  'date',
  'time',
  'datetime',
  'timestamp',
  'at',
  'on',
  'day',
  'ts',
  'created',
  'updated',
  'modified',
  'deleted',
  'due',
  'completed',
  'closed',
  'published',
  'scheduled',
  'occurred',
  'started',
  'ended',
  'expires',
  'expired',
  'changed',
  'resolved',
  'archived',
  'period',
  'range',
  'filter',
]);

/** The bound a word sets among the name's words, if any. */
export function boundOf(word: string, words: readonly string[]): 'start' | 'end' | undefined {
  const role = START_OPERATORS.has(word) ? 'start' : END_OPERATORS.has(word) ? 'end' : undefined;
  if (role === undefined || !RELATION_BOUNDS.has(word)) return role;
  return words.every((other) => other === word || TEMPORAL_COMPANIONS.has(other)) ? role : undefined;
}

/** Words that make a key a filter container: its fields bound what is returned. */
const FILTER_WORDS = new Set(['filter', 'filters', 'where', 'query', 'search']);
const FILTER_DESCRIPTION = /\bfilter|\bonly (?:return|include|show|list)/;

const START_PHRASES =
  /\b(?:start|beginning) of the (?:\w+ )?(?:range|period|window|interval|search)\b|\b(?:the|a) (?:\w+ )?(?:start|from) (?:date|time)\b|\b[a-z]+ed (?:after|since|on or after)\b|\blower bound\b|\bon or after\b|\bnot before\b|\bgreater than or equal\b/;
const END_PHRASES =
  /\bend of the (?:\w+ )?(?:range|period|window|interval|search)\b|\b(?:the|an?) (?:\w+ )?(?:end|to) (?:date|time)\b|\b[a-z]+ed (?:before|until|on or before)\b|\bupper bound\b|\bon or before\b|\bnot after\b|\bless than or equal\b/;
/** Phrases that say an end includes its value, or a start excludes its own ("excluded" is about other values). */
const INCLUSIVE_END = /\binclusive\b|\bon or before\b|\bless than or equal\b|\bup to and including\b/;
const INCLUSIVE_START = /\binclusive\b|\bon or after\b|\bgreater than or equal to (?!this value will be excluded)/;
const EXCLUSIVE = /\bexclusive\b|\bstrictly\b/;

/** Property names repeat across a catalog's tools (`created_at`, `limit`): each is split once. */
const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 5000;

/** `createdAt[gte]` → created, at, gte; `StartTime<` → start, time. The result is shared: do not modify it. */
export function wordsOf(name: string): readonly string[] {
  let words = wordCache.get(name);
  if (words === undefined) {
    words = name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word !== '');
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(name, words);
  }
  return words;
}

export interface SymbolBound {
  role: 'start' | 'end';
  /** `<=` and `>=` include the value; `<` and `>` do not. */
  inclusive: boolean;
}

/** Twilio-style operators written into the name: `DateSent>`, `StartTime<=`, `created[>=]`. */
export function symbolBoundOf(name: string): SymbolBound | undefined {
  const match = /(<=|>=|=<|=>|<|>)[\]\s]*$/.exec(name);
  if (match === null) return undefined;
  const symbol = match[1]!;
  return { role: symbol.includes('>') ? 'start' : 'end', inclusive: symbol.includes('=') };
}

/** What a property of a range object bounds: `gte`, `$lt`, `from`, `start_date`, `endTime`, `>=`. */
export function operatorKeyOf(key: string): { role: 'start' | 'end'; word: string } | undefined {
  const symbol = symbolBoundOf(key);
  if (symbol !== undefined && /^[\s[]*(?:<=|>=|=<|=>|<|>)/.test(key)) {
    return {
      role: symbol.role,
      word: symbol.role === 'start' ? (symbol.inclusive ? 'gte' : 'gt') : symbol.inclusive ? 'lte' : 'lt',
    };
  }
  const words = wordsOf(key);
  if (words.length === 0 || words.length > 2) return undefined;
  let operator: string | undefined;
  for (const word of words) {
    if (START_OPERATORS.has(word) || END_OPERATORS.has(word) || START_WORDS.has(word) || END_WORDS.has(word)) {
      if (operator !== undefined) return undefined;
      operator = word;
    } else if (!OPERATOR_COMPANIONS.has(word)) {
      return undefined;
    }
  }
  if (operator === undefined) return undefined;
  const role = START_OPERATORS.has(operator) || START_WORDS.has(operator) ? 'start' : 'end';
  return { role, word: operator };
}

/** Words that may stand beside an operator in a range key without changing what it is (`start_date`, `from_time`). */
const OPERATOR_COMPANIONS = new Set(['date', 'time', 'datetime', 'timestamp', 'at', 'on', 'day', 'ts', 'value']);

export interface RoleEvidence {
  /** The name's words (with the parent's words first for an operator key: `created` + `gte`). */
  words: readonly string[];
  /** The property's own name, for operator symbols. */
  key: string;
  /** Lower-cased descriptions that apply to the field. */
  description: string;
  /**
   * What the guards against non-moments read (a cursor, an id): the field's own description when it has one. An
   * operator key borrows its parent's description as evidence, but "a generic resource with a unique identifier"
   * said of the parent object must not veto its `start_on`.
   * @default description
   */
  guardDescription?: string;
  /** The field bounds what a list returns (a list tool's argument, or inside a `filter` object). */
  filter: boolean;
}

export function roleOf(evidence: RoleEvidence): DateFieldRole {
  const symbol = symbolBoundOf(evidence.key);
  if (symbol !== undefined) return symbol.role;
  for (const word of evidence.words) {
    const bound = boundOf(word, evidence.words);
    if (bound !== undefined) return bound;
  }
  for (const word of evidence.words) {
    if (START_WORDS.has(word)) return 'start';
    if (END_WORDS.has(word)) return 'end';
  }
  if (evidence.filter || FILTER_DESCRIPTION.test(evidence.description)) {
    for (const word of evidence.words) {
      if (PAST_START_WORDS.has(word)) return 'start';
      if (PAST_END_WORDS.has(word)) return 'end';
    }
  }
  const start = START_PHRASES.exec(evidence.description);
  const end = END_PHRASES.exec(evidence.description);
  if (start !== null && (end === null || start.index < end.index)) return 'start';
  if (end !== null) return 'end';
  return 'instant';
}

/** End fields: whether the API includes the value it is given. */
export function isInclusiveEnd(kind: DateFieldKind, evidence: RoleEvidence): boolean {
  // What the description says wins: Twilio's `StartTime<` is documented as "on or before".
  if (EXCLUSIVE.test(evidence.description)) return false;
  if (INCLUSIVE_END.test(evidence.description)) return true;
  const symbol = symbolBoundOf(evidence.key);
  if (symbol !== undefined) return symbol.inclusive;
  const words = evidence.words;
  if (words.includes('before') || words.includes('lt')) return false;
  if (words.includes('lte') || words.includes('max')) return true;
  // Date-only end fields ("end_date") name the last day included in nearly every API.
  return kind === 'date';
}

/** Start fields: a strict lower bound (`gt`, `>`) excludes the value it is given. */
export function isExclusiveStart(evidence: RoleEvidence): boolean {
  if (INCLUSIVE_START.test(evidence.description)) return false;
  if (EXCLUSIVE.test(evidence.description)) return true;
  const symbol = symbolBoundOf(evidence.key);
  if (symbol !== undefined) return !symbol.inclusive;
  const last = evidence.words[evidence.words.length - 1];
  return last === 'gt';
}

export function isFilterKey(key: string): boolean {
  return wordsOf(key).some((word) => FILTER_WORDS.has(word));
}

export function hasBoundWord(words: readonly string[]): boolean {
  return words.some((word) => boundOf(word, words) !== undefined || START_WORDS.has(word) || END_WORDS.has(word));
}

export function isStartOrEndWord(word: string): boolean {
  return START_WORDS.has(word) || END_WORDS.has(word);
}
