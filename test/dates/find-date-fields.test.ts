import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DateField, findDateFields } from '../../src/dates/index.js';

interface Parameter {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  schema: Record<string, unknown>;
}

const spec = JSON.parse(readFileSync('/work/shared/data/openai-openapi-subset.json', 'utf8')) as {
  operations: Record<string, { parameters?: Parameter[] }>;
};

/** A Truto-style tool built from an OpenAPI operation's query parameters, descriptions moved into the schemas. */
function toolFromOperation(key: string) {
  const parameters = (spec.operations[key]?.parameters ?? []).filter((parameter) => parameter.in === 'query');
  const properties = Object.fromEntries(
    parameters.map((parameter) => [parameter.name, { ...parameter.schema, description: parameter.description }]),
  );
  const required = parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name);
  return { query_schema: { type: 'object', properties }, required };
}

describe('findDateFields on the OpenAI operations', () => {
  it.each(['GET /organization/costs', 'GET /organization/usage/completions'])('%s: start_time and end_time', (key) => {
    expect(findDateFields(toolFromOperation(key))).toEqual<DateField[]>([
      { name: 'start_time', location: 'query', kind: 'unix-seconds', role: 'start', required: true },
      { name: 'end_time', location: 'query', kind: 'unix-seconds', role: 'end' },
    ]);
  });

  it.each(['GET /organization/projects/{project_id}/rate_limits', 'GET /organization/projects'])(
    '%s: string cursors named after/before are not dates',
    (key) => {
      expect(findDateFields(toolFromOperation(key))).toEqual([]);
    },
  );
});

function fieldsOf(properties: Record<string, unknown>, location: 'query' | 'body' = 'query'): DateField[] {
  return findDateFields(location === 'query' ? { query_schema: { properties } } : { body_schema: { properties } });
}

describe('findDateFields evidence', () => {
  it('reads names that can only be moments, with their roles', () => {
    const fields = fieldsOf({
      created_at: { type: 'integer' },
      created_after: { type: 'integer' },
      updated_before: { type: 'integer' },
      since: { type: 'integer' },
      until: { type: 'integer' },
      expiresAt: { type: 'integer' },
      'created[gte]': { type: 'integer' },
      'created_at[lte]': { type: 'integer' },
      timestamp: { type: 'number' },
      startTimestamp: { type: 'integer' },
    });
    expect(fields.map(({ name, role }) => [name, role])).toEqual([
      ['created_at', 'instant'],
      ['created_after', 'start'],
      ['updated_before', 'end'],
      ['since', 'start'],
      ['until', 'end'],
      ['expiresAt', 'instant'],
      ['created[gte]', 'start'],
      ['created_at[lte]', 'end'],
      ['timestamp', 'instant'],
      ['startTimestamp', 'start'],
    ]);
    expect(fields.find((field) => field.name === 'created_at[lte]')?.inclusiveEnd).toBe(true);
    expect(fields.find((field) => field.name === 'updated_before')?.inclusiveEnd).toBeUndefined();
  });

  it('reads formats and descriptions', () => {
    expect(
      fieldsOf({
        a: { type: 'integer', format: 'unixtime' },
        b: { type: 'integer', format: 'unix-time' },
        c: { type: 'integer', format: 'timestamp' },
        d: { type: 'integer', description: 'Seconds since the Unix epoch.' },
        e: { type: 'integer', description: 'Epoch milliseconds of the event.' },
        start_ms: { type: 'integer', description: 'Start of the window, a Unix timestamp.' },
        f: { type: 'integer', format: 'unix-ms' },
      }).map(({ name, kind }) => [name, kind]),
    ).toEqual([
      ['a', 'unix-seconds'],
      ['b', 'unix-seconds'],
      ['c', 'unix-seconds'],
      ['d', 'unix-seconds'],
      ['e', 'unix-milliseconds'],
      ['start_ms', 'unix-milliseconds'],
      ['f', 'unix-milliseconds'],
    ]);
  });

  it('reads string date-time and date formats; date-only end fields are inclusive', () => {
    expect(
      fieldsOf(
        {
          updated_since: { type: 'string', format: 'date-time' },
          start_date: { type: 'string', format: 'date' },
          end_date: { type: 'string', format: 'date' },
          due_on: { type: ['string', 'null'], format: 'date' },
          to: { type: 'string', format: 'date', description: 'Exclusive end day.' },
        },
        'body',
      ),
    ).toEqual<DateField[]>([
      { name: 'updated_since', location: 'body', kind: 'date-time', role: 'start' },
      { name: 'start_date', location: 'body', kind: 'date', role: 'start' },
      { name: 'end_date', location: 'body', kind: 'date', role: 'end', inclusiveEnd: true },
      { name: 'due_on', location: 'body', kind: 'date', role: 'instant' },
      { name: 'to', location: 'body', kind: 'date', role: 'end' },
    ]);
  });

  it('leaves cursors, ids, durations, counts and plain strings alone', () => {
    expect(
      fieldsOf({
        after: { type: 'integer', description: 'A cursor for pagination.' },
        before: { type: 'integer' },
        since: { type: 'integer', description: 'A user ID. Only return users with an ID greater than this ID.' },
        from: { type: 'integer', description: 'Offset of the first item.' },
        timeout: { type: 'integer', description: 'Seconds to wait.' },
        response_time: { type: 'integer' },
        limit: { type: 'integer' },
        start_time: { type: 'string' },
        due_date: { type: 'integer' },
        at_risk: { type: 'integer' },
        interval_timestamp: { type: 'integer', description: 'Duration of the interval.' },
        mixed_at: { type: ['integer', 'object'] },
        // An offset into a recording as often as an epoch.
        start_ms: { type: 'integer', description: 'Start of the segment.' },
      }),
    ).toEqual([]);
  });

  it('needs a word about time for bare bounds', () => {
    expect(fieldsOf({ after: { type: 'integer', description: 'Only items created after this time.' } })).toEqual([
      { name: 'after', location: 'query', kind: 'unix-seconds', role: 'start' },
    ]);
  });

  it('reads nullable integers written with anyOf', () => {
    expect(fieldsOf({ start_time: { anyOf: [{ type: 'integer' }, { type: 'null' }] } })).toHaveLength(1);
  });

  it('looks at top-level properties only', () => {
    expect(fieldsOf({ filter: { type: 'object', properties: { start_time: { type: 'integer' } } } })).toEqual([]);
  });

  it('marks required fields from the tool and from the schema', () => {
    const fields = findDateFields({
      query_schema: { properties: { start_time: { type: 'integer' } }, required: ['start_time'] },
      body_schema: { properties: { end_time: { type: 'integer' } } },
      required: ['end_time'],
    } as object);
    expect(fields.map(({ name, location, required }) => [name, location, required])).toEqual([
      ['start_time', 'query', true],
      ['end_time', 'body', true],
    ]);
  });

  it('turns our time_range off when the tool has its own', () => {
    const fields = fieldsOf({
      start_time: { type: 'integer' },
      end_time: { type: 'integer' },
      time_range: { type: 'string' },
    });
    expect(fields.every((field) => field.timeRange === false)).toBe(true);
  });

  it('survives schemas of any shape', () => {
    for (const schema of [undefined, null, 3, 'x', [], {}, { properties: null }, { properties: { a: null, b: 3 } }]) {
      expect(findDateFields({ query_schema: schema as object, body_schema: schema as object })).toEqual([]);
    }
  });
});

describe('quantities are not dates', () => {
  it('leaves per-day and per-minute limits alone even though their names hold bound words and "day"', () => {
    const fields = findDateFields({
      body_schema: {
        type: 'object',
        properties: {
          max_requests_per_1_day: { type: 'integer', description: 'The maximum requests per day.' },
          batch_1_day_max_input_tokens: { type: 'integer', description: 'The maximum batch input tokens per day.' },
          max_images_per_1_minute: { type: 'integer', description: 'The maximum images per minute.' },
          expires_at: { type: 'integer', description: 'When the key expires.' },
        },
      },
    });
    expect(fields.map((field) => field.name)).toEqual(['expires_at']);
  });
});
