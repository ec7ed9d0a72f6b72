/** Proxy answers of the synthetic tools: small, deterministic JSON, cheap enough to be a benchmark baseline. */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import type { SourceCall, SourceResource } from '../sources/types';
import { listAnswer, type ProxyAnswer } from './types';

/** Served next to any source's own tools, so they answer plain `SourceCall`s. */
export function syntheticHandlers(tool: TrutoToolDefinition): SourceResource {
  const prefix = tool.resource.replace(/^synthetic_/, '');
  const items = [1, 2, 3].map((number) => sampleItem(`${prefix}_${number}`, number));
  switch (tool.method) {
    case 'list':
      return { list: () => listAnswer(items, null) };
    case 'get':
      return { get: (call) => ({ json: { ...items[0], id: call.id } }) };
    case 'create':
      return { create: (call) => ({ status: 201, json: { ...items[0], ...bodyObject(call), id: `${prefix}_new` } }) };
    case 'update':
      return { update: (call) => ({ json: { ...items[0], ...bodyObject(call), id: call.id } }) };
    case 'delete':
      return { delete: (call) => ({ json: { id: call.id } }) };
    default:
      return {
        custom: {
          [tool.method]: (call: SourceCall): ProxyAnswer => ({
            json: { status: 'ok', method: call.method, processed: 3 },
          }),
        },
      };
  }
}

function bodyObject(call: SourceCall): Record<string, unknown> {
  return typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body)
    ? (call.body as Record<string, unknown>)
    : {};
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
