/**
 * Extra tools for catalog-scale tests and benchmarks (`syntheticTools: 1000`): realistic names, descriptions and
 * schemas with 5 to 20 properties (nested objects, arrays of objects, enums, formats). Tool `i` depends only on
 * `i`, so catalogs of any size agree on their common tools, and one catalog is built once and shared.
 */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import { seededRandom } from '../data/hash';

type Schema = Record<string, unknown>;
type Random = () => number;

const NOUNS: ReadonlyArray<readonly [singular: string, plural: string]> = [
  ['widget', 'widgets'],
  ['invoice', 'invoices'],
  ['ticket', 'tickets'],
  ['contact', 'contacts'],
  ['shipment', 'shipments'],
  ['campaign', 'campaigns'],
  ['document', 'documents'],
  ['subscription', 'subscriptions'],
  ['order', 'orders'],
  ['asset', 'assets'],
  ['meeting', 'meetings'],
  ['repository', 'repositories'],
  ['employee', 'employees'],
  ['opportunity', 'opportunities'],
  ['warehouse', 'warehouses'],
];

export const SYNTHETIC_METHODS = ['list', 'get', 'create', 'update', 'delete', 'custom'] as const;
const CUSTOM_VERBS = ['sync', 'export', 'approve', 'archive', 'duplicate'];

type PropertyMaker = (random: Random, singular: string) => Schema;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const PROPERTY_POOL: ReadonlyArray<readonly [name: string, make: PropertyMaker]> = [
  ['name', (_, noun) => ({ type: 'string', maxLength: 255, description: `The display name of the ${noun}.` })],
  ['title', (_, noun) => ({ type: 'string', description: `A short title for the ${noun}, shown in lists.` })],
  [
    'status',
    (random, noun) => ({
      type: 'string',
      enum: pick(random, [
        ['draft', 'active', 'archived'],
        ['open', 'pending', 'resolved', 'closed'],
        ['new', 'in_progress', 'blocked', 'done', 'cancelled'],
      ]),
      description: `The lifecycle status of the ${noun}.`,
    }),
  ],
  ['priority', () => ({ type: 'string', enum: ['low', 'normal', 'high', 'urgent'], description: 'How urgent it is.' })],
  [
    'owner_email',
    (_, noun) => ({
      type: 'string',
      format: 'email',
      description: `Email address of the person who owns the ${noun}.`,
    }),
  ],
  ['due_at', () => ({ type: 'string', format: 'date-time', description: 'When it is due, as an ISO 8601 date-time.' })],
  [
    'created_after',
    () => ({ type: 'string', format: 'date-time', description: 'Only items created after this ISO 8601 date-time.' }),
  ],
  [
    'updated_before',
    () => ({ type: 'string', format: 'date-time', description: 'Only items updated before this ISO 8601 date-time.' }),
  ],
  ['amount', () => ({ type: 'number', minimum: 0, description: 'The amount in the smallest currency unit.' })],
  [
    'currency',
    () => ({
      type: 'string',
      enum: ['usd', 'eur', 'gbp', 'inr', 'jpy'],
      description: 'Lowercase ISO-4217 currency code.',
    }),
  ],
  ['quantity', () => ({ type: 'integer', minimum: 1, maximum: 10_000, description: 'How many units.' })],
  ['score', () => ({ type: 'number', minimum: 0, maximum: 1, description: 'A confidence score between 0 and 1.' })],
  ['is_active', (_, noun) => ({ type: 'boolean', description: `Whether the ${noun} is active.` })],
  ['tags', () => ({ type: 'array', items: { type: 'string' }, description: 'Free-form labels.' })],
  ['notes', () => ({ type: 'string', description: 'Internal notes, plain text or Markdown.' })],
  ['external_id', () => ({ type: 'string', description: 'The id of this record in an external system.' })],
  [
    'region',
    () => ({ type: 'string', enum: ['us-east', 'us-west', 'eu-central', 'ap-south'], description: 'Data region.' }),
  ],
  ['language', () => ({ type: 'string', description: 'ISO-639-1 language code, e.g. `en`.' })],
  ['assigned_to', () => ({ type: 'array', items: { type: 'string' }, description: 'User ids of the assignees.' })],
  [
    'address',
    () => ({
      type: 'object',
      description: 'A postal address.',
      properties: {
        line1: { type: 'string', description: 'Street and number.' },
        city: { type: 'string', description: 'City or town.' },
        postal_code: { type: 'string', description: 'Postal or ZIP code.' },
        country: { type: 'string', description: 'ISO 3166-1 alpha-2 country code.' },
      },
      required: ['line1', 'country'],
    }),
  ],
  [
    'line_items',
    () => ({
      type: 'array',
      description: 'The line items.',
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', description: 'Stock keeping unit.' },
          quantity: { type: 'integer', minimum: 1, description: 'Units of this item.' },
          unit_price: { type: 'number', description: 'Price of one unit.' },
        },
        required: ['sku', 'quantity'],
      },
    }),
  ],
  [
    'metadata',
    () => ({
      type: 'object',
      description: 'Key-value pairs for your own use.',
      additionalProperties: { type: 'string' },
    }),
  ],
  [
    'schedule',
    () => ({
      type: 'object',
      description: 'When it recurs.',
      properties: {
        frequency: { type: 'string', enum: ['daily', 'weekly', 'monthly'], description: 'How often.' },
        interval: { type: 'integer', minimum: 1, description: 'Every how many periods.' },
        timezone: { type: 'string', description: 'IANA time zone, e.g. `Europe/Berlin`.' },
      },
    }),
  ],
  ['sort_by', () => ({ type: 'string', enum: ['created_at', 'updated_at', 'name'], description: 'Field to sort by.' })],
  ['sort_order', () => ({ type: 'string', enum: ['asc', 'desc'], default: 'desc', description: 'Sort direction.' })],
];

const cache: TrutoToolDefinition[] = [];

/** The first `count` synthetic tools. */
export function createSyntheticTools(count: number): TrutoToolDefinition[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`syntheticTools must be a whole number ≥ 0, got ${count}.`);
  for (let index = cache.length; index < count; index++) cache.push(createSyntheticTool(index));
  return cache.slice(0, count);
}

export function syntheticResourceName(index: number): string {
  const [, plural] = NOUNS[index % NOUNS.length]!;
  return `synthetic_${plural}_${String(index).padStart(4, '0')}`;
}

function createSyntheticTool(index: number): TrutoToolDefinition {
  const random = seededRandom(0x5eed0000 + index);
  const [singular, plural] = NOUNS[index % NOUNS.length]!;
  const number = String(index).padStart(4, '0');
  const method = SYNTHETIC_METHODS[index % SYNTHETIC_METHODS.length]!;
  const resource = syntheticResourceName(index);
  const properties = pickProperties(random, singular, 5 + Math.floor(random() * 16));
  const names = Object.keys(properties);
  const required = names.filter(() => random() < 0.15).slice(0, 3);
  const idProperty: Schema = {
    type: 'string',
    description: `The id of the ${singular}, e.g. \`${singular}_${number}_1\`.`,
  };
  const tags = [plural, 'synthetic', `group_${index % 10}`];
  switch (method) {
    case 'list':
      return {
        name: `list_all_synthetic_${plural}_${number}`,
        description: `List ${plural} of workspace ${number}, newest first. Filter by any of the listed fields; results are paged with \`limit\` and \`next_cursor\`.`,
        resource,
        method,
        query_schema: {
          type: 'object',
          properties: {
            ...properties,
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 25, description: 'Items per page.' },
            next_cursor: { type: 'string', description: 'Cursor from the previous page; empty for the first page.' },
          },
        },
        required,
        tags,
      };
    case 'get':
    case 'delete':
      return {
        name: `${method === 'get' ? 'get_single' : 'delete_a'}_synthetic_${singular}_${number}_by_id`,
        description:
          method === 'get'
            ? `Get one ${singular} of workspace ${number} by its id, with the fields chosen below.`
            : `Delete a ${singular} of workspace ${number} by its id. Deleting cannot be undone.`,
        resource,
        method,
        query_schema: { type: 'object', properties: { id: idProperty, ...properties } },
        required: ['id', ...required],
        tags,
      };
    case 'create':
    case 'update':
      return {
        name: `${method === 'create' ? 'create_a' : 'update_a'}_synthetic_${singular}_${number}${method === 'update' ? '_by_id' : ''}`,
        description:
          method === 'create'
            ? `Create a ${singular} in workspace ${number}. Fields not given take their defaults.`
            : `Update a ${singular} of workspace ${number}. Only the fields given change.`,
        resource,
        method,
        ...(method === 'update' ? { query_schema: { type: 'object', properties: { id: idProperty } } } : {}),
        body_schema: { type: 'object', properties },
        required: method === 'update' ? ['id', ...required] : required,
        tags,
      };
    default: {
      const verb = CUSTOM_VERBS[index % CUSTOM_VERBS.length]!;
      return {
        name: `synthetic_${plural}_${number}_${verb}`,
        description: `${verb[0]!.toUpperCase()}${verb.slice(1)} ${plural} of workspace ${number} in one call.`,
        resource,
        method: verb,
        body_schema: { type: 'object', properties },
        required,
        tags,
      };
    }
  }
}

function pickProperties(random: Random, singular: string, count: number): Record<string, Schema> {
  const pool = PROPERTY_POOL.slice();
  const properties: Record<string, Schema> = {};
  for (let taken = 0; taken < count && pool.length > 0; taken++) {
    const [name, make] = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    properties[name] = make(random, singular);
  }
  return properties;
}
