import { evaluatePointer } from './json-pointer.js';
import { isJsonObject } from './json-value.js';
import type { Dialect } from './types.js';

/**
 * Where every identifiable sub-schema of one document lives, so `$ref` can be resolved without fetching anything:
 * `$id` resources, `$anchor`/`$dynamicAnchor` names (and draft-07's `$id: "#name"`), and the base URI and pointer of
 * every object reached while walking the document.
 */
export interface SchemaIndex {
  resources: Map<string, unknown>;
  anchors: Map<string, unknown>;
  baseUriOf: WeakMap<object, string>;
  pointerOf: WeakMap<object, string>;
  dialect: Dialect;
}

export interface ResolvedRef {
  schema: unknown;
  /** The target's JSON pointer in the compiled document, for warnings and recursion bookkeeping. */
  pointer: string;
}

/** A base for documents without `$id`: hierarchical, so relative references resolve, and never fetchable. */
export const DOCUMENT_BASE_URI = 'https://schema.invalid/root.json';

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = [
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'items',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
];

export function indexSchema(root: unknown, dialect: Dialect): SchemaIndex {
  const index: SchemaIndex = {
    resources: new Map(),
    anchors: new Map(),
    baseUriOf: new WeakMap(),
    pointerOf: new WeakMap(),
    dialect,
  };
  index.resources.set(DOCUMENT_BASE_URI, root);
  walk(root, DOCUMENT_BASE_URI, '', index, dialect);
  return index;
}

/**
 * Registers `node` and the schemas under its known keywords. Values of unknown keywords are not schemas: an `$id`
 * in there identifies nothing (a `$ref` may still point into them by JSON pointer; see `resolveRef`).
 */
function walk(node: unknown, parentBase: string, pointer: string, index: SchemaIndex, dialect: Dialect): void {
  if (!isJsonObject(node) || index.pointerOf.has(node)) return;
  let base = parentBase;
  const id = typeof node.$id === 'string' ? node.$id : undefined;
  // draft-07: "$ref prevents a sibling $id from changing the base uri".
  const idApplies = id !== undefined && !(dialect !== '2020-12' && typeof node.$ref === 'string');
  if (idApplies && id !== undefined) {
    const resolved = resolveUri(id, parentBase);
    if (resolved !== undefined) {
      const [withoutFragment, fragment] = splitFragment(resolved);
      if (withoutFragment !== '' && !id.startsWith('#')) {
        base = withoutFragment;
        index.resources.set(withoutFragment, node);
      }
      // draft-07 names anchors with `$id: "#name"` (or `other.json#name`).
      if (fragment !== '' && !fragment.startsWith('/')) index.anchors.set(`${withoutFragment}#${fragment}`, node);
    }
  }
  for (const keyword of ['$anchor', '$dynamicAnchor']) {
    const anchor = node[keyword];
    if (typeof anchor === 'string') index.anchors.set(`${base}#${anchor}`, node);
  }
  index.baseUriOf.set(node, base);
  index.pointerOf.set(node, pointer);
  for (const keyword of SCHEMA_KEYWORDS) {
    if (isJsonObject(node[keyword])) walk(node[keyword], base, `${pointer}/${keyword}`, index, dialect);
  }
  for (const keyword of SCHEMA_LIST_KEYWORDS) {
    const list = node[keyword];
    if (!Array.isArray(list)) continue;
    for (let position = 0; position < list.length; position++) {
      walk(list[position], base, `${pointer}/${keyword}/${position}`, index, dialect);
    }
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = node[keyword];
    if (!isJsonObject(map)) continue;
    for (const [name, subschema] of Object.entries(map)) {
      walk(subschema, base, `${pointer}/${keyword}/${escapeSegment(name)}`, index, dialect);
    }
  }
}

/**
 * Resolves `$ref` as written in `from` against the document. `undefined` when the target is not in this document
 * (a remote reference, a dangling pointer): the caller reports it and accepts anything there.
 */
export function resolveRef(reference: string, from: object, index: SchemaIndex): ResolvedRef | undefined {
  const base = index.baseUriOf.get(from) ?? DOCUMENT_BASE_URI;
  const absolute = resolveUri(reference, base);
  if (absolute === undefined) return undefined;
  const [resourceUri, rawFragment] = splitFragment(absolute);
  let fragment: string;
  try {
    fragment = decodeURIComponent(rawFragment);
  } catch {
    return undefined;
  }
  const resource = index.resources.get(resourceUri === '' ? base : resourceUri);
  if (resource === undefined) return undefined;
  let target: unknown;
  if (fragment === '' || fragment.startsWith('/')) {
    target = evaluatePointer(resource, fragment);
  } else {
    target = index.anchors.get(`${resourceUri}#${fragment}`);
  }
  if (target === undefined) return undefined;
  // A target outside the known keywords (inside an unknown keyword) was never walked: it lives in its resource.
  if (isJsonObject(target) && !index.pointerOf.has(target)) {
    const resourcePointer = index.pointerOf.get(resource as object) ?? '';
    walk(target, resourceUri === '' ? base : resourceUri, `${resourcePointer}${fragment}`, index, index.dialect);
  }
  const pointer =
    (isJsonObject(target) && index.pointerOf.get(target)) ||
    `${index.pointerOf.get(resource as object) ?? ''}${fragment}`;
  return { schema: target, pointer };
}

function resolveUri(reference: string, base: string): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    // `urn:` bases cannot resolve relative paths, only fragments.
    if (reference.startsWith('#')) return `${splitFragment(base)[0]}${reference}`;
    return undefined;
  }
}

function splitFragment(uri: string): [string, string] {
  const hash = uri.indexOf('#');
  return hash === -1 ? [uri, ''] : [uri.slice(0, hash), uri.slice(hash + 1)];
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
