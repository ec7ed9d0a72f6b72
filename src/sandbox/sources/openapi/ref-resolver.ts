/**
 * Local `$ref` resolution for one OpenAPI document, producing schemas a tool can carry on its own: plain JSON,
 * self-contained and acyclic. A component that takes part in a reference cycle (a tree node whose children are
 * nodes) cannot be inlined, so it stays a `$ref` into a `$defs` section of the schema that uses it; every other
 * reference is replaced by a copy of its target. Which components are recursive is found once per document with
 * Tarjan's strongly connected components over the reference graph, so the answer does not depend on where the
 * walk started, and inlined targets are memoised: converting a 465-operation document stays linear.
 *
 * External references (other files, URLs) are not followed here: `loadOpenApiDocument` bundles them into the
 * document first. A reference that cannot be resolved becomes `{}` (anything), with a note in `problems`.
 *
 * Inlining copies a component wherever it is used, so a schema written compactly can be enormous once written out:
 * components that each use a few others, a few levels deep, multiply (DocuSign's envelope body, 19 KB as written,
 * is 67 MB of JSON inlined). The expansion itself stays small, because inlined copies are shared objects, but
 * anything that walks a schema as a tree (JSON text, a validator, a data generator, a model reading the tool) pays
 * for every copy. So a resolved schema longer than `MAX_SCHEMA_LENGTH` characters as JSON, or nested deeper than
 * `MAX_SCHEMA_DEPTH`, is cut down: it keeps its top levels as written, and below the deepest level that fits, every
 * sub-schema that is not small becomes `{}` (anything; its `description` kept), with a note in `problems`.
 */

export type JsonObject = Record<string, unknown>;

/** Keywords whose value is data, not a schema: never walked for `$ref`s. */
const VALUE_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const', 'required', 'type', 'xml']);
/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
/** Keywords whose value is a list of schemas. */
export const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value is one schema (`items` may also be a list: draft-07 tuples). */
export const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'contentSchema',
]);

/** The longest a resolved schema may be, in characters of JSON (Stripe's largest, an error answer, is 1.2 M). */
export const MAX_SCHEMA_LENGTH = 2_000_000;
/** The deepest a resolved schema may nest, in JSON objects and arrays (vendor documents stay under 32). */
export const MAX_SCHEMA_DEPTH = 128;
/** Sub-schemas at most this long are never cut: they are not what makes a schema too big. */
const SMALL_SCHEMA_LENGTH = 2_000;

export interface RefResolverOptions {
  /** @default MAX_SCHEMA_LENGTH */
  maxSchemaLength?: number;
  /** @default MAX_SCHEMA_DEPTH */
  maxSchemaDepth?: number;
}

/** The size of a value written as JSON. */
interface Measure {
  /** `JSON.stringify(value).length`. */
  length: number;
  /** Nesting of objects and arrays: 0 for a scalar, 1 for `{}`. */
  depth: number;
}

interface Expansion {
  value: unknown;
  /** Pointers of the recursive components the value refers to through `#/$defs/...`. */
  defs: ReadonlySet<string>;
}

export class RefResolver {
  readonly document: JsonObject;
  /**
   * Problems met so far, for diagnostics: unresolvable references (`#/components/schemas/Missing`), and schemas cut
   * down to size (`POST /envelopes request body: ...`).
   */
  readonly problems = new Set<string>();
  readonly #maxLength: number;
  readonly #maxDepth: number;
  readonly #measures = new WeakMap<object, Measure>();
  /** Cut-down copies of shared sub-schemas, by how many levels they keep. */
  readonly #cuts = new WeakMap<object, Map<number, unknown>>();
  readonly #targets = new Map<string, unknown>();
  readonly #edges = new Map<string, readonly string[]>();
  readonly #recursive = new Map<string, boolean>();
  readonly #inlined = new Map<string, Expansion>();
  readonly #defBodies = new Map<string, Expansion>();
  readonly #defNames = new Map<string, string>();
  readonly #usedDefNames = new Set<string>();

  constructor(document: JsonObject, options: RefResolverOptions = {}) {
    this.document = document;
    this.#maxLength = options.maxSchemaLength ?? MAX_SCHEMA_LENGTH;
    this.#maxDepth = options.maxSchemaDepth ?? MAX_SCHEMA_DEPTH;
  }

  /** Follows `$ref` chains on a non-schema object (a parameter, request body or response). */
  deref<T = unknown>(value: unknown): T | undefined {
    let current = value;
    const seen = new Set<string>();
    while (isObject(current) && typeof current.$ref === 'string') {
      const pointer = current.$ref;
      if (seen.has(pointer)) return undefined;
      seen.add(pointer);
      current = this.target(pointer);
    }
    return current as T | undefined;
  }

  /**
   * A self-contained copy of `schema`: references inlined, recursive components under `$defs`, cut down to size when
   * written out it would be too long or too deep (see the module comment). `where` names the schema in that note.
   * The result may share sub-objects with other results of this resolver; callers treat it as read-only.
   */
  resolveSchema(schema: unknown, where?: string): unknown {
    const resolved = this.#assemble(schema);
    const measure = this.#measure(resolved);
    if (measure.length <= this.#maxLength && measure.depth <= this.#maxDepth) return resolved;
    return this.#cutToFit(resolved, measure, where ?? describeSchema(schema));
  }

  #assemble(schema: unknown): unknown {
    const expansion = this.#expandRoot(schema);
    if (expansion.defs.size === 0) return expansion.value;
    const pointers = this.#closure(expansion.defs);
    const $defs: JsonObject = {};
    for (const pointer of [...pointers].sort()) $defs[this.#defName(pointer)] = this.#defBody(pointer).value;
    if (isObject(expansion.value)) {
      const existing = isObject(expansion.value.$defs) ? expansion.value.$defs : {};
      return { ...expansion.value, $defs: { ...existing, ...$defs } };
    }
    // A boolean schema with definitions: wrap it so `$defs` has somewhere to live.
    return { allOf: [expansion.value], $defs };
  }

  /**
   * The schema with as many levels as fit: the deepest `levels` whose cut fits (a cut only grows with `levels`, so
   * it is found by doubling, then halving). Cuts of shared sub-schemas are memoised by object and level, so schemas
   * that share components share their cut copies too, and the work stays proportional to what is kept.
   */
  #cutToFit(schema: unknown, measure: Measure, where: string): unknown {
    const fits = (levels: number) => {
      const { length, depth } = this.#measure(this.#cut(schema, levels));
      return length <= this.#maxLength && depth <= this.#maxDepth;
    };
    let low = 0; // fits, or nothing does
    let high = 1; // does not fit, once found
    while (fits(high)) {
      low = high;
      high *= 2; // ends: past the schema's depth, the cut is the whole schema, which does not fit
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
    }
    const cut = this.#cut(schema, low);
    const result = fits(low) ? cut : {};
    const size = `${Number(measure.length.toPrecision(3))} characters of JSON, ${measure.depth} levels deep`;
    this.problems.add(
      `${where}: too large to write out (${size}; at most ${this.#maxLength} characters and ${this.#maxDepth} ` +
        `levels), so sub-schemas nested more than ${low} levels deep accept anything.`,
    );
    return result;
  }

  /**
   * `node` with sub-schemas more than `levels` levels down replaced by `{}` (keeping their description), unless they
   * are small. Keywords are read with the same rules as the expansion: only schemas are cut, never data (`enum`,
   * `example`), and never a `properties` or `$defs` entry's name, so every `#/$defs/...` still resolves.
   */
  #cut(node: unknown, levels: number): unknown {
    if (Array.isArray(node)) return mapKeepingIdentity(node, (item) => this.#cut(item, levels));
    if (!isObject(node) || this.#measure(node).length <= SMALL_SCHEMA_LENGTH) return node;
    let byLevels = this.#cuts.get(node);
    if (byLevels === undefined) {
      byLevels = new Map();
      this.#cuts.set(node, byLevels);
    }
    const known = byLevels.get(levels);
    if (known !== undefined) return known;
    let result: unknown;
    if (levels === 0) result = typeof node.description === 'string' ? { description: node.description } : {};
    else {
      const child = (schema: unknown) => this.#cut(schema, levels - 1);
      const out: JsonObject = {};
      let changed = false;
      for (const [key, value] of Object.entries(node)) {
        let next = value;
        if (VALUE_KEYWORDS.has(key) || key.startsWith('x-')) next = value;
        else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) next = mapValuesKeepingIdentity(value, child);
        else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) next = mapKeepingIdentity(value, child);
        else if (SCHEMA_KEYWORDS.has(key)) next = child(value);
        else if (key === 'dependencies' && isObject(value))
          next = mapValuesKeepingIdentity(value, (entry) => (Array.isArray(entry) ? entry : child(entry)));
        if (next !== value) changed = true;
        out[key] = next;
      }
      result = changed ? out : node;
    }
    byLevels.set(levels, result);
    return result;
  }

  /**
   * Length and depth of `value` as JSON, memoised per object that holds objects (the shared copies that make a schema
   * big): linear in the distinct objects, not in the copies.
   */
  #measure(value: unknown): Measure {
    if (typeof value !== 'object' || value === null) return { length: scalarLength(value), depth: 0 };
    const known = this.#measures.get(value);
    if (known !== undefined) return known;
    let length = 1; // the opening bracket; each member adds its separator (a comma, or the closing bracket)
    let depth = 0;
    let members = 0;
    let nested = false;
    const isArray = Array.isArray(value);
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as JsonObject)[key];
      if (item === undefined || typeof item === 'function') {
        if (isArray) length += 5; // written as null; left out of an object
        continue;
      }
      if (!isArray) length += stringLength(key) + 1; // "key":
      if (typeof item === 'object' && item !== null) {
        const inner = this.#measure(item);
        length += inner.length + 1;
        if (inner.depth > depth) depth = inner.depth;
        nested = true;
      } else length += scalarLength(item) + 1;
      members++;
    }
    if (members === 0) length++;
    const measure = { length, depth: depth + 1 };
    if (nested) this.#measures.set(value, measure);
    return measure;
  }

  /**
   * The root itself is never a bare `$ref`: a tool's body or query schema must show its `properties` (the SDK routes
   * arguments by them), so a recursive component at the root is written out once, its inner references pointing
   * into `$defs`.
   */
  #expandRoot(schema: unknown): Expansion {
    if (!isObject(schema) || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#'))
      return this.#expand(schema);
    const reference = schema.$ref;
    if (this.target(reference) === undefined || !this.#isRecursive(reference)) return this.#expand(schema);
    const body = this.#defBody(reference);
    const { $ref: _ignored, ...siblings } = schema;
    if (Object.keys(siblings).length === 0 || !isObject(body.value)) return body;
    const rest = this.#expandObject(siblings);
    return { value: { ...body.value, ...(rest.value as JsonObject) }, defs: union(body.defs, rest.defs) };
  }

  /** The value a local reference points at, or undefined. */
  target(reference: string): unknown {
    if (this.#targets.has(reference)) return this.#targets.get(reference);
    let value: unknown;
    if (reference === '#' || reference === '#/') value = this.document;
    else if (reference.startsWith('#/')) {
      value = this.document;
      for (const raw of reference.slice(2).split('/')) {
        const key = decodePointerSegment(raw);
        if (Array.isArray(value)) value = value[Number(key)];
        else if (isObject(value) && Object.hasOwn(value, key)) value = value[key];
        else {
          value = undefined;
          break;
        }
      }
    }
    this.#targets.set(reference, value);
    return value;
  }

  #expand(node: unknown): Expansion {
    if (Array.isArray(node))
      return this.#combine(
        node.map((item) => this.#expand(item)),
        (values) => values,
      );
    if (!isObject(node)) return { value: node, defs: EMPTY };
    if (typeof node.$ref === 'string') return this.#expandReference(node);
    return this.#expandObject(node);
  }

  #expandReference(node: JsonObject): Expansion {
    const reference = node.$ref as string;
    const { $ref: _ignored, ...siblings } = node;
    const hasSiblings = Object.keys(siblings).length > 0;
    if (!reference.startsWith('#')) {
      // Left by a caller that did not bundle the document; keep it visible rather than guess.
      this.problems.add(reference);
      return hasSiblings ? this.#expandObject(siblings) : { value: {}, defs: EMPTY };
    }
    if (this.target(reference) === undefined) {
      this.problems.add(reference);
      return hasSiblings ? this.#expandObject(siblings) : { value: {}, defs: EMPTY };
    }
    let base: Expansion;
    if (this.#isRecursive(reference)) {
      base = { value: { $ref: `#/$defs/${this.#defName(reference)}` }, defs: new Set([reference]) };
    } else {
      base = this.#inline(reference);
    }
    if (!hasSiblings) return base;
    // OpenAPI 3.1 (JSON Schema 2020-12) applies keywords next to `$ref`; 3.0 documents mostly put a description
    // there. Either way the target's own keywords come first and the siblings refine them.
    const rest = this.#expandObject(siblings);
    if (!isObject(base.value))
      return { value: { allOf: [base.value], ...(rest.value as JsonObject) }, defs: rest.defs };
    return {
      value: { ...base.value, ...(rest.value as JsonObject) },
      defs: union(base.defs, rest.defs),
    };
  }

  #inline(reference: string): Expansion {
    const memoised = this.#inlined.get(reference);
    if (memoised !== undefined) return memoised;
    const expansion = this.#expand(this.target(reference));
    this.#inlined.set(reference, expansion);
    return expansion;
  }

  #defBody(reference: string): Expansion {
    const memoised = this.#defBodies.get(reference);
    if (memoised !== undefined) return memoised;
    // Placeholder first: a def that refers to itself must not recurse forever while it is being built.
    this.#defBodies.set(reference, { value: {}, defs: EMPTY });
    const expansion = this.#expand(this.target(reference));
    this.#defBodies.set(reference, expansion);
    return expansion;
  }

  /** Every recursive component needed, following the defs' own references. */
  #closure(start: ReadonlySet<string>): Set<string> {
    const all = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const pointer = queue.pop()!;
      if (all.has(pointer)) continue;
      all.add(pointer);
      for (const next of this.#defBody(pointer).defs) if (!all.has(next)) queue.push(next);
    }
    return all;
  }

  #expandObject(node: JsonObject): Expansion {
    const out: JsonObject = {};
    let defs: Set<string> | undefined;
    const add = (expansion: Expansion) => {
      if (expansion.defs.size > 0) {
        defs ??= new Set();
        for (const pointer of expansion.defs) defs.add(pointer);
      }
      return expansion.value;
    };
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'default') out[key] = this.#dataValue(value);
      else if (key === 'examples' && Array.isArray(value)) out[key] = value.map((item) => this.#dataValue(item));
      else if (VALUE_KEYWORDS.has(key) || key.startsWith('x-')) out[key] = value;
      else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
        const map: JsonObject = {};
        for (const [name, schema] of Object.entries(value)) map[name] = add(this.#expand(schema));
        out[key] = map;
      } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
        out[key] = value.map((schema) => add(this.#expand(schema)));
      } else if (SCHEMA_KEYWORDS.has(key)) out[key] = add(this.#expand(value));
      else if (key === 'discriminator' && isObject(value)) out[key] = this.#discriminator(value);
      else if (key === 'dependencies' && isObject(value)) {
        const map: JsonObject = {};
        for (const [name, entry] of Object.entries(value))
          map[name] = Array.isArray(entry) ? entry : add(this.#expand(entry));
        out[key] = map;
      } else out[key] = value;
    }
    return { value: out, defs: defs ?? EMPTY };
  }

  /**
   * Data is not walked for schemas, but an example written as `{ $ref: '#/components/examples/X/value' }` (which
   * some documents do) would leave a dangling reference in a tool: it is replaced by what it points at.
   */
  #dataValue(value: unknown): unknown {
    if (!isObject(value) || typeof value.$ref !== 'string' || Object.keys(value).length !== 1) return value;
    const target = value.$ref.startsWith('#') ? this.target(value.$ref) : undefined;
    if (target === undefined) {
      this.problems.add(value.$ref);
      return undefined;
    }
    return isObject(target) && typeof target.$ref === 'string' ? undefined : target;
  }

  /**
   * Mapping values name components; once a branch is inlined that component does not exist in the tool's schema,
   * so such entries are dropped (the branch keeps its own tag through its `const`/`enum`). Recursive components
   * still exist under `$defs` and their entries are rewritten to point there.
   */
  #discriminator(value: JsonObject): JsonObject {
    if (!isObject(value.mapping)) return value;
    const mapping: JsonObject = {};
    for (const [tag, target] of Object.entries(value.mapping)) {
      if (typeof target !== 'string') continue;
      const reference = target.startsWith('#') ? target : `#/components/schemas/${target}`;
      if (this.target(reference) !== undefined && this.#isRecursive(reference))
        mapping[tag] = `#/$defs/${this.#defName(reference)}`;
    }
    const { mapping: _dropped, ...rest } = value;
    return Object.keys(mapping).length > 0 ? { ...rest, mapping } : rest;
  }

  #combine(parts: Expansion[], build: (values: unknown[]) => unknown): Expansion {
    let defs: Set<string> | undefined;
    for (const part of parts) {
      if (part.defs.size === 0) continue;
      defs ??= new Set();
      for (const pointer of part.defs) defs.add(pointer);
    }
    return { value: build(parts.map((part) => part.value)), defs: defs ?? EMPTY };
  }

  /** `#/components/schemas/TaskResponse` → `TaskResponse` (made unique when two pointers end alike). */
  #defName(reference: string): string {
    const existing = this.#defNames.get(reference);
    if (existing !== undefined) return existing;
    const last = decodePointerSegment(reference.split('/').pop() ?? 'schema');
    const base = last.replace(/[^A-Za-z0-9_.-]/g, '_') || 'schema';
    let name = base;
    for (let index = 2; this.#usedDefNames.has(name); index++) name = `${base}_${index}`;
    this.#usedDefNames.add(name);
    this.#defNames.set(reference, name);
    return name;
  }

  /** The local references found in the schema a pointer names (not following them). */
  #edgesOf(reference: string): readonly string[] {
    const cached = this.#edges.get(reference);
    if (cached !== undefined) return cached;
    const found = new Set<string>();
    collectReferences(this.target(reference), found);
    const edges = [...found].filter((pointer) => pointer.startsWith('#') && this.target(pointer) !== undefined);
    this.#edges.set(reference, edges);
    return edges;
  }

  #isRecursive(reference: string): boolean {
    const known = this.#recursive.get(reference);
    if (known !== undefined) return known;
    this.#tarjan(reference);
    return this.#recursive.get(reference) ?? false;
  }

  /** Iterative Tarjan from `start`: settles every component reachable from it. */
  #tarjan(start: string): void {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    let counter = 0;
    const work: { node: string; edge: number }[] = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edge: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = this.#edgesOf(frame.node);
      if (frame.edge < edges.length) {
        const next = edges[frame.edge++]!;
        if (this.#recursive.has(next)) continue; // settled by an earlier walk
        if (!index.has(next)) visit(next);
        else if (onStack.has(next)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const cyclic = component.length > 1 || this.#edgesOf(frame.node).includes(frame.node);
        for (const node of component) this.#recursive.set(node, cyclic);
      }
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The length of a scalar written as JSON (an object property that is undefined is left out: 0). */
function scalarLength(value: unknown): number {
  if (typeof value === 'string') return stringLength(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (value === null) return 4;
  return 0;
}

/** Characters that `JSON.stringify` escapes (lone surrogates included); most strings have none. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringLength(text: string): number {
  return ESCAPED.test(text) ? JSON.stringify(text).length : text.length + 2;
}

/** What a schema is, for a note: the component it refers to, else its title. */
function describeSchema(schema: unknown): string {
  if (isObject(schema) && typeof schema.$ref === 'string') return schema.$ref;
  if (isObject(schema) && typeof schema.title === 'string') return `schema "${schema.title}"`;
  return 'a schema';
}

function mapKeepingIdentity(items: unknown[], map: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  items.forEach((item, index) => {
    const next = map(item);
    if (next !== item) out ??= items.slice();
    if (out !== undefined) out[index] = next;
  });
  return out ?? items;
}

function mapValuesKeepingIdentity(object: JsonObject, map: (value: unknown) => unknown): JsonObject {
  let out: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    const next = map(value);
    if (next !== value) out ??= { ...object };
    if (out !== undefined) out[key] = next;
  }
  return out ?? object;
}

function union(left: ReadonlySet<string>, right: ReadonlySet<string>): ReadonlySet<string> {
  if (left.size === 0) return right;
  if (right.size === 0) return left;
  return new Set([...left, ...right]);
}

/** The `$ref`s in a schema, walked with the same keyword rules as the expansion (a property named `type` is a schema). */
function collectReferences(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectReferences(item, found);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string') found.add(node.$ref);
  for (const [key, value] of Object.entries(node)) {
    if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      for (const schema of Object.values(value)) collectReferences(schema, found);
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      for (const schema of value) collectReferences(schema, found);
    } else if (SCHEMA_KEYWORDS.has(key)) collectReferences(value, found);
    else if (key === 'dependencies' && isObject(value)) {
      for (const entry of Object.values(value)) if (!Array.isArray(entry)) collectReferences(entry, found);
    }
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePointerSegment(segment: string): string {
  let text = segment;
  if (text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // keep it as written
    }
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}
