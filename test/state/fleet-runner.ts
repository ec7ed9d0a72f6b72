/**
 * Runs a fleet of worker processes (fleet-worker.ts) against one sandbox and sums up what they and the sandbox
 * saw. Shared by test/state/fleet.test.ts and bench/fleet.bench.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../src/entries/sandbox.js';
import type { FleetWorkerConfig, FleetWorkerReport } from './fleet-worker.js';

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./budget-worker.ts', import.meta.url));

export type FleetPlan = Omit<FleetWorkerConfig, 'baseUrl' | 'apiKey' | 'integratedAccountId'>;

export interface FleetResult {
  reports: FleetWorkerReport[];
  ok: number;
  /** 429s the workers got (from the sandbox, or refused by the shared state in fail-fast mode). */
  rateLimited: number;
  failed: number;
  /** From "go" to the last worker's last answer. */
  wallMs: number;
  /** Proxy requests the sandbox answered 429. */
  sandbox429s: number;
  /** Proxy requests the sandbox answered 2xx. */
  sandboxAccepted: number;
  /** The sandbox's fixed windows (each opens with the first request after the last one closed) that saw traffic. */
  windows: number;
  /** The most proxy requests the sandbox accepted in one of its windows. */
  maxAcceptedPerWindow: number;
}

/**
 * Starts `workers` processes, waits until each has loaded its catalog, clears the sandbox (its windows and request
 * log), says go, and collects the reports. `whileRunning` runs once all have started (to kill Redis, say).
 */
export async function runFleet(options: {
  sandbox: Sandbox;
  workers: number;
  plan: FleetPlan;
  windowSeconds: number;
  whileRunning?: () => Promise<void>;
}): Promise<FleetResult> {
  const { sandbox } = options;
  const config: FleetWorkerConfig = {
    ...options.plan,
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
  };
  const children = Array.from({ length: options.workers }, () => startWorker(WORKER, JSON.stringify(config)));
  try {
    await Promise.all(children.map((child) => child.nextLine()));
    sandbox.reset();
    const goAt = Date.now();
    for (const child of children) child.process.stdin?.write('go\n');
    const during = options.whileRunning?.();
    const reports = (await Promise.all(children.map((child) => child.nextLine()))) as FleetWorkerReport[];
    await during;
    const finishedAt = Math.max(...reports.map((report) => report.finishedAt));
    const proxy = sandbox.requests.filter((request) => request.route === 'proxy');
    const accepted = proxy.filter((request) => request.status !== undefined && request.status < 300);
    const windows = fixedWindows(
      sandbox.requests.map((request) => request.receivedAt),
      options.windowSeconds * 1000,
    );
    return {
      reports,
      ok: sum(reports.map((report) => report.ok)),
      rateLimited: sum(reports.map((report) => report.rateLimited)),
      failed: sum(reports.map((report) => report.failed)),
      wallMs: finishedAt - goAt,
      sandbox429s: proxy.filter((request) => request.status === 429).length,
      sandboxAccepted: accepted.length,
      windows: windows.length,
      maxAcceptedPerWindow: Math.max(
        0,
        ...windows.map(
          (start) =>
            accepted.filter(
              (request) => request.receivedAt >= start && request.receivedAt < start + options.windowSeconds * 1000,
            ).length,
        ),
      ),
    };
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
  }
}

export interface BudgetWorkerConfig {
  redisUrl: string;
  key: string;
  max: number;
  windowSeconds: number;
  durationMs: number;
  concurrency: number;
}

export interface BudgetWorkerReport {
  /** Epoch milliseconds at which each admission's answer arrived. */
  allowedAt: number[];
  denied: number;
}

export async function runBudgetWorkers(workers: number, config: BudgetWorkerConfig): Promise<BudgetWorkerReport[]> {
  const children = Array.from({ length: workers }, () => startWorker(SCRIPT, JSON.stringify(config)));
  try {
    await Promise.all(children.map((child) => child.nextLine()));
    for (const child of children) child.process.stdin?.write('go\n');
    return (await Promise.all(children.map((child) => child.nextLine()))) as BudgetWorkerReport[];
  } finally {
    for (const child of children) child.process.kill('SIGKILL');
  }
}

/** Starts of the windows a fixed-window limiter like the sandbox's opens for requests at `times`. */
export function fixedWindows(times: number[], windowMs: number): number[] {
  const starts: number[] = [];
  for (const time of [...times].sort((a, b) => a - b)) {
    const last = starts[starts.length - 1];
    if (last === undefined || time >= last + windowMs) starts.push(time);
  }
  return starts;
}

/** The most times that fall within any half-open span of `spanMs`. */
export function maxInAnySpan(times: number[], spanMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= spanMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

interface Worker {
  process: ChildProcess;
  /** The next JSON line the worker prints; rejects if it exits first. */
  nextLine(): Promise<unknown>;
}

function startWorker(script: string, argument: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', script, argument], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let buffered = '';
  let stderr = '';
  const lines: string[] = [];
  const waiters: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  let exited: Error | undefined;
  const flush = (): void => {
    while (lines.length > 0 && waiters.length > 0) {
      const line = lines.shift()!;
      const waiter = waiters.shift()!;
      try {
        waiter.resolve(JSON.parse(line));
      } catch {
        waiter.reject(new Error(`Worker printed something that is not JSON: ${line}`));
      }
    }
    if (exited) for (const waiter of waiters.splice(0)) waiter.reject(exited);
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== '') lines.push(line);
      newline = buffered.indexOf('\n');
    }
    flush();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`Worker exited (${code ?? signal}) before answering:\n${stderr.slice(-2000)}`);
    flush();
  });
  return {
    process: child,
    nextLine: () =>
      new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        flush();
      }),
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
