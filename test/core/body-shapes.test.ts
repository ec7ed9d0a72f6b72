import { describe, expect, it } from 'vitest';
import type { TrutoToolDefinition } from '../../src/catalog/tool-definition.js';
import { TrutoTool } from '../../src/catalog/truto-tool.js';
import { ToolInputError } from '../../src/errors/index.js';

function tool(extra: Partial<TrutoToolDefinition>): TrutoTool {
  return new TrutoTool({
    name: 'update_a_box_file_metadata_by_id',
    resource: 'file_metadata',
    method: 'update',
    ...extra,
  });
}

/** Box's metadata update: a JSON-Patch document, i.e. a bare JSON array. */
const JSON_PATCH = {
  type: 'array',
  description: 'A JSON-Patch document.',
  items: {
    type: 'object',
    required: ['op', 'path'],
    properties: {
      op: { type: 'string', enum: ['add', 'replace', 'remove', 'test', 'move', 'copy'] },
      path: { type: 'string' },
      value: {},
    },
  },
};

describe('how a body that is not a set of fields reaches the model', () => {
  it('shows an array body as one argument named body, with the array schema', () => {
    const patch = tool({ body_schema: JSON_PATCH, required: ['body'] });
    const schema = patch.modelJsonSchema as { properties: Record<string, any>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['body', 'id']);
    expect(schema.properties.body.type).toBe('array');
    expect(schema.required.sort()).toEqual(['body', 'id']);
    expect(patch.validate({ id: 'f1', body: [{ op: 'replace', path: '/a', value: 1 }] })).toEqual({
      id: 'f1',
      body: [{ op: 'replace', path: '/a', value: 1 }],
    });
  });

  it('refuses what the array body schema refuses, naming the body', () => {
    const patch = tool({ body_schema: JSON_PATCH, required: ['body'] });
    for (const bad of [{ id: 'f1', body: {} }, { id: 'f1', body: [{ op: 'jump', path: '/a' }] }, { id: 'f1' }]) {
      const error = (() => {
        try {
          patch.validate(bad);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ToolInputError);
      expect((error as ToolInputError).issues[0]!.path).toMatch(/^body/);
    }
  });

  it('keeps the body optional when the tool does not list it as required', () => {
    const bulk = tool({ method: 'create', name: 'create_a_x_bulk', body_schema: JSON_PATCH });
    expect((bulk.modelJsonSchema as { required?: string[] }).required ?? []).not.toContain('body');
    expect(bulk.validate({})).toEqual({});
  });

  it('shows a scalar body and a oneOf of non-objects as body as well', () => {
    const csv = tool({ method: 'create', body_schema: { type: 'string', description: 'CSV rows.' } });
    expect((csv.modelJsonSchema as any).properties.body.type).toBe('string');
    const either = tool({
      method: 'create',
      body_schema: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] },
    });
    expect(either.validate({ body: ['a'] })).toEqual({ body: ['a'] });
    expect(either.validate({ body: 'a' })).toEqual({ body: 'a' });
    expect(() => either.validate({ body: 3 })).toThrow(ToolInputError);
  });

  it('flattens an allOf of objects, keeping every member’s required fields', () => {
    const create = tool({
      method: 'create',
      body_schema: {
        allOf: [
          { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
          { type: 'object', properties: { notes: { type: 'string' } } },
        ],
      },
    });
    const schema = create.modelJsonSchema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['name', 'notes']);
    expect(schema.required).toEqual(['name']);
    expect(() => create.validate({ notes: 'x' })).toThrow(ToolInputError);
  });

  it('lets a free-form object body take any field, and keeps an empty properties list closed', () => {
    const free = tool({ method: 'create', body_schema: { type: 'object', description: 'Any fields.' } });
    expect(free.validate({ anything: 1 })).toEqual({ anything: 1 });
    const none = tool({ method: 'create', body_schema: { type: 'object', properties: {} } });
    expect(() => none.validate({ anything: 1 })).toThrow(ToolInputError);
  });
});

describe('a union of one', () => {
  it('reads a oneOf with a single object member as that object, flattened', () => {
    const render = tool({
      method: 'render',
      name: 'pagerduty_templates_render',
      body_schema: {
        oneOf: [{ $ref: '#/$defs/Input' }],
        $defs: {
          Input: { type: 'object', properties: { incident_id: { type: 'string' } }, required: ['incident_id'] },
        },
      },
    });
    const schema = render.modelJsonSchema as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(['incident_id']);
    expect(schema.required).toEqual(['incident_id']);
    // Its one member names the fields: the body is not free-form.
    expect(() => render.validate({ incident_id: 'Q1', undocumented: 1 })).toThrow(ToolInputError);
  });
});
