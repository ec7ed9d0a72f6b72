/**
 * Tiny benchmark kit shared by every `bench/*.bench.ts` module. Figures are always reported side by side
 * with a baseline measured in the same run, because these machines are shared and noisy: absolute numbers
 * drift, ratios hold.
 */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  [column: string]: string | number | undefined;
}

/** One table in the report. `targets` lists the goals with their measured value and whether they are met. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
  targets?: Array<{ name: string; value: string; met: boolean }>;
}

/** A bench module's default export. */
export type BenchModule = () => Promise<BenchSection | BenchSection[]>;

export interface OpsResult {
  opsPerSecond: number;
  /** Median time of one batch divided by its size, in microseconds. */
  medianMicros: number;
  samples: number;
}

/**
 * Runs `fn` repeatedly in batches for about `timeMs` and reports operations per second (from the median batch).
 * Synchronous functions only; use `measureAsyncOps` for promises.
 */
export function measureOps(
  fn: () => unknown,
  options: { timeMs?: number; batch?: number; warmupMs?: number } = {},
): OpsResult {
  const timeMs = options.timeMs ?? 500;
  const batch = options.batch ?? calibrateBatch(fn);
  runFor(fn, batch, options.warmupMs ?? 100);
  const perOp: number[] = [];
  const end = performance.now() + timeMs;
  while (performance.now() < end || perOp.length < 5) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    perOp.push((performance.now() - start) / batch);
  }
  const median = medianOf(perOp);
  return { opsPerSecond: 1000 / median, medianMicros: median * 1000, samples: perOp.length * batch };
}

export async function measureAsyncOps(
  fn: () => Promise<unknown>,
  options: { timeMs?: number; batch?: number; warmupMs?: number } = {},
): Promise<OpsResult> {
  const timeMs = options.timeMs ?? 500;
  const batch = options.batch ?? 50;
  const warmEnd = performance.now() + (options.warmupMs ?? 100);
  while (performance.now() < warmEnd) await fn();
  const perOp: number[] = [];
  const end = performance.now() + timeMs;
  while (performance.now() < end || perOp.length < 5) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    perOp.push((performance.now() - start) / batch);
  }
  const median = medianOf(perOp);
  return { opsPerSecond: 1000 / median, medianMicros: median * 1000, samples: perOp.length * batch };
}

/** Median wall time of `runs` calls of an async function, in milliseconds. */
export async function medianTimeMs(fn: () => Promise<unknown> | unknown, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return medianOf(times);
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

export function formatNumber(value: number, digits = 1): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits);
}

function calibrateBatch(fn: () => unknown): number {
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - start > 5 || batch >= 1 << 20) return batch;
    batch *= 2;
  }
}

function runFor(fn: () => unknown, batch: number, ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) for (let i = 0; i < batch; i++) fn();
}
