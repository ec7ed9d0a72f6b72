/**
 * A small OpenAPI 3 → Truto catalog converter for the date tests, shaped like the catalogs the outside checks build:
 * one tool per operation; query parameters and every path parameter but the last in `query_schema` (the last path
 * parameter is the record `id`); the JSON request body as `body_schema`; parameter descriptions moved into their
 * schemas. `$ref`s are resolved inline; a reference met again inside itself becomes `{}` so cycles end.
 *
 * Test-only and deliberately small: the sandbox team is building the real converter.
 */
import { readFileSync } from 'node:fs';
import type { JsonSchemaObject, TrutoToolDefinition } from '../../src/catalog/tool-definition.js';

type Json = Record<string, any>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Inlining stops here: a vendor schema deeper than this is a reference chain we do not need to follow. */
const MAX_INLINE_DEPTH = 40;

export function readOpenApi(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

export interface CatalogTool extends TrutoToolDefinition {
  /** `GET /tasks/{task_gid}`, for messages. */
  operation: string;
}

export function catalogFromOpenApi(document: Json): CatalogTool[] {
  const tools: CatalogTool[] = [];
  const names = new Set<string>();
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Json)[method] as Json | undefined;
      if (operation === undefined) continue;
      const parameters = [...((item as Json).parameters ?? []), ...(operation.parameters ?? [])].map(
        (parameter: Json) => inline(document, parameter, []) as Json,
      );
      const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const lastPathName = pathNames[pathNames.length - 1];
      const properties: Json = {};
      const required: string[] = [];
      for (const parameter of parameters) {
        const inQuery = parameter.in === 'query' || (parameter.in === 'path' && parameter.name !== lastPathName);
        if (!inQuery || typeof parameter.name !== 'string') continue;
        const schema = { ...(parameter.schema ?? {}) };
        if (typeof parameter.description === 'string' && schema.description === undefined) {
          schema.description = parameter.description;
        }
        if (parameter.example !== undefined && schema.example === undefined) schema.example = parameter.example;
        properties[parameter.name] = schema;
        if (parameter.required === true) required.push(parameter.name);
      }
      const body = jsonBodySchema(document, operation.requestBody);
      const hasId = lastPathName !== undefined;
      const crud =
        method === 'get'
          ? hasId
            ? 'get'
            : 'list'
          : method === 'post'
            ? 'create'
            : method === 'delete'
              ? 'delete'
              : 'update';
      let name = String(operation.operationId ?? `${method}_${path}`);
      while (names.has(name)) name = `${name}_`;
      names.add(name);
      const tool: CatalogTool = {
        name,
        description: String(operation.summary ?? operation.description ?? name),
        resource: path
          .replace(/\{[^}]+\}/g, '')
          .replace(/\/+/g, '/')
          .replace(/^\/|\/$/g, ''),
        method: crud,
        operation: `${method.toUpperCase()} ${path}`,
        query_schema: { type: 'object', properties },
        required,
      };
      if (body !== undefined) tool.body_schema = body;
      tools.push(tool);
    }
  }
  return tools;
}

function jsonBodySchema(document: Json, requestBody: unknown): JsonSchemaObject | undefined {
  const body = inline(document, requestBody, []) as Json | undefined;
  const content = body?.content as Json | undefined;
  if (content === undefined) return undefined;
  const key = Object.keys(content).find((type) => type.includes('json'));
  const schema = key === undefined ? undefined : (content[key]?.schema as Json | undefined);
  return schema === undefined ? undefined : schema;
}

/** A copy of `value` with every `#/...` reference replaced by what it points to. */
function inline(document: Json, value: unknown, stack: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(document, item, stack));
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Json;
  if (typeof node.$ref === 'string') {
    const reference = node.$ref;
    if (stack.includes(reference) || stack.length > MAX_INLINE_DEPTH) return {};
    const { $ref: _ref, ...siblings } = node;
    const target = inline(document, resolvePointer(document, reference), [...stack, reference]) as Json;
    return { ...target, ...(inline(document, siblings, stack) as Json) };
  }
  const copy: Json = {};
  for (const [key, child] of Object.entries(node)) {
    // Examples are data, not schema: they may hold `$ref`-like text and are never needed here.
    copy[key] = key === 'example' || key === 'examples' ? child : inline(document, child, stack);
  }
  return copy;
}

function resolvePointer(document: Json, reference: string): unknown {
  if (!reference.startsWith('#/')) return {};
  let target: unknown = document;
  for (const part of reference.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    target = typeof target === 'object' && target !== null ? (target as Json)[key] : undefined;
  }
  return target ?? {};
}
