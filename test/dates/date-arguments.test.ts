import { describe, expect, it } from 'vitest';
import {
  type DateField,
  describeDateFieldsForModel,
  findDateFields,
  normaliseDateArguments,
} from '../../src/dates/index.js';
import { ToolInputError } from '../../src/errors/index.js';

const seconds = (iso: string) => Date.parse(iso) / 1000;
const now = new Date('2026-11-25T12:00:00Z');
const toolName = 'list_all_open_ai_costs';

const costsSchema = {
  type: 'object',
  properties: {
    start_time: { type: 'integer', description: 'Start time (Unix seconds) of the query time range, inclusive.' },
    end_time: { type: 'integer', description: 'End time (Unix seconds) of the query time range, exclusive.' },
    limit: { type: 'integer', default: 7 },
  },
  required: ['start_time'],
};
const costsFields = findDateFields(costsSchema);

/** A hand-made top-level field. */
function field(
  name: string,
  kind: DateField['kind'],
  role: DateField['role'],
  extra: Partial<DateField> = {},
): DateField {
  return { name, path: [name], label: name, kind, role, ...extra };
}

function issuesOf(run: () => unknown): ToolInputError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ToolInputError) return error.issues;
    throw error;
  }
  throw new Error('no ToolInputError');
}

describe('describeDateFieldsForModel', () => {
  const described = describeDateFieldsForModel(costsSchema, costsFields);
  const properties = described.properties as Record<string, Record<string, unknown>>;

  it('accepts the native integer or a string, and says so with examples', () => {
    expect(properties.start_time).toEqual({
      description:
        "Start time (Unix seconds) of the query time range, inclusive. Or a date expression ('last Monday'). Required unless time_range is given.",
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(properties.end_time?.anyOf).toEqual([{ type: 'integer' }, { type: 'string' }]);
    expect(properties.end_time?.description).toMatch(/exclusive\. Or a date expression \('today'\)\.$/);
  });

  it('adds an optional time_range and relaxes the pair from required', () => {
    expect(properties.time_range).toEqual({
      type: 'string',
      description: "Sets start_time and end_time, e.g. 'last week'.",
    });
    expect(described.required).toBeUndefined();
  });

  it('leaves other properties and the input schema untouched', () => {
    expect(properties.limit).toBe(costsSchema.properties.limit);
    expect(costsSchema.properties.start_time).toEqual({
      type: 'integer',
      description: 'Start time (Unix seconds) of the query time range, inclusive.',
    });
    expect(costsSchema.required).toEqual(['start_time']);
  });

  it('keeps constraints inside the integer branch and annotations outside', () => {
    const schema = { properties: { created_after: { type: 'integer', minimum: 0, default: 0, title: 'After' } } };
    const result = describeDateFieldsForModel(schema, findDateFields(schema));
    expect((result.properties as Record<string, unknown>).created_after).toEqual({
      title: 'After',
      default: 0,
      description: "Unix seconds or a date expression ('last Monday').",
      anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string' }],
    });
    expect(result.properties).not.toHaveProperty('time_range');
  });

  it('drops the string format an expression would fail', () => {
    const schema = {
      properties: { since: { type: 'string', format: 'date-time', description: 'Only after this time' } },
      required: ['since'],
    };
    const result = describeDateFieldsForModel(schema, findDateFields(schema));
    expect((result.properties as Record<string, unknown>).since).toEqual({
      type: 'string',
      description: "Only after this time. An ISO 8601 date-time or a date expression ('last Monday').",
    });
    expect(result.required).toEqual(['since']);
  });

  it('keeps a tool’s own time_range', () => {
    const schema = {
      properties: { start_time: { type: 'integer' }, end_time: { type: 'integer' }, time_range: { type: 'integer' } },
    };
    const result = describeDateFieldsForModel(schema, findDateFields(schema));
    expect((result.properties as Record<string, unknown>).time_range).toEqual({ type: 'integer' });
  });
});

describe('normaliseDateArguments', () => {
  const options = { now, toolName };

  it('resolves the seed prompts to integers', () => {
    expect(normaliseDateArguments({ start_time: 'October 1st' }, costsFields, options)).toEqual({
      start_time: seconds('2026-10-01T00:00:00Z'),
    });
    expect(normaliseDateArguments({ start_time: 'starting from Monday' }, costsFields, options)).toEqual({
      start_time: seconds('2026-11-23T00:00:00Z'),
    });
    expect(normaliseDateArguments({ start_time: 'the past week', end_time: 'now' }, costsFields, options)).toEqual({
      start_time: seconds('2026-11-18T12:00:00Z'),
      end_time: seconds('2026-11-25T12:00:00Z'),
    });
  });

  it('gives a start field the span start and an end field the exclusive span end', () => {
    expect(normaliseDateArguments({ start_time: 'last week', end_time: 'last week' }, costsFields, options)).toEqual({
      start_time: seconds('2026-11-16T00:00:00Z'),
      end_time: seconds('2026-11-23T00:00:00Z'),
    });
  });

  it('reads dates in the configured zone', () => {
    expect(
      normaliseDateArguments({ start_time: 'October 1st' }, costsFields, { ...options, timeZone: 'America/New_York' }),
    ).toEqual({ start_time: seconds('2026-10-01T00:00:00-04:00') });
  });

  it('expands time_range into the pair and never sends it', () => {
    const args = { time_range: 'Q3 2026', limit: 3 };
    expect(normaliseDateArguments(args, costsFields, options)).toEqual({
      limit: 3,
      start_time: seconds('2026-07-01T00:00:00Z'),
      end_time: seconds('2026-10-01T00:00:00Z'),
    });
    expect(args).toEqual({ time_range: 'Q3 2026', limit: 3 });
  });

  it('lets an explicit start or end win over time_range', () => {
    expect(
      normaliseDateArguments({ time_range: 'last month', start_time: 'October 15th' }, costsFields, options),
    ).toEqual({ start_time: seconds('2026-10-15T00:00:00Z'), end_time: seconds('2026-11-01T00:00:00Z') });
  });

  it('passes valid seconds through unchanged and converts milliseconds and years', () => {
    expect(normaliseDateArguments({ start_time: 1759276800 }, costsFields, options)).toEqual({
      start_time: 1759276800,
    });
    expect(normaliseDateArguments({ start_time: 1759276800123 }, costsFields, options)).toEqual({
      start_time: 1759276800,
    });
    expect(normaliseDateArguments({ start_time: '1759276800' }, costsFields, options)).toEqual({
      start_time: 1759276800,
    });
    expect(normaliseDateArguments({ start_time: 2026, end_time: 2026 }, costsFields, options)).toEqual({
      start_time: seconds('2026-01-01T00:00:00Z'),
      end_time: seconds('2027-01-01T00:00:00Z'),
    });
  });

  it('returns the same object when no date field is present', () => {
    const args = { limit: 3 };
    const instantOnly: DateField[] = [field('created_at', 'unix-seconds', 'instant')];
    expect(normaliseDateArguments(args, instantOnly, options)).toBe(args);
    const withPair: DateField[] = costsFields.map((field) => ({ ...field, required: false }));
    expect(normaliseDateArguments(args, withPair, options)).toBe(args);
  });

  it('refuses an end before its start, naming both', () => {
    expect(
      issuesOf(() =>
        normaliseDateArguments({ start_time: 'last week', end_time: 'October 1st' }, costsFields, options),
      ),
    ).toEqual([
      {
        path: 'end_time',
        message: `ends before start_time (${seconds('2026-11-16T00:00:00Z')})`,
        expected: 'a moment at or after start_time',
        received: String(seconds('2026-10-02T00:00:00Z')),
      },
    ]);
  });

  it('refuses unreadable expressions with one issue per field', () => {
    const issues = issuesOf(() =>
      normaliseDateArguments({ start_time: 'next tuesday-ish', end_time: 'soonish' }, costsFields, options),
    );
    expect(issues).toEqual([
      {
        path: 'start_time',
        message: 'Cannot read "next tuesday-ish" as a date.',
        expected:
          "Unix seconds or a date expression like 'last week', 'October 1st', '2026-10-01', 'past 7 days', 'from 2026-10-01 to 2026-10-15'",
        received: '"next tuesday-ish"',
      },
      expect.objectContaining({ path: 'end_time', received: '"soonish"' }),
    ]);
  });

  it('refuses a bad time_range, and a missing required start', () => {
    expect(issuesOf(() => normaliseDateArguments({ time_range: 'whenever' }, costsFields, options))).toEqual([
      expect.objectContaining({ path: 'time_range', received: '"whenever"' }),
      expect.objectContaining({ path: 'start_time', message: 'required: give start_time or time_range' }),
    ]);
    expect(issuesOf(() => normaliseDateArguments({ limit: 1 }, costsFields, options))).toEqual([
      expect.objectContaining({ path: 'start_time' }),
    ]);
  });

  it('names the tool in the error', () => {
    try {
      normaliseDateArguments({ start_time: 'x' }, costsFields, options);
    } catch (error) {
      expect((error as ToolInputError).toolName).toBe(toolName);
      expect((error as ToolInputError).message).toMatch(
        /^Invalid arguments for tool "list_all_open_ai_costs"; nothing was sent/,
      );
    }
  });

  describe('other kinds', () => {
    const fields: DateField[] = [
      field('from_ms', 'unix-milliseconds', 'start'),
      field('updated_since', 'date-time', 'instant'),
      field('start_date', 'date', 'start'),
      field('end_date', 'date', 'end', { inclusiveEnd: true }),
    ];

    it('writes milliseconds, date-times with the zone offset and local dates', () => {
      expect(
        normaliseDateArguments(
          { from_ms: 'yesterday', updated_since: 'yesterday at 3pm', start_date: 'last week', end_date: 'last week' },
          fields,
          { now, toolName, timeZone: 'America/New_York' },
        ),
      ).toEqual({
        from_ms: Date.parse('2026-11-24T00:00:00-05:00'),
        updated_since: '2026-11-24T15:00:00-05:00',
        start_date: '2026-11-16',
        end_date: '2026-11-22',
      });
    });

    it('writes a date in the zone the text names, when it names one', () => {
      expect(
        normaliseDateArguments({ start_date: '2026-10-01 UTC' }, fields, {
          now,
          toolName,
          timeZone: 'America/New_York',
        }),
      ).toEqual({ start_date: '2026-10-01' });
    });

    it('keeps milliseconds given as milliseconds, converts seconds given to a milliseconds field', () => {
      expect(normaliseDateArguments({ from_ms: 1759276800123 }, fields, { now, toolName })).toEqual({
        from_ms: 1759276800123,
      });
      expect(normaliseDateArguments({ from_ms: 1759276800 }, fields, { now, toolName })).toEqual({
        from_ms: 1759276800000,
      });
    });

    it('gives an inclusive date end the last day of "end of last month"', () => {
      expect(normaliseDateArguments({ end_date: 'end of last month' }, fields, { now, toolName })).toEqual({
        end_date: '2026-10-31',
      });
    });

    it('an inclusive seconds end is the last second of the span', () => {
      const inclusive: DateField[] = [
        field('created_gte', 'unix-seconds', 'start'),
        field('created_lte', 'unix-seconds', 'end', { inclusiveEnd: true }),
      ];
      expect(normaliseDateArguments({ time_range: 'October 2026' }, inclusive, { now, toolName })).toEqual({
        created_gte: seconds('2026-10-01T00:00:00Z'),
        created_lte: seconds('2026-11-01T00:00:00Z') - 1,
      });
    });

    it('passes an RFC 3339 date-time through untouched, and writes milliseconds only when there are some', () => {
      expect(
        normaliseDateArguments({ updated_since: '2026-10-01T09:30:00.250+02:00' }, fields, { now, toolName }),
      ).toEqual({ updated_since: '2026-10-01T09:30:00.250+02:00' });
      expect(normaliseDateArguments({ updated_since: '2026-10-01 09:30:00.250' }, fields, { now, toolName })).toEqual({
        updated_since: '2026-10-01T09:30:00.250Z',
      });
    });
  });

  it('leaves values of other types to the validator', () => {
    const args = { start_time: true, end_time: ['x'] };
    expect(normaliseDateArguments(args, costsFields, options)).toEqual(args);
  });
});
