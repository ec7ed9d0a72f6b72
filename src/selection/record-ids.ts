/**
 * Record ids that say what kind of record they are. Many APIs prefix their ids with the kind: Stripe's `po_1NXa4e`
 * (a payout), `cus_…`, `in_…`, `pi_…`; Twilio's SIDs `CA…` (a call), `PN…` (a phone number), `CF…` (a conference).
 * A user pasting such an id names the kind without saying it ("stop po_123 before it reaches the bank"), so the
 * prefix is matched against the kinds of record the catalog has, never against a table of one vendor's prefixes.
 */
import { stem } from './stem.js';

/** A UUID, the code of many APIs' ids (`orga_5b2e91c4-7a0d-4f3e-9c61-2d8f0a7b4e13`). */
export const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
/**
 * `po_1NXa4e`, `cus_9Qa`, `acct_1Lk`, `account_in71c4amph0vgo2qllky`, `orga_<uuid>`: lower-case letters, an
 * underscore, then a code with a digit in it (a long one, or a UUID, after a prefix longer than Stripe's).
 */
const PREFIXED = new RegExp(`(?<![\\w@./-])([a-z]{1,12})_(${UUID.source}|[A-Za-z0-9]{1,40})(?![\\w@-])`, 'g');
/** Prefixes longer than this are words (`created_at2`) unless the code is long or a UUID. */
const SHORT_PREFIX = 6;
const LONG_CODE = 12;
/** `CA8f3e2…`, `PN55ab`: two capitals, then hexadecimal digits with at least one digit (Twilio-style SIDs). */
const SID = /(?<![\w@./-])([A-Z]{2})([0-9a-fA-F]{1,32})(?![\w@-])/g;

/** `INV00004567`, `INV-0231`, `PO-0142`: a document number whose capitals abbreviate its kind. */
const NUMBERED = /(?<![\w@./-])([A-Z]{2,5})(-?)(\d{3,12})(?![\w@-])/g;

export interface PrefixedId {
  /** The id as written. */
  id: string;
  /** Its prefix, lower-case (`po`, `ca`). */
  prefix: string;
  /** Written `KEY-123`: in a tracker, a ticket key rather than a kind's number. */
  dashed?: boolean;
}

/** The prefixed ids in a text, in order. */
export function prefixedIds(text: string): PrefixedId[] {
  const found: Array<PrefixedId & { at: number }> = [];
  for (const match of text.matchAll(PREFIXED)) {
    const code = match[2]!;
    if (!/\d/.test(code) && code.length < 8) continue;
    if (match[1]!.length > SHORT_PREFIX && !UUID.test(code) && (code.length < LONG_CODE || !/\d/.test(code))) continue;
    found.push({ id: match[0], prefix: match[1]!, at: match.index });
  }
  for (const match of text.matchAll(SID)) {
    if (!/\d/.test(match[2]!)) continue;
    found.push({ id: match[0], prefix: match[1]!.toLowerCase(), at: match.index });
  }
  for (const match of text.matchAll(NUMBERED)) {
    if (found.some((id) => id.at === match.index)) continue;
    found.push({
      id: match[0],
      prefix: match[1]!.toLowerCase(),
      at: match.index,
      ...(match[2] ? { dashed: true } : {}),
    });
  }
  return found
    .sort((left, right) => left.at - right.at)
    .map(({ id, prefix, dashed }) => ({ id, prefix, ...(dashed ? { dashed } : {}) }));
}

/** One kind of record a catalog has, as one or more resources name it. */
export interface RecordKind {
  /** The resource's last word as written, singular (`payout`). */
  word: string;
  /** The subject words of one resource ending in it (`payment`, `intents`), for initials. */
  words: readonly string[];
  /** The stem the index knows it by. */
  head: string;
  /** How many tools are about it: the more, the more central the kind is to the catalog. */
  tools: number;
}

/** What an id's prefix names: terms to search for, and the heads the request thereby gives by id. */
export interface PrefixKinds {
  terms: string[];
  heads: string[];
}

/** More candidates than this for one prefix say nothing. */
const MAX_CANDIDATES = 3;

/**
 * The kinds a prefix names, best tier first: a head word starting with the prefix (`cus` → customer), the initials
 * of a resource's last words (`pi` → payment_intents, `pn` → incoming_phone_numbers), then a head word with the
 * prefix's letters in order (`po` → payout, `dp` → dispute, `acct` → account). Within a tier, kinds with far fewer
 * tools than the most central one drop out (Twilio's `CA` is a call, not an outgoing caller id). Empty when
 * nothing fits or too many do.
 */
export function kindsForPrefix(prefix: string, kinds: readonly RecordKind[]): PrefixKinds {
  const none = { terms: [], heads: [] };
  if (prefix.length < 2) return none;
  const tiers: Array<(kind: RecordKind) => boolean> = [
    (kind) => kind.word.startsWith(prefix),
    (kind) => kind.words.length >= prefix.length && initials(kind.words.slice(-prefix.length)) === prefix,
    (kind) => kind.word[0] === prefix[0] && isSubsequence(prefix, kind.word),
  ];
  for (const [tier, fits] of tiers.entries()) {
    const matching = kinds.filter(fits);
    if (matching.length === 0) continue;
    const most = Math.max(...matching.map((kind) => kind.tools));
    const central = matching.filter((kind) => kind.tools * 2 >= most);
    const heads = [...new Set(central.map((kind) => kind.head))];
    if (heads.length > MAX_CANDIDATES) return none;
    // Initials name the words together: `pi` is a payment intent, not any intent.
    const terms =
      tier === 1 ? [...new Set(central.map((kind) => stem(kind.words.slice(-prefix.length).join(''))))] : heads;
    return { terms, heads };
  }
  return none;
}

function initials(words: readonly string[]): string {
  return words.map((word) => word[0] ?? '').join('');
}

function isSubsequence(letters: string, word: string): boolean {
  let at = 0;
  for (const letter of word) if (letter === letters[at]) at++;
  return at === letters.length;
}

/** The record kinds of a catalog from its tools' subject words up to their heads (see selection-index.ts). */
export function recordKinds(subjects: ReadonlyArray<readonly string[]>): RecordKind[] {
  const byHead = new Map<string, RecordKind>();
  const shapes = new Set<string>();
  const kinds: RecordKind[] = [];
  for (const words of subjects) {
    const word = words.at(-1);
    if (word === undefined || /\d/.test(word)) continue;
    const head = stem(word);
    const known = byHead.get(head);
    if (known) known.tools++;
    const shape = words.join(' ');
    if (shapes.has(shape)) continue;
    shapes.add(shape);
    const kind = { word: singular(word), words, head, tools: known?.tools ?? 1 };
    if (!known) byHead.set(head, kind);
    kinds.push(kind);
  }
  // Every shape of a head counts the head's tools.
  for (const kind of kinds) kind.tools = byHead.get(kind.head)!.tools;
  return kinds;
}

/** `payouts` → payout, `queues` → queue, `addresses` → address: enough to compare a prefix with the word's start. */
function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
