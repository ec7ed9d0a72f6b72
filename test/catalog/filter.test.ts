import { describe, expect, it } from 'vitest';
import { compileNamePattern, filterTools, globToRegExp, type ToolFilter } from '../../src/catalog/filter.js';

const tool = (name: string, method: string, tags: string[] = [], original = name) => ({
  name,
  definition: { name: original, method, tags },
});

const TOOLS = [
  tool('list_all_open_ai_costs', 'list', ['usage', 'costs']),
  tool('list_all_open_ai_completions_usage', 'list', ['usage']),
  tool('get_single_open_ai_project_by_id', 'get', ['projects']),
  tool('create_a_open_ai_speech', 'create', ['audio']),
  tool('update_a_open_ai_project_rate_limit_by_id', 'update', ['projects']),
  tool('delete_a_open_ai_model_by_id', 'delete', ['models']),
  tool('open_ai_projects_archive', 'archive', ['projects']),
  tool('weird_name_x', 'list', [], 'weird name/x'),
];

const names = (filter: ToolFilter | undefined) => filterTools(TOOLS, filter).map((candidate) => candidate.name);

describe('name patterns', () => {
  it('treats a string without * or ? as an exact name', () => {
    expect(names({ include: ['list_all_open_ai_costs'] })).toEqual(['list_all_open_ai_costs']);
    expect(names({ include: ['list_all_open_ai'] })).toEqual([]);
  });

  it('anchors globs: *_costs matches the end, not the middle', () => {
    expect(names({ include: '*_costs' })).toEqual(['list_all_open_ai_costs']);
    expect(names({ include: ['list_all_*'] })).toEqual([
      'list_all_open_ai_costs',
      'list_all_open_ai_completions_usage',
    ]);
    expect(names({ include: ['?et_single_*'] })).toEqual(['get_single_open_ai_project_by_id']);
  });

  it('escapes regular-expression characters inside globs', () => {
    expect(globToRegExp('a.b*').test('a.bc')).toBe(true);
    expect(globToRegExp('a.b*').test('axbc')).toBe(false);
    expect(globToRegExp('(x)+').test('(x)+')).toBe(true);
  });

  it('accepts RegExps, global ones included, without skipping every other match', () => {
    const global = compileNamePattern(/_by_id$/g);
    expect([global('get_single_open_ai_project_by_id'), global('delete_a_open_ai_model_by_id')]).toEqual([true, true]);
    expect(names({ include: [/^create_|^delete_/] })).toEqual([
      'create_a_open_ai_speech',
      'delete_a_open_ai_model_by_id',
    ]);
  });

  it('matches the catalog original name as well as the provider-safe one', () => {
    expect(names({ include: ['weird name/*'] })).toEqual(['weird_name_x']);
  });
});

describe('filterTools', () => {
  it('keeps everything without a filter or with an empty one', () => {
    expect(names(undefined)).toHaveLength(TOOLS.length);
    expect(names({})).toHaveLength(TOOLS.length);
  });

  it('lets exclude win over include', () => {
    expect(names({ include: ['list_all_*'], exclude: ['*_usage'] })).toEqual(['list_all_open_ai_costs']);
  });

  it('keeps tools with any of the given tags', () => {
    expect(names({ tags: ['audio', 'models'] })).toEqual(['create_a_open_ai_speech', 'delete_a_open_ai_model_by_id']);
  });

  it("speaks Truto's method vocabulary: read, write, custom and custom method names", () => {
    expect(names({ methods: ['read'] })).toEqual([
      'list_all_open_ai_costs',
      'list_all_open_ai_completions_usage',
      'get_single_open_ai_project_by_id',
      'weird_name_x',
    ]);
    expect(names({ methods: 'write' })).toEqual([
      'create_a_open_ai_speech',
      'update_a_open_ai_project_rate_limit_by_id',
      'delete_a_open_ai_model_by_id',
    ]);
    expect(names({ methods: ['custom'] })).toEqual(['open_ai_projects_archive']);
    expect(names({ methods: ['archive', 'delete'] })).toEqual([
      'delete_a_open_ai_model_by_id',
      'open_ai_projects_archive',
    ]);
  });

  it('combines parts with AND', () => {
    expect(names({ tags: ['projects'], methods: ['read'] })).toEqual(['get_single_open_ai_project_by_id']);
    expect(names({ include: ['*_by_id'], tags: ['projects'], exclude: [/^update_/] })).toEqual([
      'get_single_open_ai_project_by_id',
    ]);
  });
});
