import type { JsonSchemaObject, TrutoToolDefinition } from './tool-definition.js';

/**
 * Merges a tool's `query_schema` and `body_schema` and its flat `required` list into the one object schema the
 * model fills in. Definitions (`$defs`, `definitions`) are lifted to the top so `#/...` references inside either
 * schema still resolve. Names listed in `required` that neither schema defines are dropped: the model could not
 * know what to put there.
 */
export function mergeToolInputSchema(tool: TrutoToolDefinition, options: { idInPath: boolean }): JsonSchemaObject {
  const properties: Record<string, unknown> = {};
  const merged: JsonSchemaObject = { type: 'object', properties };
  let allowsAdditional = false;
  for (const schema of [tool.query_schema, tool.body_schema]) {
    if (!schema) continue;
    const schemaProperties = schema.properties as Record<string, unknown> | undefined;
    if (schemaProperties) {
      for (const name of Object.keys(schemaProperties)) {
        if (!Object.hasOwn(properties, name)) defineOwn(properties, name, schemaProperties[name]);
      }
    }
    for (const key of ['$defs', 'definitions'] as const) {
      const definitions = schema[key];
      if (definitions && typeof definitions === 'object') {
        merged[key] = { ...(merged[key] as object | undefined), ...(definitions as object) };
      }
    }
    if (schema.additionalProperties === true || typeof schema.additionalProperties === 'object') {
      allowsAdditional = true;
    }
  }
  const required = new Set((tool.required ?? []).filter((name) => Object.hasOwn(properties, name)));
  if (options.idInPath) {
    if (!Object.hasOwn(properties, 'id')) properties.id = { type: 'string', description: 'The id of the record.' };
    required.add('id');
  }
  if (required.size > 0) merged.required = [...required];
  if (!allowsAdditional) merged.additionalProperties = false;
  return merged;
}

/** A property named `__proto__` (or `constructor`) is a field like any other here, not a prototype to set. */
function defineOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
