/**
 * Catalog data in the request path (issue 16, item 10): a hostile catalog's `resource` or custom `method` with dot
 * segments (`../../admin/keys`, `./things`, `..`) is refused before anything is sent, the Bearer header included;
 * whatever else it holds (`%2e%2e` written out, backslashes, `/` inside a method) is encoded so that a WHATWG URL
 * parser reads the path exactly as sent, below `/proxy/`. Every tool of such a catalog gets `unsafePath` in its plan.
 */
import { TrutoConfigError } from 'truto-langchainjs-toolset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDotSegment } from '../../src/http/path-segments.js';
import { describeUnsafeCatalogPath, planArguments } from '../../src/invoke/argument-plan.js';
import { type HostileTruto, startHostileTruto } from './hostile-truto.js';

function tool(name: string, resource: string, method: string): Record<string, unknown> {
  return {
    name,
    description: `A hostile ${method} on ${resource}.`,
    resource,
    method,
    query_schema: { type: 'object', properties: { id: { type: 'string' } } },
  };
}

/** Tools whose path has a dot segment as written: never sent. */
const REFUSED = [
  tool('list_admin_keys', '../../admin/keys', 'list'),
  tool('list_parent', 'things/..', 'list'),
  tool('list_dot', './things', 'list'),
  tool('custom_parent', 'things', '..'),
  tool('get_up', '../integrated-account', 'get'),
];

/** Tools whose odd catalog data is encoded into one segment: sent, but read by a URL parser exactly as sent. */
const ENCODED = [
  tool('list_backslashes', 'a\\..\\b', 'list'),
  tool('custom_slashes', 'things', 'archive/../../x'),
  tool('list_encoded_dots', '%2e%2e/admin', 'list'),
  tool('list_double_encoded', 'things/%252e%252e/admin', 'list'),
  tool('list_semicolon', '..;/admin', 'list'),
  tool('list_control', 'things/\u0000x', 'list'),
];

const LEGITIMATE = [
  tool('list_conversations', 'conversations.list', 'list'),
  tool('list_users_v1', 'v1.0/users', 'list'),
  tool('list_users_json', 'users.json', 'list'),
  tool('list_dots_inside', 'a..b/...', 'list'),
  tool('custom_archive', 'projects', 'archive'),
  // Names of Object.prototype members are custom methods like any other: POST /proxy/projects/constructor.
  tool('custom_constructor', 'projects', 'constructor'),
];

let truto: HostileTruto;
beforeAll(async () => {
  truto = await startHostileTruto([...REFUSED, ...ENCODED, ...LEGITIMATE]);
  truto.handle = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  };
});
afterAll(() => truto.close());

describe('a hostile catalog resource or method', () => {
  it.each(REFUSED.map((entry) => [entry.name as string, entry]))(
    '%s: refused with a TrutoConfigError, nothing sent',
    async (name, entry) => {
      const manager = truto.manager({ errorMode: 'return' });
      const before = truto.requests.length;
      const args = entry.method === 'get' ? { id: 'x' } : {};
      const error = await manager.invoke(name, args).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TrutoConfigError);
      expect((error as Error).message).toMatch(/Nothing was sent/);
      // The catalog may be fetched; no other request (so no Authorization header) left for this call.
      expect(truto.requests.slice(before).filter((request) => !request.url.includes('/tools'))).toEqual([]);
      // A model sees it as an error result, not a crash.
      const forModel = await manager.invokeForModel(name, args);
      expect(forModel.isError).toBe(true);
    },
  );

  it.each(ENCODED.map((entry) => [entry.name as string, entry]))(
    '%s: sent as one encoded path that a URL parser does not rewrite',
    async (name) => {
      const before = truto.proxyRequests().length;
      await truto.manager().invoke(name, {});
      const [sent] = truto.proxyRequests().slice(before);
      expect(sent).toBeDefined();
      const raw = sent!.url.split('?')[0]!;
      expect(raw.startsWith('/proxy/')).toBe(true);
      expect(new URL(raw, 'http://truto.example').pathname).toBe(raw);
      expect(findDotSegment(raw)).toBeUndefined();
    },
  );

  it.each(LEGITIMATE.map((entry) => [entry.name as string, entry]))(
    '%s: an ordinary path, sent',
    async (name, entry) => {
      const before = truto.proxyRequests().length;
      await truto.manager().invoke(name, {});
      const sent = truto.proxyRequests().slice(before);
      expect(sent).toHaveLength(1);
      const custom = !['list', 'get', 'create', 'update', 'delete'].includes(entry.method as string);
      if (custom) {
        expect(sent[0]!.method).toBe('POST');
        expect(sent[0]!.url.split('?')[0]).toBe(`/proxy/${entry.resource as string}/${entry.method as string}`);
      }
    },
  );
});

describe('describeUnsafeCatalogPath and the plan', () => {
  it('names the problem of every hostile entry and sets unsafePath in its plan', () => {
    for (const entry of [...REFUSED, ...ENCODED]) {
      const definition = { ...entry, required: [], tags: [] } as unknown as Parameters<typeof planArguments>[0];
      const problem = describeUnsafeCatalogPath(definition);
      expect(problem, entry.name as string).toBeDefined();
      expect(planArguments(definition).unsafePath).toBe(problem);
    }
  });

  it('passes ordinary resources and methods, dots inside names included', () => {
    for (const entry of LEGITIMATE) {
      const definition = { ...entry, required: [], tags: [] } as unknown as Parameters<typeof planArguments>[0];
      expect(describeUnsafeCatalogPath(definition), entry.name as string).toBeUndefined();
      expect(planArguments(definition).unsafePath).toBeUndefined();
    }
  });
});

describe('findDotSegment (the HTTP client’s last check)', () => {
  it('finds the segments a WHATWG parser resolves, and only those', () => {
    for (const path of ['/proxy/../x', '/proxy/./x', '/proxy/x/..', '/proxy/%2e%2E/x', '/proxy/.%2e', '/proxy/%2E']) {
      expect(findDotSegment(path), path).toBeDefined();
      expect(new URL(path, 'http://truto.example').pathname).not.toBe(path);
    }
    for (const path of ['/proxy/x', '/proxy/a..b', '/proxy/...', '/proxy/%252e%252e', '/proxy/..%2Fx', '/proxy/.x']) {
      expect(findDotSegment(path), path).toBeUndefined();
      expect(new URL(path, 'http://truto.example').pathname).toBe(path);
    }
  });
});
