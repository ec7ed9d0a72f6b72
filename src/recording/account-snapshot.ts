/** A snapshot of a real account's catalog (no recordings yet): what `truto-tools snapshot` writes first. */

import { fetchToolDefinitions } from '../catalog/fetch-tool-definitions.js';
import { DEFAULT_BASE_URL, HttpClient } from '../http/client.js';
import { createScrubber } from './scrub.js';
import { createSnapshot, type TrutoToolsSnapshot } from './snapshot.js';

export interface AccountSnapshotOptions {
  apiKey: string;
  integratedAccountId: string;
  /** @default 'https://api.truto.one' */
  baseUrl?: string;
  /** Truto's server-side filters, as the manager's `methods` / `tags`. @default every tool */
  methods?: readonly string[];
  tags?: readonly string[];
  /** Malformed catalog entries (left out). @default ignored */
  onWarning?: (message: string) => void;
  /** @default new Date() */
  createdAt?: Date;
  signal?: AbortSignal;
}

/** Fetches every page of the account's catalog and wraps it as a snapshot, with the key removed should it appear. */
export async function snapshotAccount(options: AccountSnapshotOptions): Promise<TrutoToolsSnapshot> {
  const client = new HttpClient({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL, apiKey: options.apiKey });
  try {
    // As served, not normalised: the sandbox replays what the real account says.
    const tools = await fetchToolDefinitions(client, {
      asServed: true,
      integratedAccountId: options.integratedAccountId,
      ...(options.methods ? { methods: options.methods } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return createSnapshot({
      tools: createScrubber({ secrets: [options.apiKey] }).tools(tools),
      integratedAccountId: options.integratedAccountId,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    });
  } finally {
    await client.close();
  }
}
