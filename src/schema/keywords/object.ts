import { z } from 'zod';
import type { AnyCheck } from '../checks.js';
import { forwardIssues, predicateCheck, type RawIssue, reportingCheck } from '../checks.js';
import type { CompileContext } from '../context.js';
import { appendPointer } from '../json-pointer.js';
import { hasOwn, isJsonObject } from '../json-value.js';
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
  const defaults: Array<[string, unknown]> = [];
  for (const [key, subschema] of Object.entries(properties)) {
    const node = context.compile(subschema, appendPointer(pointer, 'properties', key));
    if (required.has(key)) {
      shape[key] = node;
      continue;
    }
    const optional = node.optional();
    shape[key] = optional;
    if (isJsonObject(subschema) && hasOwn(subschema, 'default') && typeof subschema.$ref !== 'string') {
      defaults.push([key, subschema.default]);
    }
  }
  for (const key of required) {
    if (hasOwn(properties, key)) continue;
    // A required key the schema does not describe is still governed by what it says about other keys.
    if (patterns.length > 0) shape[key] = z.unknown();
    else if (additional === false) shape[key] = z.never({ error: `property ${key} is required but not allowed` });
    else shape[key] = additionalNode ?? z.unknown();
  }

  let node: z.ZodType;
  if (patterns.length > 0) node = z.looseObject(shape);
  else if (additional === false) node = z.strictObject(shape);
  else if (additionalNode !== undefined) node = z.object(shape).catchall(additionalNode);
  else node = z.looseObject(shape);

  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};
  if (patterns.length > 0) {
    checks.push(patternPropertiesCheck(properties, patterns, additional === false ? false : additionalNode));
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
  if (defaults.length > 0) checks.push(applyDefaults(defaults));

  const checked = checks.length > 0 ? node.check(...checks) : node;
  if (Object.keys(meta).length > 0) z.globalRegistry.add(checked, meta);
  return checked;
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
    patterns.push({ source, pattern, node: context.compile(subschema, at) });
  }
  return patterns;
}

function patternPropertiesCheck(
  properties: Record<string, unknown>,
  patterns: CompiledPattern[],
  additional: z.ZodType | false | undefined,
) {
  return reportingCheck<JsonRecord>((value, issues) => {
    for (const key of Object.keys(value)) {
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
    const node = context.compile(subschema, at);
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

function copyJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

function validateInto(node: z.ZodType, value: unknown, path: PropertyKey[], input: unknown, issues: RawIssue[]): void {
  const result = node.safeParse(value);
  if (!result.success) forwardIssues(result.error, path, input, issues);
}
