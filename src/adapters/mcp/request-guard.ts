import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
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
