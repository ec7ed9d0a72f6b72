import type { PlainHeaders } from '../errors/index.js';
import { decodeEscapes, type EscapeLayer, mapSpan } from './secret-encodings.js';

/** What replaces the API key wherever an answer repeats it. */
export const REDACTED = '[redacted]';
/**
 * Keys shorter than this are not redacted: real Truto tokens are far longer, and replacing a two-letter test key
 * would mangle ordinary text in every answer.
 */
export const MIN_REDACTED_SECRET_LENGTH = 8;

/** The characters a base64 or base64url token is made of: a match inside one redacts the whole token. */
const BASE64_CHARACTER = /[A-Za-z0-9+/_-]/;
/** Padding ends a token; it never starts one (so `auth=<base64>` keeps its `auth=`). */
const BASE64_TAIL_CHARACTER = /[A-Za-z0-9+/_=-]/;
/** Every escape starts with one of these: a JSON escape that can hide a character (`\u0073`, `\/`), `%`, `&`. */
const ESCAPE_MARKER = /\\[u/]|[%&]/g;
/**
 * What an encoded key can be written with, besides the key's own characters: hex and base64 alphabets and the
 * syntax of JSON escapes, percent-encoding and HTML references. A stretch of anything else cannot hold the key.
 */
const CARRIER_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%&#;+/=_-\\';

/**
 * Removes the API key from what a server sends back. The key only ever leaves in the Authorization header, but
 * servers and proxies do echo request headers (debug endpoints, some error pages, a misconfigured upstream), and
 * whatever an answer holds flows into error messages, `toJSON()`, hooks and the text a model reads.
 *
 * The key is found in every encoding an echo is likely to use, and in any mix of them: as it is; with characters
 * as JSON escapes (`\u0073`, `\/`), percent-encoded (`%73`) or HTML references (`&#115;`, `&#x73;`, `&sol;`); as
 * hex; and inside base64 or base64url at any alignment, which covers `Basic base64("Bearer <key>:")` and the
 * Authorization value (`Bearer <key>`) encoded whole. Percent-encoding and HTML references hidden behind JSON escapes
 * (`\u0025` for `%`, as Go and PHP write) are seen through too. Base64 is replaced token by token, since a partly
 * redacted token still decodes to most of the key.
 *
 * Text with nothing that can start a form of the key (no escape, no piece of the key's plain, hex or base64 forms)
 * costs one regular-expression test. Otherwise escapes are decoded only inside runs of characters an encoded key can
 * be written with, at least as long as the key, and text is replaced only where the key really is: always whole
 * characters or escapes of the input, so redacted JSON stays valid JSON. Linear in the text throughout.
 */
export class SecretRedactor {
  /** The key, and the key as it appears inside a JSON string when it has characters to escape. */
  readonly #literals: string[];
  /** Searched for in text as it is and in decoded stretches: the key, its hex forms, a non-ASCII key's UTF-8 bytes. */
  readonly #plainNeedles: string[];
  /** The part of each base64 and base64url alignment that depends only on the key's bytes. */
  readonly #base64Cores: string[];
  /** Whatever can start a form of the key, for the one quick test most text gets. */
  readonly #anyForm: RegExp;
  readonly #byteNeedles: Buffer[];
  /** Characters an encoded key can be written with: 1 at the char code (ASCII), plus the key's other characters. */
  readonly #asciiCarriers = new Uint8Array(128);
  readonly #otherCarriers = new Set<number>();
  /** No value shorter than this can hold the key: most header values are, and are passed over without a search. */
  readonly #shortestForm: number;

  constructor(secret: string) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    this.#literals = escaped === secret ? [secret] : [escaped, secret];
    const utf8 = Buffer.from(secret, 'utf8');
    const hex = utf8.toString('hex');
    this.#plainNeedles = unique([secret, utf8.toString('latin1'), hex, hex.toUpperCase()]);
    this.#base64Cores = base64Cores(utf8);
    const starts = unique([...this.#literals, ...this.#plainNeedles, ...this.#base64Cores]);
    this.#anyForm = new RegExp(`${ESCAPE_MARKER.source}|${starts.map(escapeRegExp).join('|')}`);
    this.#byteNeedles = [...starts, '\\u', '\\/', '%', '&'].map((needle) => Buffer.from(needle, 'utf8'));
    this.#shortestForm = Math.min(secret.length, ...this.#literals.map((form) => form.length));
    for (const character of `${CARRIER_CHARACTERS}${secret}${escaped}`) {
      const code = character.charCodeAt(0);
      if (code < 128) this.#asciiCarriers[code] = 1;
      else this.#otherCarriers.add(code);
    }
  }

  /** A redactor for `secret`, or undefined when it is too short to redact safely. */
  static for(secret: string): SecretRedactor | undefined {
    return secret.length >= MIN_REDACTED_SECRET_LENGTH ? new SecretRedactor(secret) : undefined;
  }

  /** The same bytes, or a copy with every occurrence of the key replaced (as UTF-8 text). */
  bytes(bytes: Buffer): Buffer {
    if (!this.#byteNeedles.some((needle) => bytes.includes(needle))) return bytes;
    const text = bytes.toString('utf8');
    const clean = this.text(text);
    return clean === text ? bytes : Buffer.from(clean, 'utf8');
  }

  /** The same string when the key is not there in any encoding (the usual case), else a redacted copy. */
  text(text: string): string {
    if (!this.#anyForm.test(text)) return text;
    let result = text;
    for (const form of this.#literals) if (result.includes(form)) result = result.replaceAll(form, REDACTED);
    const spans = this.#findSpans(result);
    for (const [start, end] of this.#encodedStretches(result)) {
      const stretch = result.slice(start, end);
      const json = /\\[u/]/.test(stretch) ? decodeEscapes(stretch, 'json') : undefined;
      const afterJson = json?.decoded ?? stretch;
      const references = /[%&]/.test(afterJson) ? decodeEscapes(afterJson, 'references') : undefined;
      const layers = [references, json].filter((layer): layer is EscapeLayer => layer !== undefined);
      for (const span of this.#findSpans(references?.decoded ?? afterJson)) {
        const [from, to] = layers.reduce((current, layer) => mapSpan(layer, current), span);
        spans.push([start + from, start + to]);
      }
    }
    return spans.length === 0 ? result : replaceSpans(result, spans);
  }

  /** Whether `text` holds the key in any encoding this redactor knows. */
  holds(text: string): boolean {
    return this.text(text) !== text;
  }

  /** The same object when no value holds the key (the usual case), else a redacted copy. */
  headers(headers: PlainHeaders): PlainHeaders {
    let redacted: PlainHeaders | undefined;
    for (const name in headers) {
      const value = headers[name] as string;
      if (value.length < this.#shortestForm) continue;
      const clean = this.text(value);
      if (clean === value) continue;
      redacted ??= { ...headers };
      redacted[name] = clean;
    }
    return redacted ?? headers;
  }

  /**
   * The stretches of `text` that hold an escape and could hold an encoded key: runs of carrier characters at least
   * as long as the key (every form is, since each escape stands for one character). Long runs around escapes are
   * rare in real answers (URLs and prose break into short runs), so little text is ever decoded.
   */
  #encodedStretches(text: string): Array<[number, number]> {
    const stretches: Array<[number, number]> = [];
    const minimum = this.#shortestForm;
    let covered = 0;
    ESCAPE_MARKER.lastIndex = 0;
    for (let marker = ESCAPE_MARKER.exec(text); marker !== null; marker = ESCAPE_MARKER.exec(text)) {
      if (marker.index < covered) continue;
      let start = marker.index;
      let end = marker.index + 1;
      while (start > covered && this.#carries(text.charCodeAt(start - 1))) start--;
      while (end < text.length && this.#carries(text.charCodeAt(end))) end++;
      // Each character is looked at once: the next search starts past this run.
      covered = end;
      ESCAPE_MARKER.lastIndex = end;
      if (end - start >= minimum) stretches.push([start, end]);
    }
    return stretches;
  }

  #carries(code: number): boolean {
    return code < 128 ? this.#asciiCarriers[code] === 1 : this.#otherCarriers.has(code);
  }

  /** Where the key is in (decoded) text: `[start, end)` pairs, base64 hits widened to their whole token. */
  #findSpans(view: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    for (const needle of this.#plainNeedles) {
      for (let index = view.indexOf(needle); index !== -1; index = view.indexOf(needle, index + needle.length)) {
        spans.push([index, index + needle.length]);
      }
    }
    for (const core of this.#base64Cores) {
      for (let index = view.indexOf(core); index !== -1; index = view.indexOf(core, index + core.length)) {
        let start = index;
        let end = index + core.length;
        while (start > 0 && BASE64_CHARACTER.test(view[start - 1]!)) start--;
        while (end < view.length && BASE64_TAIL_CHARACTER.test(view[end]!)) end++;
        spans.push([start, end]);
        index = end - core.length;
      }
    }
    return spans;
  }
}

/**
 * The part of the key's base64 (and base64url) encoding that does not depend on the bytes around it, for each of the
 * three alignments the key can start at inside a longer encoded value.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i holds bits [6i, 6i + 6): keep those made only of the key's bits.
    const start = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(start, end);
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return unique(cores);
}

/** `text` with each span (merged where they overlap) replaced by `[redacted]`. */
function replaceSpans(text: string, spans: Array<[number, number]>): string {
  spans.sort((left, right) => left[0] - right[0]);
  let result = '';
  let cursor = 0;
  let open: [number, number] | undefined;
  for (const span of spans) {
    if (open !== undefined && span[0] <= open[1]) {
      open[1] = Math.max(open[1], span[1]);
      continue;
    }
    if (open !== undefined) {
      result += `${text.slice(cursor, open[0])}${REDACTED}`;
      cursor = open[1];
    }
    open = [span[0], span[1]];
  }
  if (open !== undefined) {
    result += `${text.slice(cursor, open[0])}${REDACTED}`;
    cursor = open[1];
  }
  return result + text.slice(cursor);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
