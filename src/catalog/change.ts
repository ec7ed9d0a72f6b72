/** How a catalog differs from the one seen before, by the names models see. Each list is sorted. */
export interface CatalogChanges {
  added: string[];
  removed: string[];
  /** Same name, different definition (description, schemas, method, tags, ...). */
  changed: string[];
}

/** Tool name → definition hash (see hash.ts). */
export type CatalogFingerprint = ReadonlyMap<string, string>;

export function diffCatalogs(previous: CatalogFingerprint, next: CatalogFingerprint): CatalogChanges {
  const changes: CatalogChanges = { added: [], removed: [], changed: [] };
  for (const [name, hash] of next) {
    const before = previous.get(name);
    if (before === undefined) changes.added.push(name);
    else if (before !== hash) changes.changed.push(name);
  }
  for (const name of previous.keys()) if (!next.has(name)) changes.removed.push(name);
  changes.added.sort();
  changes.removed.sort();
  changes.changed.sort();
  return changes;
}

export function hasChanges(changes: CatalogChanges): boolean {
  return changes.added.length + changes.removed.length + changes.changed.length > 0;
}

export function noChanges(): CatalogChanges {
  return { added: [], removed: [], changed: [] };
}
