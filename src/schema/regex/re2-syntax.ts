import type { AST } from '@eslint-community/regexpp';

/** A pattern rewritten for RE2, or the ECMAScript feature RE2 has no equivalent for. */
export type Re2Translation = { source: string } | { unsupported: string };

/**
 * Rewrites an ECMAScript pattern in RE2's syntax with the same meaning, so that a linear-time engine can run it.
 * Where the two dialects read the same text differently it spells the ECMAScript meaning out:
 *
 * - `\s` is ECMAScript's white space and line terminators (RE2's is ASCII only), `.` excludes `\r`, U+2028 and
 *   U+2029 as well as `\n`; `\d`, `\w`, `\b` are ASCII in both;
 * - every character is written as `\x{…}` (no escape can mean something else in RE2);
 * - groups become non-capturing (a test needs no captures);
 * - `\p{…}` long General_Category names become RE2's short ones; scripts pass through by name.
 *
 * Lookarounds, backreferences, repetition counts above 1000 (RE2's limit), `v`-mode set operations and property
 * names RE2 lacks are reported as unsupported; the caller keeps JavaScript's engine under a budget for those.
 * Unicode data may differ between V8's and RE2's tables for recently assigned characters.
 */
export function toRe2Syntax(pattern: AST.Pattern): Re2Translation {
  try {
    return { source: alternatives(pattern.alternatives) };
  } catch (error) {
    if (error instanceof Unsupported) return { unsupported: error.feature };
    // A pattern nested deep enough to exhaust the stack is not worth translating.
    return { unsupported: 'nesting too deep to translate' };
  }
}

class Unsupported extends Error {
  constructor(readonly feature: string) {
    super(feature);
  }
}

/** RE2's largest `{n,m}` count. */
const MAX_RE2_REPEAT = 1000;
const MAX_CODE_POINT = 0x10ffff;

type Range = readonly [number, number];

const DIGIT: readonly Range[] = [[0x30, 0x39]];
const WORD: readonly Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** ECMAScript's WhiteSpace and LineTerminator (ECMA-262 §22.2.2.9, CharacterClassEscape `s`). */
const SPACE: readonly Range[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: readonly Range[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];
const ASCII: readonly Range[] = [[0, 0x7f]];
const EVERYTHING: readonly Range[] = [[0, MAX_CODE_POINT]];

/** Unicode's long General_Category names, which ECMAScript accepts and RE2 does not. */
const CATEGORY_SHORT_NAMES: Readonly<Record<string, string>> = {
  Letter: 'L',
  Cased_Letter: 'LC',
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Mark: 'M',
  Combining_Mark: 'M',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Number: 'N',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Punctuation: 'P',
  punct: 'P',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Symbol: 'S',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Other: 'C',
  Control: 'Cc',
  cntrl: 'Cc',
  Format: 'Cf',
  Surrogate: 'Cs',
  Private_Use: 'Co',
  Unassigned: 'Cn',
};

function alternatives(list: readonly AST.Alternative[]): string {
  return list.map((alternative) => alternative.elements.map(element).join('')).join('|');
}

function element(node: AST.Element): string {
  switch (node.type) {
    case 'Character':
      return character(node.value);
    case 'CharacterSet':
      return node.kind === 'any' ? classOf(complement(LINE_TERMINATORS)) : standaloneSet(node);
    case 'CharacterClass':
      return characterClass(node);
    case 'Group':
      if (node.modifiers !== null) throw new Unsupported('inline modifiers');
      return `(?:${alternatives(node.alternatives)})`;
    case 'CapturingGroup':
      return `(?:${alternatives(node.alternatives)})`;
    case 'Quantifier':
      return quantifier(node);
    case 'Assertion':
      return assertion(node);
    case 'Backreference':
      throw new Unsupported('a backreference');
    case 'ExpressionCharacterClass':
      throw new Unsupported('set operations in a character class');
  }
}

function assertion(node: AST.Assertion): string {
  switch (node.kind) {
    case 'start':
      return '^';
    case 'end':
      return '$';
    case 'word':
      return node.negate ? '\\B' : '\\b';
    case 'lookahead':
      throw new Unsupported(node.negate ? 'a negative lookahead' : 'a lookahead');
    case 'lookbehind':
      throw new Unsupported(node.negate ? 'a negative lookbehind' : 'a lookbehind');
  }
}

function quantifier(node: AST.Quantifier): string {
  const { min, max } = node;
  if (min > MAX_RE2_REPEAT || (Number.isFinite(max) && max > MAX_RE2_REPEAT)) {
    throw new Unsupported(`a repetition count above ${MAX_RE2_REPEAT}`);
  }
  // Laziness changes which match is found, never whether one is: a test ignores it.
  const operator =
    max === Number.POSITIVE_INFINITY
      ? min === 0
        ? '*'
        : min === 1
          ? '+'
          : `{${min},}`
      : min === max
        ? `{${min}}`
        : min === 0 && max === 1
          ? '?'
          : `{${min},${max}}`;
  const inner = element(node.element);
  const atomic = node.element.type === 'Character' || node.element.type === 'CharacterClass';
  return `${atomic ? inner : `(?:${inner})`}${operator}`;
}

function character(codePoint: number): string {
  return isPlainAlphanumeric(codePoint) ? String.fromCharCode(codePoint) : hex(codePoint);
}

function isPlainAlphanumeric(codePoint: number): boolean {
  return (
    (codePoint >= 0x30 && codePoint <= 0x39) ||
    (codePoint >= 0x41 && codePoint <= 0x5a) ||
    (codePoint >= 0x61 && codePoint <= 0x7a)
  );
}

function hex(codePoint: number): string {
  return `\\x{${codePoint.toString(16).toUpperCase()}}`;
}

/** `\d`, `\s`, `\w`, `\p{…}` and their negations outside a class. */
function standaloneSet(node: AST.EscapeCharacterSet | AST.UnicodePropertyCharacterSet): string {
  const fragments = setFragments(node);
  return fragments.length === 0 ? nothing() : `[${fragments.join('')}]`;
}

function characterClass(node: AST.CharacterClass): string {
  const fragments: string[] = [];
  for (const item of node.elements) {
    switch (item.type) {
      case 'Character':
        fragments.push(hex(item.value));
        break;
      case 'CharacterClassRange':
        fragments.push(`${hex(item.min.value)}-${hex(item.max.value)}`);
        break;
      case 'CharacterSet':
        fragments.push(...setFragments(item));
        break;
      default:
        throw new Unsupported('set operations in a character class');
    }
  }
  if (fragments.length === 0) return node.negate ? classOf(EVERYTHING) : nothing();
  return `[${node.negate ? '^' : ''}${fragments.join('')}]`;
}

/** The pieces of a bracket expression that mean the set (possibly none, for a set that matches nothing). */
function setFragments(node: AST.CharacterSet): string[] {
  switch (node.kind) {
    case 'any':
      return rangeFragments(complement(LINE_TERMINATORS));
    case 'digit':
      return rangeFragments(node.negate ? complement(DIGIT) : DIGIT);
    case 'word':
      return rangeFragments(node.negate ? complement(WORD) : WORD);
    case 'space':
      return rangeFragments(node.negate ? complement(SPACE) : SPACE);
    case 'property':
      return propertyFragments(node);
  }
}

function propertyFragments(node: AST.UnicodePropertyCharacterSet): string[] {
  if (node.strings) throw new Unsupported('a property of strings');
  const { key, value, negate } = node;
  const prefix = negate ? '\\P' : '\\p';
  if (value === null) {
    // A binary property (`\p{ASCII}`): RE2 knows none of them, but two are plain ranges.
    if (key === 'Any') return negate ? [] : rangeFragments(EVERYTHING);
    if (key === 'ASCII') return rangeFragments(negate ? complement(ASCII) : ASCII);
    if (key === 'Assigned') return [negate ? '\\p{Cn}' : '\\P{Cn}'];
    throw new Unsupported(`the Unicode property ${key}`);
  }
  if (key === 'General_Category' || key === 'gc') return [`${prefix}{${CATEGORY_SHORT_NAMES[value] ?? value}}`];
  if (key === 'Script' || key === 'sc') return [`${prefix}{${value}}`];
  throw new Unsupported(`the Unicode property ${key}`);
}

function rangeFragments(ranges: readonly Range[]): string[] {
  return ranges.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`));
}

function classOf(ranges: readonly Range[]): string {
  return ranges.length === 0 ? nothing() : `[${rangeFragments(ranges).join('')}]`;
}

/** A class no character belongs to (RE2 has no `[]`). */
function nothing(): string {
  return `[^${hex(0)}-${hex(MAX_CODE_POINT)}]`;
}

/** The code points not in `ranges` (sorted, disjoint). */
function complement(ranges: readonly Range[]): Range[] {
  const result: Range[] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) result.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}
