/**
 * Entries a real catalog may contain and a client must survive (`includeMalformedTool: true`): one without a name,
 * one whose schema is not an object, and one without a description (served only with `has_description=false`).
 * They are placed among the first tools so the first page already holds two of them.
 */

export const MALFORMED_TOOLS: ReadonlyArray<Record<string, unknown>> = [
  {
    description: 'An entry without a name: clients must skip it.',
    resource: 'costs',
    method: 'list',
    query_schema: { type: 'object', properties: { start_time: { type: 'integer' } } },
    required: ['start_time'],
    tags: ['usage'],
  },
  {
    name: 'get_single_open_ai_broken_thing_by_id',
    description: 'An entry whose query schema is a string instead of an object: clients must skip it.',
    resource: 'broken_things',
    method: 'get',
    query_schema: 'this should have been an object',
    required: ['id'],
    tags: ['models'],
  },
  {
    name: 'list_all_open_ai_undocumented_things',
    resource: 'undocumented_things',
    method: 'list',
    query_schema: { type: 'object', properties: { limit: { type: 'integer' }, next_cursor: { type: 'string' } } },
    required: [],
    tags: ['models'],
  },
];

/** Index in the catalog at which each malformed entry is inserted. */
export const MALFORMED_POSITIONS: readonly number[] = [1, 3, 6];
