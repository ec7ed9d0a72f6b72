/**
 * The snapshot file: an account's catalog plus recorded Proxy API exchanges. The format is a contract with the
 * sandbox (`startSandbox({ catalog })` replays these files); see /src/recording/README.md before changing it.
 */
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';

export const SNAPSHOT_FORMAT = 'truto-tools-snapshot';
export const SNAPSHOT_VERSION = 1;

/** A query as qs parses it: nested objects and arrays of strings. */
export type RecordedQueryValue = string | RecordedQueryValue[] | { [key: string]: RecordedQueryValue };

export interface RecordedRequest {
  /** As sent to Truto (`GET`, `POST`, `PATCH`, `DELETE`). */
  method: string;
  /** The Truto path without the query string, percent-encoded as sent (`/proxy/tasks/123`). */
  path: string;
  /** The parsed query (qs-style nesting), without `integrated_account_id`. */
  query: Record<string, RecordedQueryValue>;
  /** The JSON body, when there was one; absent for no body, multipart and any other encoding. */
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  /** Lower-case names; credentials, cookies and transport headers removed. */
  headers: Record<string, string>;
  /** Parsed JSON, or a string for text; absent when the answer was empty or binary. */
  body?: unknown;
  /** Why `body` is absent although the answer had one. */
  bodyOmitted?: 'binary';
}

/** One exchange: what was asked and what the API answered (error statuses included). */
export interface SnapshotRecording {
  /** The tool's catalog name, when known. */
  tool?: string;
  /** ISO 8601. */
  recordedAt: string;
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface TrutoToolsSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** ISO 8601. */
  createdAt: string;
  /** Informational: whose catalog this is. The sandbox serves its own account id. */
  integratedAccountId?: string;
  /** The definitions as `GET /integrated-account/:id/tools` served them, every page. */
  tools: TrutoToolDefinition[];
  recordings: SnapshotRecording[];
}

export interface CreateSnapshotInput {
  tools: readonly TrutoToolDefinition[];
  recordings?: readonly SnapshotRecording[];
  integratedAccountId?: string | undefined;
  /** @default new Date() */
  createdAt?: Date;
}

/** A new snapshot document (pure: the caller scrubs what goes in). */
export function createSnapshot(input: CreateSnapshotInput): TrutoToolsSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    ...(input.integratedAccountId ? { integratedAccountId: input.integratedAccountId } : {}),
    tools: [...input.tools],
    recordings: [...(input.recordings ?? [])],
  };
}

/** The file's text: indented, so a snapshot in a repository diffs line by line. */
export function serialiseSnapshot(snapshot: TrutoToolsSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/**
 * Checks that a parsed file is a snapshot this version can append to. Only the envelope is checked: the tools and
 * recordings are the sandbox's to interpret, and a file we wrote ourselves needs no deeper distrust.
 * @throws TypeError naming what is wrong.
 */
export function parseSnapshot(value: unknown, source = 'the snapshot'): TrutoToolsSnapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${source} is not a JSON object.`);
  }
  const candidate = value as Partial<TrutoToolsSnapshot> & Record<string, unknown>;
  if (candidate.format !== SNAPSHOT_FORMAT) {
    throw new TypeError(`${source} is not a truto-tools snapshot (its "format" is not "${SNAPSHOT_FORMAT}").`);
  }
  if (candidate.version !== SNAPSHOT_VERSION) {
    throw new TypeError(
      `${source} is a version ${String(candidate.version)} snapshot; this build reads version ${SNAPSHOT_VERSION}.`,
    );
  }
  if (!Array.isArray(candidate.tools)) throw new TypeError(`${source} has no "tools" list.`);
  if (candidate.recordings !== undefined && !Array.isArray(candidate.recordings)) {
    throw new TypeError(`${source} has a "recordings" that is not a list.`);
  }
  return { ...candidate, recordings: candidate.recordings ?? [] } as TrutoToolsSnapshot;
}
