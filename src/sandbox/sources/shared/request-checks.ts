/**
 * Checks one proxy call against its tool the way the vendor would: the query (with the path fields Truto turns
 * into query fields), the record id of get/update/delete, and the body in whatever shape the operation takes
 * (object, array, scalar, form, multipart, text). Validation schemas are built from the tool's own
 * `query_schema` / `body_schema` and flat `required`, so an OpenAPI tool and a saved catalog's tool are checked
 * by the same code.
 */
import type { TrutoToolDefinition } from '../../../catalog/tool-definition';
import type { ParsedQuery } from '../../query';
import { isObject, type JsonObject } from '../openapi/ref-resolver';
import type { SourceCall } from '../types';
import { normaliseSchema } from './json-schema-normalise';
import type { SchemaValidators, ValidationDialect, ValidationIssue, Validator } from './schema-validator';

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'other';

export interface RequestChecksOptions {
  tool: TrutoToolDefinition;
  /** True for get/update/delete: `id` travels in the path, not the query. */
  idInPath: boolean;
  /** How the operation takes its body; `json` when unknown. */
  bodyKind?: BodyKind;
  /** The request body must be present (OpenAPI `requestBody.required`). */
  bodyRequired?: boolean;
  dialect: ValidationDialect;
  /** Translate OpenAPI 3.0 keywords before validating. */
  openApi30: boolean;
}

export interface CheckedRequest {
  /** The query without `integrated_account_id` and empty values, coerced to the schema's types. */
  query: JsonObject;
  /** The body as sent (a form coerced to the schema's types). */
  body: unknown;
  issues: ValidationIssue[];
}

export class RequestChecks {
  readonly #validators: SchemaValidators;
  readonly #options: RequestChecksOptions;
  readonly #querySchema: JsonObject | undefined;
  readonly #idSchema: JsonObject | undefined;
  readonly #bodySchema: unknown;
  readonly #bodyRequiredFields: readonly string[];
  readonly #arrayFields: ReadonlySet<string>;

  constructor(validators: SchemaValidators, options: RequestChecksOptions) {
    this.#validators = validators;
    this.#options = options;
    const tool = options.tool;
    const normalise = (schema: unknown) =>
      normaliseSchema(schema, { openApi30: options.openApi30, direction: 'request' }) as JsonObject;
    const required = new Set(Array.isArray(tool.required) ? tool.required : []);
    const query = isObject(tool.query_schema) ? normalise(tool.query_schema) : undefined;
    const queryProperties = isObject(query?.properties) ? { ...query.properties } : {};
    if (options.idInPath && isObject(queryProperties.id)) {
      this.#idSchema = { ...queryProperties.id, ...(isObject(query?.$defs) ? { $defs: query.$defs } : {}) };
      delete queryProperties.id;
    }
    const queryRequired = Object.keys(queryProperties).filter((name) => required.has(name));
    this.#querySchema =
      Object.keys(queryProperties).length > 0
        ? {
            type: 'object',
            properties: queryProperties,
            ...(queryRequired.length > 0 ? { required: queryRequired } : {}),
            ...(isObject(query?.$defs) ? { $defs: query.$defs } : {}),
          }
        : undefined;
    this.#arrayFields = new Set(
      Object.entries(queryProperties)
        .filter(
          ([, schema]) =>
            isObject(schema) &&
            (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))),
        )
        .map(([name]) => name),
    );
    this.#bodySchema = tool.body_schema === undefined ? undefined : normalise(tool.body_schema);
    // A saved catalog's flat `required` may name body fields its body schema does not list as required.
    const bodyProperties =
      isObject(tool.body_schema) && isObject(tool.body_schema.properties) ? tool.body_schema.properties : {};
    // The `id` of get/update/delete travels in the path: a body's (often read-only) `id` is not what it requires.
    this.#bodyRequiredFields = [...required].filter(
      (name) => name in bodyProperties && !(name in queryProperties) && !(options.idInPath && name === 'id'),
    );
  }

  check(call: SourceCall): CheckedRequest {
    const issues: ValidationIssue[] = [];
    const query = this.#prepareQuery(call.query);
    if (this.#querySchema !== undefined) issues.push(...this.#validate(this.#querySchema, query, 'query', true));
    if (this.#idSchema !== undefined && call.id !== undefined) {
      // An id is text in a path; it is checked like a query value (`"123"` is a fine integer id).
      const holder = { id: call.id };
      issues.push(...this.#validate({ type: 'object', properties: { id: this.#idSchema } }, holder, 'path', true));
    }
    const body = this.#checkBody(call, issues);
    return { query, body, issues };
  }

  #checkBody(call: SourceCall, issues: ValidationIssue[]): unknown {
    const schema = this.#bodySchema;
    if (call.bodyKind === 'none' || call.body === undefined) {
      if (call.bodyKind === 'multipart' && call.multipart !== undefined) return this.#checkMultipart(call, issues);
      if (schema !== undefined && (this.#options.bodyRequired || this.#bodyRequiredFields.length > 0))
        issues.push({ path: 'body', message: 'is required' });
      return undefined;
    }
    if (schema === undefined || !isObject(schema)) return call.body;
    if (call.bodyKind === 'text') {
      if (schema.type !== 'string') issues.push({ path: 'body', message: 'must be JSON (send application/json)' });
      return call.body;
    }
    const coerce = call.bodyKind === 'form';
    const body = coerce ? structuredClone(call.body) : call.body;
    issues.push(...this.#validate(schema, body, 'body', coerce));
    for (const name of this.#bodyRequiredFields) {
      if (isObject(body) && body[name] === undefined && !issues.some((issue) => issue.path === `body.${name}`))
        issues.push({ path: `body.${name}`, message: 'is required' });
    }
    return body;
  }

  /** Multipart fields are text and files: only presence of the required ones is checked. */
  #checkMultipart(call: SourceCall, issues: ValidationIssue[]): unknown {
    const multipart = call.multipart!;
    const schema = this.#bodySchema;
    const declared = isObject(schema) && Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
    const present = new Set([...Object.keys(multipart.fields), ...multipart.files.map((file) => file.field)]);
    for (const name of new Set([
      ...declared.filter((item): item is string => typeof item === 'string'),
      ...this.#bodyRequiredFields,
    ])) {
      if (!present.has(name) && !present.has(`${name}[]`))
        issues.push({ path: `body.${name}`, message: 'is required' });
    }
    return multipart.fields;
  }

  #validate(schema: unknown, value: unknown, prefix: string, coerce: boolean): ValidationIssue[] {
    if (!isObject(schema)) return [];
    const validator: Validator = this.#validators.validator(schema, { dialect: this.#options.dialect, coerce });
    return validator(value, prefix);
  }

  /** Without Truto's own parameter and empty values (clients send `next_cursor=` for a first page). */
  #prepareQuery(query: ParsedQuery): JsonObject {
    const prepared: JsonObject = {};
    for (const [name, value] of Object.entries(query)) {
      if (name === 'integrated_account_id' || value === '') continue;
      // `a,b` for an array parameter (OpenAPI's form style without explode) is two values.
      prepared[name] =
        typeof value === 'string' && this.#arrayFields.has(name) && value.includes(',')
          ? value.split(',')
          : structuredClone(value);
    }
    return prepared;
  }
}
