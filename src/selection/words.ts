/**
 * Text → terms, the same way for tools and for requests: markup dropped, identifiers split (`service_ids[]`,
 * `teams.any`, `addFollowers`), lower-cased, stop words removed, stemmed.
 */
import { stem } from './stem.js';

/**
 * Words that say nothing about what a tool does or what a user wants from one. Question words and verbs are not
 * here: they carry intent (see intent.ts) and sometimes meaning (`who` → people).
 */
const STOP_WORDS = new Set(
  `a an the and or but if then else of to in on at by for from with without into onto about as is are was were be been
  being am do does did doing done have has had having it its it's this that these those there here i me my mine we us
  our ours you your yours he him his she her hers they them their theirs what's that's let lets let's please could
  would should can will shall may might must just also too very so than such some any each both either neither own
  same other only again further once up down out off over under more most much many few own via per etc e g eg ie
  i'm we're you're they're i've we've i'd we'd isn't aren't don't doesn't didn't won't can't cannot hasn't haven't
  now right currently really actually basically quickly kindly thanks thank hi hey ok okay new every everything
  whatever anything something`.split(/\s+/),
);

/** Stop words that still mean something in an API: `/users/me` is the caller. */
const KEPT_IN_TOOLS = new Set(['me']);

/** Truto's and OpenAPI's filler in names and descriptions: every tool has them, so they only add noise. */
const FILLER = new Set(['single', 'all', 'by', 'id', 'ids', 'gid', 'gids', 'uuid', 'returns', 'return', 'given']);

/** Strips HTML tags, Markdown links' targets and code fences, leaving the readable words. */
export function readableText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/&[a-z]+;/g, ' ');
}

/**
 * Lower-case words of a text or an identifier: `addFollowers` → add, followers; `service_ids[]` → service, ids;
 * `AB_test` → ab, test. Apostrophes stay inside words (`don't`) so the stop list sees them whole.
 */
export function wordsOf(text: string): string[] {
  let spaced = /[A-Z]/.test(text)
    ? text
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase()
    : text;
  if (spaced.includes('’') || spaced.includes('‘')) spaced = spaced.replace(/[’‘]/g, "'");
  const words: string[] = [];
  for (const raw of spaced.split(/[^a-z0-9']+/)) {
    const word = raw.includes("'") ? raw.replace(/^'+|'+$/g, '') : raw;
    if (word !== '') words.push(word);
  }
  return words;
}

/** The words that carry meaning: no stop words, no bare numbers, no one-letter words. */
export function contentWords(words: readonly string[]): string[] {
  return words.filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !/^\d+$/.test(word));
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

function isNumber(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** A word without its possessive `'s` and apostrophes: `maria's` → maria, `can't` → cant. */
export function bareWord(word: string): string {
  return word.endsWith("'s") ? word.slice(0, -2) : word.replace(/'/g, '');
}

/** Stemmed terms of a tool's text: what the index stores. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    if (word.length < 2 || isNumber(word) || (STOP_WORDS.has(word) && !KEPT_IN_TOOLS.has(word))) continue;
    const bare = word.includes("'") ? bareWord(word) : word;
    if (bare.length > 1 && !FILLER.has(bare)) terms.push(stem(bare));
  }
  return terms;
}

/**
 * Adjacent pairs written as one word, so that `open_ai` finds "openai", `on call` finds `oncalls` and `web hook`
 * finds `webhooks`. Stemmed like any term.
 */
export function joinedPairs(words: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let index = 1; index < words.length; index++) {
    const left = words[index - 1]!;
    const right = words[index]!;
    if (left.length < 2 || right.length < 2 || /\d/.test(left + right)) continue;
    pairs.push(stem(left + right));
  }
  return pairs;
}
