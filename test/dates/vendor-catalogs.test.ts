/**
 * Every operation of two real vendor documents (test/fixtures/openapi: Asana, PagerDuty) made into a Truto-style
 * catalog (openapi-catalog.ts), and every date field found in it given "last week" and "next friday": the model's
 * schema must accept the expression at that spot, and the value sent must have the field's form and the right bound.
 * Prints what was found so the numbers can be quoted; asserts that known non-dates stay untouched.
 *
 * Clock: Wednesday 2026-11-25 12:00 UTC, zone America/New_York (UTC−5 all through the weeks involved), so
 * "last week" is [Mon 16 Nov 00:00, Mon 23 Nov 00:00) and "next friday" [Fri 27 Nov 00:00, Sat 28 Nov 00:00) local.
 */
import { describe, expect, it } from 'vitest';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import { type DateField, type DatePathStep, normaliseDateArguments } from '../../src/dates/index.js';
import { facetsOf, itemsOf, propertiesOf, SchemaScope } from '../../src/dates/schema-facets.js';
import { compileJsonSchema } from '../../src/schema/index.js';
import { catalogFromOpenApi, readOpenApi } from './openapi-catalog.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/New_York';
const OFFSET_MS = -5 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const EXPRESSIONS = {
  'last week': { startMs: Date.parse('2026-11-16T05:00:00Z'), endMs: Date.parse('2026-11-23T05:00:00Z') },
  'next friday': { startMs: Date.parse('2026-11-27T05:00:00Z'), endMs: Date.parse('2026-11-28T05:00:00Z') },
} as const;
type Expression = keyof typeof EXPRESSIONS;

/** Labels of vendor fields that are not moments (cursors, ids, durations, times of day, relations, positions). */
const NOT_DATES: Record<string, string[]> = {
  asana: [
    'offset',
    'limit',
    'data.insert_after',
    'data.insert_before',
    'data.attributable_to',
    'data.actual_time_minutes',
    'data.currency_code',
    'data.time_period',
    'data.after_section',
    'data.before_section',
  ],
  pagerduty: [
    'after',
    'before',
    'starting_after',
    'ending_before',
    'limit',
    'offset',
    'time_zone',
    'date_range',
    'alert_grouping_setting.config.timeout',
    'alert_grouping_setting.config.time_window',
    'service.acknowledgement_timeout',
    'service.auto_resolve_timeout',
    'service.support_hours.start_time',
    'service.support_hours.end_time',
    'rule.time_frame.scheduled_weekly.start_time',
    'post.updates[].update_frequency_ms',
    'notification_rule.start_delay_in_minutes',
    'schedule.schedule_layers[].restrictions[].start_time_of_day',
    'schedule.schedule_layers[].restrictions[].start_day_of_week',
    'integration.email_parsers[].value_extractors[].starts_after',
    'integration.email_filters[].from_email_mode',
    'filters.min_timeout_escalations',
  ],
};

describe.each(['asana', 'pagerduty'])('%s: every operation', (vendor) => {
  const definitions = catalogFromOpenApi(readOpenApi(`test/fixtures/openapi/${vendor}.json`));
  const tools = definitions.map((definition) => ({ definition, tool: new TrutoTool(definition) }));
  const found = tools.flatMap(({ definition, tool }) => tool.dateFields.map((field) => ({ definition, tool, field })));

  it('reports what it found', () => {
    const count = (predicate: (field: DateField) => boolean) => found.filter(({ field }) => predicate(field)).length;
    const kinds = ['date-time', 'date', 'unix-seconds', 'unix-milliseconds'] as const;
    const report = {
      operations: definitions.length,
      'tools with dates': tools.filter(({ tool }) => tool.dateFields.length > 0).length,
      fields: found.length,
      'top level': count((field) => field.path.length === 1),
      nested: count((field) => field.path.length > 1),
      'under arrays': count((field) => field.path.some((step) => typeof step !== 'string')),
      ranges: count((field) => field.range !== undefined),
      ...Object.fromEntries(kinds.map((kind) => [kind, count((field) => field.kind === kind)])),
      roles: Object.fromEntries(
        ['start', 'end', 'instant'].map((role) => [role, count((field) => field.role === role)]),
      ),
    };
    console.log(`${vendor} date fields: ${JSON.stringify(report)}`);
    expect(definitions.length).toBeGreaterThan(200);
    expect(report.nested).toBeGreaterThan(0);
    expect(report['top level']).toBeGreaterThan(0);
  });

  it('never touches the known non-dates, which do exist in the document', () => {
    const labels = new Set(found.map(({ field }) => field.label));
    for (const label of NOT_DATES[vendor]!) {
      expect(labels.has(label), label).toBe(false);
      expect(
        tools.some(({ tool }) => spotNodes(tool.argumentsJsonSchema, pathOfLabel(label)).length > 0),
        `${label} exists`,
      ).toBe(true);
    }
  });

  it.each(Object.keys(EXPRESSIONS) as Expression[])(
    'every date field takes "%s": schema, form and bound',
    (expression) => {
      const failures: string[] = [];
      for (const { definition, tool, field } of found) {
        const where = `${definition.operation} ${field.label}`;
        // The model's schema accepts the expression at the spot.
        const nodes = spotNodes(tool.argumentsJsonSchema, field.path);
        if (!nodes.some((node) => acceptsText(tool.argumentsJsonSchema, node, expression))) {
          failures.push(`${where}: the model's schema refuses ${JSON.stringify(expression)}`);
          continue;
        }
        // The value sent has the field's form and the right bound.
        const args = callArguments(tool.dateFields, field, expression);
        const sent = valueAt(
          normaliseDateArguments(args, tool.dateFields, { now: NOW, timeZone: ZONE, toolName: tool.name }),
          field.path,
        );
        failures.push(...checkSent(where, field, tool.dateFields, sent, EXPRESSIONS[expression]));
      }
      expect(failures).toEqual([]);
    },
  );

  it('validates and converts a whole call through the tool when the dates are top-level', () => {
    let calls = 0;
    for (const { definition, tool, field } of found) {
      if (field.path.length !== 1) continue;
      const args = withRequiredScalars(tool.argumentsJsonSchema, callArguments(tool.dateFields, field, 'last week'));
      if (args === undefined) continue;
      const validated = tool.validate(args);
      const sent = normaliseDateArguments(validated, tool.dateFields, {
        now: NOW,
        timeZone: ZONE,
        toolName: tool.name,
      });
      expect(
        checkSent(
          `${definition.operation} ${field.label}`,
          field,
          tool.dateFields,
          sent[field.name],
          EXPRESSIONS['last week'],
        ),
      ).toEqual([]);
      calls++;
    }
    expect(calls).toBeGreaterThan(10);
  });
});

function checkSent(
  where: string,
  field: DateField,
  fields: readonly DateField[],
  sent: unknown,
  span: { startMs: number; endMs: number },
): string[] {
  if (field.range !== undefined) {
    if (typeof sent !== 'object' || sent === null)
      return [`${where}: expected a range object, got ${JSON.stringify(sent)}`];
    const failures: string[] = [];
    for (const key of [field.range.start, field.range.end]) {
      if (key === undefined) continue;
      const operator = fields.find(
        (candidate) =>
          candidate.path.length === field.path.length + 1 &&
          candidate.path.slice(0, -1).every((step, index) => step === field.path[index]) &&
          candidate.path.at(-1) === key,
      );
      if (operator === undefined) return [`${where}: no field for operator ${key}`];
      failures.push(...checkSent(`${where}.${key}`, operator, fields, (sent as Record<string, unknown>)[key], span));
    }
    return failures;
  }
  const expected = expectedValue(field, span);
  return sent === expected
    ? []
    : [`${where} (${field.kind} ${field.role}): expected ${JSON.stringify(expected)}, sent ${JSON.stringify(sent)}`];
}

/** What the field should receive, worked out independently of the SDK's writer. */
function expectedValue(field: DateField, span: { startMs: number; endMs: number }): unknown {
  const unit = field.kind === 'date' ? DAY : field.kind === 'unix-milliseconds' ? 1 : 1000;
  let instant = span.startMs;
  if (field.role === 'start' && field.exclusiveStart) instant -= unit;
  if (field.role === 'end') instant = field.inclusiveEnd ? span.endMs - unit : span.endMs;
  switch (field.kind) {
    case 'unix-seconds':
      return field.text ? String(instant / 1000) : instant / 1000;
    case 'unix-milliseconds':
      return field.text ? String(instant) : instant;
    case 'date':
      return new Date(instant + OFFSET_MS).toISOString().slice(0, 10);
    case 'date-time':
      return `${new Date(instant + OFFSET_MS).toISOString().slice(0, 19)}-05:00`;
  }
}

/** The expression at the field's path, and at a required partner of a start/end pair (else time_range is due). */
function callArguments(fields: readonly DateField[], field: DateField, expression: string): Record<string, unknown> {
  const args = argumentsWith(field.path, expression);
  for (const partner of fields) {
    if (partner.required && partner.path.length === 1 && !(partner.name in args)) args[partner.name] = expression;
  }
  return args;
}

/** Required top-level arguments that are plain scalars get a placeholder; `undefined` when one is not a scalar. */
function withRequiredScalars(
  schema: Record<string, any>,
  args: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const placeholders: Record<string, unknown> = { string: 'x', integer: 1, number: 1, boolean: true };
  for (const name of (schema.required ?? []) as string[]) {
    if (name in args) continue;
    const placeholder = placeholders[schema.properties?.[name]?.type as string];
    if (placeholder === undefined || schema.properties[name].enum !== undefined) return undefined;
    args[name] = placeholder;
  }
  return args;
}

function argumentsWith(path: readonly DatePathStep[], value: unknown): Record<string, unknown> {
  let built: unknown = value;
  for (let index = path.length - 1; index >= 0; index--) {
    const step = path[index]!;
    built = typeof step === 'string' ? Object.defineProperty({}, step, { value: built, enumerable: true }) : [built];
  }
  return built as Record<string, unknown>;
}

function valueAt(value: unknown, path: readonly DatePathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'string') current = (current as Record<string, unknown> | undefined)?.[step];
    else current = (current as unknown[] | undefined)?.[0];
  }
  return current;
}

function pathOfLabel(label: string): DatePathStep[] {
  const path: DatePathStep[] = [];
  for (const part of label.split('.')) {
    const name = part.replace(/\[\]/g, '');
    path.push(name);
    for (let count = (part.match(/\[\]/g) ?? []).length; count > 0; count--) path.push({ each: true });
  }
  return path;
}

/** The property schemas (not their members) that sit at a value path, whichever branch leads there. */
function spotNodes(root: Record<string, unknown>, path: readonly DatePathStep[]): unknown[] {
  const scope = new SchemaScope(root);
  let nodes: unknown[] = [root];
  let refs: ReadonlySet<string> = new Set();
  for (const step of path) {
    const spot = facetsOf(nodes, scope, refs);
    refs = spot.refs;
    nodes = typeof step === 'string' ? (propertiesOf(spot.facets).get(step) ?? []) : itemsOf(spot.facets);
    if (nodes.length === 0) return [];
  }
  return nodes;
}

const compiled = new WeakMap<object, ReturnType<typeof compileJsonSchema>>();

/** Whether the node, with the root's definitions, accepts the text (an object spot: as its whole value). */
function acceptsText(root: Record<string, unknown>, node: unknown, text: string): boolean {
  if (typeof node !== 'object' || node === null) return false;
  let validator = compiled.get(node);
  if (validator === undefined) {
    validator = compileJsonSchema(
      { ...(node as object), $defs: root.$defs, definitions: root.definitions },
      { dialect: 'openapi-3.0' },
    );
    compiled.set(node, validator);
  }
  return validator.safeParse(text).success;
}
