import type { PlainHeaders } from '../errors/index.js';

/** What replaces the API key wherever an answer repeats it. */
export const REDACTED = '[redacted]';
/**
 * Keys shorter than this are not redacted: real Truto tokens are far longer, and replacing a two-letter test key
 * would mangle ordinary text in every answer.
 */
export const MIN_REDACTED_SECRET_LENGTH = 8;

/**
 * Removes the API key from what a server sends back. The key only ever leaves in the Authorization header, but
 * servers and proxies do echo request headers (debug endpoints, some error pages, a misconfigured upstream), and
 * whatever an answer holds flows into error messages, `toJSON()`, hooks and the text a model reads. Checking the raw
 * bytes once is cheap; decoding and replacing happens only when the key is really there.
 */
export class SecretRedactor {
  /** The key as it appears in plain text, and as it appears inside a JSON string when it has characters to escape. */
  readonly #forms: string[];
  readonly #needles: Buffer[];
  /** No value shorter than this can hold the key: most header values are, and are passed over without a search. */
  readonly #shortestForm: number;

  constructor(secret: string) {
    const escaped = JSON.stringify(secret).slice(1, -1);
    this.#forms = escaped === secret ? [secret] : [escaped, secret];
    this.#needles = this.#forms.map((form) => Buffer.from(form, 'utf8'));
    this.#shortestForm = Math.min(...this.#forms.map((form) => form.length));
  }

  /** A redactor for `secret`, or undefined when it is too short to redact safely. */
  static for(secret: string): SecretRedactor | undefined {
    return secret.length >= MIN_REDACTED_SECRET_LENGTH ? new SecretRedactor(secret) : undefined;
  }

  /** The same bytes, or a copy with every occurrence of the key replaced (as UTF-8 text). */
  bytes(bytes: Buffer): Buffer {
    for (const needle of this.#needles) {
      if (bytes.includes(needle)) return Buffer.from(this.text(bytes.toString('utf8')), 'utf8');
    }
    return bytes;
  }

  text(text: string): string {
    let result = text;
    for (const form of this.#forms) if (result.includes(form)) result = result.replaceAll(form, REDACTED);
    return result;
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
}
