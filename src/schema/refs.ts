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
}

export interface ResolvedRef {
  schema: unknown;
  /** The target's JSON pointer in the compiled document, for warnings and recursion bookkeeping. */
  pointer: string;
}

/** A base for documents without `$id`: hierarchical, so relative references resolve, and never fetchable. */
export const DOCUMENT_BASE_URI = 'https://schema.invalid/root.json';

/** Values under these keywords are data, not schemas: an `$id` inside an `enum` names nothing. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

export function indexSchema(root: unknown, dialect: Dialect): SchemaIndex {
  const index: SchemaIndex = {
    resources: new Map(),
    anchors: new Map(),
    baseUriOf: new WeakMap(),
    pointerOf: new WeakMap(),
  };
  index.resources.set(DOCUMENT_BASE_URI, root);
  walk(root, DOCUMENT_BASE_URI, '', index, dialect);
  return index;
}

function walk(node: unknown, parentBase: string, pointer: string, index: SchemaIndex, dialect: Dialect): void {
  if (Array.isArray(node)) {
    for (let position = 0; position < node.length; position++) {
      walk(node[position], parentBase, `${pointer}/${position}`, index, dialect);
    }
    return;
  }
  if (!isJsonObject(node)) return;
  if (index.pointerOf.has(node)) return;
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
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (typeof value === 'object' && value !== null)
      walk(value, base, `${pointer}/${escapeSegment(key)}`, index, dialect);
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
