/**
 * Fetches an `http(s)` file reference: only from allowlisted hosts, every redirect re-checked before it is followed,
 * and the body spooled to a scratch file with the size limit enforced while it streams.
 */
import { type Dispatcher, request } from 'undici';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS, MAX_REDIRECTS } from './options.js';
import { discard, type SpooledFile, spoolToFile } from './spool.js';

/** `cdn.example.com` (any port), `127.0.0.1:8080` (that port only), `*.example.com` (subdomains only). */
export function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  return allowedHosts.some((entry) => {
    if (entry.startsWith('*.')) return hostname.endsWith(entry.slice(1)) && hostname.length > entry.length - 1;
    return entry === host || entry === hostname;
  });
}

export type FetchRefusal =
  | { reason: 'host-not-allowed'; url: string }
  | { reason: 'bad-status'; url: string; status: number }
  | { reason: 'too-many-redirects'; url: string }
  | { reason: 'too-large'; url: string; limit: number };

export interface FetchedFile extends SpooledFile {
  /** The URL the bytes finally came from. */
  url: URL;
  contentType: string | undefined;
}

export interface FetchOptions {
  allowedHosts: readonly string[];
  maxBytes: number;
  /** Scratch file name (already sanitised). */
  fileName: string;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function fetchToFile(start: URL, options: FetchOptions): Promise<FetchedFile | FetchRefusal> {
  let url = start;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isAllowedHost(url, options.allowedHosts)) {
      return { reason: 'host-not-allowed', url: url.href };
    }
    const answer = await request(url, {
      method: 'GET',
      signal,
      headers: { accept: '*/*', 'user-agent': 'truto-langchainjs-toolset' },
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const status = answer.statusCode;
    if (status >= 300 && status < 400 && status !== 304) {
      await answer.body.dump();
      const location = firstHeader(answer.headers.location);
      if (location === undefined) return { reason: 'bad-status', url: url.href, status };
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      await answer.body.dump();
      return { reason: 'bad-status', url: url.href, status };
    }
    const declared = Number(firstHeader(answer.headers['content-length']));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      discard(answer.body);
      return { reason: 'too-large', url: url.href, limit: options.maxBytes };
    }
    const contentType = firstHeader(answer.headers['content-type']);
    const spooled = await spoolToFile(answer.body, { maxBytes: options.maxBytes, fileName: options.fileName, signal });
    return { ...spooled, url, contentType };
  }
  return { reason: 'too-many-redirects', url: url.href };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
