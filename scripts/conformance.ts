/**
 * `npm run conformance`: runs the official JSON-Schema-Test-Suite (draft 2020-12 and draft-07, required tests,
 * optional tests and optional/format) through `compileJsonSchema`, prints a pass-rate table per file and totals,
 * and compares every file against the committed baseline (`test/schema/conformance-baseline.json`).
 *
 *   npm run conformance                      # compare with the baseline; exit 1 if any file dropped or a schema threw
 *   npm run conformance -- --update-baseline # rewrite the baseline from this run
 *   npm run conformance -- --failures        # also list every failing test
 *   npm run conformance -- --compare         # also run ajv, z.fromJSONSchema and zod-from-json-schema on the suite
 *
 * The suite is read from the copy in `test/fixtures/json-schema-test-suite` (see its PROVENANCE.md), or from the path
 * in `JSON_SCHEMA_TEST_SUITE` (a checkout of https://github.com/json-schema-org/JSON-Schema-Test-Suite, to try a newer
 * commit before copying it in).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileJsonSchema } from '../src/schema/index.js';
import type { Dialect } from '../src/schema/types.js';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const BASELINE_PATH = join(repositoryRoot, 'test/schema/conformance-baseline.json');

export function defaultSuitePath(): string {
  return process.env.JSON_SCHEMA_TEST_SUITE ?? join(repositoryRoot, 'test/fixtures/json-schema-test-suite');
}

export type Category = 'required' | 'optional' | 'format';

/**
 * Files that test what this compiler deliberately does not do. They still run and still appear in the table (marked
 * out of scope), but the targets and totals "in scope" leave them out.
 */
export const OUT_OF_SCOPE: Record<string, string> = {
  'dynamicRef.json': '$dynamicRef/$dynamicAnchor: run-time scope resolution, absent from tool schemas',
  'refRemote.json': 'remote $ref: the compiler never fetches; a tool schema must be self-contained',
  'unevaluatedItems.json': 'unevaluatedItems: needs annotation collection across applicators',
  'unevaluatedProperties.json': 'unevaluatedProperties: needs annotation collection across applicators',
  'vocabulary.json': '$vocabulary: only meaningful for custom metaschemas',
  'optional/cross-draft.json': 'mixes drafts through remote references',
  'optional/dynamicRef.json': '$dynamicRef',
  'optional/format-assertion.json': 'custom metaschemas with the format-assertion vocabulary',
  'optional/content.json': 'contentMediaType/contentEncoding are annotations here (decoding content is not our job)',
  'optional/format/idn-email.json': 'internationalised formats are not asserted',
  'optional/format/idn-hostname.json': 'internationalised formats are not asserted',
  'optional/format/iri.json': 'internationalised formats are not asserted',
  'optional/format/iri-reference.json': 'internationalised formats are not asserted',
  'optional/format/json-pointer.json': 'format not in the supported list',
  'optional/format/relative-json-pointer.json': 'format not in the supported list',
  'optional/format/uri-template.json': 'format not in the supported list',
};

interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}

interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

export interface FileResult {
  /** `draft2020-12/allOf.json`, `draft7/optional/format/email.json`. */
  file: string;
  draft: string;
  category: Category;
  inScope: boolean;
  outOfScopeReason?: string;
  total: number;
  passed: number;
  /** Schemas whose compilation threw (must stay 0). */
  thrown: number;
  failures: string[];
}

export interface ConformanceReport {
  files: FileResult[];
}

const DRAFTS: Array<{ directory: string; dialect: Dialect }> = [
  { directory: 'draft2020-12', dialect: '2020-12' },
  { directory: 'draft7', dialect: 'draft-07' },
];

function listJson(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(directory, name));
}

export interface RunOptions {
  /** Passed to `compileJsonSchema`: `0` validates every test through generated code. */
  jitAfterParses?: number;
}

/** Runs the whole suite. Pure apart from reading the suite's files. */
export function runConformance(suitePath = defaultSuitePath(), options: RunOptions = {}): ConformanceReport {
  const files: FileResult[] = [];
  for (const { directory, dialect } of DRAFTS) {
    const draftRoot = join(suitePath, 'tests', directory);
    const groups: Array<[Category, string[]]> = [
      ['required', listJson(draftRoot)],
      ['optional', listJson(join(draftRoot, 'optional'))],
      ['format', listJson(join(draftRoot, 'optional', 'format'))],
    ];
    for (const [category, paths] of groups) {
      for (const path of paths)
        files.push(runFile(path, relative(draftRoot, path), directory, category, dialect, options));
    }
  }
  return { files };
}

function runFile(
  path: string,
  name: string,
  draft: string,
  category: Category,
  dialect: Dialect,
  options: RunOptions,
): FileResult {
  const reason = OUT_OF_SCOPE[name];
  const result: FileResult = {
    file: `${draft}/${name}`,
    draft,
    category,
    inScope: reason === undefined,
    outOfScopeReason: reason,
    total: 0,
    passed: 0,
    thrown: 0,
    failures: [],
  };
  const groups = JSON.parse(readFileSync(path, 'utf8')) as SuiteGroup[];
  for (const group of groups) {
    let validate: ((data: unknown) => boolean) | undefined;
    try {
      // 2020-12 makes `format` an annotation unless the user opts in; its required tests check exactly that, and
      // optional/format is the suite for implementations that assert. Draft-07 lets either be the default.
      const assertFormats = !(dialect === '2020-12' && category === 'required');
      const node = compileJsonSchema(group.schema, { dialect, assertFormats, ...options });
      validate = (data) => node.safeParse(data).success;
    } catch (error) {
      result.thrown++;
      result.failures.push(`${group.description}: compile threw ${(error as Error).message}`);
    }
    for (const test of group.tests) {
      result.total++;
      let valid: boolean | string;
      try {
        valid = validate === undefined ? 'not compiled' : validate(test.data);
      } catch (error) {
        valid = `validation threw ${(error as Error).message}`;
      }
      if (valid === test.valid) result.passed++;
      else result.failures.push(`${group.description} / ${test.description}: expected ${test.valid}, got ${valid}`);
    }
  }
  return result;
}

export interface Totals {
  total: number;
  passed: number;
  thrown: number;
}

export function totalsOf(files: FileResult[]): Totals {
  return files.reduce(
    (sum, file) => ({
      total: sum.total + file.total,
      passed: sum.passed + file.passed,
      thrown: sum.thrown + file.thrown,
    }),
    { total: 0, passed: 0, thrown: 0 },
  );
}

export function rate(passed: number, total: number): number {
  return total === 0 ? 1 : passed / total;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export interface Baseline {
  /** Pass rate per file, between 0 and 1. */
  files: Record<string, number>;
}

export function readBaseline(path = BASELINE_PATH): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as Baseline;
}

export function toBaseline(report: ConformanceReport): Baseline & { totals: Record<string, string> } {
  const files: Record<string, number> = {};
  for (const file of report.files) files[file.file] = Number(rate(file.passed, file.total).toFixed(4));
  const totals: Record<string, string> = {};
  for (const row of summaryRows(report)) totals[row.scope] = `${row.passed}/${row.total} (${row.rate})`;
  return { files, totals };
}

/** Files whose pass rate fell below the baseline (with a hair of tolerance for rounding). */
export function regressions(report: ConformanceReport, baseline: Baseline): string[] {
  const dropped: string[] = [];
  for (const file of report.files) {
    const expected = baseline.files[file.file];
    if (expected === undefined) continue;
    const actual = rate(file.passed, file.total);
    if (actual + 1e-4 < expected) dropped.push(`${file.file}: ${percent(actual)} < baseline ${percent(expected)}`);
  }
  return dropped;
}

export interface SummaryRow {
  scope: string;
  passed: number;
  total: number;
  rate: string;
  thrown: number;
}

export function summaryRows(report: ConformanceReport): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const { directory } of DRAFTS) {
    for (const category of ['required', 'optional', 'format'] as Category[]) {
      const files = report.files.filter((file) => file.draft === directory && file.category === category);
      const inScope = totalsOf(files.filter((file) => file.inScope));
      const all = totalsOf(files);
      rows.push({
        scope: `${directory} ${category} (in scope)`,
        ...inScope,
        rate: percent(rate(inScope.passed, inScope.total)),
      });
      rows.push({ scope: `${directory} ${category} (all files)`, ...all, rate: percent(rate(all.passed, all.total)) });
    }
  }
  return rows;
}

/** A validator factory to put through the same suite, for `--compare`. */
type Contender = (schema: unknown, dialect: Dialect, assertFormats: boolean) => (data: unknown) => boolean;

async function comparisonContenders(): Promise<Record<string, Contender>> {
  const [{ default: Ajv2020 }, { default: AjvDraft07 }, { default: addFormats }, { z }, { convertJsonSchemaToZod }] =
    await Promise.all([
      import('ajv/dist/2020.js'),
      import('ajv'),
      import('ajv-formats'),
      import('zod'),
      import('zod-from-json-schema'),
    ]);
  return {
    'ajv 8 + ajv-formats': (schema, dialect, assertFormats) => {
      const ajv =
        dialect === '2020-12'
          ? new Ajv2020({ strict: false, validateFormats: assertFormats })
          : new AjvDraft07({ strict: false, validateFormats: assertFormats });
      addFormats(ajv);
      const validate = ajv.compile(schema as object);
      return (data) => validate(data) as boolean;
    },
    'z.fromJSONSchema': (schema) => {
      const node = z.fromJSONSchema(schema as never);
      return (data) => node.safeParse(data).success;
    },
    'zod-from-json-schema': (schema) => {
      const node = convertJsonSchemaToZod(schema as never);
      return (data) => node.safeParse(data).success;
    },
  };
}

/** Pass rates of other libraries over the same files (all files, required / format), for context. */
async function printComparison(suitePath: string): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const [name, contender] of Object.entries(await comparisonContenders())) {
    const row: Record<string, string | number> = { library: name };
    for (const { directory, dialect } of DRAFTS) {
      for (const category of ['required', 'format'] as Category[]) {
        const draftRoot = join(suitePath, 'tests', directory);
        const paths = listJson(category === 'required' ? draftRoot : join(draftRoot, 'optional', 'format'));
        let passed = 0;
        let total = 0;
        let passedInScope = 0;
        let totalInScope = 0;
        let thrown = 0;
        for (const path of paths) {
          const inScope = OUT_OF_SCOPE[relative(draftRoot, path)] === undefined;
          for (const group of JSON.parse(readFileSync(path, 'utf8')) as SuiteGroup[]) {
            let validate: ((data: unknown) => boolean) | undefined;
            try {
              validate = contender(group.schema, dialect, !(dialect === '2020-12' && category === 'required'));
            } catch {
              thrown++;
            }
            for (const test of group.tests) {
              total++;
              if (inScope) totalInScope++;
              let correct = false;
              try {
                correct = validate !== undefined && validate(test.data) === test.valid;
              } catch {}
              if (correct) passed++;
              if (correct && inScope) passedInScope++;
            }
          }
        }
        row[`${directory} ${category}`] =
          `${percent(rate(passedInScope, totalInScope))} in scope, ${percent(rate(passed, total))} all, ${thrown} threw`;
      }
    }
    rows.push(row);
  }
  console.log('\nOther libraries on the same files (our scope, then every file):');
  console.table(rows);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const suitePath = defaultSuitePath();
  if (!existsSync(join(suitePath, 'tests'))) {
    console.error(`JSON-Schema-Test-Suite not found at ${suitePath}; set JSON_SCHEMA_TEST_SUITE.`);
    process.exit(2);
  }
  const report = runConformance(suitePath);
  const baseline = readBaseline();
  console.table(
    report.files.map((file) => ({
      file: file.file,
      scope: file.inScope ? 'in' : 'out',
      passed: `${file.passed}/${file.total}`,
      rate: percent(rate(file.passed, file.total)),
      baseline: baseline?.files[file.file] === undefined ? '-' : percent(baseline.files[file.file]!),
      thrown: file.thrown,
    })),
  );
  console.table(summaryRows(report));
  console.log('\nOut of scope:');
  for (const [file, reason] of Object.entries(OUT_OF_SCOPE)) console.log(`  ${file}: ${reason}`);
  if (args.has('--failures')) {
    for (const file of report.files) {
      if (file.failures.length === 0) continue;
      console.log(`\n${file.file}${file.inScope ? '' : ' (out of scope)'}`);
      for (const failure of file.failures) console.log(`  ✘ ${failure}`);
    }
  }
  if (args.has('--compare')) await printComparison(suitePath);
  const thrown = totalsOf(report.files).thrown;
  if (args.has('--update-baseline')) {
    writeFileSync(BASELINE_PATH, `${JSON.stringify(toBaseline(report), null, 2)}\n`);
    console.log(`\nBaseline written to ${relative(repositoryRoot, BASELINE_PATH)}.`);
    return;
  }
  const dropped = baseline === undefined ? [] : regressions(report, baseline);
  if (dropped.length > 0) console.error(`\nBelow baseline:\n  ${dropped.join('\n  ')}`);
  if (thrown > 0) console.error(`\n${thrown} schema(s) threw while compiling.`);
  if (dropped.length > 0 || thrown > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
