/**
 * Validator agreement over a catalog: for each tool, instances of its merged argument schema (json-schema-faker,
 * several seeds) and targeted invalid mutations of them, judged by our validator (`tool.inputSchema`) and by ajv
 * (ajv-oracle.ts) over the same schema. Used by agreement.test.ts and bench/vendors.bench.ts.
 */
import type { TrutoTool } from '../../src/catalog/truto-tool.js';
import { AjvOracle, type CompiledOracle, fragmentAt, type OracleReading } from './ajv-oracle.js';
import { generateArguments, invalidMutations, isRecord, type MutationKind, toolSeed } from './support.js';

export type InstanceKind = 'generated' | MutationKind;

export interface Disagreement {
  tool: string;
  kind: InstanceKind;
  /** Where the mutation was made (empty for a generated instance). */
  path: string;
  seed: number;
  ours: boolean;
  ajv: boolean;
  /** What the rejecting side said. */
  reason: string;
  /** The schema fragment the rejecting side judged by. */
  fragment: unknown;
  instance: unknown;
}

export interface AgreementReport {
  tools: number;
  /** Tools whose schema ajv could not compile (no verdict to compare), with ajv's reason. */
  ajvCannotCompile: Array<{ tool: string; error: string }>;
  /** Tools read as OpenAPI 3.0 (`nullable` / `discriminator`), and of those, the ones ajv applied `discriminator` to. */
  openApi30Tools: number;
  discriminatorTools: number;
  compared: number;
  bothAccepted: number;
  bothRejected: number;
  /** Per instance kind: how many were compared and how many the two validators judged differently. */
  byKind: Record<string, { compared: number; disagreements: number }>;
  disagreements: Disagreement[];
}

export interface AgreementOptions {
  /** Generated instances per tool, each with its mutations. @default 3 */
  seeds?: number;
}

export function measureAgreement(tools: readonly TrutoTool[], options: AgreementOptions = {}): AgreementReport {
  const oracle = new AjvOracle();
  const report: AgreementReport = {
    tools: tools.length,
    ajvCannotCompile: [],
    openApi30Tools: 0,
    discriminatorTools: 0,
    compared: 0,
    bothAccepted: 0,
    bothRejected: 0,
    byKind: {},
    disagreements: [],
  };
  for (const tool of tools) {
    let compiled: CompiledOracle;
    try {
      compiled = oracle.compile(tool.argumentsJsonSchema);
    } catch (error) {
      report.ajvCannotCompile.push({ tool: tool.name, error: String(error) });
      continue;
    }
    if (compiled.reading === 'openapi-3.0') report.openApi30Tools++;
    if (compiled.discriminator) report.discriminatorTools++;
    for (let attempt = 0; attempt < (options.seeds ?? 3); attempt++) {
      const seed = toolSeed(tool.definition.name, attempt);
      const generated = generateArguments(tool, { seed, full: attempt % 2 === 1 });
      const instances: Array<{ kind: InstanceKind; path: string; args: unknown }> = [
        { kind: 'generated', path: '', args: generated },
        ...invalidMutations(tool, generated, seed),
      ];
      for (const instance of instances) compare(tool, compiled, instance, seed, report);
    }
  }
  return report;
}

function compare(
  tool: TrutoTool,
  oracle: CompiledOracle,
  instance: { kind: InstanceKind; path: string; args: unknown },
  seed: number,
  report: AgreementReport,
): void {
  const ours = tool.inputSchema.safeParse(instance.args);
  const theirs = oracle.check(instance.args);
  const tally = tallyOf(report.byKind, instance.kind);
  tally.compared++;
  report.compared++;
  if (ours.success === theirs.valid) {
    if (ours.success) report.bothAccepted++;
    else report.bothRejected++;
    return;
  }
  tally.disagreements++;
  let reason: string;
  let fragment: unknown;
  if (!theirs.valid) {
    const error = theirs.errors[0];
    reason = `ajv: ${error?.instancePath || '/'} ${error?.message ?? ''} (${error?.schemaPath ?? ''})`;
    fragment = error ? fragmentAt(oracle.schema, error.schemaPath) : undefined;
  } else {
    const issue = ours.error?.issues[0];
    const path = (issue?.path ?? []).map(String);
    reason = `ours: /${path.join('/')} ${issue?.message ?? ''}`;
    fragment = schemaAtInstancePath(tool.argumentsJsonSchema, path);
  }
  report.disagreements.push({
    tool: tool.name,
    kind: instance.kind,
    path: instance.path,
    seed,
    ours: ours.success,
    ajv: theirs.valid,
    reason,
    fragment,
    instance: instance.args,
  });
}

function tallyOf(byKind: AgreementReport['byKind'], kind: InstanceKind): { compared: number; disagreements: number } {
  const existing = byKind[kind];
  if (existing !== undefined) return existing;
  const created = { compared: 0, disagreements: 0 };
  byKind[kind] = created;
  return created;
}

/** The first property schema found along an instance path (through `allOf`/`anyOf`/`oneOf`, `items`, local `$ref`s). */
export function schemaAtInstancePath(root: Record<string, unknown>, path: readonly string[]): unknown {
  let candidates: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    const seen = new Set<unknown>();
    const visit = (node: unknown, depth: number) => {
      if (!isRecord(node) || seen.has(node) || depth > 12) return;
      seen.add(node);
      if (typeof node.$ref === 'string') visit(resolveLocal(root, node.$ref), depth + 1);
      for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
        const members = node[keyword];
        if (Array.isArray(members)) for (const member of members) visit(member, depth + 1);
      }
      if (/^\d+$/.test(step) && node.items !== undefined) next.push(node.items);
      else if (isRecord(node.properties) && Object.hasOwn(node.properties, step)) next.push(node.properties[step]);
    };
    for (const candidate of candidates) visit(candidate, 0);
    if (next.length === 0) return candidates[0];
    candidates = next;
  }
  return candidates[0];
}

function resolveLocal(root: Record<string, unknown>, reference: string): unknown {
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of reference.slice(2).split('/')) {
    if (!isRecord(node)) return undefined;
    node = node[decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  return node;
}

/** One line per disagreement, with its schema fragment cut to a readable length. */
export function describeDisagreement(disagreement: Disagreement): string {
  const fragment = JSON.stringify(disagreement.fragment) ?? 'undefined';
  return `${disagreement.tool} [${disagreement.kind}${disagreement.path ? ` at ${disagreement.path}` : ''}, seed ${disagreement.seed}]: ours ${disagreement.ours ? 'accepts' : 'rejects'}, ajv ${disagreement.ajv ? 'accepts' : 'rejects'}; ${disagreement.reason}; fragment ${fragment.length > 400 ? `${fragment.slice(0, 400)}…` : fragment}`;
}

export function agreementRate(report: AgreementReport): number {
  return report.compared === 0 ? 1 : 1 - report.disagreements.length / report.compared;
}

export type { OracleReading };
