/**
 * Root containment for path references, without a window between the check and the read. The file is opened first
 * and the check is made on what was opened: the kernel's own path of the open file (Linux), or the real path of the
 * reference confirmed to be that very file by device and inode (elsewhere). `..`, absolute paths and symlinks that
 * lead out of the root are all refused by the same test: the opened file's real location must lie inside the root's
 * real location. A directory swapped for a symlink after the check cannot change the bytes sent: they are read from
 * the opened file, through a path that names it (`/dev/fd/<n>`) for as long as the upload may be sent.
 */
import { constants, existsSync } from 'node:fs';
import { type FileHandle, open, readlink, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type PathRefusal =
  | { reason: 'no-root' }
  | { reason: 'outside-root' }
  | { reason: 'not-found' }
  | { reason: 'not-a-file' }
  | { reason: 'invalid' };

/** A regular file inside the root, open. Whoever receives it closes `handle` (see `releaseOpenedFile`). */
export interface OpenedPath {
  handle: FileHandle;
  /**
   * A path that reads exactly the opened file while `handle` is open (`/dev/fd/<n>`), whatever happens to the
   * reference's folders meanwhile; the real path where the system has no such names (Windows).
   */
  path: string;
  /** Where the file really is (symlinks resolved): for names and messages. */
  realPath: string;
  size: number;
}

export type OpenedOrRefused = OpenedPath | PathRefusal;

/** True when `candidate` is `folder` itself or lies below it (both absolute and normalised). */
export function isInside(folder: string, candidate: string): boolean {
  const path = relative(folder, candidate);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

/** Opening never waits for a writer (a FIFO planted in the root would otherwise hang a thread for good). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
/** Where the kernel names open files: a path through it reopens the same file, not whatever the old path now is. */
const DESCRIPTOR_FOLDER = existsSync('/dev/fd') ? '/dev/fd' : undefined;
const KERNEL_PATHS = existsSync('/proc/self/fd') ? '/proc/self/fd' : undefined;

export async function openInsideRoot(root: string | undefined, reference: string): Promise<OpenedOrRefused> {
  if (root === undefined) return { reason: 'no-root' };
  if (reference.includes('\0') || reference.trim() === '') return { reason: 'invalid' };
  const lexical = resolve(root, reference);
  // Checked before touching the disk, so a refused path is never even opened.
  if (!isInside(root, lexical)) return { reason: 'outside-root' };
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { reason: 'no-root' };
  }
  let handle: FileHandle;
  try {
    handle = await open(lexical, OPEN_FLAGS);
  } catch {
    return { reason: 'not-found' };
  }
  try {
    const info = await handle.stat();
    const realFile = await realPathOf(handle, lexical, info);
    // Outside first: nothing is said about what lies outside the root, not even whether it is a file.
    if (realFile === undefined || !isInside(realRoot, realFile)) return close(handle, { reason: 'outside-root' });
    if (!info.isFile()) return close(handle, { reason: 'not-a-file' });
    const path = DESCRIPTOR_FOLDER === undefined ? realFile : `${DESCRIPTOR_FOLDER}/${handle.fd}`;
    return { handle, path, realPath: realFile, size: info.size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

const openFiles = new FinalizationRegistry<FileHandle>((handle) => {
  handle.close().catch(() => undefined);
});

/**
 * Keeps `opened` open exactly as long as `owner` (what reads it through `opened.path`, possibly more than once for
 * retries) can still be reached, then closes it.
 */
export function releaseOpenedFile(owner: object, opened: OpenedPath): void {
  openFiles.register(owner, opened.handle);
}

/**
 * The real path of the file `handle` has open, or undefined when that cannot be told for sure (the reference was
 * swapped between the open and the look-up).
 */
async function realPathOf(
  handle: FileHandle,
  lexical: string,
  info: { dev: number; ino: number },
): Promise<string | undefined> {
  if (KERNEL_PATHS !== undefined) {
    const named = await readlink(`${KERNEL_PATHS}/${handle.fd}`).catch(() => undefined);
    if (named !== undefined && isAbsolute(named)) return named;
  }
  try {
    const real = await realpath(lexical);
    const now = await stat(real);
    return now.dev === info.dev && now.ino === info.ino ? real : undefined;
  } catch {
    return undefined;
  }
}

async function close(handle: FileHandle, refusal: PathRefusal): Promise<PathRefusal> {
  await handle.close().catch(() => undefined);
  return refusal;
}
