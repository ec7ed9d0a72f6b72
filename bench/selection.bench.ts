/**
 * Tool selection (issue 15): how often the tools a request needs are among the first 5 and 10 the ranker returns,
 * how fast it is, and what a turn costs in tokens with the whole catalog, with a selection, and with discovery.
 *
 * - Recall: the labelled requests of test/fixtures/tool-selection (Asana and PagerDuty from the vendors' documents
 *   and a hand-built CRM: the ranker's tuning catalogs), plus, when `TRUTO_SELECTION_SETS` names a folder of them,
 *   labelled requests over vendor documents that cannot be committed (held-out and tuning sets: see
 *   `externalCatalogs` and BENCHMARKS.md). A request is covered at k when
 *   every step it needs has one of its tools in the top k; MRR averages 1 / (first k that covers it). The keyword
 *   search the SDK had before (src/catalog/search.ts) is the baseline.
 * - Speed: 500 real tools (PagerDuty's 465 and 35 of Asana's): building the index from scratch, and selecting 10.
 * - Tokens: the JSON OpenAI's Chat Completions receives (`toOpenAIChatTools`), counted with gpt-tokenizer's
 *   o200k_base: the whole catalog per turn; a 10-tool selection, averaged over the labelled requests; the three
 *   discovery meta-tools.
 */

import { discoveryTools } from '../src/catalog/discovery.js';
import { buildCatalog } from '../src/catalog/load-catalog.js';
import { searchTools } from '../src/catalog/search.js';
import type { TrutoTool } from '../src/catalog/truto-tool.js';
import { DEFAULT_SELECT_MAX_TOOLS, defaultMaxTokens, estimatedCatalogTokens } from '../src/manager/tool-selector.js';
import { fitSelection, rankCatalog, rankTools } from '../src/selection/select.js';
import { buildSelectionIndex } from '../src/selection/selection-index.js';
import {
  countToolTokens,
  defaultTokenCounter,
  estimateTokens,
  type TokenCounter,
  toolPayload,
  toolTokens,
} from '../src/selection/tokens.js';
import {
  evaluate,
  externalCatalogs,
  type LabelledCatalog,
  labelledCatalogs,
} from '../test/fixtures/tool-selection/evaluate.js';
import { type BenchSection, medianOf } from './lib.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function catalogNames(tools: readonly TrutoTool[]): string[] {
  return tools.map((tool) => tool.definition.name);
}

/** Every labelled catalog: the repository's, then the external ones when `TRUTO_SELECTION_SETS` names them. */
function allCatalogs(): LabelledCatalog[] {
  return [...labelledCatalogs(), ...externalCatalogs(process.env.TRUTO_SELECTION_SETS)];
}

/** What `manager.selectTools(request)` returns with its defaults: up to 10 tools within 5% of the catalog, less a margin. */
function defaultSelection(catalog: LabelledCatalog, request: string, counter: TokenCounter): TrutoTool[] {
  return fitSelection(catalog.tools, rankTools(catalog.tools, request), {
    maxTools: DEFAULT_SELECT_MAX_TOOLS,
    maxTokens: defaultMaxTokens(catalog.tools, counter),
    tokensOf: (tool) => toolTokens(tool, 'openai', counter),
  }).tools;
}

async function recallSection(): Promise<BenchSection> {
  const counter = await defaultTokenCounter();
  const rows = [];
  const heldOut = { requests: 0, at5: 0, at10: 0, defaults: 0 };
  for (const catalog of allCatalogs()) {
    const ranker = evaluate(catalog, (request) => catalogNames(rankCatalog(catalog.tools, request, { limit: 10 })));
    const defaults = evaluate(catalog, (request) => catalogNames(defaultSelection(catalog, request, counter)));
    const keyword = evaluate(catalog, (request) =>
      searchTools(catalog.tools, request, { limit: 10 }).map((hit) => hit.tool.definition.name),
    );
    const byKind = (kind: string) => {
      const outcomes = ranker.outcomes.filter((outcome) => outcome.request.kind === kind);
      const covered = outcomes.filter((outcome) => (outcome.coveredAt ?? Infinity) <= 10).length;
      return outcomes.length === 0 ? '—' : `${covered}/${outcomes.length}`;
    };
    rows.push({
      catalog: `${catalog.label} (${catalog.tools.length} tools)`,
      requests: catalog.requests.length,
      'recall@5': percent(ranker.recallAt5),
      'recall@10': percent(ranker.recallAt10),
      MRR: ranker.mrr.toFixed(3),
      'covered by selectTools() defaults': percent(defaults.recallAt10),
      'keyword search before: @5 / @10 / MRR': `${percent(keyword.recallAt5)} / ${percent(keyword.recallAt10)} / ${keyword.mrr.toFixed(3)}`,
      'covered @10: single / two-step / dated': `${byKind('single')} / ${byKind('two-step')} / ${byKind('dated')}`,
    });
    if (catalog.heldOut) {
      heldOut.requests += ranker.requests;
      heldOut.at5 += ranker.recallAt5 * ranker.requests;
      heldOut.at10 += ranker.recallAt10 * ranker.requests;
      heldOut.defaults += defaults.recallAt10 * ranker.requests;
    }
  }
  const share = (value: number) => value / Math.max(1, heldOut.requests);
  // No held-out catalog is committed (the vendor documents' licences): without TRUTO_SELECTION_SETS there is nothing
  // to measure the targets on, and a target with nothing measured is not met.
  const measured = heldOut.requests > 0;
  const targets = [
    {
      name: `held-out recall@10 ≥ 95% (${heldOut.requests} requests)`,
      value: measured ? percent(share(heldOut.at10)) : 'no held-out set (TRUTO_SELECTION_SETS)',
      met: measured && share(heldOut.at10) >= 0.95,
    },
    {
      name: `held-out recall@5 ≥ 85% (${heldOut.requests} requests)`,
      value: measured ? percent(share(heldOut.at5)) : 'no held-out set (TRUTO_SELECTION_SETS)',
      met: measured && share(heldOut.at5) >= 0.85,
    },
  ];
  return {
    title: 'Tool selection: recall on labelled requests (bench/selection.bench.ts)',
    rows,
    targets,
    notes: [
      'Asana, PagerDuty and the hand-built CRM (test/fixtures/tool-selection) are tuning catalogs: the ranker was tuned on them, so their figures overstate what it does on a catalog it has not seen.',
      process.env.TRUTO_SELECTION_SETS
        ? 'Vendor-document sets from TRUTO_SELECTION_SETS: held-out ones were written blind (by people who never saw the ranker) and never tuned on; their failures were never read.'
        : 'Set TRUTO_SELECTION_SETS to a folder of vendor-document sets (see externalCatalogs) to measure catalogs the ranker has not seen; no held-out set is committed.',
      'A request counts only when every step it needs (the lookup and the action of a two-step request) is in the top k.',
      'selectTools() defaults: at most 10 tools within 5% of the catalog’s estimated tokens less a 5% margin for the estimate, so a huge tool can push a needed one out.',
    ],
  };
}

/** 500 real tools: PagerDuty's 465 and the first 35 of Asana's. */
function fiveHundredTools(): TrutoTool[] {
  const [asana, pagerduty] = labelledCatalogs();
  return [...pagerduty!.tools, ...asana!.tools.slice(0, 35)];
}

async function speedSection(): Promise<BenchSection> {
  const tools = fiveHundredTools();
  const requests = labelledCatalogs().flatMap((catalog) => catalog.requests.map((request) => request.request));
  // Builds: each on a fresh array, so nothing is reused; the first warms the JIT and the stemmer cache is global, as in a long-lived process.
  buildSelectionIndex(tools);
  const builds: number[] = [];
  const buildCpu: number[] = [];
  for (let run = 0; run < 15; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    buildSelectionIndex([...tools]);
    const used = process.cpuUsage(cpu);
    builds.push(performance.now() - start);
    buildCpu.push((used.user + used.system) / 1000);
  }
  const catalog = [...tools];
  rankCatalog(catalog, 'warm up');
  const selections: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const request of requests) {
      const start = performance.now();
      rankCatalog(catalog, request, { limit: 10 });
      selections.push(performance.now() - start);
    }
  }
  // The default budget's catalog estimate, once per catalog: its largest tools and a sample compiled and counted.
  // Fresh tools (nothing compiled or counted yet), as a manager has right after loading a catalog.
  const [asana, pagerduty] = labelledCatalogs();
  const fresh = [...buildCatalog([...pagerduty!.definitions, ...asana!.definitions.slice(0, 35)], () => {}).values()];
  const counter = await defaultTokenCounter();
  const estimateStart = performance.now();
  estimatedCatalogTokens(fresh, counter);
  const estimateTime = performance.now() - estimateStart;
  const build = medianOf(builds);
  const select = medianOf(selections);
  const p95 = [...selections].sort((a, b) => a - b)[Math.floor(selections.length * 0.95)]!;
  return {
    title: 'Tool selection: speed, 500 tools (PagerDuty 465 + Asana 35)',
    rows: [
      {
        what: 'index build (once per catalog, cached with it)',
        median: `${build.toFixed(1)} ms (CPU ${medianOf(buildCpu).toFixed(1)} ms)`,
        runs: builds.length,
      },
      {
        what: 'select 10 of 500 (lexical ranking, lookups, top 10)',
        median: `${(select * 1000).toFixed(0)} µs`,
        runs: `${selections.length} (${requests.length} requests × 5); p95 ${(p95 * 1000).toFixed(0)} µs`,
      },
      {
        what: 'default token budget: the catalog’s tokens estimated (once per catalog; compiles 40 of its tools)',
        median: `${estimateTime.toFixed(0)} ms`,
        runs: 1,
      },
    ],
    targets: [
      { name: 'index build for 500 tools < 100 ms', value: `${build.toFixed(1)} ms`, met: build < 100 },
      { name: 'select 10 of 500 < 5 ms', value: `${(select * 1000).toFixed(0)} µs`, met: select < 5 },
    ],
  };
}

async function tokensSection(): Promise<BenchSection> {
  const counter = await defaultTokenCounter();
  const rows = [];
  let worst = 0;
  const estimateErrors: number[] = [];
  const discovery = countToolTokens(discoveryTools(), 'openai', counter).tokens;
  for (const catalog of allCatalogs()) {
    const full = countToolTokens(catalog.tools, 'openai', counter).tokens;
    const cost = (tools: readonly TrutoTool[]) =>
      tools.reduce((sum, tool) => sum + toolTokens(tool, 'openai', counter), 0);
    const perRequest = catalog.requests.map((request) => cost(defaultSelection(catalog, request.request, counter)));
    const topTen = catalog.requests.map((request) => cost(rankCatalog(catalog.tools, request.request, { limit: 10 })));
    const topTenAverage = topTen.reduce((sum, value) => sum + value, 0) / topTen.length;
    const average = perRequest.reduce((sum, value) => sum + value, 0) / perRequest.length;
    const largest = Math.max(...perRequest);
    worst = Math.max(worst, largest / full);
    rows.push({
      catalog: `${catalog.label} (${catalog.tools.length} tools)`,
      'full catalog per turn': full.toLocaleString('en-US'),
      'selectTools() defaults: mean (max)': `${Math.round(average).toLocaleString('en-US')} (${largest.toLocaleString('en-US')})`,
      '… / catalog: mean (max)': `${percent(average / full)} (${percent(largest / full)})`,
      'tools selected: mean': (
        catalog.requests.reduce((sum, request) => sum + defaultSelection(catalog, request.request, counter).length, 0) /
        catalog.requests.length
      ).toFixed(1),
      'top 10, no budget: mean': `${Math.round(topTenAverage).toLocaleString('en-US')} (${percent(topTenAverage / full)})`,
      'discovery meta-tools': `${discovery} (${percent(discovery / full)})`,
    });
    for (const tool of catalog.tools) {
      const text = JSON.stringify(toolPayload(tool, 'openai'));
      const exact = toolTokens(tool, 'openai', counter);
      estimateErrors.push(Math.abs(estimateTokens(text) - exact) / exact);
    }
  }
  return {
    title: `Tool selection: tokens per turn (OpenAI Chat tool JSON, ${counter.name})`,
    rows,
    targets: [
      { name: 'a selected turn ≤ 5% of the full catalog (worst request)', value: percent(worst), met: worst <= 0.05 },
    ],
    notes: [
      `The estimate without a tokenizer (JSON length / 4.6): median per-tool error ${percent(medianOf(estimateErrors))} against ${counter.name}.`,
      'Discovery costs its three meta-tools per turn, plus what search_tools and describe_tool answers add to the conversation when the model uses them.',
    ],
  };
}

export default async function selectionBench(): Promise<BenchSection[]> {
  return [await recallSection(), await speedSection(), await tokensSection()];
}
