/**
 * A real `multipart/form-data` parser (RFC 7578) over a buffered body. Buffer.indexOf does the scanning natively,
 * so a 25 MB upload parses in milliseconds, and we keep full control of limits and error answers.
 */
import { createHash } from 'node:crypto';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
  /** Hex SHA-256 of `data`, computed once on first use by `fileDigest`. */
  sha256?: string;
}

export interface MultipartBody {
  /** Text fields; a name sent several times (`timestamp_granularities[]`) gives an array. */
  fields: Record<string, string | string[]>;
  files: MultipartFile[];
}

/** What the request log keeps of a multipart body: no file bytes, but enough to prove what was sent. */
export interface MultipartSummary {
  fields: Record<string, string | string[]>;
  files: Array<{ field: string; filename: string; contentType: string; size: number; sha256: string }>;
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  const fields: Record<string, string | string[]> = {};
  const files: MultipartFile[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new MultipartError('The body has no multipart boundary line.');
  // Anything before the first delimiter is a preamble, which RFC 2046 says to ignore.
  position += delimiter.length;
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break; // `--`: the closing delimiter
    const lineEnd = body.indexOf(CRLF, position);
    if (lineEnd === -1) throw new MultipartError('A multipart boundary line does not end.');
    const headersEnd = body.indexOf(HEADER_END, lineEnd);
    if (headersEnd === -1) throw new MultipartError('A multipart part has no end of headers.');
    const headers = parsePartHeaders(body.toString('utf8', lineEnd + 2, headersEnd));
    const dataStart = headersEnd + 4;
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (dataEnd === -1) throw new MultipartError('The multipart body ends without its closing boundary.');
    const disposition = parseDisposition(headers['content-disposition']);
    if (disposition?.name !== undefined) {
      const data = body.subarray(dataStart, dataEnd);
      if (disposition.filename !== undefined) {
        files.push({
          field: disposition.name,
          filename: disposition.filename,
          contentType: headers['content-type'] ?? 'application/octet-stream',
          data,
        });
      } else {
        addField(fields, disposition.name, data.toString('utf8'));
      }
    }
    position = dataEnd + nextDelimiter.length;
  }
  return { fields, files };
}

export function summariseMultipart(body: MultipartBody): MultipartSummary {
  return {
    fields: body.fields,
    files: body.files.map((file) => ({
      field: file.field,
      filename: file.filename,
      contentType: file.contentType,
      size: file.data.length,
      sha256: fileDigest(file),
    })),
  };
}

/** The file's SHA-256 (hex), computed once: the request log and the transcription both need it. */
export function fileDigest(file: MultipartFile): string {
  file.sha256 ??= createHash('sha256').update(file.data).digest('hex');
  return file.sha256;
}

function addField(fields: Record<string, string | string[]>, name: string, value: string): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
}

function parsePartHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseDisposition(value: string | undefined): { name?: string; filename?: string } | undefined {
  if (value === undefined || !/^form-data\b/i.test(value)) return undefined;
  const parameters: Record<string, string> = {};
  for (const match of value.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = match[1]!.toLowerCase();
    parameters[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
  }
  // RFC 5987 `filename*=UTF-8''...` wins over the plain parameter when both are present.
  const extended = parameters['filename*'];
  let filename = parameters.filename;
  if (extended !== undefined) {
    const encoded = /^[^']*'[^']*'(.*)$/.exec(extended)?.[1];
    if (encoded !== undefined) {
      try {
        filename = decodeURIComponent(encoded);
      } catch {
        filename = encoded;
      }
    }
  }
  return { name: parameters.name, filename };
}
