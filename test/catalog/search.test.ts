import { describe, expect, it } from 'vitest';
import { searchTools } from '../../src/catalog/search.js';
import { OPENAI_TOOLS } from '../../src/sandbox/tools/openai-tools.js';
import { createSyntheticTools } from '../../src/sandbox/tools/synthetic-tools.js';

const CATALOG = [...OPENAI_TOOLS, ...createSyntheticTools(1000)].map((definition) => ({
  name: definition.name,
  description: definition.description ?? '',
}));

const top = (query: string, limit = 3) => searchTools(CATALOG, query, { limit }).map((hit) => hit.tool.name);

describe('searchTools', () => {
  it('finds the seed hero tools from the words a model would use', () => {
    expect(top('openai costs')[0]).toBe('list_all_open_ai_costs');
    expect(top('transcribe audio')[0]).toBe('create_a_open_ai_transcription');
    expect(top('project rate limits')[0]).toBe('list_all_open_ai_project_rate_limits');
    expect(top('image generation')[0]).toBe('create_a_open_ai_image_generation');
    expect(top('text to speech')).toContain('create_a_open_ai_speech');
  });

  it('ignores plural endings and Truto filler words', () => {
    expect(top('cost')[0]).toBe('list_all_open_ai_costs');
    expect(top('list all the costs')[0]).toBe('list_all_open_ai_costs');
  });

  it('still ranks a wordy query by the words that match', () => {
    expect(top('openai costs for last week')[0]).toBe('list_all_open_ai_costs');
  });

  it('ranks tools matching every word above those matching some', () => {
    const hits = searchTools(CATALOG, 'archive projects', { limit: 5 });
    expect(hits[0]!.tool.name).toBe('open_ai_projects_archive');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('honours the limit, defaults to 10 and returns nothing for unknown words', () => {
    expect(searchTools(CATALOG, 'widgets', { limit: 4 })).toHaveLength(4);
    expect(searchTools(CATALOG, 'widgets')).toHaveLength(10);
    expect(searchTools(CATALOG, 'zzzqqq')).toEqual([]);
  });

  it('returns the first tools for an empty query', () => {
    expect(searchTools(CATALOG, '  ', { limit: 2 }).map((hit) => hit.tool.name)).toEqual([
      CATALOG[0]!.name,
      CATALOG[1]!.name,
    ]);
  });
});
