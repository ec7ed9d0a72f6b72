/**
 * The two regular-expression libraries a `pattern` needs, loaded by the first schema that has one rather than on
 * import: most tools have no pattern, and importing the package must cost little more than `@langchain/core/tools`
 * (bench/import.bench.ts). Loaded with `require`, which is synchronous (schema compiling is) and which both
 * packages support.
 */

import { createRequire } from 'node:module';
import type * as Regexpp from '@eslint-community/regexpp';
import type * as Re2js from 're2js';

let re2js: typeof Re2js | undefined;
let regexpp: typeof Regexpp | undefined;

/** `re2js`: RE2, a linear-time engine, in plain JavaScript. */
export function linearEngine(): typeof Re2js.RE2JS {
  re2js ??= createRequire(import.meta.url)('re2js') as typeof Re2js;
  return re2js.RE2JS;
}

/** `@eslint-community/regexpp`: the ECMAScript pattern parser. */
export function ecmaPatternParser(): typeof Regexpp.RegExpParser {
  regexpp ??= createRequire(import.meta.url)('@eslint-community/regexpp') as typeof Regexpp;
  return regexpp.RegExpParser;
}
