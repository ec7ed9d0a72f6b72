/** Proxy answers of the synthetic tools: small, deterministic JSON, cheap enough to be a benchmark baseline. */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';

export function syntheticHandlers(tool: TrutoToolDefinition): ResourceHandlers {
  const prefix = tool.resource.replace(/^synthetic_/, '');
  const items = [1, 2, 3].map((number) => sampleItem(`${prefix}_${number}`, number));
  switch (tool.method) {
    case 'list':
      return { list: () => listAnswer(items, null) };
    case 'get':
      return { get: (call) => ({ json: { ...items[0], id: call.id } }) };
    case 'create':
      return { create: (call) => ({ status: 201, json: { ...items[0], ...call.body, id: `${prefix}_new` } }) };
    case 'update':
      return { update: (call) => ({ json: { ...items[0], ...call.body, id: call.id } }) };
    case 'delete':
      return { delete: (call) => ({ json: { id: call.id } }) };
    default:
      return {
        custom: {
          [tool.method]: (call: ProxyCall): ProxyAnswer => ({
            json: { status: 'ok', method: call.method, processed: 3 },
          }),
        },
      };
  }
}

function sampleItem(id: string, number: number) {
  return {
    id,
    name: `Sample ${number}`,
    status: number === 3 ? 'archived' : 'active',
    created_at: `2025-01-0${number}T09:30:00.000Z`,
    updated_at: `2025-02-0${number}T16:05:00.000Z`,
  };
}
