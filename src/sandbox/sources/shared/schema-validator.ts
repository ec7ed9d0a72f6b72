/**
 * Request validation with Ajv 8, independent of the SDK's own schema compiler so the sandbox is a real second
 * opinion on what the SDK sends. Query values arrive as strings and are coerced as a server would (`"5"` → 5,
 * `"true"` → true, one value → a one-item array, `a,b` → `['a', 'b']` for arrays); JSON bodies are not coerced.
 * Issues name the field the way Truto's messages do: `body.data.name: is required`, `query.limit: must be <= 100`.
 *
 * Schemas compile lazily, once each (a 465-operation document would otherwise pay for every operation at start);
 * a schema Ajv cannot compile (a regular expression of another dialect, say) is retried without its `pattern`s,
 * then accepted as is rather than failing every call.
 */
import { defaultExport, importOptional } from './optional-dependency';

type AjvInstance = import('ajv').default;
type ValidateFunction = import('ajv').ValidateFunction;
type ErrorObject = import('ajv').ErrorObject;

export interface ValidationIssue {
  /** `body.data.name`, `query.limit`, `body` */
  path: string;
  message: string;
}

/** `draft-07` for OpenAPI 3.0 documents and plain tool schemas, `2020-12` for OpenAPI 3.1. */
export type ValidationDialect = 'draft-07' | '2020-12';

export type Validator = (value: unknown, prefix: string) => ValidationIssue[];

const MAX_ISSUES = 8;

export class SchemaValidators {
  readonly #instances: Record<string, AjvInstance>;
  readonly #compiled = new WeakMap<object, Map<string, Validator>>();

  private constructor(instances: Record<string, AjvInstance>) {
    this.#instances = instances;
  }

  /** Loads Ajv and ajv-formats (optional dependencies). */
  static async load(feature: string): Promise<SchemaValidators> {
    const [ajvModule, ajv2020Module, formatsModule] = await Promise.all([
      importOptional('ajv', feature, () => import('ajv')),
      importOptional('ajv', feature, () => import('ajv/dist/2020.js')),
      importOptional('ajv-formats', feature, () => import('ajv-formats')),
    ]);
    const Ajv = defaultExport<typeof import('ajv').default>(defaultExport(ajvModule));
    const Ajv2020 = defaultExport<typeof import('ajv/dist/2020.js').default>(defaultExport(ajv2020Module));
    const addFormats = defaultExport<typeof import('ajv-formats').default>(defaultExport(formatsModule));
    const instances: Record<string, AjvInstance> = {};
    for (const dialect of ['draft-07', '2020-12'] as const) {
      for (const coerce of [false, true]) {
        const options = {
          strict: false,
          allErrors: true,
          logger: false as const,
          validateFormats: true,
          ...(coerce ? { coerceTypes: 'array' as const } : {}),
        };
        const ajv = dialect === '2020-12' ? new Ajv2020(options) : new Ajv(options);
        addFormats(ajv);
        instances[`${dialect}:${coerce}`] = ajv as AjvInstance;
      }
    }
    return new SchemaValidators(instances);
  }

  /**
   * A validator for `schema` (compiled on first use). `coerce` converts strings to the types the schema wants, in
   * place: pass a copy.
   */
  validator(schema: object, options: { dialect: ValidationDialect; coerce: boolean }): Validator {
    const key = `${options.dialect}:${options.coerce}`;
    let byOptions = this.#compiled.get(schema);
    const cached = byOptions?.get(key);
    if (cached !== undefined) return cached;
    const ajv = this.#instances[key]!;
    const validate = compileLeniently(ajv, schema);
    const validator: Validator =
      validate === undefined
        ? () => []
        : (value, prefix) => (validate(value) ? [] : issuesFrom(validate.errors ?? [], prefix));
    if (byOptions === undefined) {
      byOptions = new Map();
      this.#compiled.set(schema, byOptions);
    }
    byOptions.set(key, validator);
    return validator;
  }
}

function compileLeniently(ajv: AjvInstance, schema: object): ValidateFunction | undefined {
  try {
    return ajv.compile(schema);
  } catch {
    try {
      return ajv.compile(withoutPatterns(schema) as object);
    } catch {
      return undefined;
    }
  }
}

function withoutPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPatterns);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'pattern' || key === 'format') && typeof value === 'string') continue;
    out[key] = key === 'patternProperties' ? {} : withoutPatterns(value);
  }
  return out;
}

/** Ajv's errors as Truto-style issues: specific ones first, duplicates and the `anyOf` summary noise dropped. */
export function issuesFrom(errors: readonly ErrorObject[], prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const ranked = [...errors].sort((left, right) => rank(left) - rank(right));
  for (const error of ranked) {
    const issue = toIssue(error, prefix);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues;
}

function rank(error: ErrorObject): number {
  return error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if' ? 1 : 0;
}

function toIssue(error: ErrorObject, prefix: string): ValidationIssue {
  const at = fieldPath(prefix, error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: child(at, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: child(at, String(params.additionalProperty)), message: 'is not a known field' };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const shown = allowed
        .slice(0, 12)
        .map((value) => JSON.stringify(value))
        .join(', ');
      return { path: at, message: `must be one of: ${shown}${allowed.length > 12 ? ', ...' : ''}` };
    }
    case 'type':
      return { path: at, message: `must be ${String(params.type).replace(/,/g, ' or ')}` };
    case 'anyOf':
    case 'oneOf':
      return { path: at, message: `must match one of the allowed shapes (${error.keyword})` };
    default:
      return { path: at, message: error.message ?? `is invalid (${error.keyword})` };
  }
}

/** `/data/items/0/name` under `body` → `body.data.items[0].name`. */
export function fieldPath(prefix: string, pointer: string): string {
  if (pointer === '') return prefix;
  let path = prefix;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(segment) ? `${path}[${segment}]` : child(path, segment);
  }
  return path;
}

function child(path: string, name: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** `query.limit: must be <= 100; body.data.name: is required` */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
