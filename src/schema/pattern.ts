import type { RE2JS } from 're2js';
import { backtrackingCost, longestWithinBudget } from './regex/backtracking-cost.js';
import { linearEngine } from './regex/engines.js';
import { parseEcmaPattern } from './regex/parse-ecma-pattern.js';
import { toRe2Syntax } from './regex/re2-syntax.js';

/**
 * Steps of JavaScript's backtracking engine one pattern test may take (estimated from the pattern's syntax, see
 * `regex/backtracking-cost.ts`): a few milliseconds at most. Longer inputs go to the linear-time engine.
 */
export const NATIVE_REGEX_STEP_BUDGET = 1_000_000;
/** Inputs longer than this never go to the backtracking engine, whatever the estimate says. */
const NATIVE_LENGTH_CEILING = 1_000_000;

/**
 * How a pattern is evaluated:
 * - `native-then-linear`: JavaScript's engine on inputs short enough for its worst case to stay within
 *   {@link NATIVE_REGEX_STEP_BUDGET}, RE2 (linear time, through `re2js`) on longer ones; the same answers either way;
 * - `linear`: RE2 always (the pattern can backtrack exponentially in JavaScript);
 * - `native-bounded`: RE2 cannot express the pattern (a lookahead, a backreference), so JavaScript's engine checks
 *   inputs up to the budget's length and longer ones are not checked;
 * - `unchecked`: RE2 cannot express it and JavaScript's engine could take exponential time: nothing is checked.
 */
export type PatternStrategy = 'native-then-linear' | 'linear' | 'native-bounded' | 'unchecked';

/**
 * A JSON Schema `pattern` compiled so that no input can stall the process: a `RegExp` (its `source` and `flags` are
 * the pattern's, which is what zod shows the model) whose `test` never does super-linear work. Only `test` is
 * bounded: it is what validation calls.
 */
export class BoundedRegExp extends RegExp {
  readonly strategy: PatternStrategy;
  /** What was done and why, for a schema warning; undefined when the pattern is checked exactly and cheaply. */
  readonly notice: string | undefined;
  /** Inputs up to this many characters go to JavaScript's engine (-1: none). */
  readonly nativeMaxLength: number;
  readonly #native: RegExp;
  readonly #linear: RE2JS | undefined;

  constructor(
    native: RegExp,
    plan: { strategy: PatternStrategy; notice?: string; nativeMaxLength: number; linear?: RE2JS },
  ) {
    super(native.source, native.flags);
    this.#native = native;
    this.#linear = plan.linear;
    this.strategy = plan.strategy;
    this.notice = plan.notice;
    this.nativeMaxLength = plan.nativeMaxLength;
  }

  override test(input: string): boolean {
    const text = String(input);
    if (text.length <= this.nativeMaxLength) return this.#native.test(text);
    if (this.#linear !== undefined) return this.#linear.test(text);
    // Past the budget of a pattern RE2 cannot run: not checked (the API still validates what it receives).
    return true;
  }

  // Derived objects (`String.prototype.replace`, `split`, `matchAll`) are plain RegExps: none is used to validate.
  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }
}

/**
 * Compiles a JSON Schema `pattern` (ECMA-262). The `u` flag is tried first because JSON Schema counts code points
 * and its tests use `\p{...}`; patterns that are only valid without it (`\-` inside classes, `\a`) fall back to
 * plain mode. `undefined` means the pattern is not a valid regular expression at all. What runs it is chosen by
 * {@link PatternStrategy}; `notice` says when that is anything but exact.
 */
export function compilePattern(pattern: string): BoundedRegExp | undefined {
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  let compiled: BoundedRegExp | null = null;
  const native = nativeRegExp(pattern);
  if (native !== undefined) compiled = new BoundedRegExp(native, planFor(pattern, native.unicode));
  if (patternCache.size > 5000) patternCache.clear();
  patternCache.set(pattern, compiled);
  return compiled ?? undefined;
}

/** Tool catalogs repeat the same few patterns across hundreds of tools; compiling each once keeps compiles cheap. */
const patternCache = new Map<string, BoundedRegExp | null>();

function nativeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return undefined;
    }
  }
}

interface Plan {
  strategy: PatternStrategy;
  notice?: string;
  nativeMaxLength: number;
  linear?: RE2JS;
}

function planFor(source: string, unicode: boolean): Plan {
  const shown = quoted(source);
  const ast = parseEcmaPattern(source, unicode);
  if (ast === undefined) {
    return {
      strategy: 'unchecked',
      nativeMaxLength: -1,
      notice: `pattern ${shown} could not be analysed for its worst-case time; it is not checked`,
    };
  }
  let cost: ReturnType<typeof backtrackingCost> | undefined;
  let nativeMaxLength = -1;
  try {
    cost = backtrackingCost(ast);
    nativeMaxLength = longestWithinBudget(cost, NATIVE_REGEX_STEP_BUDGET, NATIVE_LENGTH_CEILING);
  } catch {
    // Nesting deep enough to exhaust the stack: assume the worst.
  }
  const translation = toRe2Syntax(ast);
  const linear = 'source' in translation ? compileRe2(translation.source) : undefined;
  if (linear !== undefined) {
    if (nativeMaxLength >= 0) return { strategy: 'native-then-linear', nativeMaxLength, linear };
    return {
      strategy: 'linear',
      nativeMaxLength: -1,
      linear,
      notice: `pattern ${shown} can take exponential time in JavaScript's regular expression engine; it is checked with a linear-time engine (RE2) instead`,
    };
  }
  const reason =
    'unsupported' in translation
      ? `uses ${translation.unsupported}, which the linear-time engine (RE2) cannot run`
      : 'is not accepted by the linear-time engine (RE2)';
  if (nativeMaxLength < 0 || cost?.exponential) {
    return {
      strategy: 'unchecked',
      nativeMaxLength: -1,
      notice: `pattern ${shown} ${reason}, and can take exponential time in JavaScript's engine; it is not checked`,
    };
  }
  return {
    strategy: 'native-bounded',
    nativeMaxLength,
    notice: `pattern ${shown} ${reason}; it is checked with JavaScript's engine on strings of up to ${nativeMaxLength} characters, and longer strings are not checked`,
  };
}

function compileRe2(source: string): RE2JS | undefined {
  const engine = linearEngine();
  try {
    return engine.compile(source);
  } catch {
    // Past RE2's program size, or a property name it does not know.
    return undefined;
  }
}

/** Patterns come from catalogs: a hostile one may be megabytes long, and a warning shows only its start. */
function quoted(source: string): string {
  return JSON.stringify(source.length > 120 ? `${source.slice(0, 117)}...` : source);
}
