/**
 * File names that are safe to create and to show: whatever a model, a URL or a server suggests goes through here
 * before it names anything on disk or in a multipart part.
 */

const MAX_NAME_LENGTH = 100;

/**
 * Letters, digits, `.`, `_` and `-` only; no leading dot (no hidden files, no `..`), no path separators, at most
 * 100 characters with the extension kept. An empty result becomes `fallback`.
 */
export function sanitiseFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFKD')
    // Accents come apart under NFKD; dropping the marks keeps `café` readable as `cafe`.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+/, '')
    .replace(/[._-]+$/, '');
  if (clean.length > MAX_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const extension = dot > 0 && clean.length - dot <= 11 ? clean.slice(dot) : '';
    clean = clean.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
  }
  return clean === '' ? fallback : clean;
}

/** Replaces (or adds) the extension of an already sanitised name. */
export function withExtension(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}.${extension}`;
}

/** The last path segment of a URL, decoded, or undefined when it has none. */
export function fileNameFromUrl(url: URL): string | undefined {
  const segment = url.pathname.split('/').pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
