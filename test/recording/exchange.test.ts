/** Pure parts of a recording: the query as qs reads it, the Truto path, the tool a request belongs to. */
import { describe, expect, it } from 'vitest';
import { encodeQuery } from '../../src/http/query-string.js';
import { recordedResponseBytes, splitTrutoUrl } from '../../src/recording/exchange.js';
import { parseQueryString } from '../../src/recording/query.js';
import { createToolRouteLookup } from '../../src/recording/tool-routes.js';

describe('queries', () => {
  it('reads back exactly what the SDK encodes (brackets, arrays, nesting), values as strings', () => {
    const sent = {
      integrated_account_id: 'acc',
      limit: 10,
      group_by: ['project_id', 'line_item'],
      filter: { status: 'open', owner: { email: 'a+b@example.com' } },
      flag: true,
      text: 'a b&c=d',
    };
    expect(parseQueryString(encodeQuery(sent))).toEqual({
      integrated_account_id: 'acc',
      limit: '10',
      group_by: ['project_id', 'line_item'],
      filter: { status: 'open', owner: { email: 'a+b@example.com' } },
      flag: 'true',
      text: 'a b&c=d',
    });
  });

  it('follows qs: indices make arrays up to 20, repeated keys make arrays, + is a space, prototype keys dropped', () => {
    expect(parseQueryString('?a[1]=y&a[0]=x&b=1&b=2&c=one+two&__proto__[x]=1&d[21]=z&0=root')).toEqual({
      a: ['x', 'y'],
      b: ['1', '2'],
      c: 'one two',
      d: { '21': 'z' },
      '0': 'root',
    });
  });
});

describe('splitTrutoUrl', () => {
  it('keeps the Truto path as sent (below any base path) and drops integrated_account_id', () => {
    expect(
      splitTrutoUrl('https://api.example.com/truto/proxy/models/ft%3Agpt-4o?integrated_account_id=acc&x=1'),
    ).toEqual({
      path: '/proxy/models/ft%3Agpt-4o',
      query: { x: '1' },
    });
    expect(splitTrutoUrl('/proxy/tasks?integrated_account_id=acc')).toEqual({ path: '/proxy/tasks', query: {} });
  });
});

describe('recorded answers', () => {
  it('are parsed by content type: JSON, text, binary left out, broken JSON kept as text', () => {
    expect(recordedResponseBytes('application/json; charset=utf-8', Buffer.from('{"a":1}'))).toEqual({
      body: { a: 1 },
    });
    expect(recordedResponseBytes('text/plain', Buffer.from('hi'))).toEqual({ body: 'hi' });
    expect(recordedResponseBytes('audio/mpeg', Buffer.from([1, 2]))).toEqual({ bodyOmitted: 'binary' });
    expect(recordedResponseBytes('application/json', Buffer.from('<html>'))).toEqual({ body: '<html>' });
    expect(recordedResponseBytes('application/json', Buffer.alloc(0))).toEqual({});
  });
});

describe('which tool a request belongs to', () => {
  const lookup = createToolRouteLookup([
    { name: 'list_all_projects', resource: 'projects', method: 'list' },
    { name: 'get_single_project_by_id', resource: 'projects', method: 'get' },
    { name: 'projects_archive', resource: 'projects', method: 'archive' },
    { name: 'update_a_project_by_id', resource: 'projects', method: 'update' },
    { name: 'list_all_project_tasks', resource: 'projects/tasks', method: 'list' },
    { name: 'create_a_transcription', resource: 'audio/transcriptions', method: 'create' },
  ]);

  it('maps CRUD and custom methods to their tools, an exact path before a path with an id', () => {
    expect(lookup('GET', '/proxy/projects')).toBe('list_all_projects');
    expect(lookup('GET', '/proxy/projects/proj_1')).toBe('get_single_project_by_id');
    expect(lookup('GET', '/proxy/projects/tasks')).toBe('list_all_project_tasks');
    expect(lookup('POST', '/proxy/projects/archive')).toBe('projects_archive');
    expect(lookup('patch', '/proxy/projects/proj_1')).toBe('update_a_project_by_id');
    expect(lookup('POST', '/proxy/audio/transcriptions')).toBe('create_a_transcription');
  });

  it('names no tool for requests no tool makes', () => {
    expect(lookup('DELETE', '/proxy/projects/proj_1')).toBeUndefined();
    expect(lookup('GET', '/proxy/unknown')).toBeUndefined();
    expect(lookup('GET', '/proxy/projects/')).toBeUndefined();
  });
});
