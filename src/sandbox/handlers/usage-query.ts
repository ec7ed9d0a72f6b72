/** The arguments costs and completions usage share: the time range and the page cursor. */

import { type BucketPage, decodeBucketCursor, pageBuckets } from '../data/buckets';
import { invalidValue } from '../errors';
import { queryInteger, queryString } from '../params';
import type { ProxyCall } from './types';

export function readBucketPage(call: ProxyCall, widthSeconds: number, limit: number): BucketPage {
  const startTime = queryInteger(call.query, 'start_time', { required: true })!;
  const endTime = queryInteger(call.query, 'end_time') ?? Math.floor(call.nowMs / 1000);
  if (endTime <= startTime) {
    throw invalidValue('end_time', String(endTime), `'end_time' must be greater than 'start_time' (${startTime}).`);
  }
  // Truto maps its `next_cursor` onto OpenAI's `page`; either is accepted.
  const cursorParameter = queryString(call.query, 'next_cursor') !== undefined ? 'next_cursor' : 'page';
  const cursor = queryString(call.query, cursorParameter);
  let fromStart: number | undefined;
  if (cursor !== undefined) {
    fromStart = decodeBucketCursor(cursor);
    const first = Math.floor(startTime / widthSeconds) * widthSeconds;
    if (fromStart === undefined || fromStart < first || (fromStart - first) % widthSeconds !== 0) {
      throw invalidValue(cursorParameter, cursor, 'Use the cursor from the previous page of the same query.');
    }
  }
  return pageBuckets({ startTime, endTime, widthSeconds, limit, ...(fromStart !== undefined ? { fromStart } : {}) });
}
