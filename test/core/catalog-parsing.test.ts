import { describe, expect, it } from 'vitest';
import { parseToolDefinition } from '../../src/catalog/parse-tool-definition.js';
import { mergeToolInputSchema } from '../../src/catalog/tool-input-schema.js';
import { TrutoConfigError } from '../../src/errors/index.js';
import { resolveOptions } from '../../src/manager/options.js';

describe('parseToolDefinition', () => {
  it('accepts a minimal tool and fills in empty lists', () => {
    const parsed = parseToolDefinition({ name: 'list_all_x', resource: 'x', method: 'list' });
    expect(parsed).toMatchObject({ ok: true, tool: { name: 'list_all_x', required: [], tags: [] } });
  });

  it.each([
    [null, 'not an object'],
    [{ resource: 'x', method: 'list' }, 'missing "name"'],
    [{ name: 'a', method: 'list' }, 'no "resource"'],
    [{ name: 'a', resource: 'x' }, 'no "method"'],
    [{ name: 'a', resource: 'x', method: 'list', query_schema: 'oops' }, 'query_schema that is not an object'],
    [{ name: 'a', resource: 'x', method: 'list', body_schema: { properties: [] } }, 'body_schema.properties'],
    [{ name: 'a', resource: 'x', method: 'list', required: 'id' }, '"required"'],
  ])('rejects %j with a reason', (raw, reason) => {
    const parsed = parseToolDefinition(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('mergeToolInputSchema', () => {
  it('merges both schemas, keeps descriptions and drops required names no schema defines', () => {
    const merged = mergeToolInputSchema(
      {
        name: 't',
        resource: 'r',
        method: 'create',
        query_schema: { type: 'object', properties: { a: { type: 'string', description: 'A' } } },
        body_schema: { type: 'object', properties: { b: { type: 'integer' } } },
        required: ['a', 'ghost'],
      },
      { idInPath: false },
    );
    expect(merged).toEqual({
      type: 'object',
      properties: { a: { type: 'string', description: 'A' }, b: { type: 'integer' } },
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('adds a required id for tools whose id travels in the path', () => {
    const merged = mergeToolInputSchema({ name: 't', resource: 'r', method: 'get' }, { idInPath: true });
    expect(merged.required).toEqual(['id']);
    expect(merged.properties).toHaveProperty('id');
  });
});

describe('resolveOptions', () => {
  it('reads the key from TRUTO_API_KEY, then TRUTO_API_TOKEN, and the base URL from TRUTO_API_BASE_URL', () => {
    expect(resolveOptions({ integratedAccountId: 'a' }, { TRUTO_API_TOKEN: 'token' }).apiKey).toBe('token');
    expect(
      resolveOptions({ integratedAccountId: 'a' }, { TRUTO_API_KEY: 'key', TRUTO_API_TOKEN: 'token' }).apiKey,
    ).toBe('key');
    expect(resolveOptions({ integratedAccountId: 'a', apiKey: 'k' }, {}).baseUrl).toBe('https://api.truto.one');
    expect(
      resolveOptions({ integratedAccountId: 'a', apiKey: 'k' }, { TRUTO_API_BASE_URL: 'http://x.test' }).baseUrl,
    ).toBe('http://x.test');
  });

  it('fails at construction without a key or an account, saying how to fix it', () => {
    expect(() => resolveOptions({ integratedAccountId: 'a' }, {})).toThrow(TrutoConfigError);
    expect(() => resolveOptions({ integratedAccountId: 'a' }, {})).toThrow(/apiKey.*TRUTO_API_KEY/);
    expect(() => resolveOptions({ apiKey: 'k' }, {})).toThrow(/integratedAccountId/);
    expect(() => resolveOptions({ apiKey: 'k', integratedAccountId: 'a', baseUrl: 'ftp://x' }, {})).toThrow(/baseUrl/);
    expect(() => resolveOptions({ apiKey: 'k', integratedAccountId: 'a', timeZone: 'Mars/Olympus' }, {})).toThrow(
      /timeZone/,
    );
    expect(resolveOptions({ apiKey: 'k', integratedAccountId: 'a', timeZone: 'America/New_York' }, {}).apiKey).toBe(
      'k',
    );
  });

  it('accepts methods and tags as lists or comma-joined strings', () => {
    const resolved = resolveOptions(
      { apiKey: 'k', integratedAccountId: 'a', methods: 'list, get', tags: ['usage'] },
      {},
    );
    expect(resolved.methods).toEqual(['list', 'get']);
    expect(resolved.tags).toEqual(['usage']);
  });
});
