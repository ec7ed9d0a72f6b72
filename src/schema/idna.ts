/**
 * Just enough IDNA2008 (RFC 5890–5893) to judge an A-label (`xn--...`) inside a `hostname`: Punycode decoding
 * (RFC 3492) and the rules that reject a decoded label: leading combining marks, the DISALLOWED exceptions of
 * RFC 5892 §2.6 and the CONTEXTJ/CONTEXTO rules of its appendix A. Full IDNA tables are out of scope.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let scaled = first ? Math.floor(delta / DAMP) : delta >> 1;
  scaled += Math.floor(scaled / points);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) >> 1) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes the Punycode part of an A-label (without `xn--`) into code points; `undefined` when malformed. */
export function decodePunycode(input: string): number[] | undefined {
  const output: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let index = 0; index < Math.max(delimiter, 0); index++) {
    const code = input.charCodeAt(index);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let position = delimiter > 0 ? delimiter + 1 : 0; position < input.length; ) {
    const previous = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      if (position >= input.length) return undefined;
      const digit = digitOf(input.charCodeAt(position++));
      if (digit >= BASE) return undefined;
      i += digit * weight;
      if (i > 0x7fffffff) return undefined;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
    }
    bias = adapt(i - previous, output.length + 1, previous === 0);
    n += Math.floor(i / (output.length + 1));
    if (n > 0x10ffff) return undefined;
    i %= output.length + 1;
    output.splice(i, 0, n);
    i++;
  }
  return output;
}

/** RFC 5892 §2.6: code points IDNA2008 disallows although their properties would allow them. */
const DISALLOWED_EXCEPTIONS = new Set([0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b]);

/** Canonical_Combining_Class=Virama, which JavaScript regular expressions cannot query. */
const VIRAMAS = new Set([
  0x094d, 0x09cd, 0x0a4d, 0x0acd, 0x0b4d, 0x0bcd, 0x0c4d, 0x0ccd, 0x0d3b, 0x0d3c, 0x0d4d, 0x0dca, 0x0e3a, 0x0eba,
  0x0f84, 0x1039, 0x103a, 0x1714, 0x1715, 0x1734, 0x17d2, 0x1a60, 0x1b44, 0x1baa, 0x1bab, 0x1bf2, 0x1bf3, 0x2d7f,
  0xa806, 0xa82c, 0xa8c4, 0xa953, 0xa9c0, 0xaaf6, 0xabed, 0x10a3f, 0x11046, 0x11070, 0x1107f, 0x110b9, 0x11133, 0x11134,
  0x111c0, 0x11235, 0x112ea, 0x1134d, 0x11442, 0x114c2, 0x115bf, 0x1163f, 0x116b6, 0x1172b, 0x11839, 0x1193d, 0x1193e,
  0x119e0, 0x11a34, 0x11a47, 0x11a99, 0x11c3f, 0x11d44, 0x11d45, 0x11d97,
]);

const MARK = /^\p{M}$/u;
const GREEK = /^\p{Script=Greek}$/u;
const HEBREW = /^\p{Script=Hebrew}$/u;
const KANA_OR_HAN = /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u;
/** Scripts whose letters join (the dual- and left/right-joining letters ZWNJ may separate, RFC 5892 A.1). */
const JOINING_LETTER =
  /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Mandaic}\p{Script=Adlam}]$/u;

const character = (code: number | undefined) => (code === undefined ? '' : String.fromCodePoint(code));

/** Whether a decoded U-label passes the IDNA2008 rules above. */
export function isValidULabel(points: number[]): boolean {
  if (points.length === 0 || points.length > 63) return false;
  if (points.every((code) => code < 0x80)) return false;
  if (MARK.test(character(points[0]))) return false;
  if (points[2] === 0x2d && points[3] === 0x2d) return false;
  if (points[0] === 0x2d || points[points.length - 1] === 0x2d) return false;
  let arabicIndic = false;
  let extendedArabicIndic = false;
  for (let index = 0; index < points.length; index++) {
    const code = points[index]!;
    const before = points[index - 1];
    const after = points[index + 1];
    if (DISALLOWED_EXCEPTIONS.has(code)) return false;
    if (code >= 0x0660 && code <= 0x0669) arabicIndic = true;
    if (code >= 0x06f0 && code <= 0x06f9) extendedArabicIndic = true;
    switch (code) {
      case 0x00b7:
        if (before !== 0x6c || after !== 0x6c) return false;
        break;
      case 0x0375:
        if (!GREEK.test(character(after))) return false;
        break;
      case 0x05f3:
      case 0x05f4:
        if (!HEBREW.test(character(before))) return false;
        break;
      case 0x30fb:
        if (!points.some((other) => other !== 0x30fb && KANA_OR_HAN.test(character(other)))) return false;
        break;
      case 0x200d:
        if (before === undefined || !VIRAMAS.has(before)) return false;
        break;
      case 0x200c:
        if (before === undefined) return false;
        if (!VIRAMAS.has(before) && !(JOINING_LETTER.test(character(before)) && JOINING_LETTER.test(character(after))))
          return false;
        break;
    }
  }
  return !(arabicIndic && extendedArabicIndic);
}

/** An `xn--` label: decodable Punycode whose U-label passes the IDNA2008 rules. */
export function isValidALabel(label: string): boolean {
  const points = decodePunycode(label.slice(4));
  return points !== undefined && isValidULabel(points);
}
