/**
 * Compiles a JSON Schema `pattern` (ECMA-262) to a RegExp. The `u` flag is tried first because JSON Schema counts
 * code points and its tests use `\p{...}`; patterns that are only valid without it (`\-` inside classes, `\a`)
 * fall back to plain mode. `undefined` means the pattern is not a valid regular expression at all.
 */
export function compilePattern(pattern: string): RegExp | undefined {
  const cached = patternCache.get(pattern);
  if (cached !== undefined) return cached ?? undefined;
  let compiled: RegExp | null = null;
  try {
    compiled = new RegExp(pattern, 'u');
  } catch {
    try {
      compiled = new RegExp(pattern);
    } catch {
      compiled = null;
    }
  }
  if (patternCache.size > 5000) patternCache.clear();
  patternCache.set(pattern, compiled);
  return compiled ?? undefined;
}

/** Tool catalogs repeat the same few patterns across hundreds of tools; compiling each once keeps compiles cheap. */
const patternCache = new Map<string, RegExp | null>();
