/**
 * A tool's date fields arranged by value path, so a walk over the arguments (or over the schema) visits only the
 * branches that lead to a date. Built once per field list: `TrutoTool.dateFields` is one stable array per tool.
 */
import type { DateField } from './date-field.js';

export interface FieldTrieNode {
  /** The field at this spot, if the spot itself is a date (or a range). */
  field?: DateField;
  children: Map<string, FieldTrieNode>;
  /** The spot is an array whose elements lead to dates. */
  each?: FieldTrieNode;
}

const tries = new WeakMap<readonly DateField[], FieldTrieNode>();

export function fieldTrie(fields: readonly DateField[]): FieldTrieNode {
  let trie = tries.get(fields);
  if (trie === undefined) {
    trie = buildTrie(fields);
    tries.set(fields, trie);
  }
  return trie;
}

function buildTrie(fields: readonly DateField[]): FieldTrieNode {
  const root: FieldTrieNode = { children: new Map() };
  for (const field of fields) {
    // Hand-made fields from before paths existed name a top-level argument.
    const path = field.path ?? [field.name];
    let node = root;
    for (const step of path) {
      if (typeof step === 'string') {
        let child = node.children.get(step);
        if (child === undefined) {
          child = { children: new Map() };
          node.children.set(step, child);
        }
        node = child;
      } else {
        node.each ??= { children: new Map() };
        node = node.each;
      }
    }
    // The first field found for a spot wins (the same spot cannot want two forms).
    node.field ??= field;
  }
  return root;
}
