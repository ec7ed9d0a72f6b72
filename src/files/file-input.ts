/**
 * What programmatic callers may pass for a file besides a reference string: bytes, a Blob or File, a stream, or
 * `fileFromPath(path)` for a file anywhere on disk. None of these can be written in JSON, so a model can never
 * produce one: that is what lets `fileFromPath` skip the root check that every string reference goes through.
 */
import { Readable } from 'node:stream';

const FILE_PATH_MARKER = Symbol.for('truto-langchainjs-toolset.file-path');

/** A file on disk chosen by the program (not the model); see `fileFromPath`. */
export interface FilePathInput {
  readonly [FILE_PATH_MARKER]: true;
  readonly path: string;
  /** The name sent in the multipart part. @default the path's base name */
  readonly filename?: string;
  /** @default from the extension, else from the first bytes */
  readonly contentType?: string;
}

/**
 * A file anywhere on disk, for programmatic callers: `manager.invoke('create_a_open_ai_transcription',
 * { file: fileFromPath('/data/call.wav'), model: 'whisper-1' })`. It is streamed from disk, never read whole.
 * Strings, plain `{ path }` objects and `file://` URLs are references instead, confined to `files.root`.
 */
export function fileFromPath(path: string, options: { filename?: string; contentType?: string } = {}): FilePathInput {
  return Object.freeze({ [FILE_PATH_MARKER]: true as const, path, ...options });
}

export function isFilePathInput(value: unknown): value is FilePathInput {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FILE_PATH_MARKER] === true;
}

export function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

export function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

/** A Node `Readable` or a web `ReadableStream`. */
export function isStream(value: unknown): value is Readable | ReadableStream<Uint8Array> {
  return value instanceof Readable || (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream);
}

export function asAsyncIterable(stream: Readable | ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return stream instanceof Readable ? stream : Readable.fromWeb(stream as import('node:stream/web').ReadableStream);
}
