import type { AST, RegExpParser } from '@eslint-community/regexpp';
import { ecmaPatternParser } from './engines.js';

/**
 * The syntax tree of a JSON Schema `pattern` as JavaScript reads it: in Unicode mode when `new RegExp(source, 'u')`
 * accepts it, otherwise with Annex B's lenient rules (`\-`, `\a`, a lone `{`). `undefined` when the parser cannot
 * read what V8 compiled (a newer syntax, or nesting deep enough to exhaust the stack): callers then know nothing
 * about the pattern and treat it as the worst case.
 */
export function parseEcmaPattern(source: string, unicode: boolean): AST.Pattern | undefined {
  parser ??= new (ecmaPatternParser())({ ecmaVersion: 2025 });
  try {
    return parser.parsePattern(source, 0, source.length, { unicode });
  } catch {
    return undefined;
  }
}

/** Made by the first pattern (see engines.ts). */
let parser: RegExpParser | undefined;
