/**
 * Base64 in a JSON answer is useless to a model and costs it thousands of tokens. Above a threshold it is decoded
 * into a file and replaced by a reference `{ file, mime_type, bytes }`: image `b64_json`, fields named like base64
 * (`image_base64`, `audio_b64`), `data:` URLs, and any long base64 text whose bytes we recognise (a PNG, a WAV).
 * URLs are left alone. The input is never modified: changed branches are copied, untouched ones shared.
 */
import { sniffContentType } from './content-type.js';

export interface Base64Payload {
  bytes: Buffer;
  /** From a data URL's media type, when it had one. */
  contentType?: string;
  /** The key it was found under (`b64_json`). */
  key: string;
}

/** Writes the decoded bytes and returns what replaces the text. */
export type Base64Writer = (payload: Base64Payload) => Promise<unknown>;

const BASE64_KEY = /(^|_)(b64|base64)(_|$)|^b64_json$/i;
const BASE64_TEXT = /^[A-Za-z0-9+/\r\n]+={0,2}$|^[A-Za-z0-9_\r\n-]+={0,2}$/;
const DATA_URL = /^data:([a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*)?((?:;[^;,]*)*);base64,/i;

export async function offloadBase64(value: unknown, thresholdBytes: number, write: Base64Writer): Promise<unknown> {
  return visit(value, '', thresholdBytes, write);
}

async function visit(value: unknown, key: string, threshold: number, write: Base64Writer): Promise<unknown> {
  if (typeof value === 'string') {
    if (value.length <= threshold) return value;
    const payload = decodeBase64Text(value, key);
    return payload === undefined ? value : write(payload);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const next = await visit(value[index], key, threshold, write);
      if (next !== value[index]) {
        copy ??= value.slice();
        copy[index] = next;
      }
    }
    return copy ?? value;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [name, item] of Object.entries(value)) {
      const next = await visit(item, name, threshold, write);
      if (next !== item) {
        copy ??= { ...(value as Record<string, unknown>) };
        copy[name] = next;
      }
    }
    return copy ?? value;
  }
  return value;
}

/** Characters looked at to guess whether a long string is base64 (the full check waits until it is kept). */
const HEAD_CHARS = 64;
const BASE64_HEAD = /^[A-Za-z0-9+/_\r\n-]*={0,2}$/;

/**
 * Whether a string above the threshold is probably base64 that `decodeBase64Text` would turn into a file, judged
 * from its first characters only, in constant time: a data URL, base64 under a base64 key, or base64 whose first
 * bytes name a known format. Answers of 90,000 strings are sized with this; only what the model keeps is decoded.
 */
export function mayHoldBase64File(text: string, key: string, thresholdBytes: number): boolean {
  if (text.length <= thresholdBytes) return false;
  const head = text.slice(0, HEAD_CHARS);
  if (head.startsWith('data:') || head.startsWith('DATA:')) return DATA_URL.test(text.slice(0, 512));
  if (!BASE64_HEAD.test(head)) return false;
  if (BASE64_KEY.test(key)) return true;
  return sniffContentType(Buffer.from(head.slice(0, 24), 'base64')) !== undefined;
}

/** The bytes behind a long string, when it is a data URL, sits under a base64 key, or decodes to a known format. */
export function decodeBase64Text(text: string, key: string): Base64Payload | undefined {
  const dataUrl = DATA_URL.exec(text);
  if (dataUrl !== null) {
    const body = text.slice(dataUrl[0].length);
    if (!BASE64_TEXT.test(body)) return undefined;
    return {
      bytes: Buffer.from(body, 'base64'),
      key,
      ...(dataUrl[1] ? { contentType: dataUrl[1].toLowerCase() } : {}),
    };
  }
  if (!BASE64_TEXT.test(text)) return undefined;
  if (BASE64_KEY.test(key)) return { bytes: Buffer.from(text, 'base64'), key };
  // Elsewhere only text that is unmistakably a file: the first bytes must name a format we know.
  const head = Buffer.from(text.slice(0, 24), 'base64');
  if (sniffContentType(head) === undefined) return undefined;
  return { bytes: Buffer.from(text, 'base64'), key };
}
