import type { JsonSchemaObject, TrutoToolDefinition } from './tool-definition.js';

export type ParsedToolDefinition = { ok: true; tool: TrutoToolDefinition } | { ok: false; reason: string };

/**
 * Checks one catalog entry from the wire. A tool we cannot understand is skipped (with the reason) rather
 * than crashing the whole catalog: one broken integration method must not take the agent's other tools away.
 */
export function parseToolDefinition(raw: unknown): ParsedToolDefinition {
  if (!isRecord(raw)) return { ok: false, reason: 'entry is not an object' };
  const { name, resource, method } = raw;
  if (typeof name !== 'string' || name.trim() === '') return { ok: false, reason: 'missing "name"' };
  if (typeof resource !== 'string' || resource === '') return { ok: false, reason: `"${name}" has no "resource"` };
  if (typeof method !== 'string' || method === '') return { ok: false, reason: `"${name}" has no "method"` };
  for (const key of ['query_schema', 'body_schema'] as const) {
    const schema = raw[key];
    if (schema !== undefined && schema !== null && !isRecord(schema)) {
      return { ok: false, reason: `"${name}" has a ${key} that is not an object` };
    }
    if (isRecord(schema) && schema.properties !== undefined && !isRecord(schema.properties)) {
      return { ok: false, reason: `"${name}" has ${key}.properties that is not an object` };
    }
  }
  if (raw.required !== undefined && raw.required !== null && !isStringArray(raw.required)) {
    return { ok: false, reason: `"${name}" has a "required" that is not a list of names` };
  }
  const tool: TrutoToolDefinition = {
    ...raw,
    name,
    resource,
    method,
    description: typeof raw.description === 'string' ? raw.description : undefined,
    query_schema: isRecord(raw.query_schema) ? (raw.query_schema as JsonSchemaObject) : undefined,
    body_schema: isRecord(raw.body_schema) ? (raw.body_schema as JsonSchemaObject) : undefined,
    required: isStringArray(raw.required) ? raw.required : [],
    tags: isStringArray(raw.tags) ? raw.tags : [],
  };
  return { ok: true, tool };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
