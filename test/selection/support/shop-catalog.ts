/**
 * What the selection tests share: a catalog built from Truto tool definitions, the names of a ranking, and the
 * customers of a small shop (written for these tests, in Truto's shape).
 */
import { buildCatalog } from '../../../src/catalog/load-catalog.js';
import type { TrutoToolDefinition } from '../../../src/catalog/tool-definition.js';

export const tools = (definitions: readonly TrutoToolDefinition[]) => [...buildCatalog(definitions, () => {}).values()];

export const names = (list: ReadonlyArray<{ name: string }>) => list.map((tool) => tool.name);

/** A shop's customers: listed newest first, and created. */
export const SHOP_CUSTOMER_TOOLS: readonly TrutoToolDefinition[] = [
  {
    name: 'list_all_shop_customers',
    description: 'List customers. Returns customers, newest first.',
    resource: 'customers',
    method: 'list',
    query_schema: {
      type: 'object',
      properties: {
        created: { type: 'string', description: 'Only customers created after this time.' },
        limit: { type: 'integer' },
      },
    },
  },
  {
    name: 'create_a_shop_customer',
    description: 'Create a customer.',
    resource: 'customers',
    method: 'create',
    body_schema: { type: 'object', properties: { email: { type: 'string' }, name: { type: 'string' } } },
  },
];
