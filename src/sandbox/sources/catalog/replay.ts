/**
 * Recorded answers, found the way the snapshot format says: first the recording with the same method, path,
 * query and body (compared canonically: key order ignored, query values as strings); else the most recent one
 * with the same method and path. Paths compare percent-decoded and without a trailing slash; the query never
 * includes `integrated_account_id` (the sandbox serves its own account).
 */
import type { ProxyAnswer } from '../../handlers/types';
import { canonicalJson, stringifyLeaves } from '../shared/json-values';
import type { SnapshotRecording } from './load-catalog';

/** Headers the sandbox writes itself: a recorded copy would be stale or wrong for the replayed body. */
const DROPPED_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'ratelimit',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
]);

export interface ReplayRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** The JSON body, undefined when none was sent (or it was multipart). */
  body: unknown;
}

export class RecordingIndex {
  readonly #exact = new Map<string, SnapshotRecording>();
  readonly #latest = new Map<string, { recording: SnapshotRecording; at: number; order: number }>();

  constructor(recordings: readonly SnapshotRecording[]) {
    recordings.forEach((recording, order) => {
      const route = routeKey(recording.request.method, recording.request.path);
      // Later recordings of the same exchange win: the account's latest answer.
      this.#exact.set(exactKey(route, recording.request.query ?? {}, recording.request.body), recording);
      const at = Date.parse(recording.recordedAt ?? '') || 0;
      const current = this.#latest.get(route);
      if (current === undefined || at > current.at || (at === current.at && order > current.order)) {
        this.#latest.set(route, { recording, at, order });
      }
    });
  }

  /** The recording with exactly this request. */
  exact(request: ReplayRequest): SnapshotRecording | undefined {
    return this.#exact.get(
      exactKey(routeKey(request.method, request.path), withoutAccount(request.query), request.body),
    );
  }

  /** The most recent recording of this method and path. */
  latest(request: ReplayRequest): SnapshotRecording | undefined {
    return this.#latest.get(routeKey(request.method, request.path))?.recording;
  }
}

/** A recording as the answer it was. */
export function replayAnswer(recording: SnapshotRecording): ProxyAnswer {
  const response = recording.response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const lower = name.toLowerCase();
    if (!DROPPED_HEADERS.has(lower) && lower !== 'content-type' && typeof value === 'string') headers[lower] = value;
  }
  headers['x-sandbox-replayed'] = 'true';
  const contentType = response.headers?.['content-type'] ?? response.headers?.['Content-Type'];
  if (response.bodyOmitted !== undefined || response.body === undefined) {
    return {
      status: response.status,
      contentType: contentType ?? 'application/octet-stream',
      text: Buffer.alloc(0),
      headers,
    };
  }
  if (typeof response.body === 'string' && !(contentType && /json/i.test(contentType))) {
    return {
      status: response.status,
      contentType: contentType ?? 'text/plain; charset=utf-8',
      text: response.body,
      headers,
    };
  }
  return {
    status: response.status,
    contentType: contentType && /json/i.test(contentType) ? contentType : 'application/json',
    text: JSON.stringify(response.body),
    headers,
  };
}

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${normalisePath(path)}`;
}

function exactKey(route: string, query: unknown, body: unknown): string {
  // No body and an empty object are the same request (clients send `{}` for a POST with nothing to say).
  const noBody = body === undefined || isPlainEmpty(body);
  return `${route} ${canonicalJson(stringifyLeaves(withoutAccount(query)))} ${noBody ? '-' : canonicalJson(body)}`;
}

function isPlainEmpty(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function withoutAccount(query: unknown): Record<string, unknown> {
  if (typeof query !== 'object' || query === null || Array.isArray(query)) return {};
  const { integrated_account_id: _account, ...rest } = query as Record<string, unknown>;
  return rest;
}

function normalisePath(path: string): string {
  const bare = path.split('?')[0]!.replace(/\/+$/, '');
  return bare
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
