import type { RateLimitInfo } from '../http/rate-limit-types.js';

export interface FormatResultOptions {
  /** Adds a compact `rate_limit` note when given. */
  rateLimit?: RateLimitInfo | undefined;
}

/**
 * The text a model receives for a successful call. JSON stays JSON (list answers keep `next_cursor`, so the
 * model can ask for the next page); an empty answer says so instead of returning nothing.
 */
export function formatResultForModel(data: unknown, status: number, options: FormatResultOptions = {}): string {
  const note = options.rateLimit ? rateLimitNote(options.rateLimit) : undefined;
  if (data === undefined || data === null || data === '') return JSON.stringify({ ok: true, status, ...note });
  if (typeof data === 'string') return note ? JSON.stringify({ result: data, ...note }) : data;
  if (data instanceof Uint8Array) {
    return JSON.stringify({ ok: true, status, bytes: data.byteLength, note: 'binary answer not shown to the model', ...note });
  }
  if (note) {
    return JSON.stringify(typeof data === 'object' && !Array.isArray(data) ? { ...data, ...note } : { result: data, ...note });
  }
  return JSON.stringify(data);
}

function rateLimitNote(info: RateLimitInfo): { rate_limit: Record<string, number> } | undefined {
  const note: Record<string, number> = {};
  if (info.remaining !== undefined) note.remaining = info.remaining;
  if (info.limit !== undefined) note.limit = info.limit;
  if (info.resetSeconds !== undefined) note.reset_seconds = info.resetSeconds;
  return Object.keys(note).length > 0 ? { rate_limit: note } : undefined;
}
