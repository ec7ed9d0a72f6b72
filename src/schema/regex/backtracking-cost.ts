import type { AST } from '@eslint-community/regexpp';

/**
 * How much work JavaScript's backtracking engine may do for one `test` of a pattern, as a function of the input's
 * length. A pattern that repeats something ambiguous (`(a+)+`, `(a|ab)*`, `(a?){30}`) can take exponential time;
 * every other one is bounded by a polynomial this module estimates from the syntax tree, generously:
 *
 * - each element reports `ways` (how many different ways it may match from one position, which is what
 *   backtracking retries) and `work` (steps to try them all);
 * - a sequence costs `work₁ + ways₁ · (work₂ + ways₂ · (…))`: each way the first element matches is followed by a
 *   full attempt of the rest, which is how `\d+\d+\d+x` becomes cubic;
 * - a quantifier over a deterministic element has as many ways as iteration counts it allows; a short bounded one
 *   over an ambiguous element, every combination;
 * - lookarounds are atomic in ECMAScript: one way, whatever they cost inside;
 * - an unanchored pattern is attempted at every position.
 */
export interface BacktrackingCost {
  /** Repetition of an ambiguous element: the work may double with each character. */
  exponential: boolean;
  /** Estimated steps for one test of a string of `length` characters (`Infinity` when exponential). */
  stepsFor(length: number): number;
}

export function backtrackingCost(pattern: AST.Pattern): BacktrackingCost {
  const exponential = hasAmbiguousRepetition(pattern);
  const anchored = pattern.alternatives.every((alternative) => {
    const first = alternative.elements[0];
    return first?.type === 'Assertion' && first.kind === 'start';
  });
  return {
    exponential,
    stepsFor: (length) => {
      if (exponential) return Number.POSITIVE_INFINITY;
      const attempt = disjunction(pattern.alternatives, length).work;
      // `^` fails at once everywhere but the start; an unanchored pattern is tried at each position.
      return anchored ? attempt + length : (length + 1) * attempt;
    },
  };
}

/**
 * The longest input for which `cost` stays within `budget` steps (cost grows with length), up to `ceiling`.
 * -1 when not even the empty string fits (an exponential pattern).
 */
export function longestWithinBudget(cost: BacktrackingCost, budget: number, ceiling: number): number {
  if (!(cost.stepsFor(0) <= budget)) return -1;
  let fits = 0;
  let exceeds = ceiling + 1;
  if (cost.stepsFor(ceiling) <= budget) return ceiling;
  while (exceeds - fits > 1) {
    const middle = Math.floor((fits + exceeds) / 2);
    if (cost.stepsFor(middle) <= budget) fits = middle;
    else exceeds = middle;
  }
  return fits;
}

interface Estimate {
  ways: number;
  work: number;
}

function disjunction(list: readonly AST.Alternative[], length: number): Estimate {
  let ways = 0;
  let work = 0;
  for (const alternative of list) {
    const estimate = sequence(alternative.elements, length);
    ways += estimate.ways;
    work += estimate.work;
  }
  return { ways: Math.max(1, ways), work: Math.max(1, work) };
}

function sequence(elements: readonly AST.Element[], length: number): Estimate {
  let ways = 1;
  let work = 1;
  for (let index = elements.length - 1; index >= 0; index--) {
    const estimate = single(elements[index]!, length);
    work = estimate.work + estimate.ways * work;
    ways *= estimate.ways;
  }
  return { ways, work };
}

function single(node: AST.Element, length: number): Estimate {
  switch (node.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass':
      return { ways: 1, work: 1 };
    case 'Backreference': {
      // It matches what its group matched: at most that group's longest match.
      const groups = Array.isArray(node.resolved) ? node.resolved : [node.resolved];
      const longest = Math.max(...groups.map((group) => longestMatch(group)));
      return { ways: 1, work: Math.min(length, longest) + 1 };
    }
    case 'Group':
    case 'CapturingGroup':
      return disjunction(node.alternatives, length);
    case 'Assertion':
      if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
        return { ways: 1, work: disjunction(node.alternatives, length).work };
      }
      return { ways: 1, work: 1 };
    case 'Quantifier': {
      const inner = single(node.element, length);
      if (node.max <= 1) return { ways: inner.ways + (node.min === 0 ? 1 : 0), work: inner.work + 1 };
      if (inner.ways > 1) {
        // A short, bounded repetition of something ambiguous (an IPv4 octet `{3}`): every combination of ways.
        let ways = 0;
        for (let count = node.min; count <= node.max; count++) ways += inner.ways ** count;
        return { ways, work: ways * (inner.work + 1) };
      }
      // An iteration consumes at least one character, or the engine stops repeating it.
      const iterations = Math.min(node.max, length);
      const ways = Math.max(1, iterations - node.min + 1);
      return { ways, work: iterations * inner.work + ways };
    }
  }
}

/** The most characters `node` can match (`Infinity` past an unbounded repetition or a backreference). */
function longestMatch(node: AST.Node): number {
  switch (node.type) {
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass':
      return 1;
    case 'Alternative':
      return node.elements.reduce((sum, element) => sum + longestMatch(element), 0);
    case 'Group':
    case 'CapturingGroup':
      return Math.max(0, ...node.alternatives.map(longestMatch));
    case 'Quantifier':
      return node.max === 0 ? 0 : node.max * longestMatch(node.element);
    case 'Assertion':
      return 0;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * Repetitions up to this many times of something ambiguous are costed combination by combination (a constant factor:
 * 5^3 for an IPv4 octet); longer or unbounded ones are exponential.
 */
const MAX_COSTED_REPETITION = 8;

/** A long or unbounded repetition of something that can match in more than one way, or that repeats itself. */
function hasAmbiguousRepetition(pattern: AST.Pattern): boolean {
  const pending: AST.Node[] = [pattern];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'Quantifier' && node.max > MAX_COSTED_REPETITION && isAmbiguous(node.element)) return true;
    pending.push(...childrenOf(node));
  }
  return false;
}

function isAmbiguous(node: AST.Node): boolean {
  const pending: AST.Node[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    // A backreference matches one fixed string: costly (see `single`), never ambiguous.
    if (current.type === 'Quantifier') return true;
    if ('alternatives' in current && current.type !== 'ClassStringDisjunction' && current.alternatives.length > 1) {
      return true;
    }
    pending.push(...childrenOf(current));
  }
  return false;
}

function childrenOf(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
}
