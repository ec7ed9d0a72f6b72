import { countJsonObjects } from '../../schema/budget.js';
import {
  declaredTypes,
  followRefs,
  isJsonSchema,
  type JsonSchema,
  jsonTypeOf,
  resolveLocalRef,
} from '../shared/json-schema.js';
import { describeConstraint, withNotes } from './constraint-notes.js';
import {
  KEYWORDS_BY_TYPE,
  SILENT_KEYWORDS,
  STRICT_KEYWORDS,
  STRICT_LIMITS,
  STRICT_STRING_FORMATS,
} from './strict-rules.js';

/** Said of a value whose shape strict mode cannot describe; `restoreStrictArguments` decodes it again. */
export const JSON_ENCODED_NOTE = 'Pass this value as a JSON-encoded string: strict mode cannot describe its shape.';

/** Keywords the converter rewrites itself rather than keeping or describing. */
const STRUCTURAL_KEYWORDS = new Set(['allOf', 'oneOf', 'const', 'nullable', 'definitions', '$defs']);

/**
 * Rewrites a tool's JSON Schema so that OpenAI accepts it with `strict: true` (rules and their source in
 * strict-rules.ts): every object closed and fully required, optional properties made nullable, `allOf` merged,
 * `oneOf` read as `anyOf`, multi-type nodes split into `anyOf` branches, `definitions` moved to `$defs`, a `$ref`'s
 * sibling keywords inlined. A keyword strict mode lacks (`minLength`, `default`, an unsupported `format`, ...) moves
 * into the description as a sentence. A value whose shape cannot be described at all (a free-form object, a tuple)
 * becomes a JSON-encoded string.
 *
 * The model then sends `null` for what it leaves out, and strings for JSON-encoded values: pass its arguments
 * through `restoreStrictArguments(args, originalSchema)` before validating them. Pure: the input is not modified.
 */
export function toOpenAIStrictSchema(schema: JsonSchema): JsonSchema {
  const converted = new StrictSchemaConverter(schema, false).convertRoot();
  if (nestingDepth(converted) <= STRICT_LIMITS.maxNestingDepth) return converted;
  // Too deep once its references are followed (vendor schemas nest a dozen levels): convert again with every
  // non-recursive reference inlined, so each node knows its depth, and what lies past the limit travels as JSON text.
  return new StrictSchemaConverter(schema, true).convertRoot();
}

/**
 * Object and array levels, the root object being the first, with `$ref`s followed (a recursive one counts once:
 * OpenAI accepts recursion by reference).
 */
export function nestingDepth(schema: JsonSchema): number {
  const definitions = isJsonSchema(schema.$defs) ? schema.$defs : {};
  // Depths of definitions measured without cutting a recursion: the same wherever they are reached, so each is
  // measured once (references doubling through properties would otherwise be followed 2^n times).
  const measured = new Map<string, number>();
  let cuts = 0;
  const visit = (node: unknown, following: readonly string[]): number => {
    if (!isJsonSchema(node)) return 0;
    if (typeof node.$ref === 'string') {
      const name = decodeURIComponent(node.$ref.replace(/^#\/\$defs\//, ''));
      if (node.$ref === '#' || following.includes(name)) {
        cuts++;
        return 0;
      }
      const known = measured.get(name);
      if (known !== undefined) return known;
      const cutsBefore = cuts;
      const depth = visit(definitions[name], [...following, name]);
      if (cuts === cutsBefore) measured.set(name, depth);
      return depth;
    }
    let deepest = 0;
    for (const branch of Array.isArray(node.anyOf) ? node.anyOf : [])
      deepest = Math.max(deepest, visit(branch, following));
    const properties = isJsonSchema(node.properties) ? Object.values(node.properties) : [];
    const children = node.items === undefined ? properties : [...properties, node.items];
    const container =
      node.type === 'object' || node.type === 'array' || properties.length > 0 || node.items !== undefined;
    let inner = 0;
    for (const child of children) inner = Math.max(inner, visit(child, following));
    return Math.max(deepest, container ? inner + 1 : inner);
  };
  return visit(schema, []);
}

interface Node {
  schema: JsonSchema;
  allowsNull: boolean;
}

class StrictSchemaConverter {
  readonly #root: JsonSchema;
  /** Definition name in the output → its source schema, converted once each. */
  readonly #pending = new Map<string, JsonSchema>();
  readonly #definitions: Record<string, JsonSchema> = {};
  /** References being inlined right now: meeting one again means recursion, which must stay a `$ref`. */
  readonly #inlining: string[] = [];
  /** The root may be an object without properties (a tool without arguments); deeper ones are free-form maps. */
  #atRoot = true;
  /** Inline every non-recursive reference and cap the nesting depth (see `toOpenAIStrictSchema`). */
  readonly #capDepth: boolean;
  /** Object and array levels above the node being converted (the root object is level 0). */
  #level = 0;
  /** Nodes converted so far, and how many may be (see STRICT_WORK_PER_OBJECT). */
  #converted = 0;
  readonly #maxConverted: number;
  /** `allOf` members normalised once each (see `normalise`). */
  readonly #normalised: NormaliseMemo = new WeakMap();

  constructor(root: JsonSchema, capDepth: boolean) {
    this.#root = root;
    this.#capDepth = capDepth;
    this.#maxConverted = Math.max(MIN_STRICT_WORK, STRICT_WORK_PER_OBJECT * countJsonObjects(root));
  }

  convertRoot(): JsonSchema {
    const root = this.#convert(followRefs(this.#root, withoutDefinitions(this.#root)), false);
    if (root.type !== 'object') {
      throw new TypeError(
        `OpenAI's strict mode needs an object at the root of a tool's parameters; this schema's root is ${JSON.stringify(root.type ?? 'a union')}.`,
      );
    }
    // Definitions are converted after the root and only when referenced, so unused ones are not sent.
    for (let next = this.#nextPending(); next; next = this.#nextPending()) {
      this.#definitions[next[0]] = this.#convert(next[1], false);
    }
    return Object.keys(this.#definitions).length > 0 ? { ...root, $defs: this.#definitions } : root;
  }

  #nextPending(): [string, JsonSchema] | undefined {
    for (const entry of this.#pending) {
      this.#pending.delete(entry[0]);
      if (!(entry[0] in this.#definitions)) return entry;
    }
    return undefined;
  }

  #convert(input: unknown, optional: boolean): JsonSchema {
    const node = normalise(input, this.#root, 0, this.#normalised);
    const converted = this.#convertNode(node.schema);
    return node.allowsNull || optional ? makeNullable(converted) : converted;
  }

  #convertNode(schema: JsonSchema): JsonSchema {
    if (!this.#atRoot || typesOf(schema)[0] !== 'object') this.#atRoot = false;
    this.#converted++;
    if (typeof schema.$ref === 'string') return this.#convertRef(schema);
    if (Array.isArray(schema.anyOf)) return this.#convertAnyOf(schema);
    const types = typesOf(schema);
    if (types.length > 1) return this.#convertAnyOf(splitByType(schema, types));
    const type = types[0];
    if (type === undefined) return anyPrimitive(schema);
    if (type === 'object') return this.#convertObject(schema);
    if (type === 'array') return this.#convertArray(schema);
    return convertScalar(schema, type);
  }

  #convertRef(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref as string;
    const siblings = Object.keys(schema).filter((key) => key !== '$ref' && !SILENT_KEYWORDS.has(key));
    const recursive = this.#inlining.includes(ref);
    const output = this.#outputRef(ref);
    // A `$ref` may not carry sibling keywords in strict mode; inline the target once so they survive.
    const inline = (siblings.length > 0 || output === undefined || this.#capDepth) && !recursive;
    if (inline && this.#converted > this.#maxConverted) return jsonEncoded(schema, []);
    if (inline) {
      const target = resolveLocalRef(this.#root, ref);
      if (!target) return jsonEncoded(schema, []);
      this.#inlining.push(ref);
      try {
        const { $ref: _ref, ...rest } = schema;
        const merged = ref === '#' ? { ...withoutDefinitions(target), ...rest } : { ...target, ...rest };
        return this.#convert(merged, false);
      } finally {
        this.#inlining.pop();
      }
    }
    return output ? { $ref: output } : jsonEncoded(schema, []);
  }

  /** The reference as it reads in the output: `#` stays, definitions move to `$defs`; other pointers are inlined. */
  #outputRef(ref: string): string | undefined {
    if (ref === '#') return ref;
    const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
    if (!match) return undefined;
    const target = resolveLocalRef(this.#root, ref);
    if (!target) return undefined;
    const source = match[1]!;
    const name = decodeURIComponent(match[2]!);
    const clashes = source === 'definitions' && isJsonSchema(this.#root.$defs) && name in this.#root.$defs;
    const outputName = clashes ? `definitions_${name}` : name;
    if (!(outputName in this.#definitions)) this.#pending.set(outputName, target);
    return `#/$defs/${encodeURIComponent(outputName)}`;
  }

  #convertAnyOf(schema: JsonSchema): JsonSchema {
    const { anyOf, description, ...rest } = schema;
    const siblings = Object.fromEntries(Object.entries(rest).filter(([key]) => !isNoteKeyword(key)));
    const branches: JsonSchema[] = [];
    const seen = new Set<string>();
    let allowsNull = false;
    for (const member of anyOf as unknown[]) {
      // Keywords beside `anyOf` (a shared `type`, say) apply to every branch.
      const merged = isJsonSchema(member) ? { ...siblings, ...member } : member;
      const node = normalise(merged, this.#root, 0, this.#normalised);
      allowsNull ||= node.allowsNull;
      if (isOnlyNull(node.schema)) continue;
      const branch = this.#convertNode(node.schema);
      for (const flattened of Array.isArray(branch.anyOf) && Object.keys(branch).length === 1
        ? branch.anyOf
        : [branch]) {
        const key = JSON.stringify(flattened);
        if (!seen.has(key)) {
          seen.add(key);
          branches.push(flattened as JsonSchema);
        }
      }
    }
    if (allowsNull) branches.push({ type: 'null' });
    const text = withNotes(description, notesFor(rest));
    if (branches.length === 1 && branches[0]!.$ref === undefined) {
      const only = branches[0]!;
      return text ? { ...only, description: withNotes(text, [String(only.description ?? '')]) } : only;
    }
    return text ? { anyOf: branches, description: text } : { anyOf: branches };
  }

  /** Converts a container's children one level deeper. */
  #nested<T>(convert: () => T): T {
    this.#level++;
    try {
      return convert();
    } finally {
      this.#level--;
    }
  }

  /**
   * Past OpenAI's nesting limit, a container can only travel as JSON text; so does one met after the conversion's
   * work budget is spent (inlining references that fan out can multiply a schema).
   */
  #tooDeep(): boolean {
    if (this.#converted > this.#maxConverted) return true;
    return this.#capDepth && this.#level >= STRICT_LIMITS.maxNestingDepth - 1;
  }

  #convertObject(schema: JsonSchema): JsonSchema {
    const atRoot = this.#atRoot;
    this.#atRoot = false;
    if (!atRoot && this.#tooDeep()) return jsonEncoded(schema, KEYWORDS_BY_TYPE.object!);
    const properties = isJsonSchema(schema.properties) ? schema.properties : undefined;
    // Strict objects are closed, so a map with keys chosen by the model can only travel as JSON text.
    const empty = properties === undefined || Object.keys(properties).length === 0;
    if (empty && !atRoot && schema.additionalProperties !== false) {
      return jsonEncoded(schema, KEYWORDS_BY_TYPE.object!);
    }
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const convertedProperties: Record<string, JsonSchema> = {};
    this.#nested(() => {
      for (const [name, property] of Object.entries(properties ?? {})) {
        convertedProperties[name] = this.#convert(property, !required.has(name));
      }
    });
    const result: JsonSchema = {
      type: 'object',
      properties: convertedProperties,
      required: Object.keys(convertedProperties),
      additionalProperties: false,
    };
    const handled = ['properties', 'required', 'additionalProperties'];
    return describe(result, schema, notesFor(schema, handled));
  }

  #convertArray(schema: JsonSchema): JsonSchema {
    if (!isJsonSchema(schema.items) || Array.isArray(schema.prefixItems) || this.#tooDeep())
      return jsonEncoded(schema, KEYWORDS_BY_TYPE.array!);
    const items = schema.items;
    const result: JsonSchema = { type: 'array', items: this.#nested(() => this.#convert(items, false)) };
    for (const keyword of ['minItems', 'maxItems'] as const) {
      if (typeof schema[keyword] === 'number') result[keyword] = schema[keyword];
    }
    return describe(result, schema, notesFor(schema, ['items', 'minItems', 'maxItems']));
  }
}

/**
 * Nodes converted per object of the source schema, at most (and at least MIN_STRICT_WORK in all): inlining
 * references may multiply a schema, and past this the rest travels as JSON text.
 */
const STRICT_WORK_PER_OBJECT = 8;
const MIN_STRICT_WORK = 20_000;

/** Normalised `allOf` members by member and depth, for one conversion: a member reached again is not redone. */
type NormaliseMemo = WeakMap<object, Map<number, Node>>;

/** Flattens what strict mode cannot say structurally (`allOf`, `oneOf`, `const`, `nullable`, `null` in `type`). */
function normalise(input: unknown, root: JsonSchema, depth = 0, memo: NormaliseMemo = new WeakMap()): Node {
  if (!isJsonSchema(input)) return { schema: {}, allowsNull: input === true };
  let schema: JsonSchema = { ...input };
  if (Array.isArray(schema.allOf) && depth < 16) schema = mergeAllOf(schema, root, depth, memo);
  let allowsNull = schema.nullable === true;
  delete schema.nullable;
  if (Array.isArray(schema.oneOf)) {
    // Strict mode has no "exactly one"; our validator still enforces it.
    schema.anyOf = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
    delete schema.oneOf;
  }
  if ('const' in schema) {
    schema.enum = [schema.const];
    delete schema.const;
  }
  const types = declaredTypes(schema);
  if (types?.includes('null')) {
    allowsNull = true;
    const rest = types.filter((type) => type !== 'null');
    if (rest.length === 0) return { schema: { type: 'null' }, allowsNull: true };
    schema.type = rest.length === 1 ? rest[0] : rest;
  }
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) {
    allowsNull = true;
    schema.enum = schema.enum.filter((value) => value !== null);
  }
  return { schema, allowsNull };
}

/** Merges `allOf` members into their parent: properties and required lists combine, the first word wins elsewhere. */
function mergeAllOf(schema: JsonSchema, root: JsonSchema, depth: number, memo: NormaliseMemo): JsonSchema {
  const { allOf, ...parent } = schema;
  let merged: JsonSchema = parent;
  for (const member of allOf as unknown[]) {
    if (!isJsonSchema(member)) continue;
    let byDepth = memo.get(member);
    let normalised = byDepth?.get(depth + 1);
    if (normalised === undefined) {
      const resolved = typeof member.$ref === 'string' ? { ...resolveLocalRef(root, member.$ref), ...member } : member;
      if (typeof member.$ref === 'string') delete resolved.$ref;
      normalised = normalise(resolved, root, depth + 1, memo);
      if (byDepth === undefined) {
        byDepth = new Map();
        memo.set(member, byDepth);
      }
      byDepth.set(depth + 1, normalised);
    }
    merged = mergeTwo(merged, normalised.schema);
  }
  return merged;
}

function mergeTwo(first: JsonSchema, second: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...second, ...first };
  if (isJsonSchema(first.properties) || isJsonSchema(second.properties)) {
    // Key order is the order the model writes the arguments in, so the first member's properties come first.
    const firstProperties = (first.properties ?? {}) as JsonSchema;
    merged.properties = { ...firstProperties, ...(second.properties as JsonSchema), ...firstProperties };
  }
  const required = [first.required, second.required].flatMap((list) => (Array.isArray(list) ? list : []));
  if (required.length > 0) merged.required = [...new Set(required)];
  const description = withNotes(first.description, typeof second.description === 'string' ? [second.description] : []);
  if (description) merged.description = description;
  return merged;
}

/** The node's types: declared, or inferred from `enum` values, `properties` or `items`. */
function typesOf(schema: JsonSchema): string[] {
  const declared = declaredTypes(schema);
  if (declared) return declared;
  if (Array.isArray(schema.enum))
    return [...new Set(schema.enum.map(jsonTypeOf).map((type) => (type === 'integer' ? 'number' : type)))];
  if (isJsonSchema(schema.properties)) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return [];
}

/** A node of several types becomes one branch per type, each with the keywords (and enum values) that concern it. */
function splitByType(schema: JsonSchema, types: string[]): JsonSchema {
  const typed = new Set(Object.values(KEYWORDS_BY_TYPE).flat());
  const shared = Object.fromEntries(
    Object.entries(schema).filter(([key]) => !typed.has(key) && key !== 'type' && key !== 'enum'),
  );
  const branches = types.map((type) => {
    const branch: JsonSchema = { type };
    for (const keyword of KEYWORDS_BY_TYPE[type] ?? []) if (keyword in schema) branch[keyword] = schema[keyword];
    if (Array.isArray(schema.enum)) {
      const values = schema.enum.filter(
        (value) => jsonTypeOf(value) === type || (type === 'number' && jsonTypeOf(value) === 'integer'),
      );
      if (values.length === 0) return undefined;
      branch.enum = values;
    }
    return branch;
  });
  return { ...shared, anyOf: branches.filter((branch) => branch !== undefined) };
}

function convertScalar(schema: JsonSchema, type: string): JsonSchema {
  const result: JsonSchema = { type };
  const kept = new Set(['type']);
  if (Array.isArray(schema.enum)) {
    result.enum = schema.enum;
    kept.add('enum');
  }
  const allowed =
    type === 'string' ? ['pattern'] : type === 'number' || type === 'integer' ? KEYWORDS_BY_TYPE.number! : [];
  for (const keyword of allowed) {
    if (keyword in schema) {
      result[keyword] = schema[keyword];
      kept.add(keyword);
    }
  }
  if (type === 'string' && typeof schema.format === 'string' && STRICT_STRING_FORMATS.has(schema.format)) {
    result.format = schema.format;
    kept.add('format');
  }
  return describe(result, schema, notesFor(schema, [...kept]));
}

/** A node that says nothing about its type accepts anything; strict mode can offer the primitives. */
function anyPrimitive(schema: JsonSchema): JsonSchema {
  const note = 'Strict mode lets only a string, number or boolean through here.';
  const description = withNotes(schema.description, [...notesFor(schema), note]);
  const anyOf = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];
  return description ? { anyOf, description } : { anyOf };
}

function jsonEncoded(schema: JsonSchema, structural: readonly string[]): JsonSchema {
  const notes = notesFor(schema, [...structural, 'type', '$ref']);
  return { type: 'string', description: withNotes(schema.description, [...notes, JSON_ENCODED_NOTE]) };
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.anyOf)) {
    const hasNull = schema.anyOf.some((branch) => isJsonSchema(branch) && isOnlyNull(branch));
    return hasNull ? schema : { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  }
  if (typeof schema.$ref === 'string') return { anyOf: [schema, { type: 'null' }] };
  const result: JsonSchema = { ...schema };
  if (typeof result.type === 'string' && result.type !== 'null') result.type = [result.type, 'null'];
  if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...result.enum, null];
  return result;
}

function isOnlyNull(schema: JsonSchema): boolean {
  return schema.type === 'null' || (Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null);
}

function isNoteKeyword(key: string): boolean {
  return !STRICT_KEYWORDS.has(key) && !SILENT_KEYWORDS.has(key) && !STRUCTURAL_KEYWORDS.has(key);
}

/** Sentences for every keyword of `schema` that the output does not carry (except those listed as handled). */
function notesFor(schema: JsonSchema, handled: readonly string[] = []): string[] {
  const notes: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (handled.includes(key) || key === 'description' || key === 'type' || SILENT_KEYWORDS.has(key)) continue;
    if (STRUCTURAL_KEYWORDS.has(key) || key === '$ref' || key === 'anyOf') continue;
    const note = describeConstraint(key, value);
    if (note) notes.push(note);
  }
  return notes;
}

function describe(result: JsonSchema, source: JsonSchema, notes: string[]): JsonSchema {
  const description = withNotes(source.description, notes);
  return description ? { ...result, description } : result;
}

function withoutDefinitions(schema: JsonSchema): JsonSchema {
  const { $defs: _defs, definitions: _definitions, ...rest } = schema;
  return rest;
}
