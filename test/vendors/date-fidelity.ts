/**
 * Every date field the SDK finds in a catalog (`tool.dateFields`), given "last week" at its path with otherwise
 * minimal valid arguments, invoked, and the value that arrived at the sandbox checked: the form of its kind and the
 * bound of its role (date-values.ts). Tools with the SDK's own `time_range` are called once more with it alone.
 * Also the false-positive census: argument spots that can never be dates (ids, cursors, counts, amounts, limits,
 * offsets, urls, emails, names) must not be among the date fields. Used by dates.test.ts and bench/vendors.bench.ts.
 */
import type { TrutoTool } from '../../src/catalog/truto-tool.js';
import { type DateField, type DatePathStep, TIME_RANGE_ARGUMENT } from '../../src/dates/index.js';
import type { SandboxRequestRecord } from '../../src/entries/sandbox.js';
import { TrutoApiError } from '../../src/index.js';
import { dateProblem, hasOwnTimeRange, LAST_WEEK, operatorField, withNativeDates } from './date-values.js';
import { type ArgumentPlacement, placementOf } from './request-expectations.js';
import {
  fileFieldNames,
  generateArguments,
  isRecord,
  toolSeed,
  type VendorCatalog,
  withFileReferences,
} from './support.js';

export const EXPRESSION = 'last week';
/** Instances tried per field before it counts as not exercised. */
const ATTEMPTS = 6;

export interface DateFieldOutcome {
  tool: string;
  label: string;
  kind: DateField['kind'];
  role: DateField['role'];
  range: boolean;
  /** What the sandbox received at the field's path. */
  arrived: unknown;
  /** Undefined when the value arrived in the right form with the right bound. */
  problem?: string;
  /** The status the sandbox answered with. */
  status?: number;
}

export interface DateFidelityReport {
  tools: number;
  toolsWithDates: number;
  fields: number;
  /** Fields invoked and checked at the sandbox. */
  exercised: number;
  correct: number;
  /** Of the exercised calls, those the sandbox answered with neither 400, 404 nor 405. */
  accepted: number;
  /** Fields no generated arguments could carry an expression to (validator refused every attempt), and why. */
  notExercised: Array<{ tool: string; label: string; reason: string }>;
  byKind: Record<string, { fields: number; correct: number }>;
  byRole: Record<string, { fields: number; correct: number }>;
  nested: number;
  underArrays: number;
  ranges: number;
  /** Tools with the SDK's `time_range`, called with it alone: how many, and how many got both bounds right. */
  timeRange: { tools: number; correct: number; problems: string[] };
  outcomes: DateFieldOutcome[];
}

export async function measureDateFidelity(catalog: VendorCatalog): Promise<DateFidelityReport> {
  const report: DateFidelityReport = {
    tools: catalog.tools.length,
    toolsWithDates: 0,
    fields: 0,
    exercised: 0,
    correct: 0,
    accepted: 0,
    notExercised: [],
    byKind: {},
    byRole: {},
    nested: 0,
    underArrays: 0,
    ranges: 0,
    timeRange: { tools: 0, correct: 0, problems: [] },
    outcomes: [],
  };
  for (const tool of catalog.tools) {
    const fields = tool.dateFields;
    if (fields.length === 0) continue;
    report.toolsWithDates++;
    for (const field of fields) {
      report.fields++;
      if (field.path.length > 1) report.nested++;
      if (field.path.some((step) => typeof step !== 'string')) report.underArrays++;
      if (field.range) report.ranges++;
      const kind = tallyOf(report.byKind, field.kind);
      const role = tallyOf(report.byRole, field.role);
      kind.fields++;
      role.fields++;
      const outcome = await checkField(catalog, tool, field);
      if (typeof outcome === 'string') {
        report.notExercised.push({ tool: tool.name, label: field.label, reason: outcome });
        continue;
      }
      report.exercised++;
      if (outcome.status !== undefined && ![400, 404, 405].includes(outcome.status)) report.accepted++;
      report.outcomes.push(outcome);
      if (outcome.problem === undefined) {
        report.correct++;
        kind.correct++;
        role.correct++;
      }
    }
    if (hasOwnTimeRange(tool)) await checkTimeRange(catalog, tool, report);
  }
  return report;
}

function tallyOf(groups: DateFidelityReport['byKind'], key: string): { fields: number; correct: number } {
  const existing = groups[key];
  if (existing !== undefined) return existing;
  const created = { fields: 0, correct: 0 };
  groups[key] = created;
  return created;
}

/** Invokes the tool with the expression at the field and judges what arrived; a string says why it could not. */
async function checkField(
  catalog: VendorCatalog,
  tool: TrutoTool,
  field: DateField,
): Promise<DateFieldOutcome | string> {
  const args = argumentsCarrying(tool, field.name, (base) => placeAt(base, field.path, EXPRESSION));
  if (args === undefined) return 'no generated arguments carrying the expression pass our validator';
  const sent = await send(catalog, tool, args);
  if (typeof sent === 'string') return sent;
  const arrived = arrivedAt(sent, placementOf(tool.definition, fileFieldNames(tool)), field.path);
  const outcome: DateFieldOutcome = {
    tool: tool.name,
    label: field.label,
    kind: field.kind,
    role: field.role,
    range: field.range !== undefined,
    arrived,
    ...(sent.status === undefined ? {} : { status: sent.status }),
  };
  const problem = field.range ? rangeProblem(field, tool.dateFields, arrived) : dateProblem(field, arrived, LAST_WEEK);
  return problem === undefined ? outcome : { ...outcome, problem };
}

/** A range object fed one expression gets both ends, each by its own operator field. */
function rangeProblem(field: DateField, fields: readonly DateField[], arrived: unknown): string | undefined {
  if (!isRecord(arrived)) return `expected a range object, got ${JSON.stringify(arrived)}`;
  const problems: string[] = [];
  for (const key of [field.range?.start, field.range?.end]) {
    if (key === undefined) continue;
    const operator = operatorField(field, key, fields);
    if (operator === undefined) problems.push(`no date field for operator ${key}`);
    else {
      const problem = dateProblem(operator, arrived[key], LAST_WEEK);
      if (problem !== undefined) problems.push(`${key}: ${problem}`);
    }
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

async function checkTimeRange(catalog: VendorCatalog, tool: TrutoTool, report: DateFidelityReport): Promise<void> {
  const pair = tool.dateFields.filter(
    (field) => field.path.length === 1 && field.range === undefined && field.role !== 'instant',
  );
  const start = pair.find((field) => field.role === 'start');
  const end = pair.find((field) => field.role === 'end');
  if (start === undefined || end === undefined) return;
  report.timeRange.tools++;
  const args = argumentsCarrying(tool, TIME_RANGE_ARGUMENT, (base) => {
    const { [start.name]: _start, [end.name]: _end, ...rest } = base;
    return { ...rest, [TIME_RANGE_ARGUMENT]: EXPRESSION };
  });
  if (args === undefined) {
    report.timeRange.problems.push(`${tool.name}: no generated arguments with time_range pass our validator`);
    return;
  }
  const sent = await send(catalog, tool, args);
  if (typeof sent === 'string') {
    report.timeRange.problems.push(`${tool.name}: ${sent}`);
    return;
  }
  const placement = placementOf(tool.definition, fileFieldNames(tool));
  const problems = [start, end].flatMap((field) => {
    const problem = dateProblem(field, arrivedAt(sent, placement, field.path), LAST_WEEK);
    return problem === undefined ? [] : [`${tool.name} time_range → ${field.label}: ${problem}`];
  });
  if (problems.length === 0) report.timeRange.correct++;
  report.timeRange.problems.push(...problems);
}

/**
 * Minimal valid arguments with the expression in place: a full generated instance (native dates, file references),
 * cut down to the required arguments and the one holding the spot, then changed by `place`. Undefined when no
 * attempt passes our validator.
 */
function argumentsCarrying(
  tool: TrutoTool,
  keep: string,
  place: (base: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> | undefined {
  const schema = tool.argumentsJsonSchema;
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const field of tool.dateFields) if (field.required) required.add(field.name);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const seed = toolSeed(`${tool.definition.name}:dates`, attempt);
    const generated = withFileReferences(
      tool,
      withNativeDates(tool, generateArguments(tool, { seed, full: attempt % 2 === 0 })),
    );
    const base: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(generated)) if (required.has(name) || name === keep) base[name] = value;
    const args = place(base);
    if (tool.inputSchema.safeParse(args).success) return args;
  }
  return undefined;
}

/** The arguments with `value` at the path; containers on the way are created, arrays cut to one element. */
function placeAt(
  base: Record<string, unknown>,
  path: readonly DatePathStep[],
  value: unknown,
): Record<string, unknown> {
  const args = structuredClone(base);
  let holder: Record<string, unknown> | unknown[] = args;
  path.forEach((step, index) => {
    const last = index === path.length - 1;
    const next = path[index + 1];
    const key = typeof step === 'string' ? step : 0;
    if (typeof step !== 'string') {
      const list = holder as unknown[];
      list.length = Math.min(list.length, 1);
    }
    if (last) {
      (holder as Record<string | number, unknown>)[key] = value;
      return;
    }
    const current = (holder as Record<string | number, unknown>)[key];
    const wantsList = next !== undefined && typeof next !== 'string';
    const fits = wantsList ? Array.isArray(current) : isRecord(current);
    const container = fits ? current : wantsList ? [] : {};
    (holder as Record<string | number, unknown>)[key] = container;
    holder = container as Record<string, unknown> | unknown[];
  });
  return args;
}

/** Invokes and returns the logged proxy request, or why nothing was sent. */
async function send(
  catalog: VendorCatalog,
  tool: TrutoTool,
  args: Record<string, unknown>,
): Promise<SandboxRequestRecord | string> {
  const mark = catalog.sandbox.requests.at(-1)?.id ?? 0;
  try {
    await catalog.manager.invokeWithDetails(tool.name, args);
  } catch (error) {
    if (!(error instanceof TrutoApiError)) return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return (
    catalog.sandbox.requests.find((entry) => entry.id > mark && entry.route === 'proxy') ??
    'the sandbox logged no proxy request'
  );
}

/** The value the sandbox received at a date path: in the query (qs-parsed), the JSON body or the multipart parts. */
export function arrivedAt(
  record: SandboxRequestRecord,
  placement: ArgumentPlacement,
  path: readonly DatePathStep[],
): unknown {
  const [top, ...rest] = path as [string, ...DatePathStep[]];
  if (top === placement.wholeBody) return walk(record.body, rest);
  if (placement.query.has(top)) {
    const key = top.endsWith('[]') ? top.slice(0, -2) : top;
    return walk(record.query[key], rest);
  }
  if (record.multipart !== undefined) {
    const name = top + rest.map((step) => (typeof step === 'string' ? `[${step}]` : '[]')).join('');
    const value = record.multipart.fields[name];
    return Array.isArray(value) ? value[0] : value;
  }
  return walk(isRecord(record.body) ? record.body[top] : undefined, rest);
}

function walk(value: unknown, path: readonly DatePathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'string') current = isRecord(current) ? current[step] : undefined;
    else current = Array.isArray(current) ? current[0] : undefined;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------------
// False positives

/** Spots that are never dates, by the last name on their path. */
export const NEVER_DATES: ReadonlyArray<{ category: string; name: RegExp }> = [
  { category: 'ids', name: /^(id|gid|ids|gids|uuid)$|_(id|ids|gid|gids|uuid)$/ },
  { category: 'cursors', name: /cursor|page_token|^next_page$/ },
  { category: 'counts', name: /(^|_)count$|^count_|^num_|^total$/ },
  { category: 'amounts', name: /(^|_)(amount|price|cost|budget|value_in_cents)$/ },
  { category: 'limits', name: /(^|_)limit$/ },
  { category: 'offsets', name: /(^|_)offset$/ },
  { category: 'urls', name: /(^|_)(url|uri|href|link)$/ },
  { category: 'emails', name: /(^|_)email$/ },
  { category: 'names', name: /(^|_)name$/ },
];

export interface FalsePositiveCensus {
  /** Per category: spots found across the catalog, and those the SDK took for dates. */
  categories: Record<string, { spots: number; detected: string[] }>;
}

/** Every argument spot of every tool whose name puts it in a never-a-date category, and any the SDK calls a date. */
export function falsePositiveCensus(tools: readonly TrutoTool[]): FalsePositiveCensus {
  const census: FalsePositiveCensus = { categories: {} };
  for (const { category } of NEVER_DATES) census.categories[category] = { spots: 0, detected: [] };
  for (const tool of tools) {
    const dateLabels = new Set(tool.dateFields.map((field) => field.label));
    for (const label of argumentLabels(tool.argumentsJsonSchema)) {
      const last = label.replace(/\[\]/g, '').split('.').pop()!.toLowerCase();
      const match = NEVER_DATES.find((entry) => entry.name.test(last));
      if (match === undefined) continue;
      const tally = census.categories[match.category]!;
      tally.spots++;
      if (dateLabels.has(label)) tally.detected.push(`${tool.name} ${label}`);
    }
  }
  return census;
}

/**
 * Every property path of a schema, labelled like `DateField.label` (`data.name`, `items[].id`), through
 * `allOf`/`anyOf`/`oneOf`, `items` and local `$ref`s (each followed once per path), at most 8 levels deep.
 */
export function argumentLabels(root: Record<string, unknown>): Set<string> {
  const labels = new Set<string>();
  const visit = (node: unknown, label: string, refs: ReadonlySet<string>, depth: number) => {
    if (!isRecord(node) || depth > 8) return;
    if (typeof node.$ref === 'string' && !refs.has(node.$ref)) {
      visit(resolve(root, node.$ref), label, new Set([...refs, node.$ref]), depth);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const members = node[keyword];
      if (Array.isArray(members)) for (const member of members) visit(member, label, refs, depth);
    }
    if (node.items !== undefined) visit(node.items, `${label}[]`, refs, depth + 1);
    if (isRecord(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        const childLabel = label === '' ? name : `${label}.${name}`;
        labels.add(childLabel);
        visit(child, childLabel, refs, depth + 1);
      }
    }
  };
  visit(root, '', new Set(), 0);
  return labels;
}

function resolve(root: Record<string, unknown>, reference: string): unknown {
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of reference.slice(2).split('/')) {
    if (!isRecord(node)) return undefined;
    node = node[decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  return node;
}
