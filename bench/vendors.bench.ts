/**
 * Real vendor documents end to end (issue 14): Asana (247 operations) and PagerDuty (465), each served by the
 * OpenAPI sandbox. Per document, the figures the vendor tests assert (test/vendors), measured over every operation:
 *
 * - tools loaded and compile throws (every validator and model schema built);
 * - validator agreement with ajv over generated and mutated instances (test/vendors/agreement.ts);
 * - request fidelity: one call per tool, every argument where its operation expects it, and sandbox acceptance
 *   (test/vendors/request-fidelity.ts);
 * - date fields found, correct at the sandbox for "last week", and false positives (test/vendors/date-fidelity.ts);
 * - sandbox start time (`startSandbox({ openapi })` in this process, modules already loaded: median of 3).
 *
 * And the PagerDuty catalog load, as bench/catalog.bench.ts measures the synthetic one: the sandbox in its own
 * process (100 tools per page), rounds alternating a baseline (every page fetched with undici and `JSON.parse`d)
 * and a cold `getTools()` (a manager with its own cache), median; heap per tool in a `--expose-gc` child
 * (bench/support/catalog-heap.ts).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSandbox } from '../src/entries/sandbox.js';
import { agreementRate, measureAgreement } from '../test/vendors/agreement.js';
import { falsePositiveCensus, measureDateFidelity } from '../test/vendors/date-fidelity.js';
import { measureRequestFidelity } from '../test/vendors/request-fidelity.js';
import { openVendorCatalog, VENDOR_DOCUMENTS, type VendorDocument } from '../test/vendors/support.js';
import { type BenchRow, type BenchSection, formatNumber, medianOf } from './lib.js';
import { catalogLoadRows, fetchCatalogPages } from './support/fetch-catalog-pages.js';
import { managerFor, startSandboxProcess } from './support/sandbox-process.js';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const START_RUNS = 3;
const LOAD_ROUNDS = 7;
const PAGE_SIZE = 100;

const percent = (part: number, whole: number) => `${((part / Math.max(whole, 1)) * 100).toFixed(2)} %`;

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

interface DocumentFigures {
  row: BenchRow;
  agreement: number;
  exactWithKnown: number;
  sent: number;
  datesCorrect: boolean;
  falsePositives: number;
  compileThrows: number;
}

async function measureDocument(document: VendorDocument): Promise<DocumentFigures> {
  const starts: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    const started = await timed(() => startSandbox({ openapi: document.path }));
    starts.push(started.ms);
    await started.value.close();
  }
  const catalog = await openVendorCatalog(document);
  try {
    const { tools } = catalog;
    let compileThrows = 0;
    const compile = await timed(() => {
      for (const tool of tools) {
        try {
          void tool.modelJsonSchema;
        } catch {
          compileThrows++;
        }
      }
    });
    const agreement = measureAgreement(tools, { seeds: 3 });
    const requests = await measureRequestFidelity(catalog);
    const dates = await measureDateFidelity(catalog);
    const census = falsePositiveCensus(tools);
    const spots = Object.values(census.categories).reduce((sum, tally) => sum + tally.spots, 0);
    const falsePositives = Object.values(census.categories).reduce((sum, tally) => sum + tally.detected.length, 0);
    const exactWithKnown = requests.exact + requests.exactButKnown;
    return {
      row: {
        document: document.name,
        tools: tools.length,
        'compile throws': compileThrows,
        'compile ms/tool': formatNumber(compile.ms / tools.length, 2),
        'ajv agreement': `${percent(agreement.compared - agreement.disagreements.length, agreement.compared)} of ${agreement.compared}`,
        'requests sent': `${requests.sent}/${tools.length}`,
        'args where they belong': `${requests.exact}/${requests.sent} (${exactWithKnown} with known sandbox causes)`,
        'sandbox accepted': `${requests.accepted}/${requests.sent}`,
        'date fields': dates.fields,
        'dates correct': `${dates.correct}/${dates.fields}`,
        'time_range correct': `${dates.timeRange.correct}/${dates.timeRange.tools}`,
        'false positives': `${falsePositives} of ${spots} never-date spots`,
        'sandbox start ms': formatNumber(medianOf(starts), 0),
      },
      agreement: agreementRate(agreement),
      exactWithKnown,
      sent: requests.sent,
      datesCorrect: dates.correct === dates.fields && dates.timeRange.correct === dates.timeRange.tools,
      falsePositives,
      compileThrows,
    };
  } finally {
    await catalog.close();
  }
}

interface HeapFigures {
  tools: number;
  parsedBytesPerTool: number;
  loadedBytesPerTool: number;
  compiledBytesPerTool: number;
}

async function measurePagerDutyLoad(document: VendorDocument): Promise<BenchSection> {
  const sandbox = await startSandboxProcess(['--openapi', document.path, '--tools-page-size', String(PAGE_SIZE)]);
  const fetchMs: number[] = [];
  const coldMs: number[] = [];
  let toolCount = 0;
  let heap: HeapFigures;
  try {
    for (let round = -1; round < LOAD_ROUNDS; round++) {
      const baseline = await timed(() => fetchCatalogPages(sandbox));
      const cold = managerFor(sandbox, { cache: { shared: false } });
      const loaded = await timed(() => cold.getTools());
      await cold.close();
      toolCount = loaded.value.length;
      // Round -1 warms up (JIT, connections, the sandbox's own first pages); it is not counted.
      if (round < 0) continue;
      fetchMs.push(baseline.ms);
      coldMs.push(loaded.ms);
    }
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/support/catalog-heap.ts', JSON.stringify(sandbox)],
      { cwd: repositoryRoot, timeout: 180_000 },
    );
    heap = JSON.parse(stdout.trim().split('\n').pop()!) as HeapFigures;
  } finally {
    await sandbox.stop();
  }
  const fetchMedian = medianOf(fetchMs);
  const coldMedian = medianOf(coldMs);
  return {
    title: `PagerDuty catalog load: ${toolCount} tools, ${PAGE_SIZE} per page, sandbox in its own process, ${LOAD_ROUNDS} alternating rounds, median`,
    rows: [...catalogLoadRows(fetchMedian, coldMedian, toolCount)],
    targets: [
      {
        name: 'cold getTools() ≤ 1.5× fetch + JSON.parse',
        value: `${(coldMedian / fetchMedian).toFixed(2)}× (${formatNumber(coldMedian, 1)} ms vs ${formatNumber(fetchMedian, 1)} ms)`,
        met: coldMedian <= 1.5 * fetchMedian,
      },
    ],
    notes: [
      `Heap per tool (--expose-gc child, bench/support/catalog-heap.ts): the parsed pages alone ${formatNumber(heap.parsedBytesPerTool / 1024, 2)} KB; loaded (getTools() done, nothing compiled) ${formatNumber(heap.loadedBytesPerTool / 1024, 2)} KB; after every validator and model schema is built ${formatNumber(heap.compiledBytesPerTool / 1024, 1)} KB.`,
      'PagerDuty tool definitions are large (nested vendor schemas, long descriptions): the parsed JSON is most of the load.',
    ],
  };
}

export default async function vendorsBench(): Promise<BenchSection[]> {
  const figures: DocumentFigures[] = [];
  for (const document of VENDOR_DOCUMENTS) figures.push(await measureDocument(document));
  const targets: NonNullable<BenchSection['targets']> = [];
  for (const [index, document] of VENDOR_DOCUMENTS.entries()) {
    const figure = figures[index]!;
    targets.push(
      {
        name: `${document.name}: no compile throws`,
        value: String(figure.compileThrows),
        met: figure.compileThrows === 0,
      },
      {
        name: `${document.name}: ajv agreement ≥ 99 %`,
        value: `${(figure.agreement * 100).toFixed(2)} %`,
        met: figure.agreement >= 0.99,
      },
      {
        name: `${document.name}: every argument where it belongs (known sandbox causes allowed)`,
        value: percent(figure.exactWithKnown, figure.sent),
        met: figure.exactWithKnown === figure.sent,
      },
      {
        name: `${document.name}: every date field correct`,
        value: String(figure.datesCorrect),
        met: figure.datesCorrect,
      },
      {
        name: `${document.name}: no false positives`,
        value: String(figure.falsePositives),
        met: figure.falsePositives === 0,
      },
    );
  }
  const pagerDuty = VENDOR_DOCUMENTS.find((document) => document.name === 'pagerduty')!;
  return [
    {
      title: 'Vendor documents end to end: every operation of Asana and PagerDuty through the OpenAPI sandbox',
      rows: figures.map((figure) => figure.row),
      targets,
      notes: [
        'ajv agreement: generated instances (json-schema-faker, 3 seeds per tool) and 6 kinds of targeted mutation, our validator vs ajv 2020 on the same schema (test/vendors/ajv-oracle.ts).',
        'Known sandbox causes: it does not log GET/DELETE bodies (length checked instead), and reads `name[][]=x` unlike qs (test/vendors/request-expectations.ts).',
        'Sandbox start: startSandbox({ openapi }) in this process with its modules loaded; bench/sandbox-openapi.bench.ts has the fresh-process figure.',
      ],
    },
    await measurePagerDutyLoad(pagerDuty),
  ];
}
