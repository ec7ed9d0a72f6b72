/**
 * Key names. Everything about one integrated account shares one hash tag (`{…}`), so a Redis Cluster keeps it in
 * one slot and a single Lua script may touch all of it. The tag is a digest of the base URL and the account id:
 * the same account behind two base URLs (production and a sandbox) is two different sets of limits.
 */
import { createHash } from 'node:crypto';

export type LimitDimension = 'account' | 'upstream-requests' | 'upstream-tokens';

export const LIMIT_DIMENSIONS: readonly LimitDimension[] = ['account', 'upstream-requests', 'upstream-tokens'];

export interface AccountKeys {
  /** The hash-tagged prefix shared by every key below. */
  scope: string;
  limits: Record<LimitDimension, string>;
  budget: string;
}

export function accountKeys(baseUrl: string, integratedAccountId: string): AccountKeys {
  const scope = `{${digest(`${normaliseBaseUrl(baseUrl)}\n${integratedAccountId}`)}}`;
  return {
    scope,
    limits: {
      account: `${scope}:limit:account`,
      'upstream-requests': `${scope}:limit:upstream-requests`,
      'upstream-tokens': `${scope}:limit:upstream-tokens`,
    },
    budget: `${scope}:budget`,
  };
}

/** The shared catalog of one account and one filter set (methods and tags, in any order). */
export function catalogKey(
  baseUrl: string,
  integratedAccountId: string,
  filters: { methods: string[]; tags: string[] },
): string {
  const { scope } = accountKeys(baseUrl, integratedAccountId);
  const normalised = JSON.stringify([[...filters.methods].sort(), [...filters.tags].sort()]);
  return `${scope}:catalog:${digest(normalised)}`;
}

export function normaliseBaseUrl(baseUrl: string): string {
  try {
    return new URL(baseUrl).href.replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
