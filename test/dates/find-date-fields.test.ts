import { describe, expect, it } from 'vitest';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import { type DateField, EACH_ITEM, findDateFields } from '../../src/dates/index.js';
import { OPENAI_TOOLS } from '../../src/sandbox/tools/openai-tools.js';

type Schema = Record<string, unknown>;

/** `data.due_at date-time instant`, plus `incl` / `excl` / `range(gte..lt)` / `lenient` / `text` when set. */
function summary(field: DateField): string {
  const parts = [field.label, field.kind, field.role];
  if (field.inclusiveEnd) parts.push('incl');
  if (field.exclusiveStart) parts.push('excl');
  if (field.text) parts.push('text');
  if (field.lenient) parts.push('lenient');
  if (field.range)
    parts.push(`range(${field.range.start ?? ''}..${field.range.end ?? ''}${field.range.scalar ? ',scalar' : ''})`);
  return parts.join(' ');
}

function detect(properties: Record<string, unknown>, extra: Schema = {}, filters = false): string[] {
  return findDateFields({ type: 'object', properties, ...extra }, { filters }).map(summary);
}

describe('the OpenAI tools (the sandbox catalog)', () => {
  const found = Object.fromEntries(
    OPENAI_TOOLS.map((definition) => [definition.name, new TrutoTool(definition).dateFields.map(summary)]),
  );

  it('finds start_time and end_time on costs and completions usage, and nothing else anywhere', () => {
    expect(found).toEqual({
      list_all_open_ai_costs: ['start_time unix-seconds start', 'end_time unix-seconds end'],
      list_all_open_ai_completions_usage: ['start_time unix-seconds start', 'end_time unix-seconds end'],
      list_all_open_ai_project_rate_limits: [],
      update_a_open_ai_project_rate_limit_by_id: [],
      list_all_open_ai_projects: [],
      get_single_open_ai_project_by_id: [],
      open_ai_projects_archive: [],
      list_all_open_ai_models: [],
      get_single_open_ai_model_by_id: [],
      delete_a_open_ai_model_by_id: [],
      create_a_open_ai_transcription: [],
      create_a_open_ai_image_generation: [],
      create_a_open_ai_speech: [],
    });
  });

  it('marks the required start', () => {
    const costs = new TrutoTool(OPENAI_TOOLS.find((tool) => tool.name === 'list_all_open_ai_costs')!);
    expect(costs.dateFields[0]).toEqual<DateField>({
      name: 'start_time',
      path: ['start_time'],
      label: 'start_time',
      kind: 'unix-seconds',
      role: 'start',
      required: true,
    });
  });
});

describe('evidence that a spot is a date', () => {
  it.each<[reason: string, schema: Schema, expected: string]>([
    ['format date-time', { type: 'string', format: 'date-time' }, 'x date-time instant'],
    ['format date', { type: 'string', format: 'date' }, 'x date instant'],
    ['format unixtime on an integer', { type: 'integer', format: 'unixtime' }, 'x unix-seconds instant'],
    ['format unix-time on an integer', { type: 'integer', format: 'unix-time' }, 'x unix-seconds instant'],
    ['format timestamp on an integer', { type: 'integer', format: 'timestamp' }, 'x unix-seconds instant'],
    ['format unix-ms on an integer', { type: 'integer', format: 'unix-ms' }, 'x unix-milliseconds instant'],
    ['"Unix timestamp" on an integer', { type: 'integer', description: 'A Unix timestamp.' }, 'x unix-seconds instant'],
    [
      '"seconds since the epoch"',
      { type: 'integer', description: 'Seconds since the epoch.' },
      'x unix-seconds instant',
    ],
    [
      '"epoch milliseconds"',
      { type: 'integer', description: 'Epoch milliseconds of the event.' },
      'x unix-milliseconds instant',
    ],
    ['"Format YYYY-MM-DD" on a string', { type: 'string', description: 'Format YYYY-MM-DD' }, 'x date instant'],
    ['"ISO 8601" on a string', { type: 'string', description: 'An ISO 8601 timestamp.' }, 'x date-time instant'],
    ['"ISO-8601" on a string', { type: 'string', description: 'ISO-8601 date and time' }, 'x date-time instant'],
    ['"RFC 3339" on a string', { type: 'string', description: 'RFC 3339 date-time' }, 'x date-time instant'],
    [
      '"ISO8601 DateTime" (PagerDuty)',
      { type: 'string', description: 'Accepts an ISO8601 DateTime string.' },
      'x date-time instant',
    ],
    [
      '"Unix timestamp" on a string (Slack)',
      { type: 'string', description: 'A Unix timestamp.' },
      'x unix-seconds instant text',
    ],
    ['a date pattern', { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, 'x date instant'],
    ['a date example', { type: 'string', example: '2019-05-21' }, 'x date instant'],
    ['a date-time example', { type: 'string', examples: ['2024-08-23T22:00:00.000Z'] }, 'x date-time instant'],
    ['nullable with anyOf', { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] }, 'x date instant'],
    ['type list with null', { type: ['string', 'null'], format: 'date-time' }, 'x date-time instant'],
    ['inside allOf', { allOf: [{ type: 'string', format: 'date-time' }], description: 'When' }, 'x date-time instant'],
  ])('%s', (_reason, schema, expected) => {
    expect(detect({ x: schema })).toEqual([expected]);
  });

  it.each<[name: string, schema: Schema, expected: string]>([
    ['created_at', { type: 'integer' }, 'created_at unix-seconds instant'],
    ['created_after', { type: 'integer' }, 'created_after unix-seconds start'],
    ['updated_before', { type: 'integer' }, 'updated_before unix-seconds end'],
    ['since', { type: 'integer' }, 'since unix-seconds start'],
    ['until', { type: 'integer' }, 'until unix-seconds end'],
    ['expiresAt', { type: 'integer' }, 'expiresAt unix-seconds instant'],
    ['created[gte]', { type: 'integer' }, 'created[gte] unix-seconds start'],
    ['created[gt]', { type: 'integer' }, 'created[gt] unix-seconds start excl'],
    ['created_at[lte]', { type: 'integer' }, 'created_at[lte] unix-seconds end incl'],
    ['created[lt]', { type: 'integer' }, 'created[lt] unix-seconds end'],
    ['timestamp', { type: 'number' }, 'timestamp unix-seconds instant'],
    ['startTimestamp', { type: 'integer' }, 'startTimestamp unix-seconds start'],
    [
      'start_ms',
      { type: 'integer', description: 'Start of the window, a Unix timestamp.' },
      'start_ms unix-milliseconds start',
    ],
    ['end_time', { type: 'integer', description: 'End time in milliseconds.' }, 'end_time unix-milliseconds end'],
    ['after', { type: 'integer', description: 'Only items created after this time.' }, 'after unix-seconds start'],
    ['updated_after', { type: 'string' }, 'updated_after date-time start'],
    [
      'completed_since',
      { type: 'string', description: 'Completed since this time.' },
      'completed_since date-time start',
    ],
    ['due_on', { type: 'string', description: 'The day it is due.' }, 'due_on date instant'],
    ['from_date', { type: 'string', format: 'date' }, 'from_date date start'],
    ['to_date', { type: 'string', format: 'date' }, 'to_date date end incl'],
    ['end_date', { type: 'string', format: 'date' }, 'end_date date end incl'],
    ['to', { type: 'string', format: 'date', description: 'Exclusive end day.' }, 'to date end'],
  ])('the name %s', (name, schema, expected) => {
    expect(detect({ [name]: schema })).toEqual([expected]);
  });
});

describe('roles: operators, words and descriptions', () => {
  it.each<[name: string, schema: Schema, expected: string]>([
    // The operator wins over the word: StartTime< is an upper bound, EndTime> a lower one.
    ['StartTime<', { type: 'string', format: 'date-time' }, 'StartTime< date-time end'],
    ['EndTime>', { type: 'string', format: 'date-time' }, 'EndTime> date-time start excl'],
    ['DateSent>=', { type: 'string', format: 'date' }, 'DateSent>= date start'],
    ['DateSent<=', { type: 'string', format: 'date' }, 'DateSent<= date end incl'],
    [
      'StartTime<',
      { type: 'string', format: 'date', description: 'Only calls that started on or before this date.' },
      'StartTime< date end incl',
    ],
    [
      'StartTime>',
      { type: 'string', format: 'date', description: 'Only calls that started on or after this date.' },
      'StartTime> date start',
    ],
    ['start_before', { type: 'string', format: 'date-time' }, 'start_before date-time end'],
    ['end_after', { type: 'string', format: 'date-time' }, 'end_after date-time start'],
    ['created__gte', { type: 'integer' }, 'created__gte unix-seconds start'],
    ['createdGte', { type: 'integer' }, 'createdGte unix-seconds start'],
    [
      'filter_ended_at',
      { type: 'string', format: 'date-time', description: 'The filter end date.' },
      'filter_ended_at date-time end',
    ],
    [
      'window',
      { type: 'string', format: 'date-time', description: 'The end of the date range over which you want to search.' },
      'window date-time end',
    ],
    [
      'cutoff',
      { type: 'string', format: 'date-time', description: 'Only items created before this time.' },
      'cutoff date-time end',
    ],
    [
      'started_at',
      { type: 'string', format: 'date-time', description: 'When the call started.' },
      'started_at date-time instant',
    ],
    [
      'end_at',
      { type: 'string', format: 'date-time', description: 'Filter to events created before this time (exclusive).' },
      'end_at date-time end',
    ],
    [
      'created_at_end',
      {
        type: 'string',
        description:
          'Accepts an ISO8601 DateTime string. Any incidents with a created_at greater than or equal to this value will be excluded.',
      },
      'created_at_end date-time end',
    ],
  ])('%s', (name, schema, expected) => {
    expect(detect({ [name]: schema })).toEqual([expected]);
  });

  it('reads past-tense end words as bounds only where the arguments are filters', () => {
    const properties = { ended_at: { type: 'string', format: 'date-time' } };
    expect(detect(properties)).toEqual(['ended_at date-time instant']);
    expect(detect(properties, {}, true)).toEqual(['ended_at date-time end']);
    expect(detect({ filter: { type: 'object', properties } })).toEqual(['filter.ended_at date-time end']);
  });
});

describe('things that are not moments are never touched', () => {
  it.each<[reason: string, name: string, schema: Schema]>([
    ['an amount', 'amount', { type: 'integer', description: 'Amount in cents.' }],
    ['a count', 'count', { type: 'integer' }],
    ['a limit', 'limit', { type: 'integer', description: 'A limit on the number of objects to be returned.' }],
    ['an offset', 'offset', { type: 'integer' }],
    ['a cursor', 'cursor', { type: 'string' }],
    ['a cursor named after', 'after', { type: 'integer', description: 'A cursor for pagination.' }],
    ['a cursor named before', 'before', { type: 'integer' }],
    ['a pagination cursor', 'starting_after', { type: 'string', description: 'A cursor for use in pagination.' }],
    [
      'a cursor named ending_before',
      'ending_before',
      { type: 'string', description: 'A cursor to indicate the reference point.' },
    ],
    ['a page token', 'page_token', { type: 'string' }],
    ['a duration', 'duration', { type: 'integer', description: 'Duration in seconds.' }],
    ['a duration in ms', 'duration_ms', { type: 'integer' }],
    ['a version', 'version', { type: 'string', description: 'The API version, format YYYY-MM-DD.' }],
    ['an API version with a date example', 'api_version', { type: 'string', example: '2024-06-01' }],
    ['retry after seconds', 'retry_after_seconds', { type: 'integer', description: 'Seconds to wait.' }],
    ['retry after', 'retry_after', { type: 'integer', description: 'Seconds to wait before retrying.' }],
    ['a timeout', 'timeout', { type: 'integer', description: 'Seconds to wait.' }],
    ['an id', 'id', { type: 'string' }],
    [
      'an id named since',
      'since',
      { type: 'integer', description: 'A user ID. Only users with an ID greater than this ID.' },
    ],
    ['an offset named from', 'from', { type: 'integer', description: 'Offset of the first item.' }],
    ['a phone number', 'phone_number', { type: 'string' }],
    ['a phone number named from', 'from', { type: 'string', description: 'The phone number to send from.' }],
    ['a max age', 'max_age', { type: 'integer', description: 'Maximum age in seconds.' }],
    ['a year', 'year', { type: 'integer', minimum: 1900, maximum: 2100 }],
    ['a start year', 'start_year', { type: 'integer', description: 'The first year of the period.' }],
    ['a day of week', 'start_day_of_week', { type: 'integer', description: 'The first day of the week.' }],
    ['a response time', 'response_time', { type: 'integer' }],
    ['a time to resolve', 'time_to_resolve', { type: 'integer', description: 'Time to resolve in seconds.' }],
    ['a plain string start_time', 'start_time', { type: 'string' }],
    ['a time of day', 'start_time', { type: 'string', format: 'time', description: 'The start time of day.' }],
    ['a partial time', 'start_time_of_day', { type: 'string', format: 'partial-time' }],
    [
      'milliseconds into the day',
      'start_time',
      { type: 'integer', description: 'The amount of milliseconds into the day at which the window starts.' },
    ],
    [
      'a frequency in ms',
      'update_frequency_ms',
      { type: 'integer', description: 'The frequency of the next update in milliseconds.' },
    ],
    [
      'a delay in minutes',
      'start_delay_in_minutes',
      { type: 'integer', description: 'The delay before firing the rule.' },
    ],
    ['a maximum below any timestamp', 'expires_at', { type: 'integer', maximum: 86_400 }],
    ['an int64 alone', 'value', { type: 'integer', format: 'int64' }],
    ['a date-ish integer without a word about time', 'due_date', { type: 'integer' }],
    ['"at" that is not a suffix', 'at_risk', { type: 'integer' }],
    ['a mix of an integer and a free-form object', 'mixed_at', { type: ['integer', 'object'] }],
    ['an ISO 8601 duration', 'window', { type: 'string', description: 'An ISO 8601 duration.' }],
    ['a segment offset', 'start_ms', { type: 'integer', description: 'Start of the segment.' }],
    ['an interval "timestamp"', 'interval_timestamp', { type: 'integer', description: 'Duration of the interval.' }],
    ['per-day limits', 'max_requests_per_1_day', { type: 'integer', description: 'The maximum requests per day.' }],
    ['per-day token limits', 'batch_1_day_max_input_tokens', { type: 'integer', description: 'Tokens per day.' }],
    [
      'a relation named to',
      'attributable_to',
      { type: 'string', description: 'The gid of the project the time is attributable to.' },
    ],
    [
      'a relation named reply_to',
      'reply_to',
      { type: 'string', description: 'Where replies go at the time of sending.' },
    ],
    [
      'a position named insert_after',
      'insert_after',
      { type: 'string', description: 'A task to insert after. When used with section, ...' },
    ],
    ['a time zone', 'time_zone', { type: 'string', description: 'The time zone to use for the results.' }],
    [
      'a date range keyword',
      'date_range',
      { type: 'string', description: 'When set to all, the since and until parameters are ignored.' },
    ],
    [
      'a time window length',
      'time_window',
      { type: 'integer', description: 'The maximum amount of time allowed between alerts.' },
    ],
    [
      'a quantity of time units',
      'threshold_time_amount',
      { type: 'integer', description: 'The amount of time units.' },
    ],
    ['a message "ts" (Slack)', 'ts', { type: 'string', description: 'Timestamp of the message to be updated.' }],
    ['a thread "ts" (Slack)', 'thread_ts', { type: 'string', description: "Another message's ts value: reply to it." }],
    [
      'a search syntax (GitHub)',
      'created',
      { type: 'string', description: 'Runs created within the date-time range.' },
    ],
  ])('%s (%s)', (_reason, name, schema) => {
    expect(detect({ [name]: schema })).toEqual([]);
  });

  it('finds the one date among non-dates', () => {
    expect(
      detect({
        max_requests_per_1_day: { type: 'integer', description: 'The maximum requests per day.' },
        batch_1_day_max_input_tokens: { type: 'integer', description: 'The maximum batch input tokens per day.' },
        max_images_per_1_minute: { type: 'integer', description: 'The maximum images per minute.' },
        expires_at: { type: 'integer', description: 'When the key expires.' },
      }),
    ).toEqual(['expires_at unix-seconds instant']);
  });
});

describe('vendor-shaped schemas, nested', () => {
  it('Stripe: created is an integer or a range object; nested acceptance timestamps', () => {
    const range = {
      type: 'object',
      title: 'range_query_specs',
      properties: {
        gt: { type: 'integer' },
        gte: { type: 'integer' },
        lt: { type: 'integer' },
        lte: { type: 'integer' },
      },
    };
    expect(
      detect({
        created: {
          description: 'Only return customers that were created during the given date interval.',
          anyOf: [range, { type: 'integer' }],
        },
        mandate_data: {
          type: 'object',
          properties: {
            customer_acceptance: {
              type: 'object',
              properties: {
                accepted_at: { type: 'integer', format: 'unix-time' },
                type: { type: 'string', enum: ['offline', 'online'] },
              },
            },
          },
        },
        amount: { type: 'integer' },
        starting_after: { type: 'string', description: 'A cursor for use in pagination.' },
      }),
    ).toEqual([
      'created unix-seconds instant range(gte..lt,scalar)',
      'created.gt unix-seconds start excl',
      'created.gte unix-seconds start',
      'created.lt unix-seconds end',
      'created.lte unix-seconds end incl',
      'mandate_data.customer_acceptance.accepted_at unix-seconds instant',
    ]);
  });

  it('Stripe: trial_end is "now" or a timestamp; "now" is a literal kept as is', () => {
    const [field] = findDateFields({
      type: 'object',
      properties: {
        trial_end: {
          anyOf: [
            { type: 'string', enum: ['now'] },
            { type: 'integer', format: 'unix-time' },
          ],
        },
      },
    });
    expect(field).toMatchObject({ label: 'trial_end', kind: 'unix-seconds', literals: ['now'] });
  });

  it('Box: shared_link.unshared_at', () => {
    expect(
      detect({
        shared_link: {
          type: 'object',
          properties: {
            access: { type: 'string', enum: ['open', 'company'] },
            unshared_at: {
              type: 'string',
              format: 'date-time',
              description: 'The timestamp at which this shared link expires.',
            },
          },
        },
      }),
    ).toEqual(['shared_link.unshared_at date-time instant']);
  });

  it('Twilio: operator suffixes on string dates', () => {
    expect(
      detect({
        To: { type: 'string', description: 'Only show calls made to this phone number.' },
        From: { type: 'string', description: 'Only include calls from this phone number.' },
        StartTime: { type: 'string', format: 'date-time' },
        'StartTime<': { type: 'string', format: 'date-time' },
        'StartTime>': { type: 'string', format: 'date-time' },
        'EndTime<': { type: 'string', format: 'date-time' },
        'EndTime>': { type: 'string', format: 'date-time' },
        'DateSent>': { type: 'string', format: 'date-time' },
        PageSize: { type: 'integer', minimum: 1, maximum: 1000 },
        PageToken: { type: 'string' },
      }),
    ).toEqual([
      'StartTime date-time start',
      'StartTime< date-time end',
      'StartTime> date-time start excl',
      'EndTime< date-time end',
      'EndTime> date-time start excl',
      'DateSent> date-time start excl',
    ]);
  });

  it('Asana: a data envelope whose body is an allOf, and the completed_since query', () => {
    const taskBase = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        due_at: { type: 'string', format: 'date-time', nullable: true },
        due_on: { type: 'string', format: 'date', nullable: true },
        start_on: { type: 'string', format: 'date', nullable: true },
        insert_after: { type: 'string', description: 'A task to insert after, when used with `section`.' },
      },
    };
    expect(
      detect({
        completed_since: {
          type: 'string',
          description: 'Only return tasks that are either incomplete or that have been completed since this time.',
          example: '2012-02-22T02:06:58.158Z',
        },
        data: {
          allOf: [
            taskBase,
            { type: 'object', properties: { followers: { type: 'array', items: { type: 'string' } } } },
          ],
        },
      }),
    ).toEqual([
      'completed_since date-time start',
      'data.due_at date-time instant',
      'data.due_on date instant',
      'data.start_on date start',
    ]);
  });

  it('PagerDuty: since/until, and a custom field value that is a date in one branch and text in another', () => {
    expect(
      detect({
        since: {
          type: 'string',
          format: 'date-time',
          description: 'The start of the date range over which you want to search.',
        },
        until: {
          type: 'string',
          format: 'date-time',
          description: 'The end of the date range over which you want to search.',
        },
        custom_fields: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              value: {
                oneOf: [
                  { type: 'object', title: 'Integer', properties: { value: { type: 'integer' } } },
                  { type: 'object', title: 'String', properties: { value: { type: 'string', maxLength: 200 } } },
                  { type: 'object', title: 'Datetime', properties: { value: { type: 'string', format: 'date-time' } } },
                ],
              },
            },
          },
        },
      }),
    ).toEqual([
      'since date-time start',
      'until date-time end',
      'custom_fields[].value.value date-time instant lenient',
    ]);
  });

  it('ranges in other dialects: $gte/$lt, from/to, start/end, after/before, min/max', () => {
    expect(
      detect({
        mongo: {
          type: 'object',
          properties: { $gte: { type: 'string', format: 'date-time' }, $lt: { type: 'string', format: 'date-time' } },
        },
        period: {
          type: 'object',
          properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
        },
        window: {
          type: 'object',
          properties: {
            start: { type: 'string', format: 'date-time' },
            end: { type: 'string', format: 'date-time' },
            timezone: { type: 'string' },
          },
        },
        created_at: {
          type: 'object',
          properties: {
            after: { type: 'string', format: 'date-time' },
            before: { type: 'string', format: 'date-time' },
          },
        },
        created: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
        price: { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } } },
      }).filter((line) => line.includes('range')),
    ).toEqual([
      'mongo date-time instant range($gte..$lt)',
      'period date instant range(from..to)',
      'window date-time instant range(start..end)',
      'created_at date-time instant range(after..before)',
      'created unix-seconds instant range(min..max)',
    ]);
  });

  it('a record with start and end dates among other fields is not a range', () => {
    expect(
      detect({
        data: {
          type: 'object',
          properties: {
            start_date: { type: 'string', format: 'date' },
            end_date: { type: 'string', format: 'date' },
            assignee: { type: 'string' },
          },
        },
      }),
    ).toEqual(['data.start_date date start', 'data.end_date date end incl']);
  });
});

describe('walking the schema', () => {
  it('follows arrays of objects, tuples and a body that is an array', () => {
    const fields = findDateFields({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: { type: 'object', properties: { starts_at: { type: 'string', format: 'date-time' } } },
        },
        pair: { type: 'array', prefixItems: [{ type: 'string', format: 'date' }, { type: 'string' }] },
        body: { type: 'array', items: { properties: { due_at: { type: 'string', format: 'date-time' } } } },
        dates: { type: 'array', description: 'Days off.', items: { type: 'string', format: 'date' } },
      },
    });
    expect(fields.map(summary)).toEqual([
      'items[].starts_at date-time start',
      // Tuple positions share one spot: the second takes plain text, so text that is not a date passes.
      'pair[] date instant lenient',
      'body[].due_at date-time instant',
      'dates[] date instant',
    ]);
    expect(fields[0]!.path).toEqual(['items', EACH_ITEM, 'starts_at']);
    expect(fields[0]!.name).toBe('items');
  });

  it('follows $defs and definitions, one level inside anyOf/oneOf/allOf', () => {
    expect(
      detect(
        {
          a: { $ref: '#/$defs/Event' },
          b: { $ref: '#/definitions/Event' },
          c: { oneOf: [{ $ref: '#/$defs/Event' }, { type: 'null' }] },
        },
        {
          $defs: { Event: { type: 'object', properties: { occurred_at: { type: 'string', format: 'date-time' } } } },
          definitions: {
            Event: { type: 'object', properties: { occurred_at: { type: 'integer', format: 'unix-time' } } },
          },
        },
      ),
    ).toEqual([
      'a.occurred_at date-time instant',
      'b.occurred_at unix-seconds instant',
      'c.occurred_at date-time instant',
    ]);
  });

  it('ends reference cycles, and finds the dates before the cycle closes', () => {
    const fields = detect(
      { tree: { $ref: '#/$defs/Node' }, loop: { $ref: '#/$defs/A' } },
      {
        $defs: {
          Node: {
            type: 'object',
            properties: {
              created_at: { type: 'string', format: 'date-time' },
              children: { type: 'array', items: { $ref: '#/$defs/Node' } },
            },
          },
          A: { allOf: [{ $ref: '#/$defs/B' }] },
          B: { anyOf: [{ $ref: '#/$defs/A' }, { type: 'string', format: 'date' }] },
        },
      },
    );
    expect(fields).toEqual(['tree.created_at date-time instant', 'loop date instant']);
  });

  it('stays bounded on a reference graph that fans out exponentially', () => {
    const $defs: Record<string, unknown> = { L30: { type: 'string', format: 'date-time' } };
    for (let level = 29; level >= 0; level--) {
      $defs[`L${level}`] = {
        type: 'object',
        properties: { a: { $ref: `#/$defs/L${level + 1}` }, b: { $ref: `#/$defs/L${level + 1}` } },
      };
    }
    const fields = findDateFields({ type: 'object', properties: { root: { $ref: '#/$defs/L0' } }, $defs });
    // Paths stop at 16 steps, and the walk at its node budget: a bounded answer, not 2^30 fields.
    expect(fields.length).toBeLessThan(25_000);
  });

  it('survives schemas of any shape', () => {
    for (const schema of [undefined, null, 3, 'x', [], {}, { properties: null }, { properties: { a: null, b: 3 } }]) {
      expect(findDateFields(schema as never)).toEqual([]);
    }
    expect(
      detect({ a: { $ref: '#/nowhere' }, b: { $ref: 'https://example.com/x' }, c: { allOf: 'x' }, d: { items: 3 } }),
    ).toEqual([]);
  });

  it('keeps __proto__ a property like any other', () => {
    const properties = JSON.parse(
      '{"__proto__": {"type": "object", "properties": {"created_at": {"type": "string", "format": "date-time"}}}}',
    );
    expect(detect(properties)).toEqual(['__proto__.created_at date-time instant']);
  });
});

describe('top-level flags', () => {
  it('marks required top-level fields', () => {
    const fields = findDateFields({
      type: 'object',
      properties: { start_time: { type: 'integer' }, end_time: { type: 'integer' } },
      required: ['start_time'],
    });
    expect(fields.map(({ name, required }) => [name, required])).toEqual([
      ['start_time', true],
      ['end_time', undefined],
    ]);
  });

  it('turns our time_range off when the tool has its own', () => {
    const fields = findDateFields({
      type: 'object',
      properties: { start_time: { type: 'integer' }, end_time: { type: 'integer' }, time_range: { type: 'string' } },
    });
    expect(fields.every((field) => field.timeRange === false)).toBe(true);
  });
});
