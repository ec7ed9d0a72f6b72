/**
 * Content types from file extensions and from the first bytes of a file. The tables are ours on purpose: a name or a
 * type that comes from a model or a server is only ever looked up, never used as is.
 */

const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  mpga: 'audio/mpeg',
  mpeg: 'audio/mpeg',
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  wav: 'audio/wav',
  webm: 'audio/webm',
  aac: 'audio/aac',
  pcm: 'audio/pcm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  json: 'application/json',
  jsonl: 'application/jsonl',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  zip: 'application/zip',
  bin: 'application/octet-stream',
};

const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/aac': 'aac',
  'audio/pcm': 'pcm',
  'audio/l16': 'pcm',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/jsonl': 'jsonl',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/octet-stream': 'bin',
};

export const OCTET_STREAM = 'application/octet-stream';

/** The lower-case extension of a file name, without the dot; undefined when there is none. */
export function extensionOf(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match?.[1]?.toLowerCase();
}

export function contentTypeForExtension(extension: string | undefined): string | undefined {
  return extension === undefined ? undefined : TYPE_BY_EXTENSION[extension.toLowerCase()];
}

/** The extension for a content type (parameters ignored); undefined for a type we do not know. */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return EXTENSION_BY_TYPE[essence];
}

/** How many leading bytes `sniffContentType` needs. */
export const SNIFF_BYTES = 16;

/** Recognises common audio, image and document formats from their first bytes. */
export function sniffContentType(head: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF') {
    const kind = ascii(8, 12);
    if (kind === 'WAVE') return 'audio/wav';
    if (kind === 'WEBP') return 'image/webp';
  }
  if (head.length >= 8 && head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 4 && ascii(0, 4) === 'GIF8') return 'image/gif';
  if (head.length >= 4 && ascii(0, 4) === '%PDF') return 'application/pdf';
  if (head.length >= 4 && ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (head.length >= 4 && ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)
    return 'audio/webm';
  if (head.length >= 12 && ascii(4, 8) === 'ftyp') return ascii(8, 11) === 'M4A' ? 'audio/mp4' : 'video/mp4';
  if (head.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0)
    return 'audio/mpeg';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return 'application/zip';
  return undefined;
}
