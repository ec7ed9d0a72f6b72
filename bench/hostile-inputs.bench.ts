/**
 * Issue 16 (items 1–3, 6, 7): the hostile cases of the issue, measured. Each case runs in a fresh child process
 * (`node --import tsx`), so its peak RSS is its own (`process.resourceUsage().maxRSS`, minus what the process held
 * before the case started); time is wall-clock for the whole case; "stall" is the longest the event loop was blocked
 * during an async case (a 5 ms interval's lateness). The tests bound the same cases structurally; figures live here.
 *
 *   npm run bench -- hostile        # every case
 *   HOSTILE_CASE=regex npx tsx bench/hostile-inputs.bench.ts   # one case, its JSON line only
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { openAIToolParameters } from '../src/adapters/openai/tool-definitions.js';
import { compileJsonSchema, TrutoTool, TrutoToolManager } from '../src/index.js';
import type { BenchRow, BenchSection } from './lib.js';

interface CaseResult {
  ms: number;
  peakMb: number;
  stallMs?: number;
  files?: number;
  outcome: string;
}

type Case = () => Promise<Omit<CaseResult, 'ms' | 'peakMb'>>;

const ATTACK = `${'a'.repeat(40)}!`;

function doubling(levels: number, via: 'allOf' | 'annotated' | 'properties'): Record<string, unknown> {
  const defs: Record<string, unknown> = { d0: { type: 'object', properties: { v: { type: 'string' } } } };
  for (let level = 1; level <= levels; level++) {
    const plain = { $ref: `#/$defs/d${level - 1}` };
    defs[`d${level}`] =
      via === 'allOf'
        ? { allOf: [plain, { ...plain }] }
        : via === 'annotated'
          ? { allOf: [plain, { ...plain, description: `level ${level}` }] }
          : { type: 'object', properties: { left: plain, right: { ...plain } } };
  }
  return { type: 'object', properties: { x: { $ref: `#/$defs/d${levels}` } }, $defs: defs };
}

/** Compiles, shows to a model every way (ours, OpenAI strict, LangChain) and validates twice. */
async function wholeTool(querySchema: Record<string, unknown>, args: unknown): Promise<{ outcome: string }> {
  const tool = new TrutoTool({ name: 'hostile', resource: 'widgets', method: 'list', query_schema: querySchema });
  const model = JSON.stringify(tool.modelJsonSchema).length;
  const strict = JSON.stringify(openAIToolParameters(tool, true, () => {}).parameters).length;
  const langChain = JSON.stringify(toJsonSchema(tool.inputSchema as never)).length;
  const accepted = tool.inputSchema.safeParse(args).success && tool.inputSchema.safeParse(args).success;
  return {
    outcome: `${tool.warnings.length} warning(s); model schema ${model} chars, strict ${strict}, LangChain ${langChain}; ${accepted ? 'accepted' : 'refused'}`,
  };
}

/** A Truto look-alike answering every proxy call with `body`. */
async function answering(
  body: string,
  status = 200,
): Promise<{ manager: TrutoToolManager; close(): Promise<void>; outputDir: string }> {
  const tools = JSON.stringify({
    result: [
      {
        name: 'list_all_widgets',
        resource: 'widgets',
        method: 'list',
        query_schema: { type: 'object', properties: {} },
      },
    ],
    next_cursor: null,
  });
  const server: Server = createServer((request, response) => {
    const text = request.url?.includes('/tools') ? tools : body;
    response.writeHead(request.url?.includes('/tools') ? 200 : status, { 'content-type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const outputDir = await mkdtemp(join(tmpdir(), 'truto-hostile-bench-'));
  const manager = new TrutoToolManager({
    apiKey: 'bench-key',
    integratedAccountId: 'bench-account',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxResponseBytes: 64 * 1024 * 1024,
    onWarning: () => {},
    cache: { shared: false },
    files: { outputDir },
  });
  await manager.getToolDefinitions();
  return {
    manager,
    outputDir,
    close: async () => {
      await manager.close();
      server.closeAllConnections();
      server.close();
      await rm(outputDir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` while measuring how late a 5 ms timer gets: the longest the event loop was blocked. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  try {
    return { value: await work(), stallMs: Math.round(worst) };
  } finally {
    clearInterval(timer);
  }
}

async function modelAnswer(body: string, status = 200): Promise<Omit<CaseResult, 'ms' | 'peakMb'>> {
  const truto = await answering(body, status);
  try {
    const { value, stallMs } = await withStallMeter(() => truto.manager.invokeForModel('list_all_widgets', {}));
    const files = (await readdir(truto.outputDir)).length;
    return { stallMs, files, outcome: `${value.content.length} chars for the model${value.isError ? ' (error)' : ''}` };
  } finally {
    await truto.close();
  }
}

async function plainInvoke(body: string, status = 200): Promise<Omit<CaseResult, 'ms' | 'peakMb'>> {
  const truto = await answering(body, status);
  try {
    const { value, stallMs } = await withStallMeter(() =>
      truto.manager.invoke('list_all_widgets', {}).then(
        () => 'answered',
        (error: Error) => `${error.name}${'reason' in error ? ` (${String(error.reason)})` : ''}`,
      ),
    );
    return { stallMs, outcome: value };
  } finally {
    await truto.close();
  }
}

const records = (count: number) =>
  JSON.stringify({
    result: Array.from({ length: count }, (_, index) => ({
      id: `rec_${index}`,
      name: `Record ${index}`,
      note: 'x'.repeat(100),
    })),
    next_cursor: 'next',
  });
const png = Buffer.concat([
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  Buffer.alloc(300, 1),
]).toString('base64');
const deep = (depth: number) => `${'{"raw_response":'.repeat(depth)}{"message":"deep"}${'}'.repeat(depth)}`;

const CASES: Record<string, { item: string; label: string; run: Case }> = {
  regex: {
    item: '1',
    label: "pattern ^(a+)+$, argument 'a'×40+'!' (runtime, then generated code)",
    run: async () => {
      const schema = compileJsonSchema(
        { type: 'object', properties: { q: { type: 'string', pattern: '^(a+)+$' } } },
        { jitAfterParses: 1 },
      );
      const verdicts = [0, 1, 2].map(() => schema.safeParse({ q: ATTACK }).success);
      return { outcome: verdicts.includes(true) ? 'accepted' : 'refused, 3 times' };
    },
  },
  'regex-properties': {
    item: '1',
    label: 'the same through patternProperties and propertyNames',
    run: async () => {
      const schema = compileJsonSchema({
        type: 'object',
        patternProperties: { '^(a+)+$': { type: 'integer' } },
        propertyNames: { pattern: '^(b+)+$' },
      });
      return { outcome: schema.safeParse({ [ATTACK]: 1, [`${'b'.repeat(40)}!`]: 2 }).success ? 'accepted' : 'refused' };
    },
  },
  'regex-megabyte': {
    item: '1',
    label: 'cubic pattern \\d+\\d+\\d+x on a 1 MB argument',
    run: async () => ({
      outcome: compileJsonSchema({ type: 'string', pattern: '\\d+\\d+\\d+x' }).safeParse('1'.repeat(1_000_000)).success
        ? 'accepted'
        : 'refused',
    }),
  },
  'ref-all-of': {
    item: '2',
    label: '$ref doubling through allOf, 30 levels',
    run: () => wholeTool(doubling(30, 'allOf'), { x: { v: 'a' } }),
  },
  'ref-annotated': {
    item: '2',
    label: '$ref doubling through allOf (annotated copies), 30 levels',
    run: () => wholeTool(doubling(30, 'annotated'), { x: { v: 'a' } }),
  },
  'ref-properties': {
    item: '2',
    label: '$ref doubling through properties, 30 levels',
    run: () => wholeTool(doubling(30, 'properties'), { x: {} }),
  },
  enum: {
    item: '2',
    label: 'enum of 100,000 strings',
    run: () =>
      wholeTool(
        {
          type: 'object',
          properties: { e: { type: 'string', enum: Array.from({ length: 100_000 }, (_, index) => `value_${index}`) } },
        },
        { e: 'value_99999' },
      ),
  },
  properties: {
    item: '2',
    label: '10,000 properties',
    run: () =>
      wholeTool(
        {
          type: 'object',
          properties: Object.fromEntries(
            Array.from({ length: 10_000 }, (_, index) => [
              `p${index}`,
              { type: 'string', description: `Field ${index}` },
            ]),
          ),
        },
        { p9999: 'x' },
      ),
  },
  'if-then': {
    item: '2',
    label: '9 MiB if/then tree',
    run: () => {
      const make = (level: number): Record<string, unknown> =>
        level === 0
          ? { type: 'string', minLength: 1 }
          : // biome-ignore lint/suspicious/noThenProperty: a JSON Schema keyword, never awaited
            { if: make(level - 1), then: make(level - 1), else: { type: 'number' } };
      return wholeTool({ type: 'object', properties: { x: make(17) } }, { x: 'a' });
    },
  },
  'unique-40k': {
    item: '3',
    label: 'uniqueItems, 40,000 objects',
    run: async () => uniqueItems(40_000),
  },
  'unique-120k': {
    item: '3',
    label: 'uniqueItems, 120,000 objects',
    run: async () => uniqueItems(120_000),
  },
  'answer-31mib': { item: '6', label: 'invokeForModel, 31 MiB JSON list', run: () => modelAnswer(records(200_000)) },
  'answer-31mib-invoke': {
    item: '6',
    label: 'invoke (no shaping), same answer',
    run: () => plainInvoke(records(200_000)),
  },
  'answer-b64': {
    item: '6',
    label: 'invokeForModel, 90,000 b64_json images',
    run: () =>
      modelAnswer(JSON.stringify({ created: 1, data: Array.from({ length: 90_000 }, () => ({ b64_json: png })) })),
  },
  'deep-200': {
    item: '7',
    label: '200 nested 100,000 deep',
    run: () => plainInvoke(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  },
  'deep-429': {
    item: '7',
    label: '429 whose raw_response is 100,000 deep',
    run: () => plainInvoke(deep(100_000), 429),
  },
  'deep-500': { item: '7', label: '500 like that', run: () => plainInvoke(deep(100_000), 500) },
};

function uniqueItems(count: number): { outcome: string } {
  const schema = compileJsonSchema({ type: 'array', uniqueItems: true, items: { type: 'object' } });
  const items = Array.from({ length: count }, (_, index) => ({ id: index, name: `record ${index}`, tags: ['a', 'b'] }));
  items.push({ tags: ['a', 'b'], name: 'record 7', id: 7 });
  return { outcome: schema.safeParse(items).success ? 'accepted' : 'duplicate refused' };
}

async function runOneCase(name: string): Promise<void> {
  const chosen = CASES[name];
  if (chosen === undefined) throw new Error(`No case ${name}`);
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  const result = await chosen.run();
  const ms = Math.round(performance.now() - started);
  const peakMb = Math.round((process.resourceUsage().maxRSS - before) / 1024);
  process.stdout.write(`${JSON.stringify({ ...result, ms, peakMb })}\n`);
}

function runInChild(name: string): Promise<CaseResult> {
  const file = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file],
      { env: { ...process.env, HOSTILE_CASE: name }, maxBuffer: 1024 * 1024, timeout: 300_000 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as CaseResult);
      },
    );
  });
}

export default async function hostileInputs(): Promise<BenchSection> {
  const rows: BenchRow[] = [];
  for (const [name, { item, label }] of Object.entries(CASES)) {
    const result = await runInChild(name);
    rows.push({
      item,
      case: label,
      ms: result.ms,
      'peak MB': result.peakMb,
      'stall ms': result.stallMs,
      files: result.files,
      outcome: result.outcome,
    });
  }
  return {
    title: 'Hostile inputs (issue 16): each case in its own process',
    rows,
    notes: [
      'peak MB: growth of the child process peak RSS during the case (the answer body built by the bench included)',
      'stall ms: longest event-loop block during an async case (JSON.parse of the answer included)',
    ],
  };
}

if (process.env.HOSTILE_CASE) await runOneCase(process.env.HOSTILE_CASE);
