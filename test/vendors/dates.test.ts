/**
 * Every date field the SDK finds in two real vendor documents (`tool.dateFields`: top-level, nested, under arrays,
 * range objects), given "last week" at its path with otherwise minimal valid arguments and invoked against the
 * sandbox: the value that arrived there must have its kind's form (integer seconds or milliseconds, `YYYY-MM-DD`,
 * RFC 3339 with an offset) and its role's bound, with now = 2026-11-25T12:00:00Z in UTC, so "last week" is
 * [2026-11-16, 2026-11-23). Tools with the SDK's own `time_range` are called with it alone too. And the false
 * positives: spots that are never dates (ids, cursors, counts, amounts, limits, offsets, urls, emails, names) are
 * never among the date fields.
 */
import { describe, expect, it } from 'vitest';
import { type DateFidelityReport, falsePositiveCensus, measureDateFidelity } from './date-fidelity.js';
import { useVendorCatalog } from './hooks.js';
import { VENDOR_DOCUMENTS } from './support.js';

function summary(name: string, report: DateFidelityReport): string {
  const tally = (groups: DateFidelityReport['byKind']) =>
    Object.entries(groups)
      .map(([group, { fields, correct }]) => `${group} ${correct}/${fields}`)
      .join(', ');
  return [
    `${name}: ${report.fields} date fields in ${report.toolsWithDates} of ${report.tools} tools (${report.nested} nested, ${report.underArrays} under arrays, ${report.ranges} range objects); ${report.exercised} exercised, ${report.correct} correct; the sandbox accepted ${report.accepted} of those calls`,
    `  by kind: ${tally(report.byKind)}`,
    `  by role: ${tally(report.byRole)}`,
    `  time_range alone: ${report.timeRange.correct}/${report.timeRange.tools} tools with both bounds right`,
    ...report.outcomes
      .filter((outcome) => outcome.problem !== undefined)
      .map((outcome) => `  ✘ ${outcome.tool} ${outcome.label} (${outcome.kind} ${outcome.role}): ${outcome.problem}`),
    ...report.notExercised.map((entry) => `  not exercised: ${entry.tool} ${entry.label}: ${entry.reason}`),
    ...report.timeRange.problems.map((problem) => `  ✘ ${problem}`),
  ].join('\n');
}

/** The false-positive census of each document, printed as one table once both are in. */
const census: Record<string, Record<string, { spots: number; 'taken for dates': number }>> = {};

describe.each(VENDOR_DOCUMENTS)('$name: every date field, at the sandbox', (document) => {
  const catalog = useVendorCatalog(document);

  it('receives "last week" in its own form, with the bound of its role', async () => {
    const report = await measureDateFidelity(catalog());
    console.log(summary(document.name, report));
    expect(report.fields).toBeGreaterThan(100);
    expect(report.nested).toBeGreaterThan(0);
    expect(report.underArrays).toBeGreaterThan(0);
    expect(report.notExercised).toEqual([]);
    expect(report.outcomes.filter((outcome) => outcome.problem !== undefined)).toEqual([]);
    expect(report.correct).toBe(report.fields);
    expect(report.timeRange.problems).toEqual([]);
    expect(report.timeRange.correct).toBe(report.timeRange.tools);
  });

  it('takes no id, cursor, count, amount, limit, offset, url, email or name for a date', () => {
    const detected: string[] = [];
    const rows: (typeof census)[string] = {};
    for (const [category, tally] of Object.entries(falsePositiveCensus(catalog().tools).categories)) {
      rows[category] = { spots: tally.spots, 'taken for dates': tally.detected.length };
      detected.push(...tally.detected);
    }
    census[document.name] = rows;
    expect(detected).toEqual([]);
  });
});

describe('false positives across both documents', () => {
  it('prints the census: every category present, none taken for a date', () => {
    expect(Object.keys(census).sort()).toEqual(VENDOR_DOCUMENTS.map((document) => document.name).sort());
    const rows: Record<string, Record<string, number>> = {};
    for (const category of Object.keys(census.asana!)) {
      const row: Record<string, number> = {};
      for (const document of VENDOR_DOCUMENTS) row[`${document.name} spots`] = census[document.name]![category]!.spots;
      row['taken for dates'] = VENDOR_DOCUMENTS.reduce(
        (sum, document) => sum + census[document.name]![category]!['taken for dates'],
        0,
      );
      rows[category] = row;
    }
    console.log('Argument spots that must never be dates, and how many the SDK took for dates:');
    console.table(rows);
    for (const [category, row] of Object.entries(rows)) {
      expect(row['taken for dates'], category).toBe(0);
      if (category !== 'amounts' && category !== 'emails')
        expect(row['asana spots']! + row['pagerduty spots']!, category).toBeGreaterThan(0);
    }
  });
});
