/**
 * Turns what a call sent and received into a recording's parts (unscrubbed: `scrub.ts` comes after). Shared by the
 * manager hook, which sees decoded data, and the recording proxy, which sees bytes.
 */
import { isFileResult } from '../files/binary-output.js';
import { parseQueryString } from './query.js';
import type { RecordedQueryValue, RecordedResponse } from './snapshot.js';

/** The query parameter every Proxy API call carries; the sandbox serves its own account, so it is not recorded. */
const ACCOUNT_PARAMETER = 'integrated_account_id';
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
/** Where Truto's own paths start, below a base URL that may have a path of its own. */
const TRUTO_PATH_STARTS = ['/proxy/', '/integrated-account/'];

export interface RecordedTarget {
  path: string;
  query: Record<string, RecordedQueryValue>;
}

/**
 * The Truto path (percent-encoding kept as sent) and the parsed query, without `integrated_account_id`, of a full
 * URL or a path with its query string.
 */
export function splitTrutoUrl(url: string): RecordedTarget {
  const hash = url.indexOf('#');
  const withoutHash = hash === -1 ? url : url.slice(0, hash);
  const questionMark = withoutHash.indexOf('?');
  const beforeQuery = questionMark === -1 ? withoutHash : withoutHash.slice(0, questionMark);
  let path = beforeQuery.replace(ABSOLUTE_URL, '') || '/';
  for (const start of TRUTO_PATH_STARTS) {
    const index = path.indexOf(start);
    if (index > 0) {
      path = path.slice(index);
      break;
    }
  }
  const query = questionMark === -1 ? {} : parseQueryString(withoutHash.slice(questionMark + 1));
  delete query[ACCOUNT_PARAMETER];
  return { path, query };
}

/** The integrated account a request names, if it names one. */
export function accountOf(url: string): string | undefined {
  const questionMark = url.indexOf('?');
  if (questionMark === -1) return undefined;
  const value = parseQueryString(url.slice(questionMark + 1))[ACCOUNT_PARAMETER];
  return typeof value === 'string' ? value : undefined;
}

export type BodyKind = 'json' | 'text' | 'binary';

/** How an answer of this content type is read: the same rule as the SDK's HTTP client. */
export function bodyKindOf(contentType: string | undefined): BodyKind {
  const type = (contentType ?? '').toLowerCase();
  if (type === '' || type.includes('json')) return 'json';
  if (type.startsWith('text/') || type.includes('xml') || type.includes('x-www-form-urlencoded')) return 'text';
  return 'binary';
}

/**
 * A request body worth recording: JSON only. Multipart uploads (and any other encoding) are left out; the replay
 * rule then matches on method and path alone.
 */
export function recordedRequestBody(contentType: string | undefined, body: unknown): { body?: unknown } {
  if (body === undefined) return {};
  const type = (contentType ?? '').toLowerCase();
  if (!type.includes('json')) return {};
  return { body };
}

/** An answer as `invoke` returned it (JSON, text, bytes or a file result) → the recorded body. */
export function recordedResponseData(data: unknown): Pick<RecordedResponse, 'body' | 'bodyOmitted'> {
  if (data === undefined) return {};
  if (data instanceof Uint8Array || data instanceof ArrayBuffer || isFileResult(data)) return { bodyOmitted: 'binary' };
  return { body: data };
}

/** An answer's raw bytes → the recorded body, read by its content type. */
export function recordedResponseBytes(
  contentType: string | undefined,
  bytes: Buffer,
): Pick<RecordedResponse, 'body' | 'bodyOmitted'> {
  if (bytes.length === 0) return {};
  const kind = bodyKindOf(contentType);
  if (kind === 'binary') return { bodyOmitted: 'binary' };
  const text = bytes.toString('utf8');
  if (kind === 'text') return { body: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    // Not JSON after all (an error page with a JSON content type): kept as the text it was.
    return { body: text };
  }
}
