/**
 * Time buckets for OpenAI's usage and costs endpoints: aligned to UTC boundaries of their width, `start_time`
 * inclusive, `end_time` exclusive (default: now), paged by an opaque cursor that names the next bucket.
 */

export const BUCKET_SECONDS = { '1m': 60, '1h': 3_600, '1d': 86_400 } as const;
export type BucketWidth = keyof typeof BUCKET_SECONDS;

export interface BucketPageRequest {
  startTime: number;
  endTime: number;
  widthSeconds: number;
  limit: number;
  /** The first bucket of this page (decoded cursor), if not the first page. */
  fromStart?: number;
}

export interface BucketPage {
  starts: number[];
  /** Start of the first bucket of the next page, or undefined on the last page. */
  nextStart?: number;
}

export function alignDown(seconds: number, widthSeconds: number): number {
  return Math.floor(seconds / widthSeconds) * widthSeconds;
}

export function pageBuckets(request: BucketPageRequest): BucketPage {
  const first = alignDown(request.startTime, request.widthSeconds);
  const from = request.fromStart ?? first;
  const starts: number[] = [];
  let start = from;
  while (start < request.endTime && starts.length < request.limit) {
    starts.push(start);
    start += request.widthSeconds;
  }
  return start < request.endTime ? { starts, nextStart: start } : { starts };
}

const CURSOR_PREFIX = 'page_';

export function encodeBucketCursor(start: number): string {
  return CURSOR_PREFIX + Buffer.from(`bucket:${start}`).toString('base64url');
}

/** The bucket start a cursor names, or undefined when it is not one of ours. */
export function decodeBucketCursor(cursor: string): number | undefined {
  if (!cursor.startsWith(CURSOR_PREFIX)) return undefined;
  const match = /^bucket:(\d+)$/.exec(Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/**
 * How much of a bucket has happened by `nowSeconds`, in [0, 1], moving in whole hours for day buckets and whole
 * minutes otherwise, so an answer stays the same for a while instead of changing every second.
 */
export function elapsedFraction(start: number, widthSeconds: number, nowSeconds: number): number {
  const step = widthSeconds >= 86_400 ? 3_600 : 60;
  const now = alignDown(nowSeconds, step);
  return Math.min(1, Math.max(0, (now - start) / widthSeconds));
}

/** Saturdays and Sundays (UTC) see about half the traffic. */
export function weekdayFactor(start: number): number {
  const weekday = new Date(start * 1000).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0.55 : 1;
}

/** Traffic through the (UTC) day, averaging 1: quiet at night, busiest mid-afternoon. */
export function hourFactor(start: number): number {
  const hour = (start % 86_400) / 3_600;
  return (0.35 + 0.65 * ((Math.sin(((hour - 9) / 24) * 2 * Math.PI) + 1) / 2)) / 0.675;
}
