import { createHash } from 'node:crypto';
import type { TrutoToolDefinition } from './tool-definition.js';

// Definitions are immutable once parsed and shared through the catalog cache: hash each one at most once.
const hashes = new WeakMap<TrutoToolDefinition, string>();

/**
 * A stable fingerprint of one tool definition: the same content gives the same hash whatever the key order
 * on the wire, so a server that reorders JSON keys does not report every tool as changed. Computed on demand
 * (change detection, the disk cache), never while loading a catalog.
 */
export function hashToolDefinition(definition: TrutoToolDefinition): string {
  let hash = hashes.get(definition);
  if (hash === undefined) {
    hash = createHash('sha256').update(stableStringify(definition)).digest('base64url').slice(0, 22);
    hashes.set(definition, hash);
  }
  return hash;
}

/** JSON with object keys sorted at every level; `undefined` members are left out as `JSON.stringify` does. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : stableStringify(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    members.push(`${JSON.stringify(key)}:${stableStringify(member)}`);
  }
  return `{${members.join(',')}}`;
}
