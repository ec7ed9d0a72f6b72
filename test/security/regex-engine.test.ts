/**
 * Issue 16, item 1: catalog patterns run on model arguments without ever backtracking super-linearly. Every pattern
 * RE2 can express is checked by it past the length where JavaScript's engine could be slow, with the same verdicts
 * (here: on every pattern and string of the JSON-Schema-Test-Suite, and on the places the two dialects differ);
 * what RE2 cannot express is checked by JavaScript's engine within a budget, and a warning says so. No assertion
 * here is about time: the hostile inputs would run for minutes (or forever) without the bound, so finishing at all
 * within vitest's own timeout is the check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RE2JS } from 're2js';
import { compileJsonSchema, type SchemaWarning } from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { getCompileWarnings } from '../../src/schema/index.js';
import { BoundedRegExp, compilePattern } from '../../src/schema/pattern.js';
import { backtrackingCost } from '../../src/schema/regex/backtracking-cost.js';
import { parseEcmaPattern } from '../../src/schema/regex/parse-ecma-pattern.js';
import { toRe2Syntax } from '../../src/schema/regex/re2-syntax.js';

const SUITE = fileURLToPath(new URL('../fixtures/json-schema-test-suite/tests', import.meta.url));

/** The pattern as RE2 reads it after translation; undefined when it cannot. */
function re2For(pattern: string): RE2JS | undefined {
  const unicode = isUnicode(pattern);
  const ast = parseEcmaPattern(pattern, unicode);
  if (ast === undefined) return undefined;
  const translated = toRe2Syntax(ast);
  return 'source' in translated ? RE2JS.compile(translated.source) : undefined;
}

function isUnicode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function suitePatterns(): Array<[string, string[]]> {
  const found: Array<[string, string[]]> = [];
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) files.push(path);
    }
  };
  walk(SUITE);
  const collect = (schema: unknown, strings: string[]) => {
    if (typeof schema !== 'object' || schema === null) return;
    const record = schema as Record<string, unknown>;
    if (typeof record.pattern === 'string') found.push([record.pattern, strings]);
    if (typeof record.patternProperties === 'object' && record.patternProperties !== null) {
      for (const source of Object.keys(record.patternProperties)) found.push([source, strings]);
    }
    for (const value of Object.values(record)) collect(value, strings);
  };
  for (const file of files) {
    for (const group of JSON.parse(readFileSync(file, 'utf8')) as Array<{
      schema: unknown;
      tests: { data: unknown }[];
    }>) {
      const strings = group.tests.flatMap(({ data }) => {
        if (typeof data === 'string') return [data];
        if (typeof data === 'object' && data !== null) {
          return [...Object.keys(data), ...Object.values(data).filter((value) => typeof value === 'string')];
        }
        return [];
      });
      collect(group.schema, strings as string[]);
    }
  }
  return found;
}

describe('translation to RE2 keeps ECMAScript meaning', () => {
  it('gives the verdict of JavaScript on every pattern and string of the JSON-Schema-Test-Suite', () => {
    const patterns = suitePatterns();
    expect(patterns.length).toBeGreaterThan(50);
    let compared = 0;
    for (const [pattern, strings] of patterns) {
      const native = new RegExp(pattern, isUnicode(pattern) ? 'u' : '');
      const re2 = re2For(pattern);
      expect(re2, pattern).toBeDefined();
      for (const text of strings) {
        expect(re2!.test(text), `${pattern} on ${JSON.stringify(text)}`).toBe(native.test(text));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it.each([
    // ECMAScript \s is Unicode white space and line terminators; RE2's is ASCII.
    ['^\\s$', ['\u00a0', '\u2028', '\ufeff', '\u3000', '\u000b', ' ', 'a']],
    ['^\\S+$', ['a\u00a0b', 'ab', '\u1680']],
    ['^[\\s\\d]+$', ['1\u20022', '12', 'x']],
    ['^[^\\s]+$', ['ab', 'a b', 'a\u2029b']],
    // `.` stops at every line terminator, and takes a whole astral character in Unicode mode.
    ['^.$', ['\n', '\r', '\u2028', '\u2029', 'a', '💩']],
    ['^\\w+$', ['abc_09', 'é', 'ab-']],
    ['\\bfoo\\b', ['é foo', 'foo_', 'a foo.']],
    ['^\\p{Letter}+$', ['héllo', 'abc1', 'Ωμέγα']],
    ['^\\p{Script=Greek}+$', ['Ωμέγα', 'abc']],
    ['^\\P{L}+$', ['123', 'a1']],
    ['^[^]$', ['\n', 'a']],
    ['^[]$', ['', 'a']],
    ['^\\u{1F4A9}$', ['💩', 'x']],
    ['^\\cJ$', ['\n', 'J']],
    ['^a{2,3}$', ['a', 'aa', 'aaaa']],
    ['^(?<name>ab)+$', ['abab', 'aba']],
    ['a$', ['a\n', 'ba']],
    ['^\\-\\a$', ['-a', 'a']],
  ])('%s', (pattern, strings) => {
    const native = new RegExp(pattern, isUnicode(pattern) ? 'u' : '');
    const re2 = re2For(pattern);
    expect(re2).toBeDefined();
    for (const text of strings) expect(re2!.test(text), JSON.stringify(text)).toBe(native.test(text));
  });

  it.each([
    ['^(?=.*\\d).{8,}$', 'lookahead'],
    ['(?<!x)y', 'lookbehind'],
    ['(a)\\1', 'backreference'],
    ['a{1001}', 'above 1000'],
  ])('reports %s as beyond RE2 (%s)', (pattern, feature) => {
    const translated = toRe2Syntax(parseEcmaPattern(pattern, true)!);
    expect('unsupported' in translated && translated.unsupported).toContain(feature);
  });
});

describe('how a pattern is run', () => {
  it.each([
    ['^(a+)+$', 'linear'],
    ['^(\\w|-)*$', 'linear'],
    ['(a?){30}a{30}', 'linear'],
    ['^[a-z0-9_-]{3,64}$', 'native-then-linear'],
    ['\\d+\\d+\\d+x', 'native-then-linear'],
    ['^(?=.*\\d)(?=.*[a-z]).{8,}$', 'native-bounded'],
    ['^(?=(a+)+)b', 'unchecked'],
  ])('%s → %s', (pattern, strategy) => {
    const compiled = compilePattern(pattern);
    expect(compiled).toBeInstanceOf(BoundedRegExp);
    expect(compiled!.strategy).toBe(strategy);
    // zod writes `source` into the model's schema: it stays the catalog's own pattern.
    expect(compiled!.source).toBe(new RegExp(pattern, 'u').source);
  });

  it('estimates polynomial work from the syntax, and calls nested repetition exponential', () => {
    const cubic = backtrackingCost(parseEcmaPattern('\\d+\\d+\\d+x', true)!);
    expect(cubic.exponential).toBe(false);
    expect(cubic.stepsFor(100)).toBeGreaterThan(100 ** 3);
    expect(backtrackingCost(parseEcmaPattern('^(a+)+$', true)!).exponential).toBe(true);
    expect(backtrackingCost(parseEcmaPattern('^[a-z]{3,64}$', true)!).stepsFor(10_000)).toBeLessThan(10_000 * 200);
  });

  it('answers the same for short and long inputs of a polynomial pattern (JavaScript, then RE2)', () => {
    const compiled = compilePattern('^\\d+\\d+\\d+x$')!;
    expect(compiled.nativeMaxLength).toBeGreaterThan(5);
    expect(compiled.test('123x')).toBe(true);
    expect(compiled.test(`${'1'.repeat(compiled.nativeMaxLength + 1_000)}x`)).toBe(true);
    expect(compiled.test('1'.repeat(100_000))).toBe(false);
  });
});

describe('hostile patterns on hostile arguments finish, with a warning that says what was done', () => {
  const attack = `${'a'.repeat(40)}!`;

  function compile(schema: unknown): { node: ReturnType<typeof compileJsonSchema>; warnings: SchemaWarning[] } {
    const warnings: SchemaWarning[] = [];
    const node = compileJsonSchema(schema, { onWarning: (warning) => warnings.push(warning), jitAfterParses: 1 });
    return { node, warnings };
  }

  it.each([
    // A key that almost matches is not governed by the pattern: accepted, after a check that must not backtrack.
    ['pattern', { type: 'object', properties: { q: { type: 'string', pattern: '^(a+)+$' } } }, { q: attack }, false],
    [
      'patternProperties',
      { type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } },
      { [attack]: 'x' },
      true,
    ],
    ['propertyNames', { type: 'object', propertyNames: { pattern: '^(a+)+$' } }, { [attack]: 1 }, false],
  ])('through %s', (_keyword, schema, hostile, accepted) => {
    const { node, warnings } = compile(schema);
    expect(warnings.some((warning) => /linear-time engine \(RE2\)/.test(warning.message))).toBe(true);
    // The runtime first, then (jitAfterParses: 1) the generated code.
    for (let round = 0; round < 3; round++) expect(node.safeParse(hostile).success).toBe(accepted);
    expect(getCompileWarnings(node).length).toBe(warnings.length);
  });

  it('checks a megabyte-long argument against a cubic pattern without backtracking through it', () => {
    const { node } = compile({ type: 'string', pattern: '\\d+\\d+\\d+x' });
    expect(node.safeParse('1'.repeat(1_000_000)).success).toBe(false);
    expect(node.safeParse(`${'1'.repeat(1_000_000)}x`).success).toBe(true);
  });

  it('leaves a lookahead RE2 cannot run to JavaScript within a length budget, and says so', () => {
    const { node, warnings } = compile({ type: 'string', pattern: '^(?=.*\\d)(?=.*[a-z]).{8,}$' });
    expect(warnings[0]?.message).toMatch(
      /lookahead.*checked with JavaScript's engine on strings of up to \d+ characters/,
    );
    expect(node.safeParse('abcdefg1').success).toBe(true);
    expect(node.safeParse('abcdefgh').success).toBe(false);
    // Past the budget, not checked rather than stalled.
    expect(node.safeParse('a'.repeat(2_000_000)).success).toBe(true);
  });

  it('does not check an exponential pattern RE2 cannot run, and says so', () => {
    const { node, warnings } = compile({ type: 'string', pattern: '^(?=(a+)+$)a' });
    expect(warnings[0]?.message).toMatch(/can take exponential time in JavaScript's engine; it is not checked/);
    expect(node.safeParse(attack).success).toBe(true);
  });
});
