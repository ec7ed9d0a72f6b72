/**
 * One layer of escapes decoded, with the way back: where each decoded character came from in the text before. The
 * redactor searches decoded text for the key and replaces the matching stretch of the original, so the answer keeps
 * its own escapes (and stays valid JSON) everywhere else. Pure.
 */

/**
 * `json`: the escapes of a JSON string (`\u0073`, `\/`, `\n`, ...). `references`: percent-encoding (`%73`) and HTML
 * character references (`&#115;`, `&#x73;`, `&sol;`).
 */
export type EscapeKind = 'json' | 'references';

export interface EscapeLayer {
  decoded: string;
  /** For each decoded escape, in order: its index in `decoded`, where it started in the source, and its length there. */
  readonly decodedAt: number[];
  readonly sourceAt: number[];
  readonly sourceLength: number[];
}

const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g;
const REFERENCE = /%([0-9a-fA-F]{2})|&(?:#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?|([a-zA-Z][a-zA-Z0-9]{1,15});)/g;

const SIMPLE_JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** The named references for characters a key, a hex string or base64 can hold (HTML's names for ASCII symbols). */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  sol: '/',
  bsol: '\\',
  period: '.',
  lowbar: '_',
  hyphen: '-',
  dash: '-',
  colon: ':',
  semi: ';',
  plus: '+',
  equals: '=',
  num: '#',
  percnt: '%',
  excl: '!',
  quest: '?',
  commat: '@',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lcub: '{',
  rcub: '}',
  comma: ',',
  ast: '*',
  dollar: '$',
  verbar: '|',
  grave: '`',
  Hat: '^',
};

/** `text` with one kind of escape decoded. Escapes that decode to nothing usable are kept as they are. */
export function decodeEscapes(text: string, kind: EscapeKind): EscapeLayer {
  const pattern = kind === 'json' ? JSON_ESCAPE : REFERENCE;
  const layer: EscapeLayer = { decoded: '', decodedAt: [], sourceAt: [], sourceLength: [] };
  // Pieces joined once: a string grown by `+=` per escape is a rope that costs far more to search afterwards.
  const pieces: string[] = [];
  let decodedLength = 0;
  let cursor = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const character = kind === 'json' ? jsonCharacter(match) : referenceCharacter(match);
    if (character === undefined) continue;
    if (match.index > cursor) pieces.push(text.slice(cursor, match.index));
    decodedLength += match.index - cursor;
    layer.decodedAt.push(decodedLength);
    layer.sourceAt.push(match.index);
    layer.sourceLength.push(match[0].length);
    pieces.push(character);
    decodedLength += 1;
    cursor = match.index + match[0].length;
  }
  if (pieces.length === 0) {
    layer.decoded = text;
    return layer;
  }
  pieces.push(text.slice(cursor));
  layer.decoded = pieces.join('');
  return layer;
}

/** Where the decoded `[start, end)` came from in the source, whole escapes included. */
export function mapSpan(layer: EscapeLayer, [start, end]: [number, number]): [number, number] {
  return [sourceStart(layer, start), sourceEnd(layer, end - 1)];
}

function sourceStart(layer: EscapeLayer, index: number): number {
  const found = lastEscapeAtOrBefore(layer, index);
  if (found === -1) return index;
  const at = layer.decodedAt[found]!;
  const source = layer.sourceAt[found]!;
  return at === index ? source : source + layer.sourceLength[found]! + (index - at - 1);
}

function sourceEnd(layer: EscapeLayer, index: number): number {
  const found = lastEscapeAtOrBefore(layer, index);
  if (found !== -1 && layer.decodedAt[found] === index) return layer.sourceAt[found]! + layer.sourceLength[found]!;
  return sourceStart(layer, index) + 1;
}

function lastEscapeAtOrBefore(layer: EscapeLayer, index: number): number {
  let low = 0;
  let high = layer.decodedAt.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (layer.decodedAt[middle]! <= index) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function jsonCharacter(match: RegExpExecArray): string | undefined {
  if (match[1] !== undefined) return String.fromCharCode(Number.parseInt(match[1], 16));
  return SIMPLE_JSON_ESCAPES[match[2]!];
}

function referenceCharacter(match: RegExpExecArray): string | undefined {
  if (match[1] !== undefined) return String.fromCharCode(Number.parseInt(match[1], 16));
  if (match[4] !== undefined) return NAMED_REFERENCES[match[4]];
  const codePoint = match[2] !== undefined ? Number.parseInt(match[2], 16) : Number.parseInt(match[3]!, 10);
  // One decoded character per escape keeps the way back simple; no key is written in characters beyond the BMP.
  return codePoint > 0 && codePoint <= 0xffff ? String.fromCharCode(codePoint) : undefined;
}
