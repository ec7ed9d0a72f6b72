/**
 * The exact value each kind of field receives: RFC 3339 with the zone's own offset (DST and half-hour zones included),
 * dates in the zone, Unix numbers or text; and what passes through untouched because it already is that value.
 */
import { describe, expect, it } from 'vitest';
import {
  type DateField,
  describeDateFieldsForModel,
  findDateFields,
  normaliseDateArguments,
} from '../../src/dates/index.js';
import { formatDateTime } from '../../src/dates/write-date.js';
import { ToolInputError } from '../../src/errors/index.js';

const now = new Date('2026-11-25T12:00:00Z');
const toolName = 'forms';

function field(
  name: string,
  kind: DateField['kind'],
  role: DateField['role'],
  extra: Partial<DateField> = {},
): DateField {
  return { name, path: [name], label: name, kind, role, ...extra };
}

describe('formatDateTime', () => {
  it.each([
    ['2026-07-01T04:00:00Z', 'America/New_York', '2026-07-01T00:00:00-04:00'],
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01-01T00:00:00-05:00'],
    ['2026-01-01T00:00:00Z', 'Asia/Kolkata', '2026-01-01T05:30:00+05:30'],
    ['2026-01-01T00:00:00Z', 'Asia/Kathmandu', '2026-01-01T05:45:00+05:45'],
    ['2026-01-01T00:00:00Z', 'Europe/London', '2026-01-01T00:00:00+00:00'],
    ['2026-01-01T00:00:00Z', 'UTC', '2026-01-01T00:00:00Z'],
    ['2026-01-01T00:00:00.250Z', 'Etc/UTC', '2026-01-01T00:00:00.250Z'],
  ])('%s in %s', (iso, zone, expected) => {
    const written = formatDateTime(Date.parse(iso), zone);
    expect(written).toBe(expected);
    expect(Date.parse(written)).toBe(Date.parse(iso));
  });
});

describe('date-time fields carry the configured zone’s offset, the same instant as before', () => {
  const fields = [field('since', 'date-time', 'start'), field('until', 'date-time', 'end')];

  it('across the spring-forward day in New York', () => {
    const options = { now: new Date('2026-03-10T12:00:00Z'), toolName, timeZone: 'America/New_York' };
    expect(normaliseDateArguments({ time_range: '2026-03-08' }, fields, options)).toEqual({
      since: '2026-03-08T00:00:00-05:00',
      until: '2026-03-09T00:00:00-04:00',
    });
  });

  it('in a half-hour zone, and in UTC', () => {
    expect(normaliseDateArguments({ since: 'yesterday' }, fields, { now, toolName, timeZone: 'Asia/Kolkata' })).toEqual(
      {
        since: '2026-11-24T00:00:00+05:30',
      },
    );
    expect(normaliseDateArguments({ since: 'yesterday' }, fields, { now, toolName })).toEqual({
      since: '2026-11-24T00:00:00Z',
    });
  });

  it('in the zone the text names, when it names one', () => {
    expect(
      normaliseDateArguments({ since: '2026-10-01 UTC' }, fields, { now, toolName, timeZone: 'America/New_York' }),
    ).toEqual({ since: '2026-10-01T00:00:00Z' });
  });
});

describe('native values pass through untouched', () => {
  const fields = [
    field('at', 'date-time', 'instant'),
    field('day', 'date', 'instant'),
    field('seconds', 'unix-seconds', 'instant'),
    field('millis', 'unix-milliseconds', 'instant'),
    field('text_seconds', 'unix-seconds', 'instant', { text: true }),
  ];

  it.each<[string, unknown]>([
    ['at', '2026-10-01T09:30:00+02:00'],
    ['at', '2026-10-01T09:30:00.123456Z'],
    ['day', '2026-10-01'],
    ['seconds', 1759276800],
    ['millis', 1759276800123],
    ['text_seconds', '1759276800'],
    ['text_seconds', '1759276800.000200'],
  ])('%s = %j', (name, value) => {
    const args = { [name]: value };
    expect(normaliseDateArguments(args, fields, { now, toolName, timeZone: 'America/New_York' })).toBe(args);
  });

  it('converts what only looks native', () => {
    const options = { now, toolName, timeZone: 'America/New_York' };
    expect(normaliseDateArguments({ at: '2026-10-01T09:30' }, fields, options)).toEqual({
      at: '2026-10-01T09:30:00-04:00',
    });
    expect(normaliseDateArguments({ day: '2026-10-01T23:30:00Z' }, fields, options)).toEqual({ day: '2026-10-01' });
    expect(normaliseDateArguments({ text_seconds: 1759276800 }, fields, options)).toEqual({
      text_seconds: '1759276800',
    });
    expect(normaliseDateArguments({ millis: 1759276800 }, fields, options)).toEqual({ millis: 1759276800000 });
  });

  it('refuses impossible dates rather than passing them on', () => {
    for (const args of [{ day: '2026-02-30' }, { at: '2026-10-01T25:00:00Z' }]) {
      expect(() => normaliseDateArguments(args, fields, { now, toolName })).toThrow(ToolInputError);
    }
  });
});

describe('the model’s schema for harder shapes', () => {
  it('wraps a $ref spot instead of editing the shared definition', () => {
    const schema = {
      type: 'object',
      properties: { due_at: { $ref: '#/$defs/DateTime' } },
      $defs: { DateTime: { type: 'string', format: 'date-time' } },
    };
    const described = describeDateFieldsForModel(schema, findDateFields(schema));
    expect((described.properties as Record<string, unknown>).due_at).toEqual({
      description: "An ISO 8601 date-time or a date expression ('next Friday').",
      anyOf: [{ $ref: '#/$defs/DateTime' }, { type: 'string' }],
    });
    expect(described.$defs).toBe(schema.$defs);
  });

  it('relaxes a nullable union of plain schemas in place, and leaves read-only fields without a hint', () => {
    const schema = {
      type: 'object',
      properties: {
        due_on: { oneOf: [{ type: 'string', format: 'date' }, { type: 'null' }], description: 'Due day' },
        created_at: { type: 'string', format: 'date-time', readOnly: true },
      },
    };
    const described = describeDateFieldsForModel(schema, findDateFields(schema));
    expect(described.properties).toEqual({
      due_on: {
        anyOf: [{ type: 'string' }, { type: 'null' }],
        description: "Due day. A YYYY-MM-DD date or a date expression ('next Friday').",
      },
      created_at: { type: 'string', readOnly: true },
    });
  });

  it('widens only the fields it is given', () => {
    const schema = {
      type: 'object',
      properties: { a_at: { type: 'string', format: 'date-time' }, b_at: { type: 'string', format: 'date-time' } },
    };
    const [first] = findDateFields(schema);
    const described = describeDateFieldsForModel(schema, [first!]);
    expect((described.properties as Record<string, unknown>).b_at).toBe(schema.properties.b_at);
    expect((described.properties as Record<string, { format?: string }>).a_at!.format).toBeUndefined();
  });
});
