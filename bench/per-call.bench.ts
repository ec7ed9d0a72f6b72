/**
 * Everything the SDK does per call besides the network, piece by piece, in one table: validation with the compiled
 * zod of a typical tool (valid and invalid arguments), date normalisation per field, the argument split into path,
 * query and body with the query encoded, reading rate-limit headers from an answer, the text a model reads for a JSON
 * answer, and the whole pipeline in dry-run mode. Baseline: `JSON.stringify` of the same arguments, measured in the
 * same run. Synchronous pieces use `measureOps` (median batch); async ones time a sequential loop.
 */
import { buildCatalog } from '../src/catalog/load-catalog.js';
import { normaliseDateArguments } from '../src/dates/index.js';
import { ToolInputError } from '../src/errors/index.js';
import { createFileHandling } from '../src/files/file-handling.js';
import { encodeQuery } from '../src/http/query-string.js';
import { parseRateLimitHeaders } from '../src/http/rate-limit-headers.js';
import { buildProxyRequest } from '../src/invoke/build-request.js';
import { plainJsonText } from '../src/invoke/format-result.js';
import { encodeRequestBody } from '../src/invoke/request-body.js';
import { OPENAI_TOOLS } from '../src/sandbox/tools/openai-tools.js';
import { type BenchRow, type BenchSection, formatNumber, measureOps, medianOf } from './lib.js';
import { managerFor, startSandboxProcess } from './support/sandbox-process.js';

const catalog = buildCatalog(OPENAI_TOOLS, () => {});
const costs = catalog.get('list_all_open_ai_costs')!;
const speech = catalog.get('create_a_open_ai_speech')!;
const models = catalog.get('list_all_open_ai_models')!;

const COSTS_ARGS = { start_time: 1759276800, end_time: 1761955200, limit: 30, group_by: ['project_id', 'line_item'] };
const COSTS_INVALID = { start_time: 1759276800, limit: 'thirty', group_by: ['team'] };
const SPEECH_ARGS = { model: 'gpt-4o-mini-tts', input: 'Hello from the benchmark.', voice: 'alloy', speed: 1.25 };
const NOW = new Date('2026-11-25T12:00:00Z');
const DATE_OPTIONS = { now: () => NOW, timeZone: 'America/New_York', toolName: costs.name };
/** What models send for a start date, parse cache warm: numbers, ISO text and phrases. */
const DATE_MIX: unknown[] = [1759276800, '2026-10-01', '2026-10-01T09:30:00Z', 'last week', 'past 7 days', 'Q3 2026'];

const TRUTO_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  date: 'Tue, 01 Jul 2025 10:00:00 GMT',
  'x-request-id': '9f0c1e7a-2f4b-4c36-9d3e-1b5f0a3c7e21',
  'content-length': '1834',
  connection: 'keep-alive',
  'ratelimit-limit': '110;w=10',
  'ratelimit-remaining': '109',
  'ratelimit-reset': '6',
};
const PLAIN_HEADERS = Object.fromEntries(
  Object.entries(TRUTO_HEADERS).filter(([name]) => !name.startsWith('ratelimit')),
);

/** A 20-item answer like `list_all_open_ai_models` gives (≈2.8 KB of JSON). */
const LIST_ANSWER = {
  result: Array.from({ length: 20 }, (_, index) => ({
    id: `model-${index}`,
    object: 'model',
    created: 1715367049 + index,
    owned_by: 'system',
    permissions: [{ allow_sampling: true, allow_logprobs: false }],
  })),
  next_cursor: null,
};

async function asyncMicros(run: () => Promise<unknown>, iterations: number): Promise<number> {
  for (let warm = 0; warm < iterations / 4; warm++) await run();
  const samples: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    const started = performance.now();
    for (let index = 0; index < iterations / 7; index++) await run();
    samples.push(((performance.now() - started) * 1000 * 7) / iterations);
  }
  return medianOf(samples);
}

function validateInvalid(): unknown {
  try {
    return costs.validate(COSTS_INVALID);
  } catch (error) {
    if (error instanceof ToolInputError) return error;
    throw error;
  }
}

export default async function perCallBench(): Promise<BenchSection> {
  // Warm the validators past the JIT threshold, as a tool in use is.
  for (let warm = 0; warm < 50; warm++) {
    costs.validate(COSTS_ARGS);
    speech.validate(SPEECH_ARGS);
  }
  let dateIndex = 0;
  let freshIndex = 0;
  const validated = costs.validate(COSTS_ARGS);
  const speechValidated = speech.validate(SPEECH_ARGS);
  const files = createFileHandling(undefined, {});
  const limits = { maxStringChars: files.options.base64ThresholdBytes, budgetChars: files.options.resultBudgetChars };

  const baseline = measureOps(() => JSON.stringify(COSTS_ARGS)).medianMicros;
  const measured: Array<{ step: string; micros: number; detail: string }> = [
    {
      step: 'validate, valid arguments (compiled zod, warm)',
      micros: measureOps(() => costs.validate(COSTS_ARGS)).medianMicros,
      detail: `${costs.name}: 4 of 8 properties set`,
    },
    {
      step: 'validate, invalid arguments (ToolInputError with issues)',
      micros: measureOps(validateInvalid).medianMicros,
      detail: 'a string for an integer, a value outside an enum',
    },
    {
      step: 'date normalisation, per field (parse cache warm)',
      micros: measureOps(() =>
        normaliseDateArguments({ start_time: DATE_MIX[dateIndex++ % DATE_MIX.length] }, costs.dateFields, DATE_OPTIONS),
      ).medianMicros,
      detail: `mix of ${DATE_MIX.length}: numbers, ISO dates, phrases`,
    },
    {
      step: 'date normalisation, per field (new text every call)',
      micros: measureOps(() =>
        normaliseDateArguments(
          { start_time: `past ${(freshIndex++ % 5000) + 1} days` },
          costs.dateFields,
          DATE_OPTIONS,
        ),
      ).medianMicros,
      detail: 'parse + evaluate',
    },
    {
      step: 'argument split + query encoding (GET)',
      micros: measureOps(() => encodeQuery(buildProxyRequest(costs.plan, validated, 'acc_1', costs.name).query))
        .medianMicros,
      detail: 'path, query with an array, integrated_account_id first',
    },
    {
      step: 'argument split + JSON body (POST)',
      micros: measureOps(() => {
        const request = buildProxyRequest(speech.plan, speechValidated, 'acc_1', speech.name);
        const encoded = encodeRequestBody(speech, request, { files }) as { body?: () => unknown };
        return encoded.body?.();
      }).medianMicros,
      detail: `${speech.name}: 4 body fields`,
    },
    {
      step: 'parseRateLimitHeaders, Truto answer',
      micros: measureOps(() => parseRateLimitHeaders(TRUTO_HEADERS, { now: 0 })).medianMicros,
      detail: 'only when read: outcome.rateLimit, rateLimits(), hooks, shared state',
    },
    {
      step: 'parseRateLimitHeaders, no rate-limit headers',
      micros: measureOps(() => parseRateLimitHeaders(PLAIN_HEADERS, { now: 0 })).medianMicros,
      detail: '5 ordinary headers',
    },
    {
      step: 'model text for a 20-item JSON answer (shortcut)',
      micros: measureOps(() => plainJsonText(LIST_ANSWER, limits)).medianMicros,
      detail: 'nothing to offload or cut: JSON.stringify after one walk',
    },
    {
      step: 'model text for a 20-item JSON answer (file layer)',
      micros: await asyncMicros(
        () => files.formatResultForModel!(models, { data: LIST_ANSWER, status: 200, headers: {} }, {}),
        4_000,
      ),
      detail: 'what the shortcut skips: base64 walk + budget check',
    },
  ];

  const sandbox = await startSandboxProcess();
  const manager = managerFor(sandbox, { dryRun: true, timeZone: 'America/New_York' });
  try {
    await manager.getTools();
    measured.push({
      step: 'toolManager.invoke() in dry-run: all of the above but the network',
      micros: await asyncMicros(
        () =>
          manager.invoke('list_all_open_ai_costs', { start_time: 'last week', limit: 30, group_by: ['project_id'] }),
        20_000,
      ),
      detail: 'lookup, validate, dates, split, request id, request description',
    });
  } finally {
    await manager.close();
    await sandbox.stop();
  }

  const rows: BenchRow[] = [
    {
      step: 'baseline: JSON.stringify(arguments)',
      'µs/call': formatNumber(baseline, 2),
      'vs baseline': '1.00×',
      detail: '',
    },
    ...measured.map(({ step, micros, detail }) => ({
      step,
      'µs/call': formatNumber(micros, 2),
      'vs baseline': `${(micros / baseline).toFixed(1)}×`,
      detail,
    })),
  ];
  const micros = (prefix: string) => measured.find((entry) => entry.step.startsWith(prefix))!.micros;
  const dateCached = micros('date normalisation, per field (parse cache warm)');
  const dateFresh = micros('date normalisation, per field (new text');
  const headers = micros('parseRateLimitHeaders, Truto');
  const dryRun = micros('toolManager.invoke() in dry-run');
  return {
    title: 'Per-call costs besides the network (one call of list_all_open_ai_costs unless noted)',
    rows,
    targets: [
      {
        name: 'date normalisation < 50 µs per field',
        value: `${formatNumber(dateCached, 2)} µs cached, ${formatNumber(dateFresh, 2)} µs new text`,
        met: dateCached < 50 && dateFresh < 50,
      },
      {
        name: 'parseRateLimitHeaders < 5 µs per answer',
        value: `${formatNumber(headers, 2)} µs`,
        met: headers < 5,
      },
      {
        name: 'the whole pipeline without the network < 30 µs (the invoke CPU budget)',
        value: `${formatNumber(dryRun, 2)} µs (dry run, a date phrase included)`,
        met: dryRun < 30,
      },
    ],
    notes: [
      'Dry run also builds the request description (URL, visible headers) a live call skips, so it overstates the live path a little.',
      'Rate-limit headers are parsed only when someone reads them; a plain invoke() stores the headers and moves on.',
    ],
  };
}
