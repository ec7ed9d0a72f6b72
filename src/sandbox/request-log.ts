/**
 * The last N requests the sandbox received on `/integrated-account/.../tools` and `/proxy/...`, oldest first.
 * Bounded, so a load test of millions of requests keeps a constant footprint.
 */
import type { MultipartSummary } from './multipart';
import type { ParsedQuery } from './query';

/** One request as the sandbox saw it. */
export interface SandboxRequestRecord {
  /** Increases by one per request for the sandbox's lifetime (a reset does not restart it). */
  id: number;
  /** Milliseconds since the epoch, from the sandbox's clock. */
  receivedAt: number;
  route: 'tools' | 'proxy' | 'account-token';
  method: string;
  /** The path without the query string, still percent-encoded as sent. */
  path: string;
  /** The query string as sent, without the `?`. */
  rawQuery: string;
  /** The query parsed qs-style (`a[]=x` → arrays, `a[b]=c` → objects). */
  query: ParsedQuery;
  /** Request headers (lower-case names); `authorization` is replaced by `Bearer [redacted]`. */
  headers: Record<string, string | string[] | undefined>;
  /** Whether the Bearer credential was accepted: the sandbox's API key, or a live integrated-account token. */
  authenticated: boolean;
  /** Which credential it was, when one was accepted. */
  credential?: 'api-key' | 'account-token';
  /** Bytes of the request body. */
  bodyBytes: number;
  /** The parsed JSON body, when one was sent. */
  body?: unknown;
  /** Fields and file digests of a multipart body. */
  multipart?: MultipartSummary;
  /** For proxy calls: the resource, the tool method it maps to, the id or custom method segment, the tool name. */
  resource?: string;
  toolMethod?: string;
  resourceId?: string;
  toolName?: string;
  /** The status the sandbox answered with; absent while the answer is pending or when the connection was cut. */
  status?: number;
}

export const REDACTED_AUTHORIZATION = 'Bearer [redacted]';

export class RequestLog {
  /**
   * Live and mutable on purpose: tests clear it with `sandbox.requests.length = 0`. Trimming with `shift()` is
   * cheap because V8 moves the start of a fast array instead of copying it.
   */
  readonly entries: SandboxRequestRecord[] = [];
  readonly #capacity: number;
  #lastId = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  nextId(): number {
    return ++this.#lastId;
  }

  add(record: SandboxRequestRecord): void {
    this.entries.push(record);
    while (this.entries.length > this.#capacity) this.entries.shift();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
