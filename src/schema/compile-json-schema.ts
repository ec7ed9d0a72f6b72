import { z } from 'zod';
import { type GenerationSource, generateParser as generateJsonSchemaParser } from './codegen/generate-parser.js';
import { compileNode } from './compile-node.js';
import { createContext } from './context.js';
import { detectDialect } from './dialect.js';
import { compileOnDemand } from './jit.js';
import { resolveRef } from './refs.js';
import { type CompileOptions, DEFAULT_DIALECT, type SchemaWarning } from './types.js';

const warningsBySchema = new WeakMap<z.ZodType, readonly SchemaWarning[]>();

/**
 * Compiles a JSON Schema (2020-12, draft-07 or OpenAPI 3.0) into a zod 4 schema that validates like the JSON Schema
 * does, applies `default`s to absent properties, and converts back (through `z.toJSONSchema`) into the schema the
 * model should read. Never throws: whatever cannot be expressed accepts anything and is reported through
 * `onWarning` and {@link getCompileWarnings}.
 */
export function compileJsonSchema(schema: unknown, options: CompileOptions = {}): z.ZodType {
  const dialect = detectDialect(schema, options.dialect ?? DEFAULT_DIALECT);
  const context = createContext(schema, dialect, options);
  context.compile = (subschema, pointer) => compileNode(subschema, pointer, context);
  context.compileInPlace = (subschema, pointer) => compileNode(subschema, pointer, context, true);
  let node: z.ZodType;
  try {
    node = compileNode(schema, '', context);
  } catch (error) {
    // compileNode already contains its failures; this is the last line of the "never throws" promise.
    context.warn('', '', `could not compile the schema (${(error as Error).message}); accepting anything`);
    node = z.unknown();
  }
  const { rules, assertFormats, applyDefaults, compiled } = context;
  const source: GenerationSource = {
    schema,
    rules,
    assertFormats,
    applyDefaults,
    compiled,
    unsafe: context.generatedCodeUnsafe,
    root: node,
    resolve: (reference, from) => resolveRef(reference, from, context.index)?.schema,
    onIsland: (island) => compileOnDemand(island, options.jitAfterParses),
  };
  compileOnDemand(node, options.jitAfterParses, () => generateJsonSchemaParser(source));
  if (context.warnings.length > 0) warningsBySchema.set(node, Object.freeze([...context.warnings]));
  sizesBySchema.set(node, { expanded: context.expanded, documentObjects: context.documentObjects });
  return node;
}

const sizesBySchema = new WeakMap<z.ZodType, CompiledSize>();

/** How large a compiled schema is, written compactly (its document) and with every reference written out. */
export interface CompiledSize {
  /** Sub-schemas with every reference written out (as counted against `maxExpandedNodes`). */
  expanded: number;
  /** Objects in the source document. */
  documentObjects: number;
}

/** The sizes `compileJsonSchema` recorded for `schema`; undefined for a zod schema it did not make. */
export function getCompiledSize(schema: z.ZodType): CompiledSize | undefined {
  return sizesBySchema.get(schema);
}

/** The warnings raised while compiling `schema` (empty when it compiled exactly). */
export function getCompileWarnings(schema: z.ZodType): readonly SchemaWarning[] {
  return warningsBySchema.get(schema) ?? [];
}
