import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseToolDefinition } from './parse-tool-definition.js';
import type { TrutoToolDefinition } from './tool-definition.js';

/** Bumped when the file layout changes; files of another format are ignored (and rewritten). */
export const DISK_CACHE_FORMAT = 1;

/** One catalog on disk. Human-readable on purpose: `jq` it to see what an account exposed at `savedAt`. */
export interface DiskCatalogFile {
  format: typeof DISK_CACHE_FORMAT;
  /** Milliseconds since the epoch, from the cache's clock. */
  savedAt: number;
  baseUrl: string;
  integratedAccountId: string;
  methods: string[];
  tags: string[];
  /** Exposed (provider-safe) tool name → definition hash; what change detection compares. */
  hashes: Record<string, string>;
  tools: TrutoToolDefinition[];
}

export interface DiskCatalog {
  savedAt: number;
  definitions: TrutoToolDefinition[];
  hashes: Map<string, string>;
}

/**
 * A directory of catalog files, one per cache key. The file name is a hash of the key, and the key holds only
 * a fingerprint of the API key: neither the file name nor its content reveals the secret.
 * Problems (unreadable, corrupt, unwritable) become warnings: the disk cache only ever saves a fetch.
 */
export class DiskCatalogStore {
  readonly directory: string;
  readonly #onWarning: (message: string) => void;

  constructor(directory: string, onWarning: (message: string) => void) {
    this.directory = directory;
    this.#onWarning = onWarning;
  }

  pathFor(key: string): string {
    return join(this.directory, `catalog-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async read(key: string): Promise<DiskCatalog | undefined> {
    const path = this.pathFor(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.#onWarning(`Could not read the catalog cache ${path}: ${(error as Error).message}`);
      }
      return undefined;
    }
    try {
      const file = JSON.parse(text) as Partial<DiskCatalogFile>;
      if (file.format !== DISK_CACHE_FORMAT || typeof file.savedAt !== 'number' || !Array.isArray(file.tools)) {
        throw new Error('unknown format');
      }
      const definitions: TrutoToolDefinition[] = [];
      // The file may have been edited by hand: check each entry as strictly as one from the wire.
      for (const entry of file.tools) {
        const parsed = parseToolDefinition(entry);
        if (parsed.ok) definitions.push(parsed.tool);
      }
      const hashes = new Map<string, string>();
      if (file.hashes && typeof file.hashes === 'object') {
        for (const [name, hash] of Object.entries(file.hashes)) if (typeof hash === 'string') hashes.set(name, hash);
      }
      return { savedAt: file.savedAt, definitions, hashes };
    } catch (error) {
      this.#onWarning(`Ignored the catalog cache ${path}: ${(error as Error).message}.`);
      return undefined;
    }
  }

  async write(key: string, file: DiskCatalogFile): Promise<void> {
    const path = this.pathFor(key);
    // Write then rename: a reader in another process never sees half a file.
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true });
      await writeFile(temporary, JSON.stringify(file), 'utf8');
      await rename(temporary, path);
    } catch (error) {
      this.#onWarning(`Could not write the catalog cache ${path}: ${(error as Error).message}`);
    }
  }
}
