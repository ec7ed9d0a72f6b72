/**
 * The work a schema may cost, so that a hostile catalog cannot stall the process that compiles or uses it. Three
 * budgets, all checked while compiling (never while validating):
 *
 * - **sub-schemas compiled**: every schema object compiles once (references are memoised, never expanded), so
 *   compiling costs time and memory in proportion to the schema. Past {@link DEFAULT_MAX_SCHEMA_NODES} the rest of
 *   the schema accepts anything, with one warning. Measured here: ~20 µs and ~3 KB per sub-schema.
 * - **in-place visits**: `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` and `dependentSchemas` check
 *   the same value against several sub-schemas; a sub-schema reached twice is checked twice. About 2 KB of `$ref`s
 *   doubling through `allOf` reach 2^26 checks per value. Each sub-schema's visits are counted (with repeats) as it
 *   compiles; one that exceeds the budget accepts anything instead, with a warning, and counts as one visit for the
 *   schemas above it. The budget is proportional to the schema's size: {@link VISITS_PER_SCHEMA_NODE} per schema
 *   object in the document, and at least {@link MIN_IN_PLACE_VISITS}.
 * - **written-out size**: a model reads the schema with every reference written out (LangChain's `toJsonSchema` and
 *   zod's inline them), so `$ref`s doubling through `properties` turn 2 KB into gigabytes, although validation stays
 *   proportional to the value. Each sub-schema's written-out size is counted the same way; one past
 *   {@link VISITS_PER_SCHEMA_NODE} per object of the document (at least {@link MIN_EXPANDED_NODES}) accepts anything.
 */

/** Sub-schemas compiled for one schema, at most (`CompileOptions.maxSchemaNodes`). */
export const DEFAULT_MAX_SCHEMA_NODES = 20_000;
/** Sub-schemas written out (every reference expanded), at least: `CompileOptions.maxExpandedNodes`. */
export const MIN_EXPANDED_NODES = 20_000;
/** The in-place visit budget is this many visits per object of the schema document... */
export const VISITS_PER_SCHEMA_NODE = 8;
/** ...and never less than this (`CompileOptions.maxInPlaceVisits` replaces both). */
export const MIN_IN_PLACE_VISITS = 10_000;

/**
 * Objects in a JSON document (arrays not counted), walked without recursion: a schema 100,000 levels deep is
 * counted like any other.
 */
export function countJsonObjects(root: unknown): number {
  let count = 0;
  const pending: unknown[] = [root];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    count++;
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return count;
}

/** The budgets of a schema document of `objects` objects: both proportional to its size. */
export function budgetsFor(objects: number): { inPlaceVisits: number; expandedNodes: number } {
  return {
    inPlaceVisits: Math.max(MIN_IN_PLACE_VISITS, VISITS_PER_SCHEMA_NODE * objects),
    expandedNodes: Math.max(MIN_EXPANDED_NODES, VISITS_PER_SCHEMA_NODE * objects),
  };
}
