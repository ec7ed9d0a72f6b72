/**
 * What a request names rather than describes: "the 'Backlog' column", "the Website Relaunch project", "Priya",
 * "Maria's timesheet", "the checkout outage". Names matter twice. Their words say nothing about which tool to use
 * ("Q3 budget review" is a task, not a budget), so they are kept out of the search terms; and a thing known only by
 * its name must be looked up before anything can be done to it, so the request needs a list or search tool for it
 * as well as the tool that acts (a two-step request). Things given by id ("task 500", "incident P1X2") and email
 * addresses need no lookup.
 */

import { requestIntent } from './intent.js';
import { type PrefixedId, type PrefixKinds, prefixedIds, UUID } from './record-ids.js';
import { wordsOf } from './words.js';

export interface NamedReference {
  /** The name as written. */
  name: string;
  /**
   * The lower-case word saying what kind of thing it is ("column", "team"), when the request says; undefined for
   * a bare name.
   */
  kind?: string;
  /** A bare capitalised name with nothing saying otherwise: most likely a person. */
  person: boolean;
}

export interface RequestReading {
  references: NamedReference[];
  /** Lower-case words that belong to names, quotes, ids, emails, URLs or dates: not search terms. */
  nameWords: ReadonlySet<string>;
  /** Lower-case date words ("friday", "next", "week"): a weak hint that date filters matter, not search terms. */
  dateWords: ReadonlySet<string>;
  /**
   * The request carries a URL, an email address, a phone number, a `#channel`, a ticket reference (`#123`,
   * `ENG-42`) or a file name (`report.pdf`, `docs/setup.md`, `README`): arguments that hint at the tool.
   */
  values: {
    url: boolean;
    email: boolean;
    phone: boolean;
    channel: boolean;
    ticket: boolean;
    file: boolean;
    /** A version number (`v3.1.0`, `2.4.1`): releases, tags, versions. */
    version: boolean;
    /** Two versions ("between v2.0.0 and v2.1.0"): a comparison. */
    comparison: boolean;
    /** A folder's path ("/Clients/Acme/Invoices"): the tool works on folders. */
    folder: boolean;
  };
  /** The person named right after the request's verb ("Remove Omar", "Invite Dana"): the object acted on. */
  personIsObject: boolean;
  /** Lower-case words followed by an id ("task" in "task 500"): those records need no lookup. */
  identifiedKinds: ReadonlySet<string>;
  /**
   * Lower-case words naming where the request acts rather than what it acts on: "in project 42", "within board 7".
   * The subject is the request's other nouns ("which milestones in project 7" asks for milestones).
   */
  containerWords: ReadonlySet<string>;
  /** The `#channel` is where the request acts ("post it in #releases"), not what it acts on. */
  channelIsPlace: boolean;
  /** Ids whose prefix may say their kind (`po_1NXa4e`, `CA8f3e…`); see record-ids.ts. */
  prefixedIds: readonly PrefixedId[];
  /**
   * Per prefixed id, the catalog heads its prefix names (filled by a catalog-aware reader, lookups.ts): kinds the
   * request names by id, so they need no lookup and their tools matter.
   */
  idKinds: readonly PrefixKinds[];
  /** The catalog's head for a ticket reference (`ENG-42` in a tracker whose records are issues: `issu`). */
  ticketHead?: string;
}

const DETERMINERS = new Set(['the', 'our', 'my', 'their', 'his', 'her', 'this', 'that', 'your', 'its']);
/** Lower-case words that describe rather than name ("the new project", "the whole team"). */
const GENERIC_MODIFIERS = new Set(
  `new same whole entire other next last current latest first following previous existing pending open closed old
  main default only private public shared primary secondary weekly daily monthly yearly active archived recent
  big small important urgent right wrong best worst top bottom full empty my our all every each any some few most
  online offline away busy free available around here there back auto automatic manual newest oldest biggest largest smallest highest
  lowest earliest longest newer older recent upcoming overdue unpaid paid outstanding failed expired scheduled
  cancelled canceled completed finished draft sent unread deleted blocked suspended inactive verified unverified
  declined refunded disputed`.split(/\s+/),
);
const DATE_WORDS = new Set(
  `today tonight yesterday tomorrow morning afternoon evening night noon midnight week weeks weekend month months
  quarter quarters year years day days ago since until till before after between during from last next this past
  coming monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  january february march april may june july august september october november december jan feb mar apr jun jul aug
  sep sept oct nov dec christmas easter thanksgiving am pm eod eow eom q1 q2 q3 q4 ytd mtd`.split(/\s+/),
);
const ORGANISATION_SUFFIXES = new Set([
  'inc',
  'corp',
  'corporation',
  'ltd',
  'llc',
  'gmbh',
  'co',
  'plc',
  'sa',
  'ag',
  'bv',
]);
const CONTRACTED = new Set([
  'what',
  'who',
  'where',
  'when',
  'how',
  'why',
  'that',
  'it',
  'there',
  'here',
  'let',
  'he',
  'she',
  'this',
]);
/** Verbs whose person is who receives, not what is acted on: "Give Maya her money back", "Text Sam". */
const RECIPIENT_VERBS = new Set(
  `give send tell email mail text message dm call ring phone pay refund bill charge invoice remind ask notify ping
  show book thank forward offer let lend owe reply answer`.split(/\s+/),
);
/**
 * "in project 42", "within board 7": the record is where the request acts. Not "on" or "for": "on policy PEP1" and
 * "for task 9" usually name what is changed.
 */
const CONTAINER_PREPOSITIONS = new Set(['in', 'within', 'inside', 'under', 'across']);
/** Slash pairs that are words, not names. */
const EITHER_OR = new Set(['and/or', 'yes/no', 'on/off', 'read/write', 'in/out', 'he/him', 'she/her', 'they/them']);
/** Verbs that put something into a record: "add … to", "put … on". */
const ADDING_VERBS = new Set(['add', 'put', 'attach', 'append', 'insert', 'drop', 'stick', 'pin']);
const POLITE_WORDS = new Set(['please', 'can', 'could', 'you', 'would', 'kindly', 'go', 'ahead', 'and']);
const INTO_PREPOSITIONS = new Set(['to', 'into', 'onto']);

/**
 * Whether the words before a record's kind (`in project 7`, `to the offsite checklist 6a7b…`) make it the place
 * where the request acts: a container preposition, possibly followed by a determiner and a modifier or two.
 */
function isContainerAt(tokens: readonly Token[], at: number, addsInto: boolean): boolean {
  for (let back = at; back >= 0 && back >= at - 2; back--) {
    const word = tokens[back]!.lower;
    if (CONTAINER_PREPOSITIONS.has(word) || (addsInto && INTO_PREPOSITIONS.has(word))) return true;
    if (back < at && !DETERMINERS.has(word) && back !== at) return false;
    if (back === at && !DETERMINERS.has(word) && !/^[a-z]+$/.test(word)) return false;
  }
  return false;
}

/** States users capitalise ("move it to Done"): words about a status change, not names to look up. */
const STATE_NAMES = new Set(['done', 'closed', 'resolved', 'won', 'lost', 'blocked', 'backlog', 'todo', 'complete']);
/**
 * "out-of-office", "join-before-host", "end-of-month": a lower-case compound joined by a function word describes;
 * "legacy-reports" and "major-incident" may well be names.
 */
function isDescriptiveCompound(text: string, isKnownWord: (word: string) => boolean): boolean {
  if (!/^[a-z]+(?:-[a-z]+)+$/.test(text)) return false;
  const parts = text.split('-');
  return (
    parts.some((part) => COMPOUND_JOINERS.has(part)) && parts.every((part) => part.length <= 3 || isKnownWord(part))
  );
}

const COMPOUND_JOINERS = new Set(['of', 'before', 'after', 'to', 'in', 'on', 'by', 'for', 'at', 'the', 'and', 'or']);

/** Files known by name alone. */
const FILE_NAMES = new Set(['readme', 'license', 'dockerfile', 'makefile']);
/** "e.g", "i.e", "St.Louis" and the like end like file names but are not. */
const NOT_FILE_ENDINGS = new Set(['g', 'e', 'm', 'am', 'pm', 'com', 'org', 'net', 'io']);
/** Dash-number words that are not ticket keys. */
const NOT_TICKET_KEYS = new Set(['SEV', 'P', 'ISO', 'UTF', 'RFC', 'COVID', 'CVE']);
/** Words after which a name is what something will be called, not something to look up. */
const NAMING_WORDS = new Set(['called', 'named', 'titled', 'entitled', 'as']);
/** Pronouns after "called": the word is a phone call ("who called us?"), not a naming. */
export const OBJECT_PRONOUNS = new Set(['us', 'me', 'you', 'him', 'her', 'them', 'back']);
/** Words meaning "every person": the request needs the list of people, not one of them. */
const EVERYONE = new Set(['anyone', 'anybody', 'everyone', 'everybody', 'someone', 'somebody', 'nobody']);
/** Capitalised words that are not names at the start of a sentence or anywhere. */
const NOT_NAMES = new Set(['i', 'im', 'ok', 'okay', 'please', 'hi', 'hey', 'thanks']);

interface Token {
  text: string;
  lower: string;
  start: number;
  /** First of a sentence (after start, `.`, `!`, `?`, `;`, `:`). */
  sentenceStart: boolean;
  /** A comma, bracket or slash comes before it: "Low, Medium, High" is three names, not one. */
  separated: boolean;
  possessive: boolean;
}

export interface ReadOptions {
  /**
   * Whether a lower-case word names a kind of record the catalog has ("team"; "column" when sections exist): only
   * such words turn "the X <word>" into a named reference. `loose` also accepts verbs that imply a kind
   * ("labelled 'urgent'" names a tag).
   */
  isKind(word: string, loose?: boolean): boolean;
  /** Whether a lower-case word is ordinary vocabulary (a verb, a catalog term): capitalised, it is still no name. */
  isKnownWord(word: string): boolean;
  /**
   * Whether lower-case words, in order, are words of one of the catalog's resources (`super chat` where
   * `super_chat_events` exists): capitalised, they are the product's name for that thing, not a record's name.
   */
  isCatalogPhrase?(words: readonly string[]): boolean;
}

/** Reads the names, ids and dates out of a request. */
export function readRequest(text: string, options: ReadOptions): RequestReading {
  const { isKind, isKnownWord } = options;
  const references: NamedReference[] = [];
  const nameWords = new Set<string>();
  const dateWords = new Set<string>();
  const consumed = new Set<number>();
  const values = {
    url: false,
    email: false,
    phone: false,
    channel: false,
    ticket: false,
    file: false,
    version: false,
    comparison: false,
    folder: false,
  };
  let personIsObject = false;
  // A name's words leave the search terms whole and in parts ("legacy-reports" → legacy, reports).
  const addName = (word: string) => {
    nameWords.add(word);
    for (const part of word.split(/[^a-z0-9]+/)) if (part) nameWords.add(part);
  };

  // Emails, URLs and ids are arguments, not words about the tool. Prefixed ids become a neutral id token, so that
  // "invoice in_77zz" still reads as an invoice given by id.
  const ids = prefixedIds(text);
  let scrubbed = text;
  for (const [position, { id }] of ids.entries()) {
    addName(id.toLowerCase());
    for (const part of wordsOf(id)) nameWords.add(part);
    scrubbed = scrubbed.replace(id, `x${position}y0`);
  }
  scrubbed = scrubbed.replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, (email) => {
    addName(email.toLowerCase());
    values.email = true;
    return ' ';
  });
  scrubbed = scrubbed.replace(/https?:\/\/\S+/g, (url) => {
    addName(url.toLowerCase());
    values.url = true;
    return ' ';
  });
  scrubbed = scrubbed.replace(/(?<![A-Za-z0-9])\+?\d[\d\s().-]{6,}\d(?![A-Za-z0-9])/g, (digits) => {
    if (digits.replace(/\D/g, '').length < 7) return digits;
    values.phone = true;
    return ' ';
  });

  // A version ("v3.1.0", "2.4.1"): the request is about releases or tags. Before file names: "2.4.1" is not one.
  scrubbed = scrubbed.replace(
    /(^|[\s(])(v?\d+\.\d+\.\d+(?:-[\w.]+)?|v\d+\.\d+)(?=$|[\s,;:!?)])/g,
    (_whole, before, version) => {
      addName(version.toLowerCase());
      if (values.version) values.comparison = true;
      values.version = true;
      return `${before} `;
    },
  );

  // A file name ("Q3 report.pdf", "docs/setup.md", "README"): the tool works on files.
  scrubbed = scrubbed.replace(
    /(^|[\s(])([\w/-]*[A-Za-z0-9]\.[A-Za-z][A-Za-z0-9]{0,4}|README|LICENSE|Dockerfile|Makefile)(?=$|[\s,;:!?)])/g,
    (whole, before, name) => {
      if (!/^[\w/-]*[A-Za-z0-9]\.[A-Za-z][A-Za-z0-9]{0,4}$/.test(name) && !FILE_NAMES.has(name.toLowerCase())) {
        return whole;
      }
      if (NOT_FILE_ENDINGS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) return whole;
      addName(name.toLowerCase());
      for (const part of wordsOf(name)) nameWords.add(part);
      values.file = true;
      return `${before} `;
    },
  );

  // "/Clients/Acme/Invoices", "/Exports/": a folder's path (a file's was read above), never words about the tool.
  scrubbed = scrubbed.replace(/(^|[\s('"])(\/[\w.-]+(?:\/[\w.-]+)*\/?)(?=$|[\s,;:!?)'"])/g, (_whole, before, path) => {
    addName(path.toLowerCase());
    for (const part of wordsOf(path)) nameWords.add(part);
    values.folder = true;
    return `${before} `;
  });

  // "acme/web-app", "owner/repo": a path-like name (a repository, a workspace's project), never words about the tool.
  // Dates (10/12) and either/or words ("and/or", "yes/no") are not.
  scrubbed = scrubbed.replace(
    /(^|[\s(])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*[A-Za-z0-9])(?=$|[\s,;:!?)])/g,
    (whole, before, name) => {
      if (/^\d+\/\d+/.test(name) || EITHER_OR.has(name.toLowerCase())) return whole;
      addName(name.toLowerCase());
      for (const part of wordsOf(name)) nameWords.add(part);
      return `${before} `;
    },
  );

  // What the user wants said is content, not words about the tool: "let her know we've processed her refund",
  // "tell the reporter we can't reproduce it", "… saying the build is green".
  const said =
    /\b(let\s+(?!me\b|us\b)\S+\s+know|tell\s+(?:\S+\s+){0,2}?(?:that|we|they|it|he|she|i|you)|saying|that\s+says|to\s+say)\b/i.exec(
      scrubbed,
    );
  if (said) {
    // The clause's own words ("let … know", "tell the reporter") say how, not which tool, except the verb "tell".
    const content = scrubbed.slice(said.index + (said[1]!.toLowerCase().startsWith('tell') ? 4 : 0));
    for (const word of wordsOf(content)) addName(word);
    scrubbed = scrubbed.slice(0, said.index + said[0].length);
  }

  const codeKinds = new Set<string>();
  // "AcmeShop_NL_ECOM", "Acme_Store_5": an account's or a record's code name, never words about the tool.
  scrubbed = scrubbed.replace(/(^|[\s(])([A-Za-z0-9]+(?:_[A-Za-z0-9]+)+)(?=$|[\s,;:!?.)])/g, (whole, before, code) => {
    if (!/[A-Z0-9]/.test(code)) return whole;
    // "Label_42", "check_transfer_5512", "account_ops_01": the catalog's kind, then the record's code; the kind's
    // words stay words of the request.
    const kindWords = leadingKind(code, options);
    if (kindWords !== undefined) {
      nameWords.add(code.toLowerCase());
      for (const part of code.toLowerCase().split('_').slice(kindWords.length)) nameWords.add(part);
      codeKinds.add(kindWords.at(-1)!);
    } else {
      addName(code.toLowerCase());
      for (const part of wordsOf(code)) nameWords.add(part);
    }
    return `${before} x${code.length}y0 `;
  });

  // A ticket key ("ENG-42", "PROJ-123"): an issue tracker's record, given by id.
  scrubbed = scrubbed.replace(/(^|[\s(])([A-Z][A-Z0-9]{1,9})-(\d{1,7})(?=$|[\s.,;:!?)])/g, (whole, before, key) => {
    if (NOT_TICKET_KEYS.has(key)) return whole;
    addName(key.toLowerCase());
    values.ticket = true;
    return `${before} `;
  });

  // "#support" is a channel and "@oncall" a handle: names, never search terms. "#17" is a ticket or issue number.
  const channels: string[] = [];
  const numberedKinds = new Set<string>();
  let channelIsPlace = false;
  scrubbed = scrubbed.replace(
    /(^|[\s(])([#@])([A-Za-z0-9][\w.-]*[A-Za-z0-9]|[A-Za-z0-9])/g,
    (_whole, before, sign, name, offset: number, whole: string) => {
      addName(name.toLowerCase());
      for (const part of wordsOf(name)) nameWords.add(part);
      if (sign === '#' && /^\d+$/.test(name)) {
        // "order #1042" is an order given by number; a bare "#17" is a tracker's ticket.
        const kindBefore = /([A-Za-z]+)\s*$/.exec(whole.slice(0, offset + before.length))?.[1]?.toLowerCase();
        if (kindBefore !== undefined && isKind(kindBefore)) numberedKinds.add(kindBefore);
        else values.ticket = true;
      } else if (sign === '#') {
        values.channel = true;
        channels.push(name);
        // "Post it in #releases": the channel is where, the message what.
        if (/\bin\s*$/i.test(whole.slice(0, offset + before.length))) channelIsPlace = true;
      }
      return `${before} `;
    },
  );

  const tokens = tokenize(scrubbed);
  // "Add 'Book the venue' to the offsite checklist 6a7b…": what is added goes into the record, which is where.
  const addsInto = ADDING_VERBS.has(tokens.find((token) => !POLITE_WORDS.has(token.lower))?.lower ?? '');
  const identifiedKinds = new Set<string>([...numberedKinds, ...codeKinds]);
  const containerWords = new Set<string>();
  for (const [position, token] of tokens.entries()) {
    if (isIdentifier(token.text)) {
      addName(token.lower);
      // "1DocA", "C024BE91L": the id's camel-case parts are not words of the request either.
      for (const part of wordsOf(token.text)) nameWords.add(part);
      if (position > 0) identifiedKinds.add(tokens[position - 1]!.lower);
      const kind = tokens[position - 1];
      if (kind && position > 1 && isKind(kind.lower) && isContainerAt(tokens, position - 2, addsInto)) {
        containerWords.add(kind.lower);
      }
    }
    if (DATE_WORDS.has(token.lower) || /^\d{1,2}(am|pm|st|nd|rd|th)$/.test(token.lower)) dateWords.add(token.lower);
  }

  // 0. What follows a colon is content ("File a bug: the app crashes on launch"), not words about the tool, when
  // what comes before asks to make something ("manage incidents: acknowledge, resolve" lists what is wanted).
  const colon = /[A-Za-z)]\s*:\s+(?=\S)/.exec(scrubbed);
  const lead = colon ? tokens.filter((token) => token.start < colon.index).map((token) => token.lower) : [];
  if (colon && lead.length > 0 && requestIntent(lead, scrubbed.slice(0, colon.index)) === 'create') {
    for (const [position, token] of tokens.entries()) {
      if (token.start <= colon.index) continue;
      consumed.add(position);
      addName(token.lower);
    }
  }

  // 1. Quoted names: the kind is the word after the quote, else the word before it.
  for (const match of scrubbed.matchAll(/(^|[\s(:,])(['"“‘])([^'"“”‘’]{1,80}?)(['"”’])(?=$|[\s.,;:!?)])/g)) {
    const name = match[3]!.trim();
    if (!name) continue;
    const start = match.index + match[1]!.length;
    const end = start + match[0].length - match[1]!.length;
    const inside = tokens.filter((token) => token.start >= start && token.start < end);
    for (const token of inside) {
      consumed.add(tokens.indexOf(token));
      addName(token.lower);
    }
    const after = tokens.find((token) => token.start >= end);
    const before = [...tokens].reverse().find((token) => token.start < start);
    const kind =
      after && isKind(after.lower) ? after.lower : before && isKind(before.lower, true) ? before.lower : undefined;
    references.push({ name, ...(kind ? { kind } : {}), person: false });
  }

  // 2. "the <modifiers> <kind>": the checkout outage, our Datadog monitors, the 2025 Initiatives portfolio.
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (consumed.has(index) || !isKind(token.lower)) continue;
    const modifiers: Token[] = [];
    let at = index - 1;
    while (at >= 0 && modifiers.length < 3 && !DETERMINERS.has(tokens[at]!.lower) && !consumed.has(at)) {
      modifiers.unshift(tokens[at]!);
      at--;
    }
    const determiner = tokens[at];
    const followedById = tokens[index + 1] !== undefined && isIdentifier(tokens[index + 1]!.text);
    if (!determiner || !DETERMINERS.has(determiner.lower) || modifiers.length === 0 || followedById) continue;
    const naming = modifiers.filter(
      (modifier) =>
        // "the 20 newest customers" counts; "the 2025 Initiatives portfolio" and "the Q3 plan" name.
        (!GENERIC_MODIFIERS.has(modifier.lower) || /^[A-Z0-9]/.test(modifier.text)) &&
        !/^\d{1,3}$/.test(modifier.text) &&
        !isDescriptiveCompound(modifier.text, isKnownWord),
    );
    if (naming.length === 0 || naming.some((modifier) => isKind(modifier.lower) && !/^[A-Z]/.test(modifier.text))) {
      continue;
    }
    // "the Super Chat tips": the modifiers and the kind are one of the catalog's resources, not a name.
    if (options.isCatalogPhrase?.([...naming.map((modifier) => modifier.lower), token.lower])) continue;
    for (const modifier of naming) {
      consumed.add(tokens.indexOf(modifier));
      addName(modifier.lower);
    }
    references.push({ name: naming.map((modifier) => modifier.text).join(' '), kind: token.lower, person: false });
  }

  // 3. What something is to be called: "a service called inventory-api".
  for (let index = 0; index < tokens.length - 1; index++) {
    if (!NAMING_WORDS.has(tokens[index]!.lower) || tokens[index]!.lower === 'as' || consumed.has(index + 1)) continue;
    // "Who called us?", "called me back": a phone call, not a name.
    if (OBJECT_PRONOUNS.has(tokens[index + 1]!.lower)) continue;
    const name = tokens[index + 1]!;
    consumed.add(index + 1);
    addName(name.lower);
    // Capitalised names run on: "called Hiring Pipeline".
    for (
      let at = index + 2;
      at < tokens.length && !tokens[at]!.separated && isCapitalisedName(tokens[at]!) && /^[A-Z]/.test(name.text);
      at++
    ) {
      consumed.add(at);
      addName(tokens[at]!.lower);
    }
  }

  // 3b. Handles written in lower case ("get dana-w and li-chen to review"): a hyphenated word none of whose parts is
  // a word of the catalog or the language is somebody's login ("sub-item" and "check-in" are words).
  for (const [index, token] of tokens.entries()) {
    if (consumed.has(index) || !/^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+$/.test(token.text)) continue;
    const parts = token.lower.split(/[-.]/);
    if (parts.some((part) => part.length > 2 && (isKnownWord(part) || DATE_WORDS.has(part)))) continue;
    if ((parts[0]?.length ?? 0) < 2 || isKnownWord(parts[0]!)) continue;
    consumed.add(index);
    addName(token.lower);
    references.push({ name: token.text, person: true });
  }

  // 4. Capitalised names: people, unless an organisation suffix or a kind word follows.
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (consumed.has(index) || !isCapitalisedName(token) || DATE_WORDS.has(token.lower)) continue;
    // "Xk3mP9qa" is an id that happens to start with a capital; "Done", "Closed Won" are states, said as such.
    if (isIdentifier(token.text) || STATE_NAMES.has(token.lower)) continue;
    // A sentence's first word is capitalised anyway: "Bring Alex onto..." names Alex, not "Bring Alex".
    if (token.sentenceStart && isKnownWord(token.lower) && !token.possessive) continue;
    const run = [token];
    while (
      index + 1 < tokens.length &&
      !consumed.has(index + 1) &&
      !tokens[index + 1]!.separated &&
      isCapitalisedName(tokens[index + 1]!)
    ) {
      run.push(tokens[++index]!);
    }
    const first = run[0]!;
    // "Show me the Super Chat tips", "our Help Center articles": the capitals name a feature the catalog has.
    const following = tokens[index + 1];
    const phrase = run.map((part) => part.lower);
    if (
      options.isCatalogPhrase &&
      ((run.length > 1 && options.isCatalogPhrase(phrase)) ||
        (following !== undefined && !following.separated && options.isCatalogPhrase([...phrase, following.lower])))
    ) {
      continue;
    }
    // "Priya", "Bob Smith", "Maria's": but a lone capital at a sentence's start is just a capital.
    if (first.sentenceStart && run.length === 1 && !first.possessive) continue;
    // "called Severity", "Done": ordinary words with a capital name a thing, not a person, and need no lookup; so
    // does whatever follows "called" or "named" (the name of something being made), and a list ("Low, Medium").
    const before = tokens[tokens.indexOf(first) - 1];
    const named = before !== undefined && NAMING_WORDS.has(before.lower);
    const listed = first.separated || (tokens[index + 1]?.separated ?? false);
    if (named || listed || run.every((part) => isKnownWord(part.lower))) {
      for (const part of run) addName(part.lower);
      continue;
    }
    for (const part of run) {
      consumed.add(tokens.indexOf(part));
      addName(part.lower);
    }
    const last = run.at(-1)!;
    const next = tokens[index + 1];
    const organisation = ORGANISATION_SUFFIXES.has(last.lower);
    const kindAfter =
      next && isKind(next.lower) && !last.possessive && !GENERIC_MODIFIERS.has(next.lower) ? next.lower : undefined;
    const name = run.map((part) => part.text).join(' ');
    if (organisation) references.push({ name, kind: 'company', person: false });
    else if (kindAfter) references.push({ name, kind: kindAfter, person: false });
    else {
      references.push({ name, person: true });
      // "Remove Omar", "Invite Dana to...": the person is what the request acts on.
      const verb = tokens[tokens.indexOf(first) - 1];
      if (verb && tokens.indexOf(verb) === firstContentIndex(tokens) && !RECIPIENT_VERBS.has(verb.lower)) {
        personIsObject = true;
      }
      // "Maria's timesheet": her timesheet must be found too.
      if (last.possessive && next && isKind(next.lower))
        references.push({ name: `${name}'s ${next.text}`, kind: next.lower, person: false });
    }
  }
  for (const name of channels) references.push({ name: `#${name}`, kind: 'channel', person: false });
  // "Is anyone out of office?": the request is about people at large, so their list is a lookup too.
  if (!references.some((reference) => reference.person) && tokens.some((token) => EVERYONE.has(token.lower))) {
    references.push({ name: 'everyone', person: true });
  }
  // A container is only a container when something else is named: "archive project 12" acts on the project.
  const otherSubject = values.ticket || tokens.some((token) => isKind(token.lower) && !containerWords.has(token.lower));
  if (!otherSubject) {
    containerWords.clear();
  }
  return {
    references,
    nameWords,
    dateWords,
    values,
    personIsObject,
    identifiedKinds,
    containerWords,
    channelIsPlace,
    prefixedIds: ids,
    idKinds: [],
  };
}

const OPENERS = new Set([
  'please',
  'can',
  'could',
  'would',
  'you',
  'kindly',
  'just',
  'go',
  'ahead',
  'and',
  'also',
  'now',
]);

/** Where the request's own words start, after "please", "can you"... */
function firstContentIndex(tokens: readonly Token[]): number {
  let index = 0;
  while (index < tokens.length - 1 && OPENERS.has(tokens[index]!.lower)) index++;
  return index;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  let separated = false;
  for (const match of text.matchAll(/[A-Za-z0-9][A-Za-z0-9'’-]*|[.!?;:,()/&]/g)) {
    const raw = match[0];
    if (/^[.!?;:]$/.test(raw)) {
      sentenceStart = true;
      continue;
    }
    if (/^[,()/&]$/.test(raw)) {
      separated = true;
      continue;
    }
    // "what's", "it's", "who's" are contractions, not possessives.
    const possessive = /['’]s$/i.test(raw) && !CONTRACTED.has(raw.slice(0, -2).toLowerCase());
    const word = possessive ? raw.slice(0, -2) : raw.replace(/['’]$/, '');
    tokens.push({ text: word, lower: word.toLowerCase(), start: match.index, sentenceStart, separated, possessive });
    sentenceStart = false;
    separated = false;
  }
  return tokens;
}

/** `P1X2Y3`, `PSCH1`, `1207`, `po_123`, `01HZX...`: record ids, not words. */
/**
 * The words a code name starts with when they name one of the catalog's kinds and a code with a digit follows:
 * `check_transfer_5512` → check, transfer (where check transfers exist); `Label_42` → label. The longest such run.
 */
function leadingKind(code: string, options: ReadOptions): string[] | undefined {
  const parts = code.toLowerCase().split('_');
  for (let length = Math.min(3, parts.length - 1); length >= 1; length--) {
    const words = parts.slice(0, length);
    if (!words.every((word) => /^[a-z]{2,}$/.test(word)) || !/\d/.test(parts.slice(length).join(''))) continue;
    if (length === 1 ? options.isKind(words[0]!) : options.isCatalogPhrase?.(words)) return words;
  }
  return undefined;
}

const WHOLE_UUID = new RegExp(`^${UUID.source}$`);
const MIXED_CODE = /^(?=.*\d)(?=.*[A-Z].*[A-Z])(?=.*[a-z])[A-Za-z0-9_-]{10,}$/;

export function isIdentifier(word: string): boolean {
  if (/^\d+$/.test(word)) return true;
  if (/^[a-z]{1,4}_[A-Za-z0-9]{3,}$/.test(word)) return true;
  if (WHOLE_UUID.test(word)) return true;
  // "M7lc1UVf-VE", "dQw4w9WgXcQ": a long mix of capitals, small letters and digits is a code, dashes and all.
  if (MIXED_CODE.test(word)) return true;
  // "SEV-1", "v2", "2fa" are words; "P1X2Y3", "PSCH1", "01HZX8" are ids.
  return word.length >= 4 && !word.includes('-') && /\d/.test(word) && /[A-Za-z]/.test(word);
}

function isCapitalisedName(token: Token): boolean {
  const { text } = token;
  if (!/^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]*[A-Z][a-z]/.test(text)) return false;
  return !NOT_NAMES.has(token.lower);
}
