/**
 * What `npm pack` would publish, read from `npm pack --dry-run --json` (no tarball is written), and the size budget
 * the package keeps: scripts/check-package.ts fails above it, bench/import.bench.ts reports against it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Issue 17's aim for the tarball: 1.5 MB packed before (4.1 MB of it source maps with their sources). */
export const PACKED_BUDGET_BYTES = 400_000;
/** Unpacked, what `node_modules` gains; about four times the packed size for JavaScript and declarations. */
export const UNPACKED_BUDGET_BYTES = 1_600_000;

export interface PackSummary {
  packedBytes: number;
  unpackedBytes: number;
  files: number;
  /** Paths inside the package (`dist/index.cjs`, `README.md`, ...), with their sizes. */
  entries: Array<{ path: string; size: number }>;
}

export async function packSummary(root: string): Promise<PackSummary> {
  // --ignore-scripts: a `prepack` script (none today) must not rebuild while we only look.
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [pack] = JSON.parse(stdout) as Array<{
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{ path: string; size: number }>;
  }>;
  if (pack === undefined) throw new Error('npm pack --dry-run printed no package');
  return {
    packedBytes: pack.size,
    unpackedBytes: pack.unpackedSize,
    files: pack.entryCount,
    entries: pack.files.map(({ path, size }) => ({ path, size })),
  };
}
