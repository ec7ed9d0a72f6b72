/**
 * Two-step requests: "hand task 500 over to Lee" needs the tool that updates the task and a tool that finds Lee.
 * For each thing the request names (references.ts), the catalog's best lookup for that kind of record is chosen: a
 * read tool about that record (`list_all_users`), preferring a plain listing over a nested one (`users` over
 * `team_users`), tools that can search by name, and tools the request itself ranks well. People are looked up among
 * users, members, contacts and the like, whichever the catalog has.
 */
import { isVerbWord } from './intent.js';
import { kindsForPrefix, type RecordKind, recordKinds } from './record-ids.js';
import { type RequestReading, readRequest } from './references.js';
import type { SelectionIndex } from './selection-index.js';
import { stem } from './stem.js';
import { subjectWords } from './tool-document.js';
import { bridgeTerms } from './vocabulary.js';
import { isStopWord, wordsOf } from './words.js';

/**
 * Record kinds a bare name may be stored as: "Priya" is a user or a contact, "Globex" a company or an account;
 * nothing in a name says which, so both kinds compete and the catalog and the request decide.
 */
const PARTY_KINDS = [
  'user',
  'member',
  'people',
  'person',
  'contact',
  'owner',
  'employee',
  'assignee',
  'responder',
  'agent',
  'staff',
  'worker',
  'customer',
  'company',
  'organization',
  'account',
  'client',
].map(stem);
/** Short words that name a kind of record through the vocabulary. */
const BRIDGED_ABBREVIATIONS = new Set(['pr', 'mr', 'po', 'ci']);
/** Resources whose last word says "find anything by name". */
const SEARCH_HEADS = new Set(['search', 'typeahead', 'query', 'find', 'lookup', 'autocomplete'].map(stem));

interface CatalogKinds {
  heads: Set<string>;
  /** Kind word → the catalog heads it names (cached per word). */
  byWord: Map<string, readonly string[]>;
  terms: ReadonlySet<string>;
  /** Per tool: how many words its resource has. */
  resourceWords: number[];
  records: RecordKind[];
  /** Words in nearly every tool name: the integration's own name (`github`, `twilio`), never what a tool is about. */
  integrationWords: ReadonlySet<string>;
  /** Stemmed runs of resource words, for capitalised feature names ("Super Chat"). */
  phrases: ReadonlySet<string>;
}

const kindsByIndex = new WeakMap<SelectionIndex, CatalogKinds>();

function catalogKinds(index: SelectionIndex): CatalogKinds {
  let kinds = kindsByIndex.get(index);
  if (!kinds) {
    kinds = {
      heads: new Set(index.heads.filter(Boolean)),
      byWord: new Map(),
      terms: new Set(index.postings.keys()),
      resourceWords: index.tools.map((tool) => subjectWords(tool.definition.resource ?? '').length),
      records: recordKinds(index.subjects),
      integrationWords: integrationWordsOf(index),
      phrases: resourcePhrases(index),
    };
    kindsByIndex.set(index, kinds);
  }
  return kinds;
}

/** The catalog heads a word names: itself when it is one, else what the vocabulary maps it to. */
function headsNamedBy(kinds: CatalogKinds, word: string, loose: boolean): readonly string[] {
  const key = `${loose ? '~' : ''}${word}`;
  let heads = kinds.byWord.get(key);
  if (heads === undefined) {
    const own = stem(word);
    // Two letters are a kind only through the vocabulary ("PR" → pulls), never as themselves.
    if (isStopWord(word) || (word.length < 3 && !BRIDGED_ABBREVIATIONS.has(word))) heads = [];
    else if (kinds.heads.has(own)) heads = [own];
    else if (!loose && isVerbWord(own)) heads = [];
    else heads = [...bridgeTerms([own]).keys()].filter((term) => kinds.heads.has(term));
    kinds.byWord.set(key, heads);
  }
  return heads;
}

/** Reads a request's names against a catalog (which words name kinds of its records). */
export function readRequestFor(index: SelectionIndex, text: string): RequestReading {
  const kinds = catalogKinds(index);
  const reading = readRequest(text, {
    isKind: (word, loose = false) => headsNamedBy(kinds, word, loose).length > 0,
    isKnownWord: (word) =>
      isStopWord(word) || isVerbWord(stem(word)) || kinds.terms.has(stem(word)) || bridgeTerms([stem(word)]).size > 0,
    isCatalogPhrase: (words) => kinds.phrases.has(words.map(stem).join(' ')),
  });
  // `PROJ-12` in a tracker is a ticket key; `INV-0231` where there is no tracker is an invoice's number.
  const trackerHead = ticketHeadOf(kinds.records);
  const tickets = reading.prefixedIds.filter((id) => id.dashed && trackerHead !== undefined);
  const byPrefix = reading.prefixedIds.filter((id) => !tickets.includes(id));
  const idKinds = byPrefix.map((id) => kindsForPrefix(id.prefix, kinds.records));
  // "let GitHub write the changelog": the product's name says nothing about which of its tools.
  let nameWords = reading.nameWords;
  for (const token of text.split(/[^A-Za-z0-9]+/)) {
    if (!kinds.integrationWords.has(token.toLowerCase())) continue;
    if (nameWords === reading.nameWords) nameWords = new Set(reading.nameWords);
    (nameWords as Set<string>).add(token.toLowerCase());
    for (const part of wordsOf(token)) (nameWords as Set<string>).add(part);
  }
  const ticketHead = reading.values.ticket || tickets.length > 0 ? trackerHead : undefined;
  return {
    ...reading,
    nameWords,
    prefixedIds: byPrefix,
    idKinds,
    ...(tickets.length > 0 ? { values: { ...reading.values, ticket: true } } : {}),
    ...(ticketHead ? { ticketHead } : {}),
  };
}

/** Runs of two or three words of the catalog's resources, stemmed (`super chat`, `chat event`, `super chat event`). */
function resourcePhrases(index: SelectionIndex): ReadonlySet<string> {
  const phrases = new Set<string>();
  for (const tool of index.tools) {
    const words = subjectWords(tool.definition.resource ?? '').map((word) => stem(word.toLowerCase()));
    for (let start = 0; start < words.length; start++)
      for (let end = start + 2; end <= Math.min(words.length, start + 3); end++)
        phrases.add(words.slice(start, end).join(' '));
  }
  return phrases;
}

function integrationWordsOf(index: SelectionIndex): ReadonlySet<string> {
  const counts = new Map<string, number>();
  // The integration's prefix is in the names but in no resource or method ("email" is SendGrid's prefix here, and
  // also what its suppressions are about: a word of the API, kept).
  const own = new Set<string>();
  for (const tool of index.tools) {
    const { resource, method } = tool.definition;
    for (const word of `${resource ?? ''} ${method ?? ''}`.toLowerCase().split(/[^a-z0-9]+/)) own.add(word);
  }
  for (const tool of index.tools) {
    for (const word of new Set(tool.name.toLowerCase().split(/[^a-z0-9]+/))) {
      if (word.length < 3 || /^\d+$/.test(word) || own.has(word) || isStopWord(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = new Set<string>();
  if (index.tools.length < 5) return words;
  for (const [word, count] of counts) if (count >= index.tools.length * 0.9) words.add(word);
  return words;
}

/** Words trackers call their records by; the catalog's most central one is what a ticket key names. */
const TICKET_KINDS = new Set(['issue', 'ticket', 'case', 'task', 'story', 'bug', 'card', 'incident'].map(stem));

function ticketHeadOf(records: readonly RecordKind[]): string | undefined {
  let best: RecordKind | undefined;
  for (const record of records)
    if (TICKET_KINDS.has(record.head) && (!best || record.tools > best.tools)) best = record;
  return best?.head;
}

/**
 * For each named reference, the positions of its best lookup tools, best first (at most `perReference` each).
 * `scores` is the request's lexical ranking; it breaks ties between equally fitting lookups.
 */
export function lookupsFor(
  index: SelectionIndex,
  reading: RequestReading,
  scores: Float64Array,
  ranked: readonly number[],
  terms: ReadonlyMap<string, number>,
  perReference = 2,
): number[][] {
  const kinds = catalogKinds(index);
  let best = 0;
  for (const score of scores) if (score > best) best = score;
  const found: number[][] = [];
  const seenKinds = new Set<string>();
  const topPosition = ranked[0];
  const actionHead = topPosition === undefined ? undefined : index.heads[topPosition];
  const partyHeads = PARTY_KINDS.filter((kind) => kinds.heads.has(kind));
  const wantedKinds: Array<readonly string[]> = [];
  for (const reference of reading.references) {
    if (reference.person) wantedKinds.push(partyHeads);
    else if (reference.kind) wantedKinds.push(headsNamedBy(kinds, reference.kind, true));
    else wantedKinds.push(topPosition === undefined ? [] : [index.heads[topPosition]!]);
  }
  wantedKinds.push(...argumentKinds(index, kinds, reading, ranked, terms));
  const own = ownRecordKind(index, reading, ranked);
  if (own) wantedKinds.push([own]);
  for (const heads of wantedKinds) {
    const key = [...heads].sort().join(' ');
    if (heads.length === 0 || seenKinds.has(key)) continue;
    seenKinds.add(key);
    const wanted = new Set(heads);
    const candidates: Array<{ position: number; fit: number }> = [];
    for (let position = 0; position < index.tools.length; position++) {
      if (index.intents[position] !== 'read') continue;
      const method = index.tools[position]!.definition.method;
      if (method === 'get') continue; // a get needs the id the lookup is for
      const head = index.heads[position]!;
      const resource = index.resources[position]!;
      let fit: number;
      if (wanted.has(head)) fit = 3;
      else if (SEARCH_HEADS.has(head) && resource.some((term) => wanted.has(term))) fit = 3.2;
      else if (SEARCH_HEADS.has(head)) fit = 1.2;
      else continue;
      if (method === 'list') fit += 0.5;
      if (index.searchable[position]) fit += 0.6;
      // `users.info` requires the `user` it would find: a get in a list's clothes.
      if (index.singleRecord[position] || requiresOwnId(index.tools[position]!.definition.required, wanted)) fit -= 1;
      fit -= 0.35 * Math.max(0, kinds.resourceWords[position]! - 1);
      if (best > 0) fit += 0.8 * (scores[position]! / best);
      // "Combine Bob Smith and Robert Smith" where the best tool merges contacts: Bob is a contact.
      if (actionHead !== undefined && head === actionHead && heads === partyHeads) fit += 0.8;
      candidates.push({ position, fit });
    }
    candidates.sort((left, right) => right.fit - left.fit || left.position - right.position);
    found.push(diverse(candidates, index, perReference));
  }
  return found;
}

function requiresOwnId(required: readonly string[] | undefined, kinds: ReadonlySet<string>): boolean {
  for (const name of required ?? []) {
    const words = wordsOf(name);
    const last = words.at(-1);
    if (last === undefined) continue;
    if (last === 'id' && words.length === 1) return true;
    const kind = /^(id|ids|gid|uuid|key)$/.test(last) ? words.at(-2) : last;
    if (kind !== undefined && kinds.has(stem(kind))) return true;
  }
  return false;
}

/**
 * The best candidates, one per kind of record first: a bare name may be a user or a company, so the second lookup
 * covers the next kind rather than a second way to list the first.
 */
function diverse(
  candidates: ReadonlyArray<{ position: number; fit: number }>,
  index: SelectionIndex,
  count: number,
): number[] {
  const chosen: number[] = [];
  const heads = new Set<string>();
  for (const candidate of candidates) {
    if (chosen.length >= count) break;
    const head = index.heads[candidate.position]!;
    if (heads.has(head)) continue;
    heads.add(head);
    chosen.push(candidate.position);
  }
  // A second way to list the same kind only when it fits nearly as well as the first.
  const first = candidates[0]?.fit ?? 0;
  for (const candidate of candidates) {
    if (chosen.length >= count || candidate.fit < first - SECOND_LOOKUP_MARGIN) break;
    if (!chosen.includes(candidate.position)) chosen.push(candidate.position);
  }
  return chosen;
}

/** How much less a second lookup for the same kind may fit than the first. */
const SECOND_LOOKUP_MARGIN = 0.75;

/** How many of the best-ranked action tools have their arguments checked for records to look up. */
const ACTIONS_CHECKED = 2;
const ACTION_WINDOW = 3;
/** An argument counts when the request speaks of its kind at least this much. */
const MENTION_WEIGHT = 0.3;

/**
 * "Label task 42 as urgent": the tool that tags a task takes a `tag`, the request speaks of tags (label → tag) but
 * gives none by id, so the tag must be found first. For the best action tools, arguments named like another kind of
 * record the catalog has, which the request mentions without an id, become lookups.
 */
function argumentKinds(
  index: SelectionIndex,
  kinds: CatalogKinds,
  reading: RequestReading,
  ranked: readonly number[],
  terms: ReadonlyMap<string, number>,
): Array<readonly string[]> {
  const identified = new Set([...reading.identifiedKinds].map((word) => stem(word)));
  for (const { heads } of reading.idKinds) for (const head of heads) identified.add(head);
  const result: Array<readonly string[]> = [];
  let checked = 0;
  for (const position of ranked.slice(0, ACTION_WINDOW)) {
    if (checked >= ACTIONS_CHECKED) break;
    if (index.intents[position] === 'read') continue;
    checked++;
    for (const name of argumentNames(index.tools[position]!.definition)) {
      const words = wordsOf(name).filter((word) => !/^(id|ids|gid|gids|uuid)$/.test(word));
      const last = words.at(-1);
      if (last === undefined) continue;
      const kind = stem(last);
      if (!kinds.heads.has(kind) || kind === index.heads[position] || identified.has(kind)) continue;
      if ((terms.get(kind) ?? 0) < MENTION_WEIGHT) continue;
      result.push([kind]);
    }
  }
  return result;
}

/** Argument names of a tool at the top level and one object down (vendors wrap bodies in `data`). */
function argumentNames(definition: SelectionIndex['tools'][number]['definition']): string[] {
  const names: string[] = [];
  for (const schema of [definition.query_schema, definition.body_schema]) {
    const properties = schema?.properties;
    if (typeof properties !== 'object' || properties === null) continue;
    for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
      names.push(name);
      const inner = (property as { properties?: unknown } | null)?.properties;
      if (typeof inner === 'object' && inner !== null) names.push(...Object.keys(inner));
    }
  }
  return names;
}

/**
 * "Stop the import that's running", "move the Acme renewal to Closed Won": the best action works on one existing
 * record, takes its id, and the request gives none for that kind of record, so the record must be found first: its
 * kind, for a lookup. Undefined when the request gives the id ("cancel import 42") or the best tool needs none.
 */
function ownRecordKind(index: SelectionIndex, reading: RequestReading, ranked: readonly number[]): string | undefined {
  const action = ranked.slice(0, ACTION_WINDOW).find((position) => index.intents[position] !== 'read');
  if (action === undefined || action !== ranked[0]) return undefined;
  const definition = index.tools[action]!.definition;
  const takesId = (definition.required ?? []).includes('id');
  if (!takesId) return undefined;
  const head = index.heads[action]!;
  if (reading.idKinds.some(({ heads }) => heads.includes(head))) return undefined;
  for (const word of reading.identifiedKinds)
    if (stem(word) === head || index.resources[action]!.includes(stem(word))) return undefined;
  return head;
}

/**
 * The ranking with lookups woven in: the best action first, then each reference's best lookup, the second action,
 * each reference's second lookup, then the rest, without repeats.
 */
export function weaveLookups(ranked: readonly number[], lookups: readonly number[][]): number[] {
  if (lookups.length === 0) return [...ranked];
  const result: number[] = [];
  const seen = new Set<number>();
  const push = (position: number | undefined) => {
    if (position === undefined || seen.has(position)) return;
    seen.add(position);
    result.push(position);
  };
  push(ranked[0]);
  for (const options of lookups) push(options[0]);
  push(ranked[1]);
  for (const options of lookups) push(options[1]);
  for (const position of ranked) push(position);
  return result;
}
