/**
 * The Porter stemmer (M.F. Porter, "An algorithm for suffix stripping", 1980): `assigned` and `assignee` →
 * `assign`, `policies` and `policy` → `polici`, `notifications` → `notif`. The classic algorithm rather than a
 * package: the SDK's runtime dependencies stay four, and this is the stemmer BM25 rankers are tuned with.
 * Input: one lower-case word of a–z; anything else comes back unchanged.
 */

const stems = new Map<string, string>();
/** Enough for every distinct word of a few thousand tools and their schemas; then the cache starts over. */
const MAX_CACHED = 50_000;

/**
 * Words Porter would fold into a different word users say often: "activity" is not "activate", "important" not
 * "import", "opening" hours not "open", a "commenter" not a "comment", "called" X not a phone call.
 */
const KEPT_APART: Readonly<Record<string, string>> = {
  activity: 'activity',
  activities: 'activity',
  important: 'important',
  opening: 'opening',
  openings: 'opening',
  commenter: 'commenter',
  commenters: 'commenter',
  // "a file called X" searches by name; "calls" are phone calls.
  called: 'called',
  // "using" is not "us".
  use: 'use',
  uses: 'use',
  used: 'use',
  using: 'use',
  // Investment "holdings", not a "hold" on a call or a payout.
  holding: 'holding',
  holdings: 'holding',
};

/** Irregular past forms users write ("what has Acme sent me", "who paid"): stemmed as their verb. */
const IRREGULAR: Readonly<Record<string, string>> = {
  sent: 'send',
  paid: 'pay',
  bought: 'buy',
  sold: 'sell',
  wrote: 'write',
  written: 'write',
  told: 'tell',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  brought: 'bring',
  built: 'build',
  kept: 'keep',
  ran: 'run',
  spent: 'spend',
  began: 'begin',
  chose: 'choose',
  chosen: 'choose',
  drew: 'draw',
  froze: 'freeze',
  frozen: 'freeze',
  hid: 'hide',
  hidden: 'hide',
  rang: 'ring',
  rung: 'ring',
  shook: 'shake',
  stole: 'steal',
  stolen: 'steal',
  won: 'win',
};

/**
 * British spellings read as the American ones most APIs use: "organisation" finds `organizations`, "cheque"
 * finds `check_deposits`, "favourite" finds `favorites`. Users write one, vendors the other, in either direction.
 */
const BRITISH_WORDS: Readonly<Record<string, string>> = {
  cheque: 'check',
  cheques: 'checks',
  licence: 'license',
  licences: 'licenses',
  defence: 'defense',
  offence: 'offense',
  programme: 'program',
  programmes: 'programs',
  catalogue: 'catalog',
  catalogues: 'catalogs',
  dialogue: 'dialog',
  dialogues: 'dialogs',
  analyse: 'analyze',
  analysed: 'analyzed',
  analysing: 'analyzing',
  enrol: 'enroll',
  enrolment: 'enrollment',
  enrolments: 'enrollments',
  grey: 'gray',
  practise: 'practice',
};
const BRITISH_SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/isation(s?)$/, 'ization$1'],
  [/^(colo|favo|behavio|hono|labo|neighbo|flavo|humo|rumo|harbo|endeavo)ur/, '$1r'],
  [/^(cent|met|theat|fib|lit|calib)re(s?)$/, '$1er$2'],
  [
    /^(author|organ|custom|recogn|summar|categor|priorit|synchron|normal|initial|final|personal|optim|util|real|serial|capital|visual|minim|maxim|sanit|standard|local|special|character|central|token|anonym|digit|item|emphas|apolog|memor|monet|modern|critic|mobil|stabil|neutral|general|legal|penal|famil|vandal|global)is(e|es|ed|ing|er|ers)$/,
    '$1iz$2',
  ],
];

function american(word: string): string {
  const known = BRITISH_WORDS[word];
  if (known !== undefined) return known;
  for (const [pattern, replacement] of BRITISH_SUFFIXES)
    if (pattern.test(word)) return word.replace(pattern, replacement);
  return word;
}

export function stem(word: string): string {
  const cached = stems.get(word);
  if (cached !== undefined) return cached;
  const stemmed = stemOnce(american(word));
  if (stems.size >= MAX_CACHED) stems.clear();
  stems.set(word, stemmed);
  return stemmed;
}

function stemOnce(word: string): string {
  const irregular = IRREGULAR[word];
  const stemmed =
    KEPT_APART[word] ??
    (irregular !== undefined ? porter(irregular) : word.length < 3 || !/^[a-z]+$/.test(word) ? word : porter(word));
  return stemmed;
}

function isConsonant(word: string, index: number): boolean {
  const letter = word[index]!;
  if ('aeiou'.includes(letter)) return false;
  if (letter === 'y') return index === 0 || !isConsonant(word, index - 1);
  return true;
}

/** Porter's m: the number of vowel–consonant sequences in `stemPart`. */
function measure(stemPart: string): number {
  let count = 0;
  let index = 0;
  const length = stemPart.length;
  while (index < length && isConsonant(stemPart, index)) index++;
  while (index < length) {
    while (index < length && !isConsonant(stemPart, index)) index++;
    if (index >= length) break;
    while (index < length && isConsonant(stemPart, index)) index++;
    count++;
  }
  return count;
}

function hasVowel(stemPart: string): boolean {
  for (let index = 0; index < stemPart.length; index++) if (!isConsonant(stemPart, index)) return true;
  return false;
}

function endsWithDoubleConsonant(word: string): boolean {
  const length = word.length;
  return length >= 2 && word[length - 1] === word[length - 2] && isConsonant(word, length - 1);
}

/** Consonant–vowel–consonant at the end, the last not w, x or y (`hop`, not `snow`). */
function endsCvc(word: string): boolean {
  const length = word.length;
  if (length < 3) return false;
  if (!isConsonant(word, length - 1) || isConsonant(word, length - 2) || !isConsonant(word, length - 3)) return false;
  return !'wxy'.includes(word[length - 1]!);
}

/** Replaces `suffix` by `replacement` when the rest has a measure above `minimum`; undefined when the rule does not apply. */
function replaceIf(word: string, suffix: string, replacement: string, minimum: number): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const rest = word.slice(0, -suffix.length);
  return measure(rest) > minimum ? rest + replacement : word;
}

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];

const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

function porter(input: string): string {
  let word = input;
  // Step 1a: plurals.
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ies')) word = word.slice(0, -2);
  else if (!word.endsWith('ss') && word.endsWith('s')) word = word.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  let restored = false;
  if (word.endsWith('eed')) {
    if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
  } else if (word.endsWith('ed') && hasVowel(word.slice(0, -2))) {
    word = word.slice(0, -2);
    restored = true;
  } else if (word.endsWith('ing') && hasVowel(word.slice(0, -3))) {
    word = word.slice(0, -3);
    restored = true;
  }
  if (restored) {
    if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
    else if (endsWithDoubleConsonant(word) && !/[lsz]$/.test(word)) word = word.slice(0, -1);
    else if (measure(word) === 1 && endsCvc(word)) word += 'e';
  }
  // Step 1c: y → i after a vowel-bearing stem.
  if (word.endsWith('y') && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  // Steps 2 and 3: derivational suffixes, when the stem has m > 0.
  for (const rules of [STEP2, STEP3]) {
    for (const [suffix, replacement] of rules) {
      const replaced = replaceIf(word, suffix, replacement, 0);
      if (replaced !== undefined) {
        word = replaced;
        break;
      }
    }
  }
  // Step 4: remove a suffix when m > 1.
  for (const suffix of STEP4) {
    if (!word.endsWith(suffix)) continue;
    const rest = word.slice(0, -suffix.length);
    if (measure(rest) > 1 && (suffix !== 'ion' || /[st]$/.test(rest))) word = rest;
    break;
  }
  // Step 5a: a final e.
  if (word.endsWith('e')) {
    const rest = word.slice(0, -1);
    const m = measure(rest);
    if (m > 1 || (m === 1 && !endsCvc(rest))) word = rest;
  }
  // Step 5b: -ll → -l when m > 1.
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}
