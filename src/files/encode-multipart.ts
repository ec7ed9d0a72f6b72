/**
 * The multipart body of a tool with file fields, as Truto forwards it with `truto_body_passthrough=true`. Every file is
 * resolved and checked before the body exists; the body itself is a function that builds a fresh stream per attempt
 * (a retry resends the same files). The stream is written here rather than by `FormData`: undici's FormData copies
 * every chunk of a file into a new buffer, which doubles the garbage of a large upload, while this one hands the
 * chunks read from disk straight to the socket. The length is known up front, so the request has a Content-Length.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { HttpRequest, RequestBody } from '../http/client.js';
import type { ProxyRequest } from '../invoke/build-request.js';
import type { EncodedBody } from '../invoke/request-body.js';
import type { FileField } from './file-fields.js';
import { type PreparedUpload, prepareUpload, type UploadContext } from './prepare-upload.js';
import { releaseWith, removeSpooled } from './spool.js';
import type { UploadRules } from './upload-rules.js';

export interface MultipartPlan {
  fields: readonly FileField[];
  rulesFor: (field: FileField) => UploadRules;
  context: UploadContext;
  onBinaryBody?: HttpRequest['onBinaryBody'];
}

/** What hooks and dry runs see instead of the bytes. */
export interface MultipartDescription {
  multipart: true;
  fields: Record<string, string | string[]>;
  files: Array<{ field: string; filename: string; content_type: string; bytes: number; source: string; given: string }>;
}

const CRLF = Buffer.from('\r\n');
/** Chunk size for reading files: small enough to keep memory flat, large enough for few system calls. */
const READ_CHUNK_BYTES = 64 * 1024;

export async function encodeMultipartBody(
  request: ProxyRequest,
  plan: MultipartPlan,
): Promise<EncodedBody | undefined> {
  const body = request.body;
  // File fields live in a body of fields; a whole (array or scalar) body is never multipart.
  if (plan.fields.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const texts: Array<[string, string]> = [];
  const uploads: PreparedUpload[] = [];
  try {
    for (const [name, value] of Object.entries(body)) {
      const field = plan.fields.find((candidate) => candidate.name === name);
      if (field === undefined) {
        appendText(texts, name, value);
        continue;
      }
      const rules = plan.rulesFor(field);
      const values = field.multiple && Array.isArray(value) ? value : [value];
      for (const [index, item] of values.entries()) {
        const where = field.multiple
          ? { issuePath: `${name}.${index}`, partName: `${name}[]` }
          : { issuePath: name, partName: name };
        uploads.push(await prepareUpload(item, where, rules, plan.context));
      }
    }
  } catch (error) {
    await Promise.all(uploads.map((upload) => (upload.spooledPath ? removeSpooled(upload.spooledPath) : undefined)));
    throw error;
  }
  const boundary = `----truto-${randomBytes(12).toString('hex')}`;
  const layout = layoutParts(boundary, texts, uploads);
  const encoded: EncodedBody = {
    query: { ...request.query, truto_body_passthrough: 'true' },
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(layout.length),
    },
    body: () => Readable.from(streamParts(layout.parts), { objectMode: false }) as RequestBody,
    description: describe(texts, uploads),
    ...(plan.onBinaryBody ? { onBinaryBody: plan.onBinaryBody } : {}),
  };
  for (const upload of uploads) if (upload.spooledPath) releaseWith(encoded, upload.spooledPath);
  return encoded;
}

type Part = Buffer | PreparedUpload;

/** The body as framing buffers and uploads in order, with its exact length (RFC 7578). */
function layoutParts(
  boundary: string,
  texts: ReadonlyArray<[string, string]>,
  uploads: readonly PreparedUpload[],
): { parts: Part[]; length: number } {
  const parts: Part[] = [];
  let length = 0;
  const push = (part: Part) => {
    parts.push(part);
    length += Buffer.isBuffer(part) ? part.length : part.size;
  };
  for (const [name, value] of texts) {
    push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const upload of uploads) {
    push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(upload.partName)}"; filename="${escapeQuoted(upload.filename)}"\r\nContent-Type: ${upload.contentType}\r\n\r\n`,
      ),
    );
    push(upload);
    push(CRLF);
  }
  push(Buffer.from(`--${boundary}--\r\n`));
  return { parts, length };
}

async function* streamParts(parts: readonly Part[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      yield part;
    } else if ('path' in part.content) {
      // Exactly the bytes that were measured: a file that grew since is not sent past its checked size.
      if (part.size > 0) {
        yield* createReadStream(part.content.path, { start: 0, end: part.size - 1, highWaterMark: READ_CHUNK_BYTES });
      }
    } else if ('bytes' in part.content) {
      yield part.content.bytes;
    } else {
      yield* part.content.blob.stream() as unknown as AsyncIterable<Uint8Array>;
    }
  }
}

/** WHATWG's escaping for names in multipart headers: a quote or a line break must not end the header. */
function escapeQuoted(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/** Form encoding as OpenAI's SDK writes it: arrays as repeated `name[]`, objects as `name[key]`. */
function appendText(texts: Array<[string, string]>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendText(texts, `${name}[]`, item);
  } else if (value instanceof Date) {
    texts.push([name, value.toISOString()]);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) appendText(texts, `${name}[${key}]`, item);
  } else {
    texts.push([name, String(value)]);
  }
}

function describe(texts: ReadonlyArray<[string, string]>, uploads: readonly PreparedUpload[]): MultipartDescription {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of texts) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return {
    multipart: true,
    fields,
    files: uploads.map((upload) => ({
      field: upload.partName,
      filename: upload.filename,
      content_type: upload.contentType,
      bytes: upload.size,
      source: upload.source,
      given: upload.given,
    })),
  };
}
