import { BODY_ARGUMENT, type BodyShape, readBodyShape } from './body-shape.js';
import type { JsonSchemaObject, TrutoToolDefinition } from './tool-definition.js';

/**
 * Merges a tool's `query_schema` and `body_schema` and its flat `required` list into the one object schema the
 * model fills in. Definitions (`$defs`, `definitions`) are lifted to the top so `#/...` references inside either
 * schema still resolve. `required` is the tool's flat list plus each schema's own; names that neither schema
 * defines are dropped: the model could not know what to put there.
 *
 * A body made of named fields is flattened beside the query fields; any other body (an array, a scalar, a union)
 * becomes one argument, `body` (see body-shape.ts), required when the tool lists `body` as required.
 */
export function mergeToolInputSchema(tool: TrutoToolDefinition, options: { idInPath: boolean }): JsonSchemaObject {
  const properties: Record<string, unknown> = {};
  const merged: JsonSchemaObject = { type: 'object', properties };
  const required = new Set<string>();
  let allowsAdditional = false;
  const query = readBodyShape(tool.query_schema);
  const body = readBodyShape(tool.body_schema);
  for (const shape of [query, body]) {
    if (shape.kind !== 'fields') continue;
    for (const name of Object.keys(shape.properties)) {
      const schema = shape.properties[name];
      if (!Object.hasOwn(properties, name)) defineOwn(properties, name, schema);
      // The same argument goes to the query and the body: its value must satisfy both schemas.
      else if (JSON.stringify(properties[name]) !== JSON.stringify(schema))
        defineOwn(properties, name, { allOf: [properties[name], schema] });
    }
    // The schema's own `required` says the same as the tool's flat list would; vendors' schemas carry it.
    for (const name of shape.required) if (Object.hasOwn(properties, name)) required.add(name);
    if (shape.allowsAdditional) allowsAdditional = true;
  }
  const bodyArgument = wholeBodyArgument(query, body);
  if (bodyArgument !== undefined && body.kind === 'whole') {
    defineOwn(properties, bodyArgument, withoutDefinitions(body.schema));
  }
  for (const schema of [tool.query_schema, tool.body_schema]) {
    if (!schema) continue;
    for (const key of ['$defs', 'definitions'] as const) {
      const definitions = schema[key];
      if (definitions && typeof definitions === 'object') {
        merged[key] = { ...(merged[key] as object | undefined), ...(definitions as object) };
      }
    }
  }
  for (const name of tool.required ?? []) if (Object.hasOwn(properties, name)) required.add(name);
  if (options.idInPath) {
    if (!Object.hasOwn(properties, 'id')) properties.id = { type: 'string', description: 'The id of the record.' };
    required.add('id');
  }
  if (required.size > 0) merged.required = [...required];
  if (!allowsAdditional) merged.additionalProperties = false;
  return merged;
}

/**
 * The argument that carries a whole (non-field) body: `body`, unless the query already has a field of that name,
 * in which case `request_body`. Undefined when the body is made of fields or absent.
 */
export function wholeBodyArgument(query: BodyShape, body: BodyShape): string | undefined {
  if (body.kind !== 'whole') return undefined;
  const taken = query.kind === 'fields' ? query.properties : {};
  if (!Object.hasOwn(taken, BODY_ARGUMENT)) return BODY_ARGUMENT;
  let name = `request_${BODY_ARGUMENT}`;
  while (Object.hasOwn(taken, name)) name = `_${name}`;
  return name;
}

/** The definitions were lifted to the merged schema's top, where the body's `#/$defs/...` references now point. */
function withoutDefinitions(schema: JsonSchemaObject): JsonSchemaObject {
  if (schema.$defs === undefined && schema.definitions === undefined) return schema;
  const { $defs: _defs, definitions: _definitions, ...rest } = schema;
  return rest;
}

/** A property named `__proto__` (or `constructor`) is a field like any other here, not a prototype to set. */
function defineOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
