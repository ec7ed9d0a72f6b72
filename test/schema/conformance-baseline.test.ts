import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultSuitePath,
  rate,
  readBaseline,
  regressions,
  runConformance,
  totalsOf,
} from '../../scripts/conformance.js';

describe('JSON-Schema-Test-Suite conformance', () => {
  it('reads the whole suite (the copy in test/fixtures unless JSON_SCHEMA_TEST_SUITE says otherwise)', () => {
    expect(existsSync(join(defaultSuitePath(), 'tests', 'draft2020-12'))).toBe(true);
    expect(existsSync(join(defaultSuitePath(), 'tests', 'draft7'))).toBe(true);
  });

  const report = runConformance();
  const baseline = readBaseline();

  it('has a committed baseline covering every file', () => {
    expect(baseline).toBeDefined();
    const missing = report.files.map((file) => file.file).filter((file) => baseline?.files[file] === undefined);
    expect(missing).toEqual([]);
  });

  it('runs every file the baseline names (no file of the suite went missing)', () => {
    const ran = new Set(report.files.map((file) => file.file));
    expect(Object.keys(baseline?.files ?? {}).filter((file) => !ran.has(file))).toEqual([]);
  });

  it('no file falls below its baseline pass rate', () => {
    expect(regressions(report, baseline ?? { files: {} })).toEqual([]);
  });

  it('no schema throws while compiling', () => {
    expect(report.files.filter((file) => file.thrown > 0).map((file) => file.file)).toEqual([]);
  });

  it('gives every test the same verdict through generated code as through the runtime', () => {
    const generated = runConformance(undefined, { jitAfterParses: 0 });
    const differences = report.files.flatMap((file, index) => {
      const other = generated.files[index]!;
      const expected = new Set(file.failures);
      return other.failures.length === file.failures.length && other.failures.every((failure) => expected.has(failure))
        ? []
        : [`${file.file}: ${other.failures.filter((failure) => !expected.has(failure)).join('; ')}`];
    });
    expect(differences).toEqual([]);
  });

  it.each([
    ['draft2020-12', 'required', 0.97],
    ['draft7', 'required', 0.97],
    ['draft2020-12', 'format', 0.9],
    ['draft7', 'format', 0.9],
  ] as const)('%s %s tests in scope pass at least %s', (draft, category, target) => {
    const totals = totalsOf(
      report.files.filter((file) => file.draft === draft && file.category === category && file.inScope),
    );
    expect(rate(totals.passed, totals.total)).toBeGreaterThanOrEqual(target);
  });
});
