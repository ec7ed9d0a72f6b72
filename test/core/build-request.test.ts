import { describe, expect, it } from 'vitest';
import type { TrutoToolDefinition } from '../../src/catalog/tool-definition.js';
import { encodeQuery } from '../../src/http/query-string.js';
import { planArguments } from '../../src/invoke/argument-plan.js';
import { buildProxyRequest } from '../../src/invoke/build-request.js';

const account = 'acct-1';

function tool(method: string, extra: Partial<TrutoToolDefinition> = {}): TrutoToolDefinition {
  return {
    name: `tool_${method}`,
    resource: 'projects',
    method,
    query_schema: { type: 'object', properties: { limit: { type: 'integer' }, include_archived: { type: 'boolean' } } },
    body_schema: { type: 'object', properties: { name: { type: 'string' } } },
    ...extra,
  };
}

describe('planArguments and buildProxyRequest', () => {
  it.each([
    ['list', 'GET', '/proxy/projects'],
    ['get', 'GET', '/proxy/projects/p1'],
    ['create', 'POST', '/proxy/projects'],
    ['update', 'PATCH', '/proxy/projects/p1'],
    ['delete', 'DELETE', '/proxy/projects/p1'],
    ['archive', 'POST', '/proxy/projects/archive'],
  ])('maps %s to %s %s', (method, httpMethod, path) => {
    const plan = planArguments(tool(method));
    const request = buildProxyRequest(plan, plan.idInPath ? { id: 'p1', limit: 5 } : { limit: 5 }, account);
    expect(request.method).toBe(httpMethod);
    expect(request.path).toBe(path);
    expect(request.query).toEqual({ integrated_account_id: account, limit: 5 });
  });

  it('sends query-schema arguments in the query and body-schema arguments in the body', () => {
    const request = buildProxyRequest(planArguments(tool('create')), { limit: 3, name: 'Prod' }, account);
    expect(request.query).toEqual({ integrated_account_id: account, limit: 3 });
    expect(request.body).toEqual({ name: 'Prod' });
  });

  it('sends no body for GET and DELETE without body arguments, and an empty object for writes', () => {
    expect(buildProxyRequest(planArguments(tool('list')), { limit: 1 }, account).body).toBeUndefined();
    expect(buildProxyRequest(planArguments(tool('delete')), { id: '1' }, account).body).toBeUndefined();
    expect(buildProxyRequest(planArguments(tool('create')), {}, account).body).toEqual({});
  });

  it('never drops a body argument of a GET or DELETE: it travels as a JSON body', () => {
    expect(buildProxyRequest(planArguments(tool('list')), { name: 'x' }, account).body).toEqual({ name: 'x' });
    const cancel = tool('delete', {
      body_schema: {
        type: 'object',
        properties: { proration_behavior: { type: 'string' }, clear_usage: { type: 'boolean' } },
      },
    });
    const request = buildProxyRequest(
      planArguments(cancel),
      { id: 'sub_1', proration_behavior: 'none', clear_usage: true },
      account,
    );
    expect(request).toMatchObject({ method: 'DELETE', path: '/proxy/projects/sub_1' });
    expect(request.body).toEqual({ proration_behavior: 'none', clear_usage: true });
  });

  it('refuses, naming it, an argument no schema places (rather than sending the call without it)', () => {
    expect(() => buildProxyRequest(planArguments(tool('list')), { stray: 1 }, account, 't')).toThrowError(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'stray' })] }),
    );
  });

  it('sends a whole-body argument as the bare body: an array, a string, a union', () => {
    const patch = tool('update', {
      body_schema: { type: 'array', items: { type: 'object', properties: { op: { type: 'string' } } } },
    });
    const plan = planArguments(patch);
    expect(plan.bodyArgument).toBe('body');
    const operations = [{ op: 'add', path: '/a', value: 1 }];
    expect(buildProxyRequest(plan, { id: 'm1', body: operations }, account).body).toBe(operations);
    // Not given: nothing is sent, not an object the endpoint would refuse.
    expect(buildProxyRequest(plan, { id: 'm1' }, account).body).toBeUndefined();
    const csv = planArguments(tool('create', { body_schema: { type: 'string' } }));
    expect(buildProxyRequest(csv, { body: 'a,b\n1,2' }, account).body).toBe('a,b\n1,2');
  });

  it('names the whole-body argument request_body when the query already has a body field', () => {
    const clash = tool('create', {
      query_schema: { type: 'object', properties: { body: { type: 'string' } } },
      body_schema: { type: 'array', items: { type: 'string' } },
    });
    const plan = planArguments(clash);
    expect(plan.bodyArgument).toBe('request_body');
    const request = buildProxyRequest(plan, { body: 'q', request_body: ['x'] }, account);
    expect(request.query.body).toBe('q');
    expect(request.body).toEqual(['x']);
  });

  it('flattens an allOf body into fields', () => {
    const plan = planArguments(
      tool('create', {
        body_schema: {
          allOf: [{ type: 'object', properties: { name: { type: 'string' } } }, { $ref: '#/$defs/Extra' }],
          $defs: { Extra: { type: 'object', properties: { color: { type: 'string' } } } },
        },
      }),
    );
    expect(plan.bodyArgument).toBeUndefined();
    expect(buildProxyRequest(plan, { name: 'n', color: 'red', limit: 2 }, account)).toMatchObject({
      body: { name: 'n', color: 'red' },
      query: { limit: 2 },
    });
  });

  it('keeps an id with slashes, dots or a question mark inside one path segment', () => {
    const plan = planArguments(tool('get'));
    expect(buildProxyRequest(plan, { id: '../../integrated-account/x?y=1' }, account).path).toBe(
      '/proxy/projects/..%2F..%2Fintegrated-account%2Fx%3Fy%3D1',
    );
    expect(buildProxyRequest(plan, { id: 'ft:gpt-4o-mini:acme:custom:abc123' }, account).path).toBe(
      '/proxy/projects/ft%3Agpt-4o-mini%3Aacme%3Acustom%3Aabc123',
    );
  });

  it('never lets an argument override the integrated account', () => {
    const definition = tool('list', {
      query_schema: { type: 'object', properties: { integrated_account_id: { type: 'string' } } },
    });
    const request = buildProxyRequest(planArguments(definition), { integrated_account_id: 'other' }, account);
    expect(request.query.integrated_account_id).toBe(account);
  });

  it('sends an argument both schemas define to both places', () => {
    const definition = tool('create', {
      query_schema: { type: 'object', properties: { project_id: { type: 'string' } } },
      body_schema: { type: 'object', properties: { project_id: { type: 'string' } } },
    });
    const request = buildProxyRequest(planArguments(definition), { project_id: 'p' }, account);
    expect(request.query.project_id).toBe('p');
    expect(request.body).toEqual({ project_id: 'p' });
  });

  it('stores a __proto__ argument as a plain key without touching prototypes', () => {
    const definition = tool('create', { body_schema: { type: 'object', additionalProperties: true } });
    const args = JSON.parse('{"__proto__": {"polluted": true}}');
    const request = buildProxyRequest(planArguments(definition), args, account);
    expect(Object.getPrototypeOf(request.body)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(request.body)).toBe('{"__proto__":{"polluted":true}}');
  });
});

describe('encodeQuery', () => {
  it('encodes arrays with brackets, nested objects with bracketed keys, and leaves out null and undefined', () => {
    expect(
      encodeQuery({
        a: 1,
        group_by: ['project_id', 'line_item'],
        filter: { model: 'gpt-4o' },
        skip: null,
        gone: undefined,
      }),
    ).toBe('a=1&group_by%5B%5D=project_id&group_by%5B%5D=line_item&filter%5Bmodel%5D=gpt-4o');
  });

  it('percent-encodes reserved characters in values', () => {
    expect(encodeQuery({ q: 'a&b=c d' })).toBe('q=a%26b%3Dc%20d');
  });

  it('encodes the first pair afresh whenever its key or value changes (it is reused only while both stay)', () => {
    const accounts = ['acct-1', 'acct 2', 'acct-1'];
    expect(accounts.map((id) => encodeQuery({ integrated_account_id: id, limit: 2 }))).toEqual([
      'integrated_account_id=acct-1&limit=2',
      'integrated_account_id=acct%202&limit=2',
      'integrated_account_id=acct-1&limit=2',
    ]);
    expect(encodeQuery({ other_key: 'acct-1' })).toBe('other_key=acct-1');
    expect(encodeQuery({ integrated_account_id: '' })).toBe('integrated_account_id=');
  });
});

describe('tool argument schemas', () => {
  it('shows defaults to the model but sends only what the caller gave, on both validation paths', async () => {
    const { TrutoTool } = await import('../../src/catalog/truto-tool.js');
    const tool = new TrutoTool({
      name: 'create_a_open_ai_image_generation',
      resource: 'image_generations',
      method: 'create',
      body_schema: {
        type: 'object',
        properties: {
          prompt: { type: 'string' },
          size: { type: 'string', enum: ['auto', '256x256', '1024x1024'], default: 'auto' },
          n: { type: 'integer', default: 1 },
        },
      },
      required: ['prompt'],
    });
    expect(JSON.stringify(tool.modelJsonSchema)).toContain('"default":"auto"');
    // The compiled validator switches to generated code after a few parses: both paths must agree.
    for (let parse = 0; parse < 20; parse++) {
      expect(tool.validate({ prompt: 'a cat' })).toEqual({ prompt: 'a cat' });
    }
    expect(tool.validate({ prompt: 'a cat', size: '256x256' })).toEqual({ prompt: 'a cat', size: '256x256' });
  });

  it('reads nullable and discriminator as OpenAPI 3.0 keywords in tool schemas', async () => {
    const { TrutoTool } = await import('../../src/catalog/truto-tool.js');
    const tool = new TrutoTool({
      name: 'update_a_thing_by_id',
      resource: 'things',
      method: 'update',
      body_schema: { type: 'object', properties: { priority: { type: 'integer', nullable: true } } },
    });
    expect(tool.validate({ id: 'x', priority: null })).toEqual({ id: 'x', priority: null });
    expect(tool.validate({ id: 'x', priority: 2 })).toEqual({ id: 'x', priority: 2 });
    expect(() => tool.validate({ id: 'x', priority: 'high' })).toThrow(/priority/);
  });
});

describe('query parameters named with their brackets', () => {
  it('sends include[] as include[]=x, not include[][]=x', () => {
    expect(encodeQuery({ 'include[]': ['privileges', 'teams'], ids: ['a'] })).toBe(
      'include%5B%5D=privileges&include%5B%5D=teams&ids%5B%5D=a',
    );
  });
});

describe('the id of a record', () => {
  it('goes in the path, and also in the body when the body declares an id field', () => {
    const withBodyId = planArguments({
      name: 'update_a_x_widget_by_id',
      resource: 'widgets',
      method: 'update',
      query_schema: { type: 'object', properties: { id: { type: 'string' } } },
      body_schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    });
    const request = buildProxyRequest(withBodyId, { id: 'w1', name: 'n' }, 'acct');
    expect(request.path).toBe('/proxy/widgets/w1');
    expect(request.body).toEqual({ id: 'w1', name: 'n' });
    expect(request.query).toEqual({ integrated_account_id: 'acct' });
  });
});
