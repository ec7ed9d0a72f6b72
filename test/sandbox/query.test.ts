import { describe, expect, it } from 'vitest';
import { queryList } from '../../src/sandbox/params';
import { parseQuery } from '../../src/sandbox/query';

describe('parseQuery (qs brackets style)', () => {
  it('reads plain pairs, decoding percent escapes and plus signs', () => {
    expect(parseQuery('a=1&b=hello%20world&c=x+y&d=')).toEqual({ a: '1', b: 'hello world', c: 'x y', d: '' });
  });

  it('makes arrays from a[]=x&a[]=y, also when the brackets are percent-encoded', () => {
    expect(parseQuery('group_by[]=project_id&group_by[]=line_item')).toEqual({ group_by: ['project_id', 'line_item'] });
    expect(parseQuery('group_by%5B%5D=project_id&group_by%5B%5D=line_item')).toEqual({
      group_by: ['project_id', 'line_item'],
    });
  });

  it('makes an array from a repeated plain key', () => {
    expect(parseQuery('models=gpt-4o&models=o3-mini')).toEqual({ models: ['gpt-4o', 'o3-mini'] });
  });

  it('nests a[b]=c and a[b][c]=d, and turns dense indices into arrays', () => {
    expect(parseQuery('filter[status]=open&filter[owner][email]=a%40b.c')).toEqual({
      filter: { status: 'open', owner: { email: 'a@b.c' } },
    });
    expect(parseQuery('ids[1]=b&ids[0]=a')).toEqual({ ids: ['a', 'b'] });
    expect(parseQuery('list[][name]=x')).toEqual({ list: [{ name: 'x' }] });
  });

  it('keeps keys with unbalanced brackets literally and ignores prototype keys', () => {
    expect(parseQuery('a[b=1&__proto__[polluted]=yes&constructor[x]=1')).toEqual({ 'a[b': '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a stray percent sign instead of failing', () => {
    expect(parseQuery('q=100%')).toEqual({ q: '100%' });
  });

  it('lets list parameters come as brackets, repeats, indices or comma lists', () => {
    for (const raw of ['g[]=a&g[]=b', 'g=a&g=b', 'g[0]=a&g[1]=b', 'g=a,b', 'g=a%2Cb']) {
      expect(queryList(parseQuery(raw), 'g')).toEqual(['a', 'b']);
    }
  });
});
