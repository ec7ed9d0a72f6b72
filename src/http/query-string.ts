/**
 * Encodes query parameters the way Truto's Proxy API reads them (qs "brackets" style):
 * `a=1`, arrays as `a[]=x&a[]=y`, nested objects as `a[b]=c`. `undefined` and `null` are left out,
 * so an optional argument the model set to null is simply not sent.
 */
export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue };

export function encodeQuery(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const key of Object.keys(params)) appendPart(parts, encodeURIComponent(key), params[key]);
  return parts.join('&');
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
