/**
 * Writes a stream of unknown length to a file, counting bytes as they pass and stopping at a limit. Used for uploads
 * whose size cannot be known in advance (a caller's stream, a URL's body): the limit is then checked before anything
 * is sent, a retry can resend the file, and memory stays at one chunk whatever the size.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNIFF_BYTES } from './content-type.js';
import { newFileId } from './file-handles.js';

export interface SpooledFile {
  path: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Uint8Array;
}

export class SpoolLimitError extends Error {
  readonly limit: number;
  readonly seen: number;

  constructor(limit: number, seen: number) {
    super(`more than ${limit} bytes`);
    this.limit = limit;
    this.seen = seen;
  }
}

let spoolFolder: Promise<string> | undefined;

/**
 * Spooled uploads are scratch copies, unlike outputs. Each is removed once the request that sent it is garbage
 * (see `releaseWith`), and whatever is left when the process exits goes with the folder (an exit handler must be
 * synchronous).
 */
function folder(): Promise<string> {
  spoolFolder ??= mkdtemp(join(tmpdir(), 'truto-upload-')).then((path) => {
    process.once('exit', () => rmSync(path, { recursive: true, force: true }));
    return path;
  });
  return spoolFolder;
}

const cleanup = new FinalizationRegistry<string>((path) => {
  rm(path, { force: true }).catch(() => undefined);
});

/** Removes the spooled file once `owner` (the encoded body that may resend it on a retry) is garbage collected. */
export function releaseWith(owner: object, path: string): void {
  cleanup.register(owner, path);
}

export async function spoolToFile(
  source: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; fileName: string; signal?: AbortSignal },
): Promise<SpooledFile> {
  const path = join(await folder(), `${newFileId()}-${options.fileName}`);
  const handle = await open(path, 'wx');
  let size = 0;
  const head = new Uint8Array(SNIFF_BYTES);
  let headLength = 0;
  try {
    for await (const chunk of source) {
      options.signal?.throwIfAborted();
      size += chunk.byteLength;
      if (size > options.maxBytes) throw new SpoolLimitError(options.maxBytes, size);
      if (headLength < SNIFF_BYTES) {
        const take = Math.min(SNIFF_BYTES - headLength, chunk.byteLength);
        head.set(chunk.subarray(0, take), headLength);
        headLength += take;
      }
      await handle.write(chunk);
    }
  } catch (error) {
    await handle.close();
    await removeSpooled(path);
    discard(source);
    throw error;
  }
  await handle.close();
  return { path, size, head: head.subarray(0, headLength) };
}

export async function removeSpooled(path: string): Promise<void> {
  await rm(path, { force: true });
}

/**
 * Stops a stream we no longer want. Destroying an undici body makes it emit an abort error; with nobody listening that
 * would crash the process, so a listener that ignores it goes first.
 */
export function discard(stream: unknown): void {
  const readable = stream as { destroy?: () => void; on?: (event: string, listener: () => void) => void };
  readable.on?.('error', () => undefined);
  readable.destroy?.();
}
