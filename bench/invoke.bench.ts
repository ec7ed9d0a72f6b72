/**
 * Per-call overhead: the same GET through a bare undici pool, through `toolManager.invoke()`, and through the
 * LangChain tool's `invoke()`, against a sandbox in its own process, at concurrency 32 with a keep-alive pool of 32.
 * Rounds alternate between the three so machine noise hits all of them alike; the median round is reported.
 */
import { Pool } from 'undici';
import { TrutoToolManager } from '../src/index.js';
import { type BenchSection, formatNumber, medianOf } from './lib.js';
import { startSandboxProcess } from './support/sandbox-process.js';

const CONCURRENCY = 32;
const CALLS_PER_ROUND = 4_000;
const ROUNDS = 5;

interface RoundResult {
  callsPerSecond: number;
  cpuMicrosPerCall: number;
}

async function runRound(call: () => Promise<unknown>): Promise<RoundResult> {
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS_PER_ROUND) {
        next += 1;
        await call();
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    callsPerSecond: (CALLS_PER_ROUND / elapsedMs) * 1000,
    cpuMicrosPerCall: (cpu.user + cpu.system) / CALLS_PER_ROUND,
  };
}

export default async function invokeBench(): Promise<BenchSection> {
  const sandbox = await startSandboxProcess();
  const manager = new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    maxConnections: CONCURRENCY,
    onWarning: () => {},
  });
  const origin = new URL(sandbox.baseUrl).origin;
  const pool = new Pool(origin, { connections: CONCURRENCY });
  const path = `/proxy/models/gpt-4o?integrated_account_id=${sandbox.integratedAccountId}`;
  const headers = { authorization: `Bearer ${sandbox.apiKey}`, accept: 'application/json' };
  const tools = await manager.getTools();
  const langChainTool = tools.find((tool) => tool.name === 'get_single_open_ai_model_by_id')!;

  const variants: Record<string, () => Promise<unknown>> = {
    'bare undici': async () => {
      const answer = await pool.request({ method: 'GET', path, headers });
      return answer.body.json();
    },
    'toolManager.invoke()': () => manager.invoke('get_single_open_ai_model_by_id', { id: 'gpt-4o' }),
    'LangChain tool.invoke()': () => langChainTool.invoke({ id: 'gpt-4o' }),
  };
  const results: Record<string, RoundResult[]> = {};
  try {
    for (const call of Object.values(variants)) await runRound(call); // warm-up: JIT, pool connections, compile
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, call] of Object.entries(variants)) (results[name] ??= []).push(await runRound(call));
    }
  } finally {
    await pool.close();
    await manager.close();
    await sandbox.stop();
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, rounds]) => [
      name,
      {
        callsPerSecond: medianOf(rounds.map((round) => round.callsPerSecond)),
        cpuMicrosPerCall: medianOf(rounds.map((round) => round.cpuMicrosPerCall)),
      },
    ]),
  );
  const bare = summary['bare undici']!;
  const invoke = summary['toolManager.invoke()']!;
  const langChain = summary['LangChain tool.invoke()']!;
  return {
    title: `Invoke overhead (sandbox in its own process, c=${CONCURRENCY}, pool ${CONCURRENCY}, ${CALLS_PER_ROUND} calls × ${ROUNDS} rounds, median)`,
    rows: Object.entries(summary).map(([name, figures]) => ({
      variant: name,
      'calls/s': formatNumber(figures.callsPerSecond),
      'vs bare': `${(figures.callsPerSecond / bare.callsPerSecond).toFixed(2)}×`,
      'client CPU µs/call': formatNumber(figures.cpuMicrosPerCall),
      'added CPU µs/call': formatNumber(figures.cpuMicrosPerCall - bare.cpuMicrosPerCall),
    })),
    targets: [
      {
        name: 'toolManager.invoke() ≥ 0.85× bare throughput',
        value: `${(invoke.callsPerSecond / bare.callsPerSecond).toFixed(2)}×`,
        met: invoke.callsPerSecond / bare.callsPerSecond >= 0.85,
      },
      {
        name: 'toolManager.invoke() adds < 30 µs CPU per call',
        value: `${(invoke.cpuMicrosPerCall - bare.cpuMicrosPerCall).toFixed(1)} µs`,
        met: invoke.cpuMicrosPerCall - bare.cpuMicrosPerCall < 30,
      },
      {
        name: 'LangChain tool.invoke() ≥ 0.52× bare throughput',
        value: `${(langChain.callsPerSecond / bare.callsPerSecond).toFixed(2)}×`,
        met: langChain.callsPerSecond / bare.callsPerSecond >= 0.52,
      },
    ],
    notes: ['Reference (Truto toolset 0.1.4, same kind of machine): LangChain tools 0.26× bare, 522 µs client CPU per call.'],
  };
}
