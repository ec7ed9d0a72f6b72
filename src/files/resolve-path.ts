/**
 * Root containment for path references. A path is resolved against the root, then both are resolved through
 * `realpath`, so `..`, absolute paths and symlinks that lead out of the root are all refused by the same test: the
 * file's real location must lie inside the root's real location.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type PathRefusal =
  | { reason: 'no-root' }
  | { reason: 'outside-root' }
  | { reason: 'not-found' }
  | { reason: 'not-a-file' }
  | { reason: 'invalid' };

export type ResolvedPath = { path: string; size: number } | PathRefusal;

/** True when `candidate` is `folder` itself or lies below it (both absolute and normalised). */
export function isInside(folder: string, candidate: string): boolean {
  const path = relative(folder, candidate);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

export async function resolveInsideRoot(root: string | undefined, reference: string): Promise<ResolvedPath> {
  if (root === undefined) return { reason: 'no-root' };
  if (reference.includes('\0') || reference.trim() === '') return { reason: 'invalid' };
  const lexical = resolve(root, reference);
  // Checked before touching the disk, so a refused path is never even stat'ed.
  if (!isInside(root, lexical)) return { reason: 'outside-root' };
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { reason: 'no-root' };
  }
  try {
    realFile = await realpath(lexical);
  } catch {
    return { reason: 'not-found' };
  }
  if (!isInside(realRoot, realFile)) return { reason: 'outside-root' };
  const info = await stat(realFile);
  if (!info.isFile()) return { reason: 'not-a-file' };
  return { path: realFile, size: info.size };
}
