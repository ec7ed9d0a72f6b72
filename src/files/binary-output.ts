/**
 * Binary answers (speech audio) and decoded base64 go to a file in the output folder, under a name we make: a stem
 * we chose (the tool's resource), a random id and an extension from our own table. Nothing the server or the model
 * says becomes part of a path. The file is registered so that its handle can be passed to another tool.
 */
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { extensionForContentType, OCTET_STREAM, SNIFF_BYTES, sniffContentType } from './content-type.js';
import { type FileRegistry, newFileId, type RegisteredFile } from './file-handles.js';
import { sanitiseFileName } from './file-name.js';

const FILE_RESULT_MARKER = Symbol.for('truto-langchainjs-toolset.file-result');
/** The longest content type kept from a server or a data URL. */
export const MAX_MIME_TYPE_CHARS = 100;

/** What a binary answer becomes: `file` is a handle any file field accepts. */
export interface FileResult {
  /** `truto-file://<name>`: pass it to another tool's file field. */
  file: string;
  mime_type: string;
  /** Size in bytes. */
  bytes: number;
  /** Where the file is on disk (left out of what the model reads). */
  path: string;
}

/** The part of a file result a model reads. */
export type ModelFileReference = Pick<FileResult, 'file' | 'mime_type' | 'bytes'>;

export interface OutputTarget {
  outputDir: () => Promise<string>;
  registry: FileRegistry;
  /** Told of every file written, so that `outputDir` keeps within its limits (see retention.ts). */
  retention?: { track(file: RegisteredFile): Promise<void> };
}

export class OutputTooLargeError extends Error {
  readonly limit: number;

  constructor(limit: number) {
    super(`The binary answer is larger than ${limit} bytes; the partial file was removed.`);
    this.limit = limit;
  }
}

export function isFileResult(value: unknown): value is FileResult {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FILE_RESULT_MARKER] === true;
}

export function toModelReference(file: FileResult | RegisteredFile): ModelFileReference {
  return 'file' in file
    ? { file: file.file, mime_type: file.mime_type, bytes: file.bytes }
    : { file: file.handle, mime_type: file.mimeType, bytes: file.bytes };
}

/** Streams `source` into a new file, never holding more than one chunk; stops (and removes it) past `maxBytes`. */
export async function writeBinaryOutput(
  source: AsyncIterable<Uint8Array>,
  meta: { contentType: string | undefined; stem: string; maxBytes: number },
  target: OutputTarget,
): Promise<FileResult> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  const mimeType = chooseMimeType(meta.contentType, head);
  const fileName = sanitiseFileName(`${meta.stem}-${newFileId()}.${extensionForContentType(mimeType) ?? 'bin'}`);
  const path = join(await target.outputDir(), fileName);
  // `wx`: never overwrite, never follow a symlink someone planted under our name.
  const handle = await open(path, 'wx');
  let bytes = 0;
  try {
    let chunk: IteratorResult<Uint8Array> = first;
    while (!chunk.done) {
      bytes += chunk.value.byteLength;
      if (bytes > meta.maxBytes) throw new OutputTooLargeError(meta.maxBytes);
      await handle.write(chunk.value);
      chunk = await iterator.next();
    }
  } catch (error) {
    await iterator.return?.();
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  const registered = target.registry.register({ path, fileName, mimeType, bytes });
  await target.retention?.track(registered);
  return fileResult(registered);
}

/** Writes bytes already in memory (decoded base64, a buffered binary answer). */
export async function writeBytesOutput(
  data: Uint8Array,
  meta: { contentType: string | undefined; stem: string },
  target: OutputTarget,
): Promise<FileResult> {
  return writeBinaryOutput(oneChunk(data), { ...meta, maxBytes: Number.POSITIVE_INFINITY }, target);
}

function fileResult(registered: RegisteredFile): FileResult {
  const result: FileResult = {
    file: registered.handle,
    mime_type: registered.mimeType,
    bytes: registered.bytes,
    path: registered.path,
  };
  Object.defineProperty(result, FILE_RESULT_MARKER, { value: true, enumerable: false });
  return result;
}

/** The server's type when it is a well-formed, specific one; otherwise what the bytes say. */
function chooseMimeType(contentType: string | undefined, head: Uint8Array): string {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  // A type longer than any registered one is not one (and would swell every reference the model reads).
  if (
    essence &&
    essence.length <= MAX_MIME_TYPE_CHARS &&
    essence !== OCTET_STREAM &&
    /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(essence)
  )
    return essence;
  return sniffContentType(head.subarray(0, SNIFF_BYTES)) ?? OCTET_STREAM;
}

async function* oneChunk(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}
