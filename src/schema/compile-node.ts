import { z } from 'zod';
import { readAnnotations, registerMeta } from './annotations.js';
import type { AnyCheck } from './checks.js';
import { forwardIssues, type RawIssue, reportingCheck } from './checks.js';
import { closesObjects, everyPartAccepts } from './conjunction.js';
import type { CompileContext } from './context.js';
import { type ConstrainedType, dispatchByType } from './dispatch.js';
import { formatValidator } from './formats.js';
import { emitLike, emitMergedChildren, hasJsonHook } from './json-emission.js';
import { appendPointer } from './json-pointer.js';
import { isJsonObject } from './json-value.js';
import { ARRAY_KEYWORDS, compileArray } from './keywords/array.js';
import { compileDiscriminated } from './keywords/discriminator.js';
import { compileEnum } from './keywords/enum.js';
import { compileNumber, NUMBER_KEYWORDS } from './keywords/number.js';
import { compileObject, OBJECT_KEYWORDS } from './keywords/object.js';
import { compileString, STRING_KEYWORDS } from './keywords/string.js';
import { resolveRef } from './refs.js';
import type { JsonSchemaObject, JsonTypeName } from './types.js';

const JSON_TYPES: readonly JsonTypeName[] = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'];

/** Keywords we cannot honour; each is reported and read as `true`, which only ever accepts more. */
const UNSUPPORTED_KEYWORDS: Record<string, string> = {
  $dynamicRef: 'dynamic references are out of scope; accepting anything there',
  $recursiveRef: 'recursive references (2019-09) are out of scope; accepting anything there',
  unevaluatedProperties: 'unevaluatedProperties is out of scope; not checked',
  unevaluatedItems: 'unevaluatedItems is out of scope; not checked',
};

/** A compiled part of a schema, and whether this schema object created it (and may decorate it in place). */
interface Part {
  node: z.ZodType;
  owned: boolean;
}

/**
 * Compiles any value found where a schema is expected. Never throws. `inPlace` says the value being validated is
 * the same one the parent validates (`$ref`, `allOf`, `not`, ...) rather than a part of it (`properties`, `items`):
 * meeting a schema again along in-place steps only would validate the same value forever, so that reference is
 * reported and accepts anything, while recursion through a part (a tree of nodes) closes through `z.lazy`.
 */
export function compileNode(schema: unknown, pointer: string, context: CompileContext, inPlace = false): z.ZodType {
  if (schema === true) return z.unknown();
  if (schema === false) return z.never({ error: 'no value is allowed here' });
  if (!isJsonObject(schema)) {
    context.warn(
      pointer,
      'type',
      `a schema must be an object or a boolean, got ${describeValue(schema)}; accepting anything`,
    );
    return z.unknown();
  }
  if (inPlace) {
    const parent = context.current;
    if (parent !== undefined) addInPlaceTarget(context, parent, schema);
    if (loopsBack(context, schema)) {
      for (const member of context.inPlaceChain) context.generatedCodeUnsafe.add(member);
      context.generatedCodeUnsafe.add(schema);
      context.warn(
        pointer,
        '$ref',
        'this reference leads back to the same schema for the same value; accepting anything',
      );
      context.visits += 1;
      context.expanded += 1;
      return z.unknown();
    }
  }
  const cached = context.compiled.get(schema);
  if (cached !== undefined) {
    if (inPlace) context.visits += context.visitsBySchema.get(schema) ?? 1;
    context.expanded += context.expandedBySchema.get(schema) ?? 1;
    return cached;
  }
  if (context.inProgress.has(schema)) {
    if (inPlace) context.visits += 1;
    context.expanded += 1;
    // Recursion through a part of the value: the node exists once this schema finishes compiling; until then,
    // point at it lazily.
    return z.lazy(() => context.compiled.get(schema) ?? z.unknown());
  }
  if (context.schemaNodes >= context.maxSchemaNodes) return overNodeBudget(schema, pointer, context, inPlace);
  context.schemaNodes++;
  const chain = context.inPlaceChain;
  const parent = context.current;
  const outerVisits = context.visits;
  const outerExpanded = context.expanded;
  context.inPlaceChain = inPlace ? new Set([...chain, schema]) : new Set([schema]);
  context.current = schema;
  context.inProgress.add(schema);
  context.visits = 1;
  context.expanded = 1;
  let node: z.ZodType;
  try {
    node = compileSchemaObject(schema, pointer, context);
  } catch (error) {
    context.warn(pointer, '', `could not compile this schema (${(error as Error).message}); accepting anything`);
    node = z.unknown();
  } finally {
    context.inProgress.delete(schema);
    context.inPlaceChain = chain;
    context.current = parent;
  }
  let visits = context.visits;
  let expanded = context.expanded;
  context.visits = outerVisits;
  context.expanded = outerExpanded;
  if (expanded > context.maxExpandedNodes) {
    context.warn(
      pointer,
      '',
      `written out for a model (every reference expanded, as LangChain and toModelJsonSchema do), this schema would have ${formatCount(expanded)} sub-schemas, more than the budget of ${formatCount(context.maxExpandedNodes)} for a schema of this size; accepting anything here`,
    );
    node = z.unknown();
    visits = 1;
    expanded = 1;
  } else if (visits > context.maxInPlaceVisits) {
    context.warn(
      pointer,
      '',
      `checking one value against this schema would visit ${formatCount(visits)} sub-schemas in place (references and allOf/anyOf/oneOf/not/if repeated), more than the budget of ${formatCount(context.maxInPlaceVisits)} for a schema of this size; accepting anything here`,
    );
    node = z.unknown();
    visits = 1;
    expanded = 1;
  }
  context.visitsBySchema.set(schema, visits);
  context.expandedBySchema.set(schema, expanded);
  context.compiled.set(schema, node);
  if (inPlace) context.visits += visits;
  context.expanded += expanded;
  return node;
}

/** Past `maxSchemaNodes`: the rest of the schema accepts anything, said once. */
function overNodeBudget(schema: object, pointer: string, context: CompileContext, inPlace: boolean): z.ZodType {
  if (context.schemaNodes === context.maxSchemaNodes) {
    context.warn(
      pointer,
      '',
      `the schema has more than ${formatCount(context.maxSchemaNodes)} sub-schemas (maxSchemaNodes); this one and every one compiled after it accept anything`,
    );
    context.schemaNodes++;
  }
  const node = z.unknown();
  context.compiled.set(schema, node);
  if (inPlace) context.visits += 1;
  context.expanded += 1;
  return node;
}

function formatCount(count: number): string {
  return Number.isFinite(count) ? Math.round(count).toLocaleString('en-US') : String(count);
}

function addInPlaceTarget(context: CompileContext, from: object, to: object): void {
  let targets = context.inPlaceTargets.get(from);
  if (targets === undefined) {
    targets = new Set();
    context.inPlaceTargets.set(from, targets);
  }
  targets.add(to);
}

/**
 * Whether validating `schema` in place would come back, without descending into the value, to a schema already
 * being validated in place: through the chain being compiled now, or through schemas compiled earlier (whose
 * in-place references are remembered), the same question would be asked of the same value forever.
 */
function loopsBack(context: CompileContext, schema: object): boolean {
  const seen = new Set<object>();
  const pending: object[] = [schema];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (context.inPlaceChain.has(current)) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const target of context.inPlaceTargets.get(current) ?? []) pending.push(target);
  }
  return false;
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function compileSchemaObject(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType {
  for (const [keyword, message] of Object.entries(UNSUPPORTED_KEYWORDS)) {
    if (schema[keyword] !== undefined) context.warn(appendPointer(pointer, keyword), keyword, message);
  }
  const parts: Part[] = [];
  const assertions: AnyCheck[] = [];
  const hasRef = typeof schema.$ref === 'string';
  // Nodes this schema checks in conjunction: a repeat is checked once (see `conjunction`) and costs no visits.
  const conjoined = new Set<z.ZodType>();
  if (hasRef) {
    parts.push({ node: compileRef(schema, pointer, context, conjoined), owned: false });
  }
  // draft-07 and OpenAPI 3.0: "All other properties in a $ref object MUST be ignored" (annotations still help the model).
  if (!(hasRef && context.rules.refOverridesSiblings)) {
    const typed = compileTypedPart(schema, pointer, context);
    if (typed !== undefined) parts.unshift({ node: typed, owned: true });
    parts.push(...compileApplicators(schema, pointer, context, conjoined));
    assertions.push(...compileAssertions(schema, pointer, context));
  }
  let part = conjunction(parts, parts.length > 1 && closesObjects(schema, context));
  if (assertions.length > 0) {
    const inner = part.node;
    const base = part.owned && !hasJsonHook(inner) ? inner : alias(inner);
    part = { node: base.check(...assertions), owned: true };
  }
  const annotations = readAnnotations(schema);
  if (annotations !== undefined) {
    if (!part.owned) part = { node: alias(part.node), owned: true };
    registerMeta(part.node, annotations);
  }
  return part.node;
}

/** A distinct node that validates exactly like `node`, so it can carry its own annotations. */
function alias(node: z.ZodType): z.ZodType {
  return z.lazy(() => node);
}

/**
 * All parts must accept. Parts with structure become an intersection (zod emits `allOf`, folded for objects); parts
 * that emit nothing (`{not: ...}`, `{if, then}` alone, which compile to checked `unknown`s) become checks on it, so
 * the model never reads `allOf: [{}, ...]`.
 */
function conjunction(allParts: Part[], closesObjects: boolean): Part {
  // A ∧ A = A: `allOf` members (or a `$ref` and a member) that compiled to the same node are checked once, so
  // references doubling through `allOf` cost nothing to validate or render.
  const seen = new Set<z.ZodType>();
  const parts = allParts.filter((part) => !seen.has(part.node) && seen.add(part.node));
  const structural = parts.filter((part) => !emitsNothing(part.node));
  const opaque = parts.filter((part) => emitsNothing(part.node));
  if (structural.length === 0 && opaque.length > 0) structural.push(opaque.shift()!);
  if (structural.length === 0) return { node: z.unknown(), owned: true };
  let result = structural[0]!;
  for (const part of structural.slice(1)) result = { node: z.intersection(result.node, part.node), owned: true };
  if (structural.length > 1 && closesObjects) {
    // zod's intersection accepts a key one side forbids if the other side knows it; JSON Schema's allOf does not.
    const node = everyPartAccepts(structural.map((part) => part.node));
    emitLike(node, result.node);
    result = { node, owned: true };
  }
  if (opaque.length === 0) return result;
  const base = result.owned && !hasJsonHook(result.node) ? result.node : alias(result.node);
  return { node: base.check(...opaque.map((part) => mustAlsoMatch(part.node))), owned: true };
}

/** An `unknown` without annotations or custom emission: `z.toJSONSchema` writes `{}` for it. */
function emitsNothing(node: z.ZodType): boolean {
  return node._zod.def.type === 'unknown' && !hasJsonHook(node) && z.globalRegistry.get(node) === undefined;
}

function mustAlsoMatch(node: z.ZodType): AnyCheck {
  return reportingCheck<unknown>((value, issues) => {
    const result = node.safeParse(value);
    if (!result.success) forwardIssues(result.error, [], value, issues);
  });
}

function compileRef(
  schema: JsonSchemaObject,
  pointer: string,
  context: CompileContext,
  conjoined: Set<z.ZodType>,
): z.ZodType {
  const reference = schema.$ref as string;
  const at = appendPointer(pointer, '$ref');
  const resolved = resolveRef(reference, schema, context.index);
  if (resolved === undefined) {
    context.warn(
      at,
      '$ref',
      `cannot resolve ${reference} inside this schema (remote references are not fetched); accepting anything`,
    );
    return z.unknown();
  }
  return compileOnce(resolved.schema, resolved.pointer, context, conjoined);
}

// ---------------------------------------------------------------------------------------------------------------
// type, the type-specific keywords, enum and const

function readTypes(schema: JsonSchemaObject, pointer: string, context: CompileContext): JsonTypeName[] | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  const names = Array.isArray(type) ? type : [type];
  const valid = names.filter(
    (name): name is JsonTypeName => typeof name === 'string' && (JSON_TYPES as string[]).includes(name),
  );
  if (valid.length !== names.length) {
    context.warn(appendPointer(pointer, 'type'), 'type', `unknown type in ${JSON.stringify(type)}; ignored`);
    if (valid.length === 0) return undefined;
  }
  return [...new Set(valid)];
}

type Family = ConstrainedType;

const FAMILY_KEYWORDS: Record<Family, readonly string[]> = {
  string: STRING_KEYWORDS,
  number: NUMBER_KEYWORDS,
  object: OBJECT_KEYWORDS,
  array: ARRAY_KEYWORDS,
};

function compileForType(
  type: JsonTypeName,
  schema: JsonSchemaObject,
  pointer: string,
  context: CompileContext,
): z.ZodType {
  switch (type) {
    case 'string':
      return compileString(schema, pointer, context);
    case 'number':
      return compileNumber(schema, pointer, context, false);
    case 'integer':
      return compileNumber(schema, pointer, context, true);
    case 'boolean':
      return z.boolean({ error: 'expected a boolean' });
    case 'null':
      return z.null({ error: 'expected null' });
    case 'object':
      return compileObject(schema, pointer, context);
    case 'array':
      return compileArray(schema, pointer, context);
  }
}

function compileTypedPart(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType | undefined {
  let node: z.ZodType | undefined;
  const declared = readTypes(schema, pointer, context);
  const nullable = context.rules.openApi && schema.nullable === true;
  if (declared !== undefined) {
    let types = declared.includes('number') ? declared.filter((type) => type !== 'integer') : declared;
    if (nullable && !types.includes('null')) types = [...types, 'null'];
    const branches = types.map((type) => compileForType(type, schema, pointer, context));
    // The union's own message only shows when the value has none of the types; otherwise zod reports the
    // one branch of the right type, with its specific issue.
    node =
      branches.length === 1
        ? branches[0]
        : z.union(branches as [z.ZodType, z.ZodType, ...z.ZodType[]], { error: `expected ${types.join(' or ')}` });
  } else {
    node = compileUntyped(schema, pointer, context);
  }
  const values = readEnumValues(schema, pointer, context);
  if (values !== undefined) {
    node = compileEnum(nullable && !values.includes(null) ? [...values, null] : values, node);
  }
  return node;
}

/**
 * No `type`: each keyword constrains only values of its own type, and values of other types pass. The node
 * dispatches on the value's JSON type, and is emitted as the keywords themselves (no `type`), as the source said.
 */
function compileUntyped(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType | undefined {
  const families = (Object.keys(FAMILY_KEYWORDS) as Family[]).filter((family) =>
    FAMILY_KEYWORDS[family].some(
      (keyword) =>
        schema[keyword] !== undefined &&
        (keyword !== 'format' || (context.assertFormats && formatValidator(String(schema.format)) !== undefined)),
    ),
  );
  if (families.length === 0) return undefined;
  const branches: Partial<Record<Family, z.ZodType>> = {};
  for (const family of families) branches[family] = compileForType(family, schema, pointer, context);
  const node = dispatchByType(branches);
  emitMergedChildren(node, Object.values(branches), ['type']);
  return node;
}

function readEnumValues(schema: JsonSchemaObject, pointer: string, context: CompileContext): unknown[] | undefined {
  let values: unknown[] | undefined;
  if (schema.enum !== undefined) {
    if (Array.isArray(schema.enum)) values = schema.enum;
    else context.warn(appendPointer(pointer, 'enum'), 'enum', 'enum must be an array; ignored');
  }
  if (Object.hasOwn(schema, 'const') && schema.const !== undefined) {
    const constant = schema.const;
    values =
      values === undefined
        ? [constant]
        : values.filter((value) => compileEnum([constant], undefined).safeParse(value).success);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------------------------
// allOf, anyOf, oneOf: parts with structure the model should see

function readSchemaList(
  schema: JsonSchemaObject,
  keyword: string,
  pointer: string,
  context: CompileContext,
): unknown[] | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.length > 0) return value;
  context.warn(appendPointer(pointer, keyword), keyword, `${keyword} must be a non-empty array of schemas; ignored`);
  return undefined;
}

/**
 * Compiles a sub-schema checked in place alongside others whose repeats are dropped (allOf, anyOf): a node already
 * in `seen` is not checked again, so its visits do not count twice.
 */
function compileOnce(schema: unknown, pointer: string, context: CompileContext, seen: Set<z.ZodType>): z.ZodType {
  const before = { visits: context.visits, expanded: context.expanded };
  const node = context.compileInPlace(schema, pointer);
  if (seen.has(node)) {
    context.visits = before.visits;
    context.expanded = before.expanded;
  } else seen.add(node);
  return node;
}

function compileApplicators(
  schema: JsonSchemaObject,
  pointer: string,
  context: CompileContext,
  conjoined: Set<z.ZodType>,
): Part[] {
  const parts: Part[] = [];
  const allOf = readSchemaList(schema, 'allOf', pointer, context);
  if (allOf !== undefined) {
    allOf.forEach((member, position) => {
      // `true` members constrain nothing; leaving them out avoids `allOf: [{}, ...]` in what the model reads.
      if (member === true || (isJsonObject(member) && Object.keys(member).length === 0)) return;
      parts.push({
        node: compileOnce(member, appendPointer(pointer, 'allOf', position), context, conjoined),
        owned: false,
      });
    });
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const list = readSchemaList(schema, keyword, pointer, context);
    if (list === undefined) continue;
    // A ∨ A = A; oneOf is left alone (a value matching A twice matches more than one branch), and so are
    // discriminated unions (their branches line up with the schema's list).
    const distinct = keyword === 'anyOf' && !(context.rules.openApi && schema.discriminator !== undefined);
    const alternatives = new Set<z.ZodType>();
    const compiled = list.map((branch, position) => {
      const at = appendPointer(pointer, keyword, position);
      return distinct ? compileOnce(branch, at, context, alternatives) : context.compileInPlace(branch, at);
    });
    const branches = distinct ? [...alternatives] : compiled;
    if (branches.length === 1) {
      parts.push({ node: branches[0]!, owned: false });
      continue;
    }
    const union =
      keyword === 'anyOf'
        ? z.union(branches, { error: 'must match at least one of the allowed schemas (anyOf)' })
        : z.xor(branches, { error: 'must match exactly one of the allowed schemas (oneOf)' });
    const node =
      context.rules.openApi && schema.discriminator !== undefined
        ? compileDiscriminated(schema, keyword, list, branches, union, pointer, context)
        : union;
    parts.push({ node, owned: true });
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------
// not, if/then/else: pure assertions, checked without contributing structure

function compileAssertions(schema: JsonSchemaObject, pointer: string, context: CompileContext): AnyCheck[] {
  const checks: AnyCheck[] = [];
  if (schema.not !== undefined) {
    const negated = context.compileInPlace(schema.not, appendPointer(pointer, 'not'));
    checks.push(
      z.refine((value: unknown) => !negated.safeParse(value).success, { error: 'must not match the schema in "not"' }),
    );
  }
  if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
    const condition = context.compileInPlace(schema.if, appendPointer(pointer, 'if'));
    const consequence =
      schema.then === undefined ? undefined : context.compileInPlace(schema.then, appendPointer(pointer, 'then'));
    const alternative =
      schema.else === undefined ? undefined : context.compileInPlace(schema.else, appendPointer(pointer, 'else'));
    checks.push(
      reportingCheck<unknown>((value, issues: RawIssue[]) => {
        const branch = condition.safeParse(value).success ? consequence : alternative;
        if (branch === undefined) return;
        const result = branch.safeParse(value);
        if (!result.success) forwardIssues(result.error, [], value, issues);
      }),
    );
  }
  return checks;
}
