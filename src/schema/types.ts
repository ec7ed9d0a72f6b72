/** The JSON Schema flavours the compiler understands. `$schema` in the schema itself wins over the option. */
export type Dialect = '2020-12' | 'draft-07' | 'openapi-3.0';

/** Something in a schema the compiler could not express exactly; the sub-schema at `path` accepts anything instead. */
export interface SchemaWarning {
  /** JSON pointer of the sub-schema inside the compiled schema (`''` for the root, `/properties/foo`). */
  path: string;
  /** The keyword that was not honoured (`$ref`, `pattern`, `unevaluatedProperties`, ...). */
  keyword: string;
  message: string;
}

export interface CompileOptions {
  /**
   * Which rules apply when the schema has no `$schema` of its own.
   * @default '2020-12'
   */
  dialect?: Dialect;
  /**
   * Check `format` (date-time, email, uuid, ...) rather than only pass it on to the model. JSON Schema 2020-12 makes
   * format an annotation unless asked; tool arguments are better checked.
   * @default true
   */
  assertFormats?: boolean;
  /**
   * Fill absent optional properties with their `default` when parsing. Turn it off where the parsed value is sent
   * on to an API that applies its own defaults: the model still sees every `default` in the JSON Schema, but only
   * what it chose is sent (a spec's documented default can be invalid in context, like OpenAI's image
   * `size: "auto"` for dall-e-2).
   * @default true
   */
  applyDefaults?: boolean;
  /**
   * After this many parses the schema validates through zod's generated code (`z.compile`), several times faster.
   * Generating it costs about as much as compiling, so tools called only a few times never pay for it. `0`
   * generates on the first parse, `Infinity` never does.
   * @default 8
   */
  jitAfterParses?: number;
  /**
   * Most sub-schemas compiled for this schema; past it the rest accepts anything (one warning). Compiling costs time
   * and memory in proportion to the sub-schemas compiled (see budget.ts).
   * @default 20000 (DEFAULT_MAX_SCHEMA_NODES)
   */
  maxSchemaNodes?: number;
  /**
   * Most sub-schemas one value may be checked against in place (`$ref`, `allOf`, `anyOf`, `oneOf`, `not`,
   * `if`/`then`/`else`, `dependentSchemas`), counted with repeats. A sub-schema over it accepts anything instead
   * (with a warning), so `$ref`s doubling through `allOf` cannot make one check take exponential time.
   * @default 8 per object in the schema document, at least 10000 (see budget.ts)
   */
  maxInPlaceVisits?: number;
  /**
   * Most sub-schemas the schema may have with every reference written out, which is how LangChain and
   * `toModelJsonSchema` show it to a model. A sub-schema over it accepts anything instead (with a warning), so
   * references doubling through `properties` cannot make the model's schema exponential.
   * @default 8 per object in the schema document, at least 20000 (see budget.ts)
   */
  maxExpandedNodes?: number;
  /** Called once per construct the compiler had to relax. The compiler never throws on a schema. */
  onWarning?: (warning: SchemaWarning) => void;
}

/** A JSON Schema object as it arrives on the wire; its shape is never trusted. */
export type JsonSchemaObject = Record<string, unknown>;

/** A schema is an object or, since draft-06, a boolean. Anything else is reported and treated as `true`. */
export type JsonSchema = JsonSchemaObject | boolean;

/** The six JSON value types plus `integer`, as the `type` keyword names them. */
export type JsonTypeName = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export const DEFAULT_DIALECT: Dialect = '2020-12';
