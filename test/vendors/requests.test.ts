/**
 * Every operation of two real vendor documents invoked once, through `manager.invokeWithDetails`, with generated
 * arguments our validator accepts (native values at date spots, the fixture file at file fields, a real cursor for
 * `next_cursor`): the request the sandbox logged must be exactly the one the operation expects — HTTP method by
 * tool method, path, every query argument in the query and every body argument in the body, nothing else
 * (request-expectations.ts) — and the sandbox must take it (not 400, 404 or 405).
 *
 * request-expectations.ts can still tell apart two causes outside the SDK's placement (a GET/DELETE body the sandbox
 * did not log, a `name[][]` query); both were fixed, so every difference now fails the test.
 */
import { describe, expect, it } from 'vitest';
import { useVendorCatalog } from './hooks.js';
import {
  describeOutcome,
  type FidelityReport,
  hasUnexplainedDifference,
  measureRequestFidelity,
} from './request-fidelity.js';
import { VENDOR_DOCUMENTS } from './support.js';

/**
 * What no realistic instance satisfies in our validator: PagerDuty's runner update body is a `oneOf` of two open
 * objects where every instance of one branch also fits the other (its `discriminator`, `runner_type`, is a property
 * neither branch declares, so nothing tells them apart). Any other tool left unsent fails the test.
 */
const NO_VALID_INSTANCE = new Set(['update_a_pagerduty_automation_action_runner_by_id']);

const percent = (part: number, whole: number) => `${((part / Math.max(whole, 1)) * 100).toFixed(1)} %`;

function summary(name: string, report: FidelityReport): string {
  const known = Object.entries(report.known)
    .map(([cause, count]) => `${cause} ${count}`)
    .join(', ');
  return [
    `${name}: ${report.tools} tools, ${report.sent} requests sent (${report.cursorCalls} first pages fetched for a real next_cursor; ${report.regenerated} tools needed another seed)`,
    `  every argument where it belongs: ${report.exact}/${report.sent} (${percent(report.exact, report.sent)}); with the known sandbox causes allowed: ${report.exact + report.exactButKnown}/${report.sent} (${percent(report.exact + report.exactButKnown, report.sent)})${known ? ` [${known}]` : ''}`,
    `  accepted by the sandbox: ${report.accepted}/${report.sent} (${percent(report.accepted, report.sent)})`,
    ...report.outcomes
      .filter((outcome) => outcome.differences.length > 0 || !outcome.accepted)
      .map((outcome) => `  ${hasUnexplainedDifference(outcome) ? '✘' : '·'} ${describeOutcome(outcome)}`),
    ...report.unsent.map((entry) => `  not sent: ${entry.tool}: ${entry.reason}`),
  ].join('\n');
}

describe.each(VENDOR_DOCUMENTS)('$name: every tool reaches the sandbox as its operation expects', (document) => {
  const catalog = useVendorCatalog(document);

  it('sends one request per tool, each argument where it belongs, and the sandbox takes it', async () => {
    const report = await measureRequestFidelity(catalog());
    console.log(summary(document.name, report));
    expect(report.unsent.filter((entry) => !NO_VALID_INSTANCE.has(entry.tool))).toEqual([]);
    expect(report.sent + report.unsent.length).toBe(document.operations);
    expect(report.outcomes.filter((outcome) => outcome.differences.length > 0).map(describeOutcome)).toEqual([]);
    expect(report.exact).toBe(report.sent);
    expect(report.outcomes.filter((outcome) => !outcome.accepted).map(describeOutcome)).toEqual([]);
  });
});
