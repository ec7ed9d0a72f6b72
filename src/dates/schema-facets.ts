/**
 * Reading a JSON Schema by value location: every schema node that applies to one spot of the arguments (the node
 * itself, its `allOf` / `anyOf` / `oneOf` members, local `$ref`s followed), and the nodes of its properties and
 * array elements. Detection and widening both walk schemas this way, so they agree on what a path reaches.
 *
 * Vendor schemas are large, recursive and sometimes hostile, so every walk is bounded: a `$ref` is not followed
 * again below itself (a cycle ends), combinators nest at most {@link MAX_MEMBER_DEPTH} deep, and one walk visits at
 * most {@link MAX_FACETS} nodes (a reference graph that fans out exponentially stops there).
 */

export type SchemaNode = Record<string, any>;

/** Deeper `allOf` / `anyOf` nesting than this at one spot is not a real schema. */
export const MAX_MEMBER_DEPTH = 16;
/** The most schema nodes one tool's walk reads: a 1,000-tool catalog stays cheap whatever its schemas hold. */
export const MAX_FACETS = 20_000;

const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;

/** The root of the references, and the walk's remaining budget. */
export class SchemaScope {
  readonly root: unknown;
  remaining: number;

  constructor(root: unknown, budget = MAX_FACETS) {
    this.root = root;
    this.remaining = budget;
  }

  /** `#/$defs/Task`, `#/definitions/Task`, any `#/...` pointer into the root; `undefined` for anything else. */
  resolve(reference: string): unknown {
    if (reference === '#') return this.root;
    if (!reference.startsWith('#/')) return undefined;
    let target: unknown = this.root;
    for (const raw of reference.slice(2).split('/')) {
      if (!isRecord(target) && !Array.isArray(target)) return undefined;
      const key = decodePointerPart(raw);
      target = Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
    }
    return target;
  }
}

/** What applies at one spot, and the references followed to get there (not to be followed again below). */
export interface SpotFacets {
  facets: SchemaNode[];
  refs: ReadonlySet<string>;
}

/**
 * Every node that applies at the spot `nodes` describe. The nodes themselves come first (their descriptions are
 * the property's own), members after.
 */
export function facetsOf(nodes: readonly unknown[], scope: SchemaScope, refsAbove: ReadonlySet<string>): SpotFacets {
  const spot: CollectedFacets = { facets: [], refs: undefined, refsAbove, scope };
  for (const node of nodes) collectFacets(node, 0, spot);
  return { facets: spot.facets, refs: spot.refs ?? refsAbove };
}

interface CollectedFacets {
  facets: SchemaNode[];
  /** Created on the first reference followed at this spot. */
  refs: Set<string> | undefined;
  refsAbove: ReadonlySet<string>;
  scope: SchemaScope;
}

function collectFacets(node: unknown, depth: number, spot: CollectedFacets): void {
  if (!isRecord(node) || depth > MAX_MEMBER_DEPTH || spot.scope.remaining <= 0) return;
  spot.scope.remaining--;
  spot.facets.push(node);
  const reference = node.$ref;
  if (typeof reference === 'string' && !spot.refsAbove.has(reference) && !spot.refs?.has(reference)) {
    spot.refs ??= new Set(spot.refsAbove);
    spot.refs.add(reference);
    collectFacets(spot.scope.resolve(reference), depth + 1, spot);
  }
  for (const keyword of COMBINATORS) {
    const members = node[keyword];
    if (Array.isArray(members)) for (const member of members) collectFacets(member, depth + 1, spot);
  }
}

/** The schema nodes of each property named at the spot, in the order first seen. */
export function propertiesOf(facets: readonly SchemaNode[]): Map<string, unknown[]> {
  const properties = new Map<string, unknown[]>();
  for (const facet of facets) {
    const own = facet.properties;
    if (!isRecord(own)) continue;
    for (const key of Object.keys(own)) {
      const nodes = properties.get(key);
      if (nodes === undefined) properties.set(key, [own[key]]);
      else nodes.push(own[key]);
    }
  }
  return properties;
}

/** The schema nodes of the array elements at the spot (`items`, tuple `items`, `prefixItems`). */
export function itemsOf(facets: readonly SchemaNode[]): unknown[] {
  const items: unknown[] = [];
  for (const facet of facets) {
    if (isRecord(facet.items)) items.push(facet.items);
    else if (Array.isArray(facet.items)) items.push(...facet.items);
    if (Array.isArray(facet.prefixItems)) items.push(...facet.prefixItems);
  }
  return items;
}

/** The `type` of a node as a list (`'string'` → `['string']`); empty when it says none. */
export function typesOf(node: SchemaNode): readonly string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string');
  return [];
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePointerPart(part: string): string {
  let key = part.replace(/~1/g, '/').replace(/~0/g, '~');
  if (key.includes('%')) {
    try {
      key = decodeURIComponent(key);
    } catch {
      // A literal percent sign: keep the key as written.
    }
  }
  return key;
}
