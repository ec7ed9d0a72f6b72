/**
 * What keeps `outputDir` from growing without end: the files this manager wrote are removed, oldest first, once there
 * are more than `maxFiles` of them or they add up to more than `maxBytes`, and any older than `maxAgeMs`. Files older
 * than `maxAgeMs` that an earlier process left in the folder under the SDK's own naming scheme
 * (`<stem>-<12 hex digits>.<extension>`) are swept too, at most once per sweep interval; no other file in the folder
 * is ever touched. A removed file's handle stops resolving.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRegistry, RegisteredFile } from './file-handles.js';

export interface OutputRetentionOptions {
  /** Files this manager keeps in `outputDir`, at most. @default 500 */
  maxFiles?: number;
  /** Bytes those files may add up to. @default 1073741824 (1 GiB) */
  maxBytes?: number;
  /** How long a file is kept, in milliseconds. @default 86400000 (24 hours) */
  maxAgeMs?: number;
}

export const DEFAULT_OUTPUT_RETENTION: Required<OutputRetentionOptions> = {
  maxFiles: 500,
  maxBytes: 1024 * 1024 * 1024,
  maxAgeMs: 24 * 60 * 60 * 1000,
};

/** The SDK's output names (see binary-output.ts): a sanitised stem, a 12-hex-digit id, an extension. */
const OUTPUT_NAME = /^[A-Za-z0-9._-]+-[0-9a-f]{12}\.[A-Za-z0-9]+$/;
/** The folder is swept for stale files at most this often (or every `maxAgeMs`, when shorter). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

interface Tracked {
  file: RegisteredFile;
  writtenAt: number;
}

export class OutputRetention {
  readonly limits: Required<OutputRetentionOptions>;
  readonly #registry: FileRegistry;
  readonly #outputDir: () => Promise<string>;
  readonly #clock: () => number;
  readonly #files: Tracked[] = [];
  #bytes = 0;
  #lastSweep = Number.NEGATIVE_INFINITY;
  /** One pruning at a time: concurrent writes queue behind it. */
  #queue: Promise<void> = Promise.resolve();

  constructor(
    options: OutputRetentionOptions | undefined,
    registry: FileRegistry,
    outputDir: () => Promise<string>,
    clock: () => number = Date.now,
  ) {
    this.limits = {
      maxFiles: positiveOr(options?.maxFiles, DEFAULT_OUTPUT_RETENTION.maxFiles),
      maxBytes: positiveOr(options?.maxBytes, DEFAULT_OUTPUT_RETENTION.maxBytes),
      maxAgeMs: positiveOr(options?.maxAgeMs, DEFAULT_OUTPUT_RETENTION.maxAgeMs),
    };
    this.#registry = registry;
    this.#outputDir = outputDir;
    this.#clock = clock;
  }

  /** Files this manager wrote and still keeps. */
  get fileCount(): number {
    return this.#files.length;
  }

  /** Records a file just written, then removes what the limits no longer allow. Never throws. */
  track(file: RegisteredFile): Promise<void> {
    this.#files.push({ file, writtenAt: this.#clock() });
    this.#bytes += file.bytes;
    this.#queue = this.#queue.then(() => this.#prune()).catch(() => {});
    return this.#queue;
  }

  async #prune(): Promise<void> {
    const now = this.#clock();
    const { maxFiles, maxBytes, maxAgeMs } = this.limits;
    // The newest file always stays: it belongs to the answer being written.
    while (
      this.#files.length > 1 &&
      (this.#files.length > maxFiles || this.#bytes > maxBytes || now - this.#files[0]!.writtenAt > maxAgeMs)
    ) {
      const oldest = this.#files.shift()!;
      this.#bytes -= oldest.file.bytes;
      this.#registry.forget(oldest.file.handle);
      await rm(oldest.file.path, { force: true });
    }
    if (now - this.#lastSweep >= Math.min(SWEEP_INTERVAL_MS, maxAgeMs)) {
      this.#lastSweep = now;
      await this.#sweep(now);
    }
  }

  /** Stale files of earlier processes, by name pattern and modification time. */
  async #sweep(now: number): Promise<void> {
    const folder = await this.#outputDir();
    const kept = new Set(this.#files.map((tracked) => tracked.file.path));
    for (const name of await readdir(folder)) {
      if (!OUTPUT_NAME.test(name)) continue;
      const path = join(folder, name);
      if (kept.has(path)) continue;
      try {
        const info = await stat(path);
        if (info.isFile() && now - info.mtimeMs > this.limits.maxAgeMs) await rm(path, { force: true });
      } catch {
        // Gone already, or not ours to read.
      }
    }
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
