/**
 * The text a model receives for a successful call. JSON stays JSON (list answers keep `next_cursor`, so the
 * model can ask for the next page); an empty answer says so instead of returning nothing.
 */
export function formatResultForModel(data: unknown, status: number): string {
  if (data === undefined || data === null || data === '') return JSON.stringify({ ok: true, status });
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) {
    return JSON.stringify({ ok: true, status, bytes: data.byteLength, note: 'binary answer not shown to the model' });
  }
  return JSON.stringify(data);
}
