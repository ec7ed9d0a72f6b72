import type { PlainHeaders } from '../errors/index.js';

/**
 * undici answers with lower-case keys and `string | string[]` values; callers (and the seed's loop, which reads
 * `error.response.headers['ratelimit-reset']`) want one string per lower-case name.
 */
export function toPlainHeaders(headers: Record<string, string | string[] | undefined>): PlainHeaders {
  // undici already lower-cases names; most answers have no repeated header, so usually nothing needs copying.
  let clean = true;
  for (const name in headers) {
    if (typeof headers[name] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return headers as PlainHeaders;
  const plain: PlainHeaders = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return plain;
}

/** Header names whose values must never leave the HTTP layer (logs, dry runs, errors). */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    redacted[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '[redacted]' : (headers[name] as string);
  }
  return redacted;
}
