/**
 * Every tool of a catalog invoked once through `manager.invokeWithDetails` with valid generated arguments, and the
 * request the sandbox logged compared with the one the operation expects (request-expectations.ts). Used by
 * requests.test.ts and bench/vendors.bench.ts.
 */
import type { TrutoTool } from '../../src/catalog/truto-tool.js';
import type { SandboxRequestRecord } from '../../src/entries/sandbox.js';
import { TrutoApiError } from '../../src/index.js';
import { withNativeDates } from './date-values.js';
import { expectedRequest, type RequestDifference, requestDifferences } from './request-expectations.js';
import { fileFieldNames, isRecord, type VendorCatalog, validArguments, withFileReferences } from './support.js';

/** Statuses that mean the sandbox did not take the request as its operation's (bad request, no route, wrong verb). */
const REFUSED = new Set([400, 404, 405]);

export interface RequestOutcome {
  tool: string;
  seed: number;
  /** Instances generated before one passed our validator. */
  attempts: number;
  args: Record<string, unknown>;
  record: SandboxRequestRecord;
  /** Empty when every argument arrived where it belongs and nothing else did. */
  differences: RequestDifference[];
  accepted: boolean;
  /** The API error's message, when the sandbox refused the call. */
  answer?: string;
}

export interface FidelityReport {
  tools: number;
  /** Tools invoked (one request each). */
  sent: number;
  /** Requests with every argument where it belongs and nothing else, as logged. */
  exact: number;
  /** Requests whose only differences have a known cause outside the SDK's placement (see request-expectations.ts). */
  exactButKnown: number;
  /** How many requests each known cause touched. */
  known: Record<string, number>;
  /** Requests the sandbox answered with neither 400, 404 nor 405. */
  accepted: number;
  /** Tools that could not be invoked, and why (no generated arguments passed our validator, say). */
  unsent: Array<{ tool: string; reason: string }>;
  /** First-page calls made to obtain a real `next_cursor` for tools whose arguments hold one. */
  cursorCalls: number;
  /** Tools that needed more than one generated instance. */
  regenerated: number;
  outcomes: RequestOutcome[];
}

export interface FidelityOptions {
  /** Which tools to invoke. @default every tool */
  tools?: readonly TrutoTool[];
}

export async function measureRequestFidelity(
  catalog: VendorCatalog,
  options: FidelityOptions = {},
): Promise<FidelityReport> {
  const tools = options.tools ?? catalog.tools;
  const report: FidelityReport = {
    tools: tools.length,
    sent: 0,
    exact: 0,
    exactButKnown: 0,
    known: {},
    accepted: 0,
    unsent: [],
    cursorCalls: 0,
    regenerated: 0,
    outcomes: [],
  };
  for (const tool of tools) {
    const valid = validArguments(tool, { prepare: (args) => withFileReferences(tool, withNativeDates(tool, args)) });
    if (valid === undefined) {
      report.unsent.push({ tool: tool.name, reason: 'no generated arguments pass our validator' });
      continue;
    }
    if (valid.attempts > 1) report.regenerated++;
    const args = await withRealCursor(catalog, tool, valid.args, report);
    const mark = catalog.sandbox.requests.at(-1)?.id ?? 0;
    let answer: string | undefined;
    try {
      await catalog.manager.invokeWithDetails(tool.name, args);
    } catch (error) {
      // An API error is an answer: the request was sent and is judged below. Anything else sent nothing.
      if (!(error instanceof TrutoApiError)) {
        report.unsent.push({ tool: tool.name, reason: `${(error as Error).name}: ${(error as Error).message}` });
        continue;
      }
      answer = error.message;
    }
    const record = catalog.sandbox.requests.find((entry) => entry.id > mark && entry.route === 'proxy');
    if (record === undefined) {
      report.unsent.push({ tool: tool.name, reason: 'the sandbox logged no proxy request' });
      continue;
    }
    const differences = requestDifferences(expectedRequest(tool.definition, args, fileFieldNames(tool)), record);
    const accepted = record.status !== undefined && !REFUSED.has(record.status);
    report.sent++;
    if (differences.length === 0) report.exact++;
    else if (differences.every((difference) => difference.known !== undefined)) report.exactButKnown++;
    for (const known of new Set(differences.map((difference) => difference.known)))
      if (known !== undefined) report.known[known] = (report.known[known] ?? 0) + 1;
    if (accepted) report.accepted++;
    report.outcomes.push({
      tool: tool.name,
      seed: valid.seed,
      attempts: valid.attempts,
      args,
      record,
      differences,
      accepted,
      ...(answer === undefined ? {} : { answer }),
    });
  }
  return report;
}

/**
 * A list's `next_cursor` is only meaningful as the previous answer gave it (the sandbox refuses one it never
 * issued, as Truto does): when the generated arguments hold one, the first page is fetched with the same arguments
 * and its cursor used; when that page is the last, the argument is left out.
 */
async function withRealCursor(
  catalog: VendorCatalog,
  tool: TrutoTool,
  args: Record<string, unknown>,
  report: FidelityReport,
): Promise<Record<string, unknown>> {
  if (tool.definition.method !== 'list' || args.next_cursor === undefined) return args;
  const { next_cursor: _generated, ...firstPage } = args;
  report.cursorCalls++;
  try {
    const answer = await catalog.manager.invoke(tool.name, firstPage);
    const cursor = isRecord(answer) ? answer.next_cursor : undefined;
    return typeof cursor === 'string' && cursor !== '' ? { ...firstPage, next_cursor: cursor } : firstPage;
  } catch {
    return firstPage;
  }
}

/** Whether a difference without a known cause remains: the SDK sent something other than the operation expects. */
export function hasUnexplainedDifference(outcome: RequestOutcome): boolean {
  return outcome.differences.some((difference) => difference.known === undefined);
}

/** One line per request that was not exact or not accepted. */
export function describeOutcome(outcome: RequestOutcome): string {
  const record = outcome.record;
  const problems = outcome.differences.map((difference) =>
    difference.known ? `[${difference.known}] ${difference.text}` : difference.text,
  );
  if (!outcome.accepted) problems.push(`sandbox answered ${record.status}: ${outcome.answer ?? ''}`);
  return `${outcome.tool} (${record.method} ${record.path}?${record.rawQuery}, seed ${outcome.seed}): ${problems.join('; ')}`;
}
