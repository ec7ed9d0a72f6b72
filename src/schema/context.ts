import type { z } from 'zod';
import { budgetsFor, countJsonObjects, DEFAULT_MAX_SCHEMA_NODES } from './budget.js';
import { type DialectRules, dialectRules } from './dialect.js';
import { indexSchema, type SchemaIndex } from './refs.js';
import type { CompileOptions, Dialect, SchemaWarning } from './types.js';

/** Everything one `compileJsonSchema` call shares while it walks the schema. */
export interface CompileContext {
  dialect: Dialect;
  rules: DialectRules;
  assertFormats: boolean;
  /** Whether parsing fills absent optional properties with their `default`. */
  applyDefaults: boolean;
  /** Built on first use: schemas without `$ref` never pay for walking the document. */
  readonly index: SchemaIndex;
  /** Compiled nodes by schema object, so shared `$defs` compile once and recursion can close through `z.lazy`. */
  compiled: Map<object, z.ZodType>;
  /** Schema objects being compiled right now: meeting one again means a recursive reference. */
  inProgress: Set<object>;
  /** The schemas the current one was reached from without descending into the value (see `compileNode`). */
  inPlaceChain: Set<object>;
  /** The schema object whose own keywords are being compiled. */
  current: object | undefined;
  /** For each schema, the schemas it validates the same value with (`$ref`, `allOf`, ...). */
  inPlaceTargets: Map<object, Set<object>>;
  /** Schemas on a reference loop: the runtime relaxes them, so generated code must leave them to it. */
  generatedCodeUnsafe: WeakSet<object>;
  /** Sub-schemas compiled so far, and how many may be (see budget.ts). */
  schemaNodes: number;
  readonly maxSchemaNodes: number;
  /** In-place visits (with repeats) of the schema object being compiled, so far. */
  visits: number;
  /** How many in-place visits one value costs, per compiled schema object. */
  visitsBySchema: Map<object, number>;
  readonly maxInPlaceVisits: number;
  /** Sub-schemas of the schema object being compiled once written out, so far; and per compiled schema object. */
  expanded: number;
  expandedBySchema: Map<object, number>;
  readonly maxExpandedNodes: number;
  /** Objects in the schema document: what the budgets are proportional to. */
  readonly documentObjects: number;
  warnings: SchemaWarning[];
  warn(path: string, keyword: string, message: string): void;
  /** Compiles a sub-schema that validates a part of the value (`properties`, `items`, ...). */
  compile(schema: unknown, pointer: string): z.ZodType;
  /** Compiles a sub-schema that validates the same value (`$ref`, `allOf`, `not`, `dependentSchemas`, ...). */
  compileInPlace(schema: unknown, pointer: string): z.ZodType;
}

export function createContext(
  root: unknown,
  dialect: Dialect,
  options: Pick<
    CompileOptions,
    'assertFormats' | 'applyDefaults' | 'onWarning' | 'maxSchemaNodes' | 'maxInPlaceVisits' | 'maxExpandedNodes'
  >,
): CompileContext {
  const { onWarning } = options;
  const documentObjects = countJsonObjects(root);
  const budgets = budgetsFor(documentObjects);
  const warnings: SchemaWarning[] = [];
  let index: SchemaIndex | undefined;
  return {
    dialect,
    rules: dialectRules(dialect),
    assertFormats: options.assertFormats ?? true,
    applyDefaults: options.applyDefaults ?? true,
    get index() {
      index ??= indexSchema(root, dialect);
      return index;
    },
    compiled: new Map(),
    inProgress: new Set(),
    inPlaceChain: new Set(),
    current: undefined,
    inPlaceTargets: new Map(),
    generatedCodeUnsafe: new WeakSet(),
    schemaNodes: 0,
    maxSchemaNodes: options.maxSchemaNodes ?? DEFAULT_MAX_SCHEMA_NODES,
    visits: 0,
    visitsBySchema: new Map(),
    documentObjects,
    maxInPlaceVisits: options.maxInPlaceVisits ?? budgets.inPlaceVisits,
    expanded: 0,
    expandedBySchema: new Map(),
    maxExpandedNodes: options.maxExpandedNodes ?? budgets.expandedNodes,
    warnings,
    compile: () => {
      throw new Error('compile is installed by compileJsonSchema');
    },
    compileInPlace: () => {
      throw new Error('compileInPlace is installed by compileJsonSchema');
    },
    warn(path, keyword, message) {
      const warning = { path, keyword, message };
      warnings.push(warning);
      // A throwing callback must not turn a warning into a failed compile.
      try {
        onWarning?.(warning);
      } catch {}
    },
  };
}
