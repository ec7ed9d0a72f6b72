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

interface Expansion {
  value: unknown;
  /** Pointers of the recursive components the value refers to through `#/$defs/...`. */
  defs: ReadonlySet<string>;
}

export class RefResolver {
  readonly document: JsonObject;
  /** Unresolvable references met so far (`#/components/schemas/Missing`), for diagnostics. */
  readonly problems = new Set<string>();
  readonly #targets = new Map<string, unknown>();
  readonly #edges = new Map<string, readonly string[]>();
  readonly #recursive = new Map<string, boolean>();
  readonly #inlined = new Map<string, Expansion>();
  readonly #defBodies = new Map<string, Expansion>();
  readonly #defNames = new Map<string, string>();
  readonly #usedDefNames = new Set<string>();

  constructor(document: JsonObject) {
    this.document = document;
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
   * A self-contained copy of `schema`: references inlined, recursive components under `$defs`.
   * The result may share sub-objects with other results of this resolver; callers treat it as read-only.
   */
  resolveSchema(schema: unknown): unknown {
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
