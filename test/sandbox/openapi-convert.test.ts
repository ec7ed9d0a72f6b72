/**
 * `toolsFromOpenApi` over every operation of two real vendor documents (Asana: 247 operations, PagerDuty: 465)
 * and small hand-written ones: one tool per operation, unique names and routes, Truto's naming patterns, plain
 * self-contained schemas, and every parameter and body where it belongs; schemas too large to write out cut down.
 */
import { toolsFromOpenApi } from 'truto-langchainjs-toolset/sandbox';
import { describe, expect, it } from 'vitest';
import type { TrutoToolDefinition } from '../../src/catalog/tool-definition';
import { TrutoConfigError } from '../../src/errors/index';
import { compileOpenApi } from '../../src/sandbox/sources/openapi/convert';
import { MAX_SCHEMA_LENGTH, RefResolver } from '../../src/sandbox/sources/openapi/ref-resolver';
import {
  asanaDocument,
  layeredDocument,
  notesDocument31,
  pagerdutyDocument,
  referenceChainDocument,
} from './fixtures/openapi-documents';

const VERBS = ['get', 'post', 'put', 'patch', 'delete'];
const CRUD = ['list', 'get', 'create', 'update', 'delete'];

interface DocumentOperation {
  path: string;
  verb: string;
  operation: Record<string, any>;
  parameters: Record<string, any>[];
}

/** Operations in document order, with path-item parameters merged and `$ref`s to parameters followed. */
function operationsOf(document: Record<string, any>): DocumentOperation[] {
  const deref = (value: any): any => {
    let current = value;
    while (current && typeof current.$ref === 'string') {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    }
    return current;
  };
  const result: DocumentOperation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const verb of Object.keys(item).filter((key) => VERBS.includes(key))) {
      const own = (item[verb].parameters ?? []).map(deref);
      const shared = (item.parameters ?? [])
        .map(deref)
        .filter((p: any) => !own.some((o: any) => o.name === p.name && o.in === p.in));
      result.push({ path, verb, operation: item[verb], parameters: [...shared, ...own] });
    }
  }
  return result;
}

/** Every `$ref` in a tool schema points into that schema's own `$defs`, and the object graph has no cycle. */
function expectSelfContained(schema: unknown, where: string): void {
  if (schema === undefined) return;
  expect(() => JSON.stringify(schema), where).not.toThrow();
  const root = schema as Record<string, any>;
  const visit = (node: unknown, ancestors: Set<unknown>): void => {
    if (typeof node !== 'object' || node === null) return;
    expect(ancestors.has(node), `${where}: cycle`).toBe(false);
    const next = new Set(ancestors).add(node);
    if (!Array.isArray(node) && typeof (node as any).$ref === 'string') {
      const match = /^#\/\$defs\/(.+)$/.exec((node as any).$ref);
      expect(match, `${where}: ${(node as any).$ref}`).not.toBeNull();
      expect(root.$defs?.[match![1]!], `${where}: ${(node as any).$ref} resolves`).toBeDefined();
    }
    for (const value of Object.values(node)) visit(value, next);
  };
  visit(schema, new Set());
}

function checkCatalog(document: Record<string, any>, integration: string): TrutoToolDefinition[] {
  const tools = toolsFromOpenApi(document);
  const operations = operationsOf(document);
  expect(tools).toHaveLength(operations.length);
  expect(new Set(tools.map((tool) => tool.name)).size).toBe(tools.length);
  expect(new Set(tools.map((tool) => `${tool.resource} ${tool.method}`)).size).toBe(tools.length);

  tools.forEach((tool, index) => {
    const { path, verb, operation, parameters } = operations[index]!;
    const where = `${verb.toUpperCase()} ${path} → ${tool.name}`;
    expect(tool.resource, where).toMatch(/^[a-z0-9_]+$/);
    expect(tool.method, where).toMatch(/^[a-z0-9_]+$/);
    const singular = tool.name;
    switch (tool.method) {
      case 'list':
        expect(tool.name, where).toBe(`list_all_${integration}_${tool.resource}`);
        break;
      case 'get':
        expect(singular, where).toMatch(new RegExp(`^get_single_${integration}_[a-z0-9_]+_by_id$`));
        break;
      case 'create':
        expect(singular, where).toMatch(new RegExp(`^create_a_${integration}_[a-z0-9_]+$`));
        break;
      case 'update':
        expect(singular, where).toMatch(new RegExp(`^update_a_${integration}_[a-z0-9_]+_by_id$`));
        break;
      case 'delete':
        expect(singular, where).toMatch(new RegExp(`^delete_a_${integration}_[a-z0-9_]+_by_id$`));
        break;
      default:
        expect(tool.name, where).toBe(`${integration}_${tool.resource}_${tool.method}`);
    }
    // The verb decides the CRUD method; anything else is a custom method.
    if (tool.method === 'list' || tool.method === 'get') expect(verb, where).toBe('get');
    if (tool.method === 'create') expect(verb, where).toBe('post');
    if (tool.method === 'update') expect(['put', 'patch'], where).toContain(verb);
    if (tool.method === 'delete') expect(verb, where).toBe('delete');
    const endsWithParameter = /\}$/.test(path);
    if (['get', 'update', 'delete'].includes(tool.method)) expect(endsWithParameter, where).toBe(true);
    if (tool.method === 'list' || tool.method === 'create') expect(endsWithParameter, where).toBe(false);

    expectSelfContained(tool.query_schema, `${where} query_schema`);
    expectSelfContained(tool.body_schema, `${where} body_schema`);
    const properties = Object.keys(tool.query_schema?.properties ?? {});
    const required = tool.required ?? [];
    // Query parameters by their own names, header and cookie parameters never.
    for (const parameter of parameters) {
      if (parameter.in === 'query') {
        expect(properties, where).toContain(parameter.name);
        if (parameter.required) expect(required, where).toContain(parameter.name);
        if (parameter.description)
          expect((tool.query_schema!.properties as any)[parameter.name].description, where).toBe(parameter.description);
      }
      if (parameter.in === 'header' || parameter.in === 'cookie') {
        const sameNamedQuery = parameters.some((other) => other.in === 'query' && other.name === parameter.name);
        if (!sameNamedQuery) expect(properties, where).not.toContain(parameter.name);
      }
    }
    // Every path parameter is a required field: `id` for the record, the others under their names.
    const queryNames = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const pathCount = (path.match(/\{[^}]+\}/g) ?? []).length;
    const pathFields = properties.filter(
      (name) => !queryNames.has(name) && !(tool.method === 'list' && (name === 'limit' || name === 'next_cursor')),
    );
    expect(pathFields.length, where).toBe(pathCount);
    for (const field of pathFields) expect(required, where).toContain(field);
    if (['get', 'update', 'delete'].includes(tool.method)) {
      expect(properties[0], where).toBe('id');
      expect(required[0], where).toBe('id');
    }
    if (tool.method === 'list') expect(properties, where).toEqual(expect.arrayContaining(['limit', 'next_cursor']));
    // A JSON, form, multipart or text body is the body schema, as the document wrote it.
    const content = operation.requestBody?.$ref ? 'ref' : operation.requestBody?.content;
    if (content) expect(tool.body_schema, where).toBeDefined();
    else expect(tool.body_schema, where).toBeUndefined();
    if (operation.summary || operation.description) expect(tool.description, where).toBeTruthy();
    expect(tool.description ?? '', where).not.toMatch(/\s{2,}|\n/);
    if (operation.tags?.length) expect(tool.tags, where).toEqual(operation.tags);
  });
  // No custom method is named like a CRUD method: the SDK would build the wrong request.
  for (const tool of tools)
    if (!CRUD.includes(tool.method))
      expect(tool.name).not.toMatch(/^(list_all|get_single|create_a|update_a|delete_a)_/);
  return tools;
}

const byName = (tools: TrutoToolDefinition[], name: string) => {
  const tool = tools.find((candidate) => candidate.name === name);
  expect(tool, name).toBeDefined();
  return tool!;
};

describe('toolsFromOpenApi over the Asana document (247 operations)', () => {
  const tools = checkCatalog(asanaDocument(), 'asana');

  it('names and routes tools the way Truto does', () => {
    expect(byName(tools, 'list_all_asana_tasks')).toMatchObject({ resource: 'tasks', method: 'list' });
    expect(byName(tools, 'create_a_asana_task')).toMatchObject({ resource: 'tasks', method: 'create' });
    expect(byName(tools, 'get_single_asana_task_by_id')).toMatchObject({
      resource: 'tasks',
      method: 'get',
      required: ['id'],
    });
    expect(byName(tools, 'update_a_asana_task_by_id')).toMatchObject({ resource: 'tasks', method: 'update' });
    // An action on one record: a custom method of the parent resource, the record as `id`.
    const addFollowers = byName(tools, 'asana_tasks_add_followers');
    expect(addFollowers).toMatchObject({ resource: 'tasks', method: 'add_followers' });
    expect(addFollowers.required).toContain('id');
    expect(Object.keys(addFollowers.query_schema!.properties as object)).toContain('id');
    // Parents are singular, their ids are required query fields.
    expect(byName(tools, 'list_all_asana_project_tasks').required).toContain('project_gid');
    expect(byName(tools, 'asana_users_user_task_list')).toMatchObject({ resource: 'users', method: 'user_task_list' });
    expect(tools.filter((tool) => tool.method === 'list').length).toBeGreaterThan(60);
  });

  it('keeps the body as the document wrote it ({ data: {...} })', () => {
    const create = byName(tools, 'create_a_asana_task');
    expect(Object.keys(create.body_schema!.properties as object)).toEqual(['data']);
    expect(JSON.stringify(create.body_schema)).not.toContain('#/components');
  });

  it('is pure: the same tools every time, the document untouched', () => {
    const document = asanaDocument();
    const before = JSON.stringify(document);
    expect(toolsFromOpenApi(document)).toEqual(tools);
    expect(JSON.stringify(document)).toBe(before);
  });
});

describe('toolsFromOpenApi over the PagerDuty document (465 operations)', () => {
  const tools = checkCatalog(pagerdutyDocument(), 'pagerduty');

  it('derives the integration name from the title ("PagerDuty API" → pagerduty)', () => {
    expect(tools.length).toBeGreaterThanOrEqual(250);
    expect(byName(tools, 'list_all_pagerduty_incidents')).toMatchObject({ resource: 'incidents', method: 'list' });
  });

  it('names a parent `id` after its owner and keeps the record id first', () => {
    const list = byName(tools, 'list_all_pagerduty_user_contact_methods');
    expect(list.required).toEqual(['user_id']);
    const get = byName(tools, 'get_single_pagerduty_user_contact_method_by_id');
    expect(get.required).toEqual(['id', 'user_id']);
  });

  it('disambiguates clashing custom methods by verb, and PATCH updates', () => {
    expect(byName(tools, 'pagerduty_event_orchestrations_get_global').method).toBe('get_global');
    expect(byName(tools, 'pagerduty_event_orchestrations_put_global').method).toBe('put_global');
    expect(byName(tools, 'update_a_pagerduty_workflow_integration_connection_by_id').method).toBe('update');
  });

  it('keeps recursive schemas as local $refs into $defs', () => {
    const recursive = tools.filter((tool) => JSON.stringify(tool).includes('"$defs"'));
    expect(recursive.length).toBeGreaterThan(0);
  });
});

describe('toolsFromOpenApi over a hand-written OpenAPI 3.1 document', () => {
  const tools = toolsFromOpenApi(notesDocument31());

  it('builds the catalog with JSON Schema 2020-12 schemas unchanged', () => {
    expect(tools.map((tool) => tool.name)).toEqual([
      'list_all_notes_folders',
      'create_a_notes_folder',
      'get_single_notes_folder_by_id',
      'update_a_notes_folder_by_id',
      'delete_a_notes_folder_by_id',
      'list_all_notes_folder_notes',
      'notes_folders_tags',
    ]);
    const notes = byName(tools, 'list_all_notes_folder_notes');
    expect(notes.required).toEqual(['folder_id']);
    expect((notes.query_schema!.properties as any).tag).toEqual({
      type: ['string', 'null'],
      description: 'Only notes with this tag.',
    });
  });

  it('keeps a recursive body as a $ref into its own $defs', () => {
    const create = byName(tools, 'create_a_notes_folder');
    expect(create.required).toEqual(['name']);
    expect(create.body_schema).toMatchObject({
      properties: { subfolders: { type: 'array', items: { $ref: '#/$defs/FolderInput' } } },
      $defs: { FolderInput: { type: 'object' } },
    });
    expectSelfContained(create.body_schema, 'create');
  });

  it('lists `body` as required for a required non-object body', () => {
    const tags = byName(tools, 'notes_folders_tags');
    expect(tags.body_schema).toEqual({ type: 'array', items: { type: 'string' }, minItems: 1 });
    expect(tags.required).toEqual(['id', 'body']);
  });

  it('takes the integration name from options, and refuses what is not OpenAPI 3', () => {
    expect(toolsFromOpenApi(notesDocument31(), { integration: 'My Notes' })[0]!.name).toBe('list_all_my_notes_folders');
    expect(() => toolsFromOpenApi({ swagger: '2.0', paths: {} })).toThrow(TypeError);
    expect(() => toolsFromOpenApi('openapi: 3.1.0')).toThrow(/OpenAPI 3\.0 or 3\.1/);
  });
});

describe('toolsFromOpenApi over a document whose references multiply when inlined', () => {
  // Written out, the envelope body would be 810 M characters: the converter used to throw `RangeError: Invalid
  // string length` (after seconds of work) instead of giving tools.
  const document = layeredDocument();
  let converted: TrutoToolDefinition[] | undefined;
  const tools = () => {
    converted ??= toolsFromOpenApi(document);
    return converted;
  };

  it('converts every operation, the oversized body cut down below its top levels', () => {
    expect(tools().map((tool) => tool.name)).toEqual([
      'list_all_layers_envelopes',
      'create_a_layers_envelope',
      'layers_status_get_status',
    ]);
    const body = byName(tools(), 'create_a_layers_envelope').body_schema as Record<string, any>;
    expect(JSON.stringify(body).length).toBeLessThanOrEqual(MAX_SCHEMA_LENGTH);
    expectSelfContained(body, 'create');
    // The top levels are as written, so the SDK still routes the body's fields...
    expect(body).toMatchObject({ type: 'object', description: 'Layer 10', required: ['label'] });
    expect(Object.keys(body.properties)).toEqual(['part_1', 'part_2', 'part_3', 'part_4', 'label']);
    expect(body.properties.part_4.properties.label).toEqual({ type: 'string', description: 'The label of layer 9.' });
    // ...and deeper down a layer accepts anything, keeping its description.
    let layer = body;
    while (layer.properties !== undefined) layer = layer.properties.part_1;
    expect(layer).toEqual({ description: expect.stringMatching(/^Layer [1-8]$/) });
    expect(byName(tools(), 'create_a_layers_envelope').required).toEqual(['label']);
    expect(byName(tools(), 'layers_status_get_status').body_schema).toBeUndefined();
  });

  it('notes every cut schema among the resolver problems', () => {
    const compiled = compileOpenApi(document);
    const problems = [...compiled.resolver.problems];
    expect(problems).toContainEqual(
      expect.stringMatching(/^POST \/envelopes request body: too large to write out .* accept anything\.$/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^POST \/envelopes 201 answer: too large/));
    expect(problems).toHaveLength(3); // the list answer too; GET /status is small
    // The list answer keeps its records' top level, so the list is still recognised.
    expect(compiled.operations[0]).toMatchObject({ kind: 'list', list: { path: ['envelopes'] } });
  });

  it('is pure: the same tools every time, the document untouched', () => {
    const before = JSON.stringify(document);
    expect(toolsFromOpenApi(document)).toEqual(tools());
    expect(JSON.stringify(document)).toBe(before);
  });

  it('cuts a schema only when its JSON is longer, or deeper, than the limits', () => {
    const asana = asanaDocument();
    const task = { $ref: '#/components/schemas/TaskResponse' };
    const whole = new RefResolver(asana).resolveSchema(task);
    const text = JSON.stringify(whole);
    const depth = (node: unknown): number =>
      typeof node === 'object' && node !== null ? 1 + Math.max(0, ...Object.values(node).map(depth)) : 0;
    const atLimits = new RefResolver(asana, { maxSchemaLength: text.length, maxSchemaDepth: depth(whole) });
    expect(JSON.stringify(atLimits.resolveSchema(task, 'task'))).toBe(text);
    expect(atLimits.problems.size).toBe(0);
    for (const options of [{ maxSchemaLength: text.length - 1 }, { maxSchemaDepth: depth(whole) - 1 }]) {
      const resolver = new RefResolver(asana, options);
      const cut = resolver.resolveSchema(task, 'task');
      expect(JSON.stringify(cut).length).toBeLessThan(text.length);
      expect(depth(cut)).toBeLessThan(depth(whole));
      expect([...resolver.problems]).toEqual([expect.stringMatching(/^task: too large to write out/)]);
    }
  });

  it('throws a TrutoConfigError, not a RangeError, for a document it cannot convert', () => {
    // 50,000 components that each only refer to the next: deeper than a call stack.
    const chain = referenceChainDocument();
    expect(() => toolsFromOpenApi(chain)).toThrow(TrutoConfigError);
    expect(() => toolsFromOpenApi(chain)).toThrow(/^Could not convert the OpenAPI document into tools/);
  });
});
