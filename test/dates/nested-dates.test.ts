/**
 * Dates below the top level: range objects, arrays, unions and references, through all three steps (find, widen for
 * the model, convert the model's arguments), and through a TrutoTool's own validator.
 * Expected values worked out by hand for now = Wednesday 2026-11-25 12:00 UTC (07:00 in New York, UTC−5).
 */
import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../../src/catalog/tool-definition.js';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import {
  type DateField,
  describeDateFieldsForModel,
  findDateFields,
  normaliseDateArguments,
} from '../../src/dates/index.js';
import { ToolInputError } from '../../src/errors/index.js';
import { compileJsonSchema } from '../../src/schema/index.js';

const now = new Date('2026-11-25T12:00:00Z');
const toolName = 'nested_tool';
const utc = { now, toolName };
const newYork = { now, toolName, timeZone: 'America/New_York' };
const seconds = (iso: string) => Date.parse(iso) / 1000;

function issuesOf(run: () => unknown): ToolInputError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ToolInputError) return error.issues;
    throw error;
  }
  throw new Error('no ToolInputError');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const STRIPE_RANGE = {
  type: 'object',
  title: 'range_query_specs',
  properties: { gt: { type: 'integer' }, gte: { type: 'integer' }, lt: { type: 'integer' }, lte: { type: 'integer' } },
};

const schema: JsonSchemaObject = {
  type: 'object',
  properties: {
    created: {
      description: 'Only return objects created during the given date interval.',
      anyOf: [STRIPE_RANGE, { type: 'integer' }],
    },
    window: {
      type: 'object',
      properties: { gte: { type: 'string', format: 'date-time' }, lte: { type: 'string', format: 'date-time' } },
    },
    newer: { type: 'object', properties: { gt: { type: 'integer', format: 'unix-time' } } },
    data: {
      allOf: [
        { $ref: '#/$defs/TaskBase' },
        { type: 'object', properties: { notes: { type: 'string', maxLength: 10 } } },
      ],
    },
    items: {
      type: 'array',
      items: { type: 'object', properties: { starts_at: { type: 'string', format: 'date-time' } } },
    },
    custom_fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          value: {
            oneOf: [
              { type: 'object', title: 'Integer', properties: { value: { type: 'integer' } }, required: ['value'] },
              {
                type: 'object',
                title: 'String',
                properties: { value: { type: 'string', maxLength: 200 } },
                required: ['value'],
              },
              {
                type: 'object',
                title: 'Datetime',
                properties: { value: { type: 'string', format: 'date-time' } },
                required: ['value'],
              },
            ],
          },
        },
      },
    },
    trial_end: {
      anyOf: [
        { type: 'string', enum: ['now'] },
        { type: 'integer', format: 'unix-time' },
      ],
    },
    oldest: { type: 'string', description: 'Only messages after this Unix timestamp.' },
    'StartTime<': { type: 'string', format: 'date', description: 'Only calls that started on or before this date.' },
    limit: { type: 'integer' },
  },
  $defs: {
    TaskBase: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        due_at: { type: 'string', format: 'date-time', nullable: true },
        due_on: { type: 'string', format: 'date', description: 'Format YYYY-MM-DD' },
        start_on: { type: 'string', format: 'date' },
      },
    },
  },
};
deepFreeze(schema);
const fields = findDateFields(schema);

describe('the fields found', () => {
  it('lists every spot, nested ones by path', () => {
    expect(fields.map((field) => field.label)).toEqual([
      'created',
      'created.gt',
      'created.gte',
      'created.lt',
      'created.lte',
      'window',
      'window.gte',
      'window.lte',
      'newer',
      'newer.gt',
      'data.due_at',
      'data.due_on',
      'data.start_on',
      'items[].starts_at',
      'custom_fields[].value.value',
      'trial_end',
      'oldest',
      'StartTime<',
    ]);
    expect(fields.find((field) => field.label === 'data.due_at')).toMatchObject({
      name: 'data',
      path: ['data', 'due_at'],
    });
  });
});

describe('normaliseDateArguments at any depth', () => {
  it('fills a range object from one period, and keeps an exact instant a scalar', () => {
    expect(normaliseDateArguments({ created: 'last week' }, fields, utc)).toEqual({
      created: { gte: seconds('2026-11-16T00:00:00Z'), lt: seconds('2026-11-23T00:00:00Z') },
    });
    expect(normaliseDateArguments({ created: '2026-10-01T09:00:00Z' }, fields, utc)).toEqual({
      created: seconds('2026-10-01T09:00:00Z'),
    });
    const native = { created: 1759276800 };
    expect(normaliseDateArguments(native, fields, utc)).toBe(native);
  });

  it('reads an expression inside each operator', () => {
    expect(normaliseDateArguments({ created: { gte: 'last monday', lte: 'yesterday' } }, fields, utc)).toEqual({
      created: { gte: seconds('2026-11-23T00:00:00Z'), lte: seconds('2026-11-25T00:00:00Z') - 1 },
    });
  });

  it('uses lte with the inclusive end when there is no lt, in the zone’s offset', () => {
    expect(normaliseDateArguments({ window: 'last week' }, fields, newYork)).toEqual({
      window: { gte: '2026-11-16T00:00:00-05:00', lte: '2026-11-22T23:59:59-05:00' },
    });
  });

  it('gives a strict lower bound the last second before the start, and an instant the second around it', () => {
    expect(normaliseDateArguments({ newer: 'today' }, fields, utc)).toEqual({
      newer: { gt: seconds('2026-11-25T00:00:00Z') - 1 },
    });
    expect(normaliseDateArguments({ window: '2026-10-01T09:00:00Z' }, fields, utc)).toEqual({
      window: { gte: '2026-10-01T09:00:00Z', lte: '2026-10-01T09:00:00Z' },
    });
    expect(normaliseDateArguments({ created: { lt: '2026-10-01T09:00:00Z' } }, fields, utc)).toEqual({
      created: { lt: seconds('2026-10-01T09:00:00Z') },
    });
  });

  it('converts dates nested in objects and arrays, leaving everything else shared', () => {
    const args = deepFreeze({
      data: { name: 'Ship it', due_at: 'next friday', due_on: 'next friday', start_on: '2026-12-01', notes: 'x' },
      items: [{ starts_at: 'tomorrow 9am' }, { starts_at: '2026-12-01T10:00:00+01:00' }, { other: 1 }],
      limit: 3,
    });
    const result = normaliseDateArguments(args as Record<string, unknown>, fields, newYork);
    expect(result).toEqual({
      data: {
        name: 'Ship it',
        due_at: '2026-11-27T00:00:00-05:00',
        due_on: '2026-11-27',
        start_on: '2026-12-01',
        notes: 'x',
      },
      items: [{ starts_at: '2026-11-26T09:00:00-05:00' }, { starts_at: '2026-12-01T10:00:00+01:00' }, { other: 1 }],
      limit: 3,
    });
    const items = result.items as unknown[];
    expect(items[1]).toBe(args.items[1]);
    expect(items[2]).toBe(args.items[2]);
  });

  it('names the full path of an unreadable value', () => {
    const issues = issuesOf(() =>
      normaliseDateArguments(
        { data: { due_at: 'soonish' }, items: [{ starts_at: 'today' }, {}, { starts_at: 'whenever' }] },
        fields,
        utc,
      ),
    );
    expect(issues.map((issue) => [issue.path, issue.received])).toEqual([
      ['data.due_at', '"soonish"'],
      ['items[2].starts_at', '"whenever"'],
    ]);
    expect(issues[0]!.expected).toMatch(/^an ISO 8601 date-time or a date expression like 'last week'/);
  });

  it('lets other branches’ values through where the schema also takes plain text or numbers', () => {
    expect(
      normaliseDateArguments(
        {
          custom_fields: [{ value: { value: 'hello' } }, { value: { value: 'next friday' } }, { value: { value: 7 } }],
        },
        fields,
        utc,
      ),
    ).toEqual({
      custom_fields: [
        { value: { value: 'hello' } },
        { value: { value: '2026-11-27T00:00:00Z' } },
        { value: { value: 7 } },
      ],
    });
  });

  it('keeps literal values and writes Unix text for a string schema', () => {
    expect(normaliseDateArguments({ trial_end: 'now', oldest: 'yesterday' }, fields, utc)).toEqual({
      trial_end: 'now',
      oldest: String(seconds('2026-11-24T00:00:00Z')),
    });
    // An end word makes an end: the trial runs through next Monday.
    expect(normaliseDateArguments({ trial_end: 'next monday' }, fields, utc)).toEqual({
      trial_end: seconds('2026-12-01T00:00:00Z'),
    });
  });

  it('reads an operator suffix the way its description says (Twilio StartTime< is "on or before")', () => {
    expect(normaliseDateArguments({ 'StartTime<': 'last week' }, fields, utc)).toEqual({ 'StartTime<': '2026-11-22' });
  });

  it('never modifies the caller’s arguments and returns them as they are when nothing is a date', () => {
    const args = deepFreeze({ limit: 3, data: { name: 'x' } });
    expect(normaliseDateArguments(args, fields, utc)).toBe(args);
  });
});

describe('describeDateFieldsForModel at any depth', () => {
  const described = describeDateFieldsForModel(schema, fields);
  const properties = described.properties as Record<string, any>;

  it('widens nested spots and leaves the rest shared with the input', () => {
    expect(properties.limit).toBe((schema.properties as Record<string, unknown>).limit);
    expect(described.$defs).toBe(schema.$defs);
    // The $ref that leads to the task's dates is inlined at its spot; the definition itself is unchanged.
    const task = properties.data.allOf[0];
    expect(task.$ref).toBeUndefined();
    expect(task.properties.name).toEqual({ type: 'string' });
    expect(task.properties.due_on).toEqual({
      type: 'string',
      description: "Format YYYY-MM-DD. Or a date expression ('next Friday').",
    });
    expect(task.properties.due_at).toEqual({
      type: 'string',
      nullable: true,
      description: "An ISO 8601 date-time or a date expression ('next Friday').",
    });
  });

  it('gives a range one hint and its operators none', () => {
    expect(properties.created.description).toBe(
      "Only return objects created during the given date interval. Unix seconds or a date expression ('last week').",
    );
    expect(properties.created.anyOf[1]).toEqual({ type: 'string' });
    expect(properties.window.anyOf[0].properties.gte).toEqual({ type: 'string' });
    expect(properties.window.description).toBe("Or a date expression ('last week').");
  });

  it('turns a widened oneOf into an anyOf, widening only the branch that holds the date', () => {
    const branches = properties.custom_fields.items.properties.value.anyOf;
    expect(properties.custom_fields.items.properties.value.oneOf).toBeUndefined();
    expect(branches[0].properties.value).toEqual({ type: 'integer' });
    expect(branches[1].properties.value).toEqual({ type: 'string', maxLength: 200 });
    expect(branches[2].properties.value.format).toBeUndefined();
  });

  it('accepts an expression at every detected spot, and the original schema still refuses it', () => {
    const widened = compileJsonSchema(described, { dialect: 'openapi-3.0' });
    const original = compileJsonSchema(schema, { dialect: 'openapi-3.0' });
    const args = {
      created: 'last week',
      window: { gte: 'last monday' },
      newer: 'today',
      data: { due_at: 'next friday', due_on: 'next friday', start_on: 'tomorrow' },
      items: [{ starts_at: 'tomorrow 9am' }],
      custom_fields: [{ value: { value: 'next friday' } }],
      trial_end: 'next monday',
      oldest: 'yesterday',
      'StartTime<': 'last week',
    };
    expect(widened.safeParse(args).error?.issues).toBeUndefined();
    expect(original.safeParse(args).success).toBe(false);
  });
});

describe('through a TrutoTool (merged schema, validation, normalisation)', () => {
  const tool = new TrutoTool({
    name: 'createTask',
    resource: 'tasks',
    method: 'create',
    query_schema: { type: 'object', properties: { opt_fields: { type: 'string' } } },
    body_schema: {
      type: 'object',
      properties: {
        data: {
          allOf: [
            {
              type: 'object',
              properties: { name: { type: 'string' }, due_at: { type: 'string', format: 'date-time' } },
            },
            { type: 'object', properties: { start_on: { type: 'string', format: 'date' } }, required: ['name'] },
          ],
        },
      },
    },
  });

  it('finds the dates in the body and validates and converts an expression', () => {
    expect(tool.dateFields.map((field: DateField) => field.label)).toEqual(['data.due_at', 'data.start_on']);
    const validated = tool.validate({ data: { name: 'x', due_at: 'next friday', start_on: 'next monday' } });
    expect(normaliseDateArguments(validated, tool.dateFields, newYork)).toEqual({
      data: { name: 'x', due_at: '2026-11-27T00:00:00-05:00', start_on: '2026-11-30' },
    });
  });
});

describe('a parent object’s description does not veto its children', () => {
  it('finds start_on (an operator-shaped name) under an object described as having an identifier', () => {
    // Asana's GoalBase: the object says "globally unique identifier"; its start_on is still a date.
    const fields = findDateFields({
      type: 'object',
      properties: {
        data: {
          description: 'A generic Asana Resource, containing a globally unique identifier.',
          type: 'object',
          properties: {
            gid: { type: 'string', readOnly: true },
            start_on: {
              type: 'string',
              description: 'The day on which work for this goal begins. This takes a date with `YYYY-MM-DD` format.',
              nullable: true,
            },
          },
        },
      },
    });
    expect(fields.map((field) => `${field.label}:${field.kind}:${field.role}`)).toEqual(['data.start_on:date:start']);
  });
});
