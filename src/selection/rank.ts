/**
 * Lexical ranking of a catalog for one request: the request's own terms (weight 1), word pairs joined (`on call` →
 * oncall), and the API terms the bridge vocabulary brings in (vocabulary.ts); BM25F over the index; then each
 * score multiplied by how well the tool's kind of change fits the request's (intent.ts).
 */
import { commandAfterContext, type IntentClass, intentFactor, isVerbWord, requestIntent } from './intent.js';
import { RANKER_PARAMETERS as P } from './parameters.js';
import { OBJECT_PRONOUNS, type RequestReading } from './references.js';
import type { SelectionIndex } from './selection-index.js';
import { stem } from './stem.js';
import { bridgeMatches } from './vocabulary.js';
import { bareWord as bare, contentWords, isFiller, joinedPairs, wordsOf } from './words.js';

/** A request read once: its words, its weighted term groups and what it wants done. */
export interface AnalysedRequest {
  text: string;
  /** Lower-case words, stop words included. */
  words: readonly string[];
  /**
   * Alternatives, each with a weight: one word of the request with the API terms it may mean, a phrase's API terms,
   * a hint. A tool scores the best term of each group, so a tool that matches two synonyms of one word ("incident"
   * and "alert" for "outage") gains nothing over one that matches the first.
   */
  groups: ReadonlyArray<ReadonlyMap<string, number>>;
  /** Every term with its highest weight in any group. */
  terms: ReadonlyMap<string, number>;
  intent: IntentClass | undefined;
  /** The request names a record (an id, a ticket, a name): a tool reading one record may be what it needs. */
  namesRecord: boolean;

  /** Stems of the request's words read as verbs (weighed as such: intent carries their meaning). */
  verbTerms: ReadonlySet<string>;
  /** Stems of words naming where the request acts ("project" in "milestones in project 7"): never a tool's subject. */
  containers: ReadonlySet<string>;
}

/** Dates say a filter matters: tools with `since`/`until`/date arguments gain a little. */
const DATE_HINTS = ['since', 'until', 'date', 'start', 'end', 'time', 'range'].map(stem);
/** A URL, an email address or a phone number in the request says which arguments the tool takes. */
const URL_HINTS = ['url', 'webhook', 'endpoint', 'callback', 'target'].map(stem);
const EMAIL_HINTS = ['email', 'user', 'contact'].map(stem);
const PHONE_HINTS = ['phone', 'sms', 'contact', 'number'].map(stem);
/** A `#channel` in the request: the tool works on channels (conversations, rooms). */
const CHANNEL_HINTS = ['channel', 'conversation', 'room'].map(stem);
/** "My profile", "what am I on": the current user is a record the request names. */
const SELF_WORDS = new Set(['my', 'me', 'myself', 'i', 'mine']);
/** A file name in the request (`report.pdf`): the tool works on files. */
const FILE_HINTS = ['file', 'content', 'blob', 'document', 'attachment', 'upload'].map(stem);
/** A folder's path (`/Clients/Acme`): the tool works on folders. */
const FOLDER_HINTS = ['folder', 'directory', 'path', 'file'].map(stem);
/** A version number (`v3.1.0`): the tool works on releases or tags. */
const VERSION_HINTS = ['release', 'tag'].map(stem);
/** Two versions: the tool compares them. */
const COMPARISON_HINTS = ['compare', 'diff', 'comparison'].map(stem);
/** A ticket reference (`#123`, `ENG-42`): the tool works on issues, tickets or cases. */
const TICKET_HINTS = ['issue', 'ticket', 'case', 'task', 'item'].map(stem);
/** A person named in the request: people tools matter a little, and much when the person is what is acted on. */
const PERSON_HINTS = ['user', 'member', 'person', 'people', 'contact'].map(stem);

/** Verbs too common to say which command is meant ("add" a task to a project is not `add_project`). */
const GENERIC_VERBS = new Set(
  `add set make get put run move chang give take do show find see check use let keep creat updat delet remov list
  need want have mark turn bring start cut`
    .split(/\s+/)
    .map(stem),
);

/** After "people", these make them anybody: "people can type", "anyone could use". */
const MODALS = new Set(['can', 'could', 'will', 'would', 'should', 'may', 'might', 'must', 'need']);

/** Words that say "persons" without saying which. */
const GENERIC_PERSON_WORDS = new Set([
  'who',
  'whom',
  'whose',
  'people',
  'person',
  'persons',
  'folks',
  'anyone',
  'someone',
  'everyone',
  'everybody',
  'somebody',
  'anybody',
]);
/** Words naming which persons: customers, attendees, staff. */
const PERSON_KINDS = new Set(
  `customer client contact user member employee staff lead subscriber attendee participant registrant candidate
  applicant agent collaborator owner shopper buyer patient student guest recipient caller assignee watcher follower
  teammate colleague seller vendor supplier contractor worker admin speaker panelist host invitee signer respondent`
    .split(/\s+/)
    .map(stem),
);
/** "called" followed by one of these (or nothing) is a phone call: "who called us?", "she called yesterday". */
function isPhoneCall(next: string | undefined): boolean {
  return next === undefined || OBJECT_PRONOUNS.has(next) || DATE_LIKE.has(next);
}
const DATE_LIKE = new Set(['yesterday', 'today', 'last', 'this', 'earlier', 'on', 'at', 'about', 'twice', 'again']);

/**
 * Reads a request into weighted term groups. With a `reading` (references.ts), words of names, quotes, ids and dates
 * are left out: "Q3 budget review" is the name of a task and must not pull in budget tools.
 */
export function analyseRequest(text: string, reading?: RequestReading): AnalysedRequest {
  const all = wordsOf(text);
  const isName = (word: string) => reading?.nameWords.has(bare(word)) === true;
  const isDate = (word: string) => reading?.dateWords.has(bare(word)) === true;
  const isContainer = (word: string) => reading?.containerWords.has(bare(word)) === true;
  const containers = new Set<string>();
  // Phrases may span date words ("can't start until"), never names.
  // Words of a statement before the command ("Acme says they never got INV-4567. Resend it") set the scene.
  const contextWords = commandAfterContext(text)?.contextWords ?? 0;
  const kept = all.map((word, at) => ({ word, context: at < contextWords })).filter(({ word }) => !isName(word));
  const inContext = kept.map(({ context }) => context);
  const words = kept
    .map(({ word }) => word)
    .map((word, at, list) => (word === 'called' && isPhoneCall(list[at + 1]) ? 'call' : word));
  const stems = words.map((word) => stem(bare(word)));
  const matches = [...bridgeMatches(stems), ...splitPhrasalVerbs(stems)];
  const inPhrase = new Set<number>();
  for (const match of matches)
    if (match.length > 1) for (let at = 0; at < match.length; at++) inPhrase.add(match.start + at);

  const groups: Array<Map<string, number>> = [];
  const verbTerms = new Set<string>();
  const byPosition = new Map<number, Map<string, number>>();
  const contentPositions: number[] = [];
  for (const [position, word] of words.entries()) {
    const plain = bare(word);
    if (isDate(word) || isFiller(plain) || contentWords([word]).length === 0) continue;
    const term = stems[position]!;
    const verb = isVerbWord(term);
    if (verb) verbTerms.add(term);
    let weight = verb ? P.verbWeight : 1;
    if (inPhrase.has(position)) weight *= P.idiomWordFactor;
    if (inContext[position]) weight *= P.contextFactor;
    if (isContainer(word)) {
      weight *= P.containerFactor;
      containers.add(term);
    }
    const group = new Map([[term, weight]]);
    byPosition.set(position, group);
    groups.push(group);
    contentPositions.push(position);
  }
  const phraseGroups: Array<{ start: number; end: number; group: Map<string, number> }> = [];
  for (const match of matches) {
    // A single word's synonyms join that word's group; a phrase is a group of its own, shared with phrases it
    // overlaps ("to-do" and "to do" are one thing said).
    let target = match.length === 1 ? byPosition.get(match.start) : undefined;
    if (!target && match.length > 1) {
      const end = match.start + match.length;
      const overlapping = phraseGroups.find((phrase) => phrase.start < end && match.start < phrase.end);
      if (overlapping) target = overlapping.group;
      else {
        target = new Map();
        phraseGroups.push({ start: match.start, end, group: target });
        groups.push(target);
      }
    }
    if (!target) {
      // A word with no group of its own (a stop word such as "who", a date word) still brings in its API terms.
      target = new Map();
      byPosition.set(match.start, target);
      groups.push(target);
    }
    for (const [term, weight] of match.terms) if ((target.get(term) ?? 0) < weight) target.set(term, weight);
  }
  // "people" and "who" say the answer is persons; a word naming which persons ("customers", "attendees") says
  // which tools, so the generic words step back rather than pull in every people-shaped resource.
  // So do "people can type a code", "anyone could use": anybody at all, not a record of persons.
  const saysWhich = stems.some((term) => PERSON_KINDS.has(term));
  for (const [position, group] of byPosition) {
    if (!GENERIC_PERSON_WORDS.has(bare(words[position]!))) continue;
    if (!saysWhich && !MODALS.has(bare(words[position + 1] ?? ''))) continue;
    for (const [term, weight] of group) group.set(term, weight * P.genericPersonFactor);
  }
  const content = contentPositions.map((position) => bare(words[position]!));
  for (const pair of joinedPairs(content)) groups.push(new Map([[pair, P.pairWeight]]));
  if (reading !== undefined) {
    const hints: Array<[readonly string[], number]> = [];
    if (reading.dateWords.size > 0) hints.push([DATE_HINTS, P.hints.date]);
    if (reading.values.url) hints.push([URL_HINTS, P.hints.url]);
    if (reading.values.email) hints.push([EMAIL_HINTS, P.hints.value]);
    if (reading.values.phone) hints.push([PHONE_HINTS, P.hints.value]);
    if (reading.values.channel) {
      hints.push([CHANNEL_HINTS, reading.channelIsPlace ? P.hints.channel * P.containerHintFactor : P.hints.channel]);
      if (reading.channelIsPlace) for (const term of CHANNEL_HINTS) containers.add(term);
    }
    // A ticket key names a record of the tracker's own kind (Jira's issues): as strong as an id's prefix.
    if (reading.ticketHead) hints.push([[reading.ticketHead], P.hints.idKind]);
    else if (reading.values.ticket) hints.push([TICKET_HINTS, P.hints.ticket]);
    if (reading.values.file) hints.push([FILE_HINTS, P.hints.file]);
    if (reading.values.folder) hints.push([FOLDER_HINTS, P.hints.file]);
    if (reading.values.version) hints.push([VERSION_HINTS, P.hints.file]);
    if (reading.values.comparison) hints.push([COMPARISON_HINTS, P.hints.url]);
    if (reading.references.some((reference) => reference.person)) {
      hints.push([PERSON_HINTS, reading.personIsObject ? P.hints.personObject : P.hints.person]);
    }
    for (const [hintTerms, weight] of hints) groups.push(new Map(hintTerms.map((term) => [term, weight])));
    // An id whose prefix names a kind ("po_1NXa4e": a payout) names that kind as if the user had written it.
    for (const { terms } of reading.idKinds) {
      if (terms.length === 0) continue;
      const weight = terms.length === 1 ? P.hints.idKind : P.hints.idKind * P.hints.idKindShared;
      groups.push(new Map(terms.map((term) => [term, weight])));
    }
  }
  const terms = new Map<string, number>();
  for (const group of groups)
    for (const [term, weight] of group) if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
  const namesRecord =
    reading === undefined ||
    all.some((word) => SELF_WORDS.has(word)) ||
    reading.identifiedKinds.size > 0 ||
    reading.prefixedIds.length > 0 ||
    reading.values.ticket ||
    reading.references.length > 0;
  return { text, words: all, groups, terms, intent: requestIntent(all, text), containers, namesRecord, verbTerms };
}

/** Words between a verb and its particle ("log him out", "shut it down"). */
const PARTICLE_OBJECTS = new Set(['him', 'her', 'them', 'it', 'me', 'us', 'everyone', 'everybody', 'this', 'that']);
const PARTICLES = new Set(['out', 'off', 'on', 'up', 'down', 'in', 'back', 'over', 'away']);

/**
 * "log him out", "shut it down": a phrasal verb split by its object matches as the phrase ("log out"), unless the
 * vocabulary knows the split form itself ("get it back").
 */
function splitPhrasalVerbs(stems: readonly string[]): ReturnType<typeof bridgeMatches> {
  const found: ReturnType<typeof bridgeMatches> = [];
  for (let at = 1; at + 1 < stems.length; at++) {
    if (!PARTICLE_OBJECTS.has(stems[at]!) || !PARTICLES.has(stems[at + 1]!) || !isVerbWord(stems[at - 1]!)) continue;
    if (bridgeMatches(stems.slice(at - 1, at + 2)).some((match) => match.length > 1)) continue;
    for (const match of bridgeMatches([stems[at - 1]!, stems[at + 1]!]))
      if (match.length === 2) found.push({ ...match, start: at - 1, length: 3 });
  }
  return found;
}

/** Scores for every tool of the index (0 for tools matching no term), intent and focus applied. */
export function scoreTools(index: SelectionIndex, request: AnalysedRequest): Float64Array {
  const count = index.tools.length;
  const k1 = P.k1;
  const scores = new Float64Array(count);
  const best = new Float64Array(count);
  const touched: number[] = [];
  const { groups, terms } = forCatalog(index, request);
  // The request's verbs, and what the bridge says they mean in API words ("kill" → cancel), as a tool's own
  // command (`runs_cancel`, `mail_send`) would be named: the user said what to do, the tool does exactly that.
  const methodWanted = new Map<string, number>();
  for (const group of groups) {
    const [first] = group.keys();
    if (first === undefined || !request.verbTerms.has(first) || GENERIC_VERBS.has(first)) continue;
    for (const [term, weight] of group) {
      const fit = term === first ? 1 : Math.min(1, weight / P.verbWeight);
      if ((methodWanted.get(term) ?? 0) < fit) methodWanted.set(term, fit);
    }
  }
  for (const group of groups) {
    // The group weighs what its first term (the user's own word, or the most fitting API term) weighs in this catalog:
    // a rare synonym ("alert") must not outweigh the common word that was meant ("incident").
    let groupIdf: number | undefined;
    // A word the catalog never uses ("ring" where the API says "call") means something here only through its API
    // terms: they stand in for it at more of its weight.
    let stand = 1;
    let first = true;
    for (const [term, weight] of group) {
      const posting = index.postings.get(term);
      if (first) {
        first = false;
        if (!posting && group.size > 1) stand = P.absentWordBoost;
      }
      if (!posting) continue;
      groupIdf ??= posting.idf;
      const idf =
        P.idfMode === 'group' ? groupIdf : P.idfMode === 'own' ? posting.idf : Math.sqrt(groupIdf * posting.idf);
      const factor = Math.min(1, weight * stand) * idf * (k1 + 1);
      const { tools, frequencies } = posting;
      for (let at = 0; at < tools.length; at++) {
        const frequency = frequencies[at]!;
        const position = tools[at]!;
        const value = (factor * frequency) / (k1 + frequency);
        if (best[position] === 0) touched.push(position);
        if (value > best[position]!) best[position] = value;
      }
    }
    for (const position of touched) {
      scores[position]! += best[position]!;
      best[position] = 0;
    }
    touched.length = 0;
  }
  for (let position = 0; position < count; position++) {
    if (scores[position]! <= 0) continue;
    let factor = request.intent === undefined ? 1 : intentFactor(request.intent, index.intents[position]!);
    // What the tool is about (its resource's last word) is what the request asks about: the strongest single cue.
    // A nested tool whose subject the request never names (`user_notification_rules` for "remove Omar") sinks.
    // A question about no record in particular ("who pushed code last week?") wants a list, not one record's get.
    if (!request.namesRecord && index.singleRecord[position]) factor *= P.unnamedRecordFactor;
    const verbs = index.methodVerbs[position]!;
    if (verbs.length > 0 && methodWanted.size > 0) {
      let fit = 0;
      for (const verb of verbs) fit = Math.max(fit, methodWanted.get(verb) ?? 0);
      factor *= 1 + P.methodVerbBonus * fit;
    }
    const head = index.heads[position]!;
    const headWeight = request.containers.has(head) ? undefined : terms.get(head);
    if (headWeight !== undefined) factor *= 1 + P.headBonus * Math.min(1, headWeight);
    else if (index.resources[position]!.length > 1) factor *= P.unnamedHeadFactor;
    scores[position]! *= factor;
  }
  return scores;
}

const headSets = new WeakMap<SelectionIndex, ReadonlySet<string>>();

function headsOf(index: SelectionIndex): ReadonlySet<string> {
  let heads = headSets.get(index);
  if (!heads) {
    heads = new Set(index.heads.filter(Boolean));
    headSets.set(index, heads);
  }
  return heads;
}

/**
 * The request's groups read against this catalog:
 * - a verb that is also one of the catalog's subjects is that subject ("who called us" in a telephony API asks about
 *   calls; "comment on PROJ-9" where comments exist): it weighs as a noun;
 * - a verb also means the one who does it, where the catalog has that word: "follow" → followers, "watch" →
 *   watchers, "sign" → signers.
 */
function forCatalog(
  index: SelectionIndex,
  request: AnalysedRequest,
): { groups: ReadonlyArray<ReadonlyMap<string, number>>; terms: ReadonlyMap<string, number> } {
  let groups: Array<ReadonlyMap<string, number>> | undefined;
  let terms: Map<string, number> | undefined;
  for (const [at, group] of request.groups.entries()) {
    let grown: Map<string, number> | undefined;
    for (const [term, weight] of group) {
      if (request.verbTerms.has(term) && weight <= P.verbWeight && headsOf(index).has(term)) {
        grown ??= new Map(group);
        grown.set(term, Math.min(1, (weight / P.verbWeight) * P.verbSubjectWeight));
      }
      if (term.length < 4) continue;
      const agent = term.endsWith('e') ? `${term}r` : `${term}er`;
      if (group.has(agent) || !index.postings.has(agent)) continue;
      grown ??= new Map(group);
      const value = weight * P.agentNounFactor;
      if ((grown.get(agent) ?? 0) < value) grown.set(agent, value);
    }
    if (!grown) continue;
    groups ??= [...request.groups];
    groups[at] = grown;
    terms ??= new Map(request.terms);
    for (const [term, weight] of grown) if ((terms.get(term) ?? 0) < weight) terms.set(term, weight);
  }
  return { groups: groups ?? request.groups, terms: terms ?? request.terms };
}

/** Tool positions with a score above 0, best first (ties by catalog order, so the result is stable). */
export function rankPositions(scores: Float64Array, limit = scores.length): number[] {
  const positions: number[] = [];
  for (let position = 0; position < scores.length; position++) if (scores[position]! > 0) positions.push(position);
  positions.sort((left, right) => scores[right]! - scores[left]! || left - right);
  return positions.length > limit ? positions.slice(0, limit) : positions;
}
