/**
 * Cheap deterministic randomness. Fixtures hash their coordinates (day, project, line item...) instead of keeping
 * a random generator's state, so any page of any range comes out the same however it is requested.
 */

/** FNV-1a, 32 bits. */
export function hashText(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes numbers into one 32-bit hash (murmur3's finaliser over a running combination). */
export function hashNumbers(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    hash = Math.imul(hash ^ (value | 0), 0x85ebca6b);
    hash = Math.imul(hash ^ Math.floor(value / 0x100000000), 0xc2b2ae35);
    hash ^= hash >>> 13;
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A number in [0, 1) from a hash. */
export function unitInterval(hash: number): number {
  return (hash >>> 0) / 0x100000000;
}

/** mulberry32: a small seeded generator for fixtures built in one go (synthetic tools). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 0x100000000;
  };
}

/** Rounds to `digits` decimals without the binary noise of `toFixed` round trips. */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
