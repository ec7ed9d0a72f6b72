/**
 * Encodes query parameters the way Truto's Proxy API reads them (qs "brackets" style):
 * `a=1`, arrays as `a[]=x&a[]=y`, nested objects as `a[b]=c`. `undefined` and `null` are left out,
 * so an optional argument the model set to null is simply not sent.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

export function encodeQuery(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  const keys = Object.keys(params);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const value = params[key];
    if (index === 0 && typeof value === 'string') parts.push(firstPair(key, value));
    else if (Array.isArray(value) && key.endsWith('[]')) {
      // A parameter named with its brackets (PagerDuty's `include[]`, `user_ids[]`) is sent as named, `include[]=x`,
      // not `include[][]=x`, which qs would read as a list of lists.
      const named = encodeURIComponent(key);
      for (const item of value) appendPart(parts, named, item);
    } else appendPart(parts, encodeURIComponent(key), value);
  }
  return parts.join('&');
}

/**
 * The first pair of a Proxy API query is `integrated_account_id=<the same id>` on every call of a manager: it is
 * encoded once and reused while it stays the same.
 */
let lastFirst: { key: string; value: string; encoded: string } | undefined;

function firstPair(key: string, value: string): string {
  if (lastFirst?.key === key && lastFirst.value === value) return lastFirst.encoded;
  const encoded = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  lastFirst = { key, value, encoded };
  return encoded;
}

function appendPart(parts: string[], key: string, value: QueryValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendPart(parts, `${key}%5B%5D`, item);
    return;
  }
  if (typeof value === 'object') {
    for (const child of Object.keys(value)) appendPart(parts, `${key}%5B${encodeURIComponent(child)}%5D`, value[child]);
    return;
  }
  parts.push(`${key}=${encodeURIComponent(String(value))}`);
}
