export { compileJsonSchema, getCompileWarnings } from './compile-json-schema.js';
export { SUPPORTED_FORMATS } from './formats.js';
export { DEFAULT_JIT_AFTER_PARSES } from './jit.js';
export { type ModelJsonSchemaOptions, toModelJsonSchema } from './model-json-schema.js';
export { type CompileOptions, DEFAULT_DIALECT, type Dialect, type JsonSchema, type SchemaWarning } from './types.js';
