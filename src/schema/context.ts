import type { z } from 'zod';
import { type DialectRules, dialectRules } from './dialect.js';
import { indexSchema, type SchemaIndex } from './refs.js';
import type { CompileOptions, Dialect, SchemaWarning } from './types.js';

/** Everything one `compileJsonSchema` call shares while it walks the schema. */
export interface CompileContext {
  dialect: Dialect;
  rules: DialectRules;
  assertFormats: boolean;
  /** Built on first use: schemas without `$ref` never pay for walking the document. */
  readonly index: SchemaIndex;
  /** Compiled nodes by schema object, so shared `$defs` compile once and recursion can close through `z.lazy`. */
  compiled: Map<object, z.ZodType>;
  /** Schema objects being compiled right now: meeting one again means a recursive reference. */
  inProgress: Set<object>;
  warnings: SchemaWarning[];
  warn(path: string, keyword: string, message: string): void;
  /** Compiles a sub-schema found at `pointer` (set by the entry point; keyword modules recurse through it). */
  compile(schema: unknown, pointer: string): z.ZodType;
}

export function createContext(
  root: unknown,
  dialect: Dialect,
  options: Pick<CompileOptions, 'assertFormats' | 'onWarning'>,
): CompileContext {
  const { onWarning } = options;
  const warnings: SchemaWarning[] = [];
  let index: SchemaIndex | undefined;
  return {
    dialect,
    rules: dialectRules(dialect),
    assertFormats: options.assertFormats ?? true,
    get index() {
      index ??= indexSchema(root, dialect);
      return index;
    },
    compiled: new Map(),
    inProgress: new Set(),
    warnings,
    compile: () => {
      throw new Error('compile is installed by compileJsonSchema');
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
