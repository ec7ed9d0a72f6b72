/** Turns one answer's parsed headers into what each limit dimension should learn from it. */
import type { RateLimitInfo, UpstreamLimit } from '../http/rate-limit-types.js';
import type { LimitDimension } from './keys.js';
import type { LimitObservation } from './types.js';

export function observationsFrom(info: RateLimitInfo, status: number): Array<[LimitDimension, LimitObservation]> {
  const found: Array<[LimitDimension, LimitObservation]> = [];
  const account: LimitObservation = {};
  if (info.limit !== undefined) account.limit = info.limit;
  if (info.remaining !== undefined) account.remaining = info.remaining;
  if (info.resetSeconds !== undefined) account.resetMs = info.resetSeconds * 1000;
  if (info.windowSeconds !== undefined) account.windowMs = info.windowSeconds * 1000;
  if (status === 429) {
    // Whichever limit refused, the account is refusing now; an answer without a count still means "none left".
    if (info.retryAfterSeconds !== undefined) account.retryAfterMs = info.retryAfterSeconds * 1000;
    if (account.remaining === undefined && account.resetMs !== undefined) account.remaining = 0;
  }
  if (Object.keys(account).length > 0) found.push(['account', account]);
  const requests = upstreamObservation(info.upstream?.requests);
  if (requests) found.push(['upstream-requests', requests]);
  const tokens = upstreamObservation(info.upstream?.tokens);
  if (tokens) found.push(['upstream-tokens', tokens]);
  return found;
}

function upstreamObservation(limit: UpstreamLimit | undefined): LimitObservation | undefined {
  if (limit === undefined) return undefined;
  const observation: LimitObservation = {};
  if (limit.limit !== undefined) observation.limit = limit.limit;
  if (limit.remaining !== undefined) observation.remaining = limit.remaining;
  if (limit.resetSeconds !== undefined) observation.resetMs = limit.resetSeconds * 1000;
  return Object.keys(observation).length > 0 ? observation : undefined;
}
