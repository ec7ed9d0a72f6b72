import { z } from 'zod';
import type { AnyCheck } from '../checks.js';
import { forwardIssues, predicateCheck, type RawIssue, reportingCheck, withChecksParams } from '../checks.js';
import type { CompileContext } from '../context.js';
import { inspectThenParse } from '../dispatch.js';
import { emitLike } from '../json-emission.js';
import { appendPointer } from '../json-pointer.js';
import { copyJson, hasOwn, isJsonObject } from '../json-value.js';
import { compilePattern } from '../pattern.js';
import type { JsonSchemaObject } from '../types.js';
import { readCount } from './numbers-in-schema.js';

export const OBJECT_KEYWORDS = [
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
] as const;

type JsonRecord = Record<string, unknown>;

/**
 * Names every plain object inherits. zod reads a missing `constructor` key through the prototype and drops an own
 * `__proto__` from its output, so properties with these names are checked on the raw input instead.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** `type: object`: a zod object for `properties`, plus checks for the keywords zod objects cannot say. */
export function compileObject(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType {
  const properties = readSchemaMap(schema, 'properties', pointer, context);
  const required = readRequired(schema, pointer, context);
  const patterns = readPatterns(schema, pointer, context);
  const additional = schema.additionalProperties;
  const additionalNode =
    additional === undefined || additional === true || additional === false
      ? undefined
      : context.compile(additional, appendPointer(pointer, 'additionalProperties'));

  const shape: Record<string, z.ZodType> = {};
  const inheritedNames = new Map<string, z.ZodType>();
  const defaults: Array<[string, unknown]> = [];
  for (const [key, subschema] of Object.entries(properties)) {
    const node = context.compile(subschema, appendPointer(pointer, 'properties', key));
    if (required.has(key)) {
      defineKey(shape, key, node);
    } else {
      defineKey(shape, key, node.optional());
      if (isJsonObject(subschema) && hasOwn(subschema, 'default') && typeof subschema.$ref !== 'string') {
        defaults.push([key, subschema.default]);
      }
    }
    if (PROTOTYPE_NAMES.has(key)) inheritedNames.set(key, node);
  }
  for (const key of required) {
    if (hasOwn(properties, key)) continue;
    // A required key the schema does not describe is still governed by what it says about other keys.
    if (patterns.length > 0 || PROTOTYPE_NAMES.has(key)) defineKey(shape, key, z.unknown());
    else if (additional === false) defineKey(shape, key, z.never({ error: `${key} is required but not allowed` }));
    else defineKey(shape, key, additionalNode ?? z.unknown());
  }
  const inheritedRequired = [...required].filter((key) => PROTOTYPE_NAMES.has(key));
  const rawKeys = inheritedNames.size > 0 || inheritedRequired.length > 0;

  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};
  if (patterns.length > 0 || rawKeys) {
    // additionalProperties needs to know which keys patterns or inherited names took care of: one check does all.
    checks.push(keysCheck(properties, patterns, additional === false ? false : additionalNode));
    if (additional === false) meta.additionalProperties = false;
  }
  const minProperties = readCount(schema, 'minProperties', pointer, context);
  const maxProperties = readCount(schema, 'maxProperties', pointer, context);
  if (minProperties !== undefined && minProperties > 0) {
    checks.push(
      predicateCheck<JsonRecord>(
        (value) => Object.keys(value).length >= minProperties,
        `must have at least ${minProperties} propert${minProperties === 1 ? 'y' : 'ies'}`,
      ),
    );
    meta.minProperties = minProperties;
  }
  if (maxProperties !== undefined) {
    checks.push(
      predicateCheck<JsonRecord>(
        (value) => Object.keys(value).length <= maxProperties,
        `must have at most ${maxProperties} propert${maxProperties === 1 ? 'y' : 'ies'}`,
      ),
    );
    meta.maxProperties = maxProperties;
  }
  if (schema.propertyNames !== undefined && schema.propertyNames !== true) {
    checks.push(propertyNamesCheck(context.compile(schema.propertyNames, appendPointer(pointer, 'propertyNames'))));
  }
  const dependencies = readDependencies(schema, pointer, context);
  if (dependencies.requiredKeys.size > 0) checks.push(dependentRequiredCheck(dependencies.requiredKeys));
  if (dependencies.schemas.size > 0) checks.push(dependentSchemasCheck(dependencies.schemas));
  if (defaults.length > 0 && context.applyDefaults) checks.push(applyDefaults(defaults));

  const jsonNode = objectOf(shape, patterns.length > 0 || rawKeys ? undefined : additional, additionalNode, checks);
  if (Object.keys(meta).length > 0) z.globalRegistry.add(jsonNode, meta);
  if (!rawKeys) return jsonNode;

  // Inherited names: validate them (and their presence) on the raw input, the rest through a zod object without them.
  const plainShape: Record<string, z.ZodType> = {};
  for (const key of Object.keys(shape)) if (!PROTOTYPE_NAMES.has(key)) plainShape[key] = shape[key]!;
  const node = inspectThenParse(objectOf(plainShape, undefined, undefined, checks), (input, issues) => {
    for (const key of inheritedRequired) {
      if (!hasOwn(input, key)) issues.push({ code: 'custom', message: `${key} is required`, input, path: [key] });
    }
    for (const [key, propertyNode] of inheritedNames) {
      if (hasOwn(input, key)) validateInto(propertyNode, input[key], [key], input, issues);
    }
  });
  emitLike(node, jsonNode);
  return node;
}

/** `shape[key] = value` that also works for `__proto__`. */
function defineKey(shape: Record<string, z.ZodType>, key: string, value: z.ZodType): void {
  if (key === '__proto__')
    Object.defineProperty(shape, key, { value, enumerable: true, writable: true, configurable: true });
  else shape[key] = value;
}

/** Shared catch-alls: immutable and never annotated. */
const ANY_VALUE = z.unknown();
const NO_VALUE = z.never();

/** One zod object with its catch-all and checks set at construction (no clone per `.catchall()` or `.check()`). */
function objectOf(
  shape: Record<string, z.ZodType>,
  additional: unknown,
  additionalNode: z.ZodType | undefined,
  checks: AnyCheck[],
): z.ZodType {
  const catchall =
    additional === false
      ? NO_VALUE
      : additional !== undefined && additionalNode !== undefined
        ? additionalNode
        : ANY_VALUE;
  const node = z.object(shape, { ...withChecksParams('expected an object', checks), catchall } as Record<
    string,
    unknown
  >);
  protectShape(node, shape);
  if (Object.keys(shape).length > LARGE_OBJECT_PROPERTIES) keepOffZodGeneratedCode(node);
  return node;
}

/**
 * zod generates one function per object on its first synchronous parse; for thousands of properties V8 takes seconds
 * to compile it (1.8 s for 10,000, measured), longer than any number of parses through zod's runtime path would.
 */
const LARGE_OBJECT_PROPERTIES = 500;

function keepOffZodGeneratedCode(node: z.ZodType): void {
  const internals = node._zod;
  const run = internals.run;
  internals.run = ((payload, context) =>
    run(payload, context?.jitless === true ? context : { ...context, jitless: true })) as typeof run;
}

/**
 * LangChain's `toJsonSchema` makes objects strict by assigning into `schema._zod.def.shape` of the schema it was
 * given, recursively, so binding a tool would silently close every nested object of our validator. Reading the
 * shape through a getter hands every reader its own copy: zod's parser, LangChain's rewrite and `z.toJSONSchema`
 * all see the same properties, and none can change what the others see.
 */
function protectShape(node: z.ZodType, shape: Record<string, z.ZodType>): void {
  const frozen = Object.freeze(shape);
  let handedOut: GuardedCopy | undefined;
  // zod reads `def.shape` once per key while it prepares an object (10,000 properties: 10,000 reads), so a fresh
  // copy per read is quadratic. Small shapes still get one (reads through a plain object are the fastest, and zod's
  // generated parser keeps the copy it read); large ones get the last copy again until someone writes to it.
  const get: (() => Record<string, z.ZodType>) & { raw?: Readonly<Record<string, z.ZodType>> } =
    Object.keys(frozen).length <= FRESH_COPY_MAX_KEYS
      ? () => ({ ...frozen })
      : () => {
          if (handedOut === undefined || handedOut.written) handedOut = guardedCopy(frozen);
          return handedOut.copy;
        };
  // zod's own convention for shape accessors: `raw` is the shape as declared, read by its cycle detection and cloning.
  get.raw = frozen;
  Object.defineProperty(node._zod.def, 'shape', { get, enumerable: true, configurable: true });
}

/** Shapes of up to this many keys are copied afresh on every read (64 reads of 64 keys cost nothing). */
const FRESH_COPY_MAX_KEYS = 64;

interface GuardedCopy {
  copy: Record<string, z.ZodType>;
  /** Set by any write, delete or definition on the copy: the next reader gets a clean one. */
  written: boolean;
}

function guardedCopy(frozen: Readonly<Record<string, z.ZodType>>): GuardedCopy {
  const state: GuardedCopy = { copy: {}, written: false };
  const markWritten = () => {
    state.written = true;
    return true;
  };
  // Spreading defines own properties, so even a `__proto__` key survives the copy.
  state.copy = new Proxy(
    { ...frozen },
    {
      set: (target, key, value) => markWritten() && Reflect.set(target, key, value),
      deleteProperty: (target, key) => markWritten() && Reflect.deleteProperty(target, key),
      defineProperty: (target, key, descriptor) => markWritten() && Reflect.defineProperty(target, key, descriptor),
    },
  );
  return state;
}

function readSchemaMap(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
): Record<string, unknown> {
  const value = schema[keyword];
  if (value === undefined) return {};
  if (isJsonObject(value)) return value;
  context.warn(appendPointer(pointer, keyword), keyword, `${keyword} must be an object; ignored`);
  return {};
}

function readRequired(schema: JsonSchemaObject, pointer: string, context: CompileContext): Set<string> {
  const value = schema.required;
  if (value === undefined) return new Set();
  // OpenAPI and draft-03 habits: `required: true` on a property says nothing about the object's keys.
  if (Array.isArray(value)) {
    const names = value.filter((name): name is string => typeof name === 'string');
    if (names.length !== value.length)
      context.warn(appendPointer(pointer, 'required'), 'required', 'required lists non-string names; they are ignored');
    return new Set(names);
  }
  if (typeof value !== 'boolean')
    context.warn(appendPointer(pointer, 'required'), 'required', 'required must be an array of names; ignored');
  return new Set();
}

interface CompiledPattern {
  source: string;
  pattern: RegExp;
  node: z.ZodType;
}

function readPatterns(schema: JsonSchemaObject, pointer: string, context: CompileContext): CompiledPattern[] {
  const patterns: CompiledPattern[] = [];
  for (const [source, subschema] of Object.entries(readSchemaMap(schema, 'patternProperties', pointer, context))) {
    const at = appendPointer(pointer, 'patternProperties', source);
    const pattern = compilePattern(source);
    if (pattern === undefined) {
      context.warn(at, 'patternProperties', `"${source}" is not a valid regular expression; not checked`);
      continue;
    }
    if (pattern.notice !== undefined) context.warn(at, 'patternProperties', pattern.notice);
    patterns.push({ source, pattern, node: context.compile(subschema, at) });
  }
  return patterns;
}

function keysCheck(
  properties: Record<string, unknown>,
  patterns: CompiledPattern[],
  additional: z.ZodType | false | undefined,
) {
  return reportingCheck<JsonRecord>((value, issues) => {
    for (const key of Object.keys(value)) {
      // Keys zod cannot see (inherited names) are validated before this check runs.
      if (PROTOTYPE_NAMES.has(key) && hasOwn(properties, key)) continue;
      let matched = false;
      for (const { pattern, node } of patterns) {
        if (!pattern.test(key)) continue;
        matched = true;
        validateInto(node, value[key], [key], value, issues);
      }
      if (matched || hasOwn(properties, key)) continue;
      if (additional === false) {
        issues.push({ code: 'custom', message: `unexpected property ${key}`, input: value, path: [key] });
      } else if (additional !== undefined) {
        validateInto(additional, value[key], [key], value, issues);
      }
    }
  });
}

function propertyNamesCheck(names: z.ZodType) {
  return reportingCheck<JsonRecord>((value, issues) => {
    for (const key of Object.keys(value)) {
      const result = names.safeParse(key);
      if (!result.success) {
        issues.push({
          code: 'custom',
          message: `property name ${key} is not allowed: ${result.error.issues[0]?.message ?? 'invalid'}`,
          input: value,
          path: [key],
        });
      }
    }
  });
}

interface Dependencies {
  requiredKeys: Map<string, string[]>;
  schemas: Map<string, z.ZodType>;
}

/** `dependentRequired`, `dependentSchemas` and draft-07's `dependencies` (which holds both kinds). */
function readDependencies(schema: JsonSchemaObject, pointer: string, context: CompileContext): Dependencies {
  const dependencies: Dependencies = { requiredKeys: new Map(), schemas: new Map() };
  const addRequired = (key: string, names: unknown, at: string, keyword: string) => {
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      context.warn(at, keyword, `${keyword}/${key} must list property names; ignored`);
      return;
    }
    if (names.length > 0) dependencies.requiredKeys.set(key, [...(dependencies.requiredKeys.get(key) ?? []), ...names]);
  };
  const addSchema = (key: string, subschema: unknown, at: string) => {
    if (subschema === true) return;
    const node = context.compileInPlace(subschema, at);
    const existing = dependencies.schemas.get(key);
    dependencies.schemas.set(key, existing === undefined ? node : z.intersection(existing, node));
  };
  for (const [key, names] of Object.entries(readSchemaMap(schema, 'dependentRequired', pointer, context))) {
    addRequired(key, names, appendPointer(pointer, 'dependentRequired', key), 'dependentRequired');
  }
  for (const [key, subschema] of Object.entries(readSchemaMap(schema, 'dependentSchemas', pointer, context))) {
    addSchema(key, subschema, appendPointer(pointer, 'dependentSchemas', key));
  }
  for (const [key, dependency] of Object.entries(readSchemaMap(schema, 'dependencies', pointer, context))) {
    const at = appendPointer(pointer, 'dependencies', key);
    if (Array.isArray(dependency)) addRequired(key, dependency, at, 'dependencies');
    else addSchema(key, dependency, at);
  }
  return dependencies;
}

function dependentRequiredCheck(requiredKeys: Map<string, string[]>) {
  return reportingCheck<JsonRecord>((value, issues) => {
    for (const [key, names] of requiredKeys) {
      if (!hasOwn(value, key)) continue;
      for (const name of names) {
        if (!hasOwn(value, name)) {
          issues.push({
            code: 'custom',
            message: `${name} is required when ${key} is present`,
            input: value,
            path: [name],
          });
        }
      }
    }
  });
}

function dependentSchemasCheck(schemas: Map<string, z.ZodType>) {
  return reportingCheck<JsonRecord>((value, issues) => {
    for (const [key, node] of schemas) {
      if (hasOwn(value, key)) validateInto(node, value, [], value, issues);
    }
  });
}

/**
 * Fills absent optional properties with their `default`, after validation, so the tool receives them. A check
 * rather than zod's `.default()`: that would mark the property required in the JSON Schema zod emits for outputs,
 * which is what LangChain shows models.
 */
function applyDefaults(defaults: Array<[string, unknown]>) {
  return z.overwrite<JsonRecord>((value) => {
    for (const [key, fallback] of defaults) {
      if (value[key] === undefined) value[key] = copyJson(fallback);
    }
    return value;
  });
}

function validateInto(node: z.ZodType, value: unknown, path: PropertyKey[], input: unknown, issues: RawIssue[]): void {
  const result = node.safeParse(value);
  if (!result.success) forwardIssues(result.error, path, input, issues);
}
