import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** `localhost`, `::1` and any address in 127.0.0.0/8 (also written as an IPv4-mapped IPv6 address). */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (LOOPBACK_HOSTS.has(name)) return true;
  const ipv4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIP(ipv4) === 4 && ipv4.startsWith('127.');
}

/**
 * Whether the request's `Host` header names an allowed host. A server on loopback accepts only loopback names:
 * a web page the user visits can otherwise reach it through DNS rebinding (a hostile domain resolving to 127.0.0.1).
 */
export function isAllowedHost(request: IncomingMessage, allowedHosts: ReadonlySet<string> | undefined): boolean {
  if (!allowedHosts) return true;
  const header = request.headers.host;
  if (!header) return false;
  const hostname = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
  return allowedHosts.has(hostname.toLowerCase());
}

/**
 * Whether the request's `Origin` header, when it has one, is allowed. Browsers send `Origin` with every cross-site
 * request and with every POST; MCP's transport guidance asks servers to check it, so that a page the user visits
 * cannot call the tools from the user's browser. Clients that are not browsers send none and pass. `null` (a
 * sandboxed frame, a redirect) is never allowed. Compared as serialised origins: scheme, host and port.
 */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  const header = request.headers.origin;
  if (header === undefined) return true;
  const origin = serialisedOrigin(header);
  return origin !== undefined && allowedOrigins.has(origin);
}

/** `http://localhost:3333` for an origin as written (case and default ports normalised), undefined for anything else. */
export function serialisedOrigin(text: string): string | undefined {
  if (text === 'null') return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Compares the bearer token in constant time, so response timing does not reveal how much of a guess was right. */
export function hasBearerToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match) return false;
  const given = Buffer.from(match[1]!.trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export { LOOPBACK_HOSTS };
