/**
 * The second opinion on tool arguments: ajv 8 (2020-12) with ajv-formats, `strict: false`, over the same merged
 * argument schema our validator compiles (`TrutoTool.argumentsJsonSchema`).
 *
 * The schemas come from OpenAPI 3.0 documents. Where one uses OpenAPI 3.0's own keywords, it is read as OpenAPI 3.0
 * (the rule our side follows too, in src/catalog/truto-tool.ts): `nullable: true` adds `null` to the declared
 * `type` (OpenAPI 3.0.3, "only if type is explicitly defined"; an `enum` keeps its values), keywords beside a
 * `$ref` are ignored, and `discriminator` picks the `oneOf` branch (ajv's `discriminator` option, where ajv can
 * use it). Boolean `exclusiveMinimum`/`exclusiveMaximum` exist only in OpenAPI 3.0 (JSON Schema 2020-12 makes them
 * numbers), so they are read that way wherever they occur.
 *
 * Formats: only those JSON Schema itself defines are asserted. ajv-formats also asserts formats of its own (`url`,
 * and OpenAPI's `byte`, `int32`, `int64`, `float`, `double`, `password`); JSON Schema says a format it does not
 * define is an annotation, so asserting PagerDuty's `format: url` would make ajv the one departing from the spec.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats, { type FormatName } from 'ajv-formats';

type ValidateFunction = ReturnType<Ajv2020['compile']>;
type AjvError = NonNullable<ValidateFunction['errors']>[number];

/** JSON Schema 2020-12 §7.3's formats that ajv-formats implements. */
const JSON_SCHEMA_FORMATS: FormatName[] = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uri-template',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
  'regex',
];

export type OracleReading = '2020-12' | 'openapi-3.0';

export interface OracleVerdict {
  valid: boolean;
  errors: readonly AjvError[];
}

export interface CompiledOracle {
  reading: OracleReading;
  /** The schema ajv compiled (after the OpenAPI 3.0 reading), for quoting fragments. */
  schema: Record<string, unknown>;
  /** Whether ajv used `discriminator` (false when it could not and read the `oneOf` plainly). */
  discriminator: boolean;
  check(value: unknown): OracleVerdict;
}

export class AjvOracle {
  readonly #plain = AjvOracle.#create(false);
  readonly #withDiscriminator = AjvOracle.#create(true);

  static #create(discriminator: boolean): Ajv2020 {
    const ajv = new Ajv2020({ strict: false, validateFormats: true, allErrors: false, logger: false, discriminator });
    addFormats(ajv, JSON_SCHEMA_FORMATS);
    return ajv;
  }

  /** Compiles the schema; throws what ajv throws when it cannot (callers count those as "ajv cannot judge"). */
  compile(schema: Record<string, unknown>): CompiledOracle {
    const reading = oracleReading(schema);
    const translated = (
      reading === 'openapi-3.0' ? fromOpenApi30(schema) : withNumericExclusiveBounds(schema)
    ) as Record<string, unknown>;
    let validate: ValidateFunction;
    let discriminator = false;
    if (reading === 'openapi-3.0' && JSON.stringify(translated).includes('"discriminator":')) {
      try {
        validate = this.#withDiscriminator.compile(translated);
        discriminator = true;
      } catch {
        // ajv's discriminator wants every branch to declare the tag as a const or enum; a document whose branches do
        // not (PagerDuty's runner types) is read as a plain oneOf, as our compiler also does then.
        validate = this.#plain.compile(translated);
      }
    } else validate = this.#plain.compile(translated);
    return {
      reading,
      schema: translated,
      discriminator,
      check(value) {
        const valid = validate(value) as boolean;
        return { valid, errors: valid ? [] : [...(validate.errors ?? [])] };
      },
    };
  }
}

/** The same rule as src/catalog/truto-tool.ts: OpenAPI 3.0's own keywords make a schema an OpenAPI 3.0 one. */
export function oracleReading(schema: unknown): OracleReading {
  const text = JSON.stringify(schema);
  return text.includes('"nullable":true') || text.includes('"discriminator":') ? 'openapi-3.0' : '2020-12';
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'required', 'discriminator']);

/** OpenAPI 3.0 → JSON Schema 2020-12, as described at the top. Pure. */
export function fromOpenApi30(node: unknown): unknown {
  return translate(node, true);
}

/** Only the boolean exclusive bounds translated (they cannot mean anything else). Pure. */
export function withNumericExclusiveBounds(node: unknown): unknown {
  return translate(node, false);
}

function translate(node: unknown, openApi: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => translate(item, openApi));
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Record<string, unknown>;
  if (openApi && typeof source.$ref === 'string') {
    // OpenAPI 3.0: "properties adjacent to $ref are ignored".
    return { $ref: source.$ref };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (DATA_KEYWORDS.has(key)) copy[key] = value;
    else if (SCHEMA_MAPS.has(key) && typeof value === 'object' && value !== null) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, translate(child, openApi)]));
    } else copy[key] = translate(value, openApi);
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof copy[exclusive] !== 'boolean') continue;
    if (copy[exclusive] === true && typeof copy[bound] === 'number') {
      copy[exclusive] = copy[bound];
      delete copy[bound];
    } else delete copy[exclusive];
  }
  if (openApi && copy.nullable !== undefined) {
    if (copy.nullable === true && copy.type !== undefined) {
      const types = Array.isArray(copy.type) ? copy.type : [copy.type];
      if (!types.includes('null')) copy.type = [...types, 'null'];
    }
    delete copy.nullable;
  }
  return copy;
}

/** The part of the schema an ajv error points at (its `schemaPath` without the failing keyword). */
export function fragmentAt(schema: Record<string, unknown>, schemaPath: string): unknown {
  const steps = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, -1);
  let node: unknown = schema;
  for (const raw of steps) {
    const step = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}
