/**
 * Handles: the names under which files the SDK wrote (binary answers, offloaded base64) are given to the model, so that
 * it can pass them to another tool. A handle is `truto-file://<file name>`, where the file name carries a random id
 * (`truto-file://speech-3f9a0c27b1d4.mp3`). Only handles this manager issued resolve: the registry maps them to the
 * real path, so a model cannot turn a made-up handle into a path of its choosing.
 */
import { randomBytes } from 'node:crypto';

export const HANDLE_SCHEME = 'truto-file://';

/** A file the SDK wrote and may read again. */
export interface RegisteredFile {
  handle: string;
  /** Absolute path on disk. */
  path: string;
  /** The sanitised file name (also the handle's tail). */
  fileName: string;
  mimeType: string;
  bytes: number;
}

/** A random, file-name-safe id: 12 hex digits (48 bits), plenty for the files of one process. */
export function newFileId(): string {
  return randomBytes(6).toString('hex');
}

export function isHandle(value: string): boolean {
  return value.startsWith(HANDLE_SCHEME);
}

export function handleFor(fileName: string): string {
  return `${HANDLE_SCHEME}${fileName}`;
}

/** Per-manager: handles from one manager mean nothing to another. */
export class FileRegistry {
  readonly #files = new Map<string, RegisteredFile>();

  register(file: Omit<RegisteredFile, 'handle'>): RegisteredFile {
    const registered = { ...file, handle: handleFor(file.fileName) };
    this.#files.set(registered.handle, registered);
    return registered;
  }

  /** Forgets a handle whose file was removed (see retention.ts): it no longer resolves. */
  forget(handle: string): void {
    this.#files.delete(handle);
  }

  /** The file behind a handle, or undefined when this manager never issued it. */
  lookup(handle: string): RegisteredFile | undefined {
    return this.#files.get(handle.trim());
  }
}
