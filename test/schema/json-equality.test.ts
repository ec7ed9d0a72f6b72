import { describe, expect, it } from 'vitest';
import { hasDuplicateItems, jsonEqual } from '../../src/schema/json-equality.js';

describe('jsonEqual', () => {
  it.each([
    [1, 1.0, true],
    [0, -0, true],
    [false, 0, false],
    [null, {}, false],
    [[], {}, false],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    ['1', 1, false],
  ])('%j vs %j → %s', (left, right, equal) => {
    expect(jsonEqual(left, right)).toBe(equal);
    expect(jsonEqual(right, left)).toBe(equal);
  });
});

describe('hasDuplicateItems', () => {
  it('finds duplicates among primitives and composites', () => {
    expect(hasDuplicateItems([1, '1', true, null])).toBe(false);
    expect(hasDuplicateItems([1, 2, 1])).toBe(true);
    expect(hasDuplicateItems([{ a: [1] }, { a: [1] }])).toBe(true);
    expect(hasDuplicateItems([[1], [true]])).toBe(false);
  });
});
