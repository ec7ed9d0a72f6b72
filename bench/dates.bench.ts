/**
 * Date normalisation runs on every call of a tool with a date field, so it must stay invisible next to a network
 * call: the target is a median under 50 µs per normalised field. Detection runs once per tool, lazily, so a
 * 1,000-tool catalog must stay cheap: the target is under 1 ms per tool on real vendor schemas.
 *
 * Rows: a mix of what models send (numbers, ISO dates, relative phrases) to a top-level field, parse cache warm;
 * the same with every text new (parse included); the slow path through chrono; nested spots (an Asana-style
 * `data.due_at`, an element of an array) and a Stripe range object filled from one period; `findDateFields` on a
 * small tool and on every operation of the Asana and PagerDuty documents (µs per tool and per field found); the
 * model's schema widened for the same catalogs. Baseline: JSON.stringify of the same arguments (what building the
 * request costs anyway), measured in the same run.
 */
import { mergeToolInputSchema } from '../src/catalog/tool-input-schema.js';
import { describeDateFieldsForModel, findDateFields, normaliseDateArguments } from '../src/dates/index.js';
import { catalogFromOpenApi, readOpenApi } from '../test/dates/openapi-catalog.js';
import { type BenchSection, formatNumber, measureOps, ratio } from './lib.js';

const COSTS_SCHEMA = {
  type: 'object',
  properties: {
    start_time: { type: 'integer', description: 'Start time (Unix seconds) of the query time range, inclusive.' },
    end_time: { type: 'integer', description: 'End time (Unix seconds) of the query time range, exclusive.' },
    limit: { type: 'integer' },
  },
};
const fields = findDateFields(COSTS_SCHEMA);

const MIX: unknown[] = [
  1759276800,
  '1759276800',
  1759276800000,
  '2026-10-01',
  '2026-10-01T09:30:00Z',
  'October 1st',
  'last week',
  'past 7 days',
  'since Monday',
  'yesterday at 3pm',
  'Q3 2026',
  'from Oct 1 to Oct 15',
];

const CATALOG_TOOL = {
  type: 'object',
  properties: {
    limit: { type: 'integer', description: 'A limit on the number of objects to be returned.' },
    after: { type: 'string', description: 'A cursor for use in pagination.' },
    project_id: { type: 'string', description: 'The ID of the project.' },
    start_time: { type: 'integer', description: 'Start time (Unix seconds) of the query time range, inclusive.' },
    end_time: { type: 'integer', description: 'End time (Unix seconds) of the query time range, exclusive.' },
    group_by: { type: 'array', items: { type: 'string' } },
    prompt: { type: 'string' },
    model: { type: 'string' },
    n: { type: 'integer' },
  },
};

const NESTED_SCHEMA = {
  type: 'object',
  properties: {
    data: {
      allOf: [
        { type: 'object', properties: { name: { type: 'string' }, due_at: { type: 'string', format: 'date-time' } } },
        { type: 'object', properties: { notes: { type: 'string' } } },
      ],
    },
    items: {
      type: 'array',
      items: { type: 'object', properties: { starts_at: { type: 'string', format: 'date-time' } } },
    },
    created: {
      anyOf: [
        {
          type: 'object',
          properties: {
            gt: { type: 'integer' },
            gte: { type: 'integer' },
            lt: { type: 'integer' },
            lte: { type: 'integer' },
          },
        },
        { type: 'integer' },
      ],
    },
  },
};
const nestedFields = findDateFields(NESTED_SCHEMA);

/** Every operation of the two vendor documents, merged the way TrutoTool merges them. */
function vendorSchemas(): Record<string, unknown>[] {
  return ['asana', 'pagerduty'].flatMap((vendor) =>
    catalogFromOpenApi(readOpenApi(`test/fixtures/openapi/${vendor}.json`)).map((tool) =>
      mergeToolInputSchema(tool, { idInPath: false }),
    ),
  );
}

export default async function datesBench(): Promise<BenchSection> {
  const timeZone = 'America/New_York';
  const now = new Date('2026-11-25T12:00:00Z');
  const options = { now, timeZone, toolName: 'list_all_open_ai_costs' };
  const mixArgs = MIX.map((value) => ({ start_time: value, limit: 7 }));

  let index = 0;
  const baseline = measureOps(() => JSON.stringify(mixArgs[index++ % mixArgs.length]!));

  index = 0;
  const mix = measureOps(() => normaliseDateArguments(mixArgs[index++ % mixArgs.length]!, fields, options));

  // Every text is new, so each call parses as well: "past N days" and ISO dates with a changing number.
  let fresh = 0;
  const uncached = measureOps(() => {
    fresh++;
    const value =
      fresh % 2 === 0
        ? `past ${(fresh % 90_000) + 1} days`
        : `2026-10-01T09:${String(fresh % 60).padStart(2, '0')}:${String(Math.floor(fresh / 60) % 60).padStart(2, '0')}Z`;
    return normaliseDateArguments({ start_time: value }, fields, options);
  });

  // Texts only chrono reads (month names with times and zone abbreviations), new each time.
  let chronoIndex = 0;
  const chrono = measureOps(
    () => {
      chronoIndex++;
      return normaliseDateArguments(
        { start_time: `Oct ${(chronoIndex % 28) + 1} ${1000 + (chronoIndex % 9000)} 3pm EST` },
        fields,
        options,
      );
    },
    { timeMs: 300 },
  );

  // Three nested spots per call: a field two levels down, an array element's field, a range from one period.
  index = 0;
  const nestedArgs = MIX.map((value) => ({
    data: { name: 'Ship it', due_at: value },
    items: [{ starts_at: value }],
    created: value,
  }));
  const nested = measureOps(() =>
    normaliseDateArguments(nestedArgs[index++ % nestedArgs.length]!, nestedFields, options),
  );

  const small = measureOps(() => findDateFields(CATALOG_TOOL));

  const schemas = vendorSchemas();
  const found = schemas.map((schema) => findDateFields(schema));
  const fieldCount = found.reduce((total, list) => total + list.length, 0);
  const vendor = measureOps(
    () => {
      for (const schema of schemas) findDateFields(schema);
    },
    { timeMs: 1500, batch: 1 },
  );
  const perTool = vendor.medianMicros / schemas.length;
  const perField = vendor.medianMicros / fieldCount;
  const dated = schemas
    .map((schema, position) => [schema, found[position]!] as const)
    .filter(([, list]) => list.length > 0);
  const widen = measureOps(
    () => {
      for (const [schema, list] of dated) describeDateFieldsForModel(schema, list);
    },
    { timeMs: 1000, batch: 1 },
  );

  const target = 50;
  const detectTarget = 1000;
  return {
    title: 'Dates: normaliseDateArguments per field, findDateFields per tool (America/New_York)',
    rows: [
      {
        case: 'baseline: JSON.stringify the arguments',
        'µs/op': formatNumber(baseline.medianMicros, 2),
        'vs baseline': '1.00×',
      },
      {
        case: `mix of ${MIX.length} inputs (numbers, ISO, phrases), parse cached`,
        'µs/op': formatNumber(mix.medianMicros, 2),
        'vs baseline': ratio(mix.medianMicros, baseline.medianMicros),
      },
      {
        case: 'new text every call (parse + evaluate)',
        'µs/op': formatNumber(uncached.medianMicros, 2),
        'vs baseline': ratio(uncached.medianMicros, baseline.medianMicros),
      },
      {
        case: 'chrono fallback, new text every call',
        'µs/op': formatNumber(chrono.medianMicros, 2),
        'vs baseline': ratio(chrono.medianMicros, baseline.medianMicros),
      },
      {
        case: 'nested: data.due_at + items[0].starts_at + a range, per field',
        'µs/op': formatNumber(nested.medianMicros / 3, 2),
        'vs baseline': ratio(nested.medianMicros / 3, baseline.medianMicros),
      },
      {
        case: 'findDateFields on one 9-property tool',
        'µs/op': formatNumber(small.medianMicros, 2),
        'vs baseline': ratio(small.medianMicros, baseline.medianMicros),
      },
      {
        case: `findDateFields, Asana + PagerDuty (${schemas.length} tools), per tool`,
        'µs/op': formatNumber(perTool, 1),
        'vs baseline': ratio(perTool, baseline.medianMicros),
      },
      {
        case: `findDateFields, same catalogs, per field found (${fieldCount} fields)`,
        'µs/op': formatNumber(perField, 1),
        'vs baseline': ratio(perField, baseline.medianMicros),
      },
      {
        case: `describeDateFieldsForModel, the ${dated.length} tools with dates, per tool`,
        'µs/op': formatNumber(widen.medianMicros / dated.length, 1),
        'vs baseline': ratio(widen.medianMicros / dated.length, baseline.medianMicros),
      },
    ],
    notes: [
      'One field per call in the first rows, so µs/op is the cost per normalised field.',
      `findDateFields on real vendor schemas: a 1,000-tool catalog ≈ ${formatNumber(perTool, 0)} ms if every tool were used (it runs lazily, per tool, on first use).`,
      'Tools without date fields pay nothing per call: invokeTool skips normalisation when dateFields is empty.',
    ],
    targets: [
      {
        name: `mix median < ${target} µs per field`,
        value: `${formatNumber(mix.medianMicros, 2)} µs`,
        met: mix.medianMicros < target,
      },
      {
        name: `new text median < ${target} µs per field`,
        value: `${formatNumber(uncached.medianMicros, 2)} µs`,
        met: uncached.medianMicros < target,
      },
      {
        name: `nested median < ${target} µs per field`,
        value: `${formatNumber(nested.medianMicros / 3, 2)} µs`,
        met: nested.medianMicros / 3 < target,
      },
      {
        name: `findDateFields on vendor schemas < ${detectTarget} µs per tool`,
        value: `${formatNumber(perTool, 1)} µs`,
        met: perTool < detectTarget,
      },
    ],
  };
}
