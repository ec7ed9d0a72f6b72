/**
 * Cuts a JSON answer to a character budget and keeps it valid JSON, in time linear in what is kept: nothing past the
 * budget is walked, however large the answer (a 31 MiB list costs what its first 60,000 characters cost).
 *
 * - Objects keep every key. Small values (scalars, short strings) are kept whole; the room left is shared among the
 *   large ones (arrays, long strings, objects), the smallest first, so `next_cursor` survives beside a list cut short.
 * - Arrays keep their first items, as many as fit: the model can ask for the rest with a smaller `limit` and a
 *   cursor. The first item stays, and is cut inside if need be.
 * - Long strings lose their tail (` …[cut: N more characters]`).
 * - A part that cannot shrink, or gets too little room, becomes `"[omitted: N characters]"`; at worst the whole answer.
 *
 * Every cut is recorded, so the model is told exactly what it is not seeing. Strings a caller will replace afterwards
 * (base64 written to a file) are measured at the size of their replacement, kept whole and listed, at most
 * `maxReplacements` of them; further ones give way to a short note.
 */

export interface BudgetCut {
  /** Where, in dotted form (`result`, `data[0].results`, `text`); empty for the whole answer. */
  path: string;
  kind: 'items' | 'characters' | 'value';
  /** Items or characters kept (0 for a replaced value). */
  kept: number;
  /** Items or characters the answer had there (a lower bound when `atLeast`). */
  total: number;
  /** The part was larger than the SDK measured (it stops measuring past {@link MEASURE_CAP_CHARS}). */
  atLeast?: true;
}

/** A string kept whole for the caller to replace: `parent[key] = replacement`. */
export interface PendingReplacement {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
  /** The property name it sits under (for array items, the array's). */
  name: string;
  /** Dotted path, for a cut if it cannot be replaced after all. */
  path: string;
}

export interface FitOptions {
  /** Whether a string will be replaced by the caller; decided in constant time (no scan of the string). */
  replaceLater?: (text: string, name: string) => boolean;
  /** Characters a replacement takes at most. @default 200 */
  replacementChars?: number;
  /** Replacements listed at most; later candidates become a short note. @default unlimited */
  maxReplacements?: number;
}

export interface FitResult {
  value: unknown;
  cuts: BudgetCut[];
  /** Characters of the answer before cutting (a lower bound when `originalCharsExact` is false). */
  originalChars: number;
  originalCharsExact: boolean;
  /** Strings left for the caller to replace, in document order. */
  pending: PendingReplacement[];
  /** Candidates past `maxReplacements`, replaced by a note instead. */
  skippedReplacements: number;
}

/** Strings shorter than this are never cut: the saving would not be worth the damage. */
const MIN_CUT_STRING = 200;
/** Characters a cut string keeps at least; with less room it is replaced whole. */
const KEEP_STRING = 100;
/**
 * Measuring a part stops here: a placeholder or note then says "more than". Sizing the original answer is bounded by
 * it too, so a 31 MiB answer is never walked in full.
 */
export const MEASURE_CAP_CHARS = 1024 * 1024;
/** Dotted paths longer than this are shortened in cuts (keys come from the server). */
const MAX_PATH_CHARS = 120;

type Container = Record<string, unknown> | unknown[];

/** Serialised length of a JSON value, exactly as `JSON.stringify` would write it (without spacing). */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/**
 * Returns the value untouched when its JSON fits `maxChars` (and nothing is to be replaced); otherwise a cut copy
 * that fits once the pending replacements are made (the input is never modified). `maxChars` is for the value
 * alone: leave room for any note added afterwards.
 */
export function fitJsonToBudget(value: unknown, maxChars: number, options: FitOptions = {}): FitResult {
  const fitter = new Fitter(options);
  const original = fitter.measure(value, '', MEASURE_CAP_CHARS);
  const originalChars = Math.min(original.size, MEASURE_CAP_CHARS + 1);
  const originalCharsExact = original.size <= MEASURE_CAP_CHARS;
  const result = (fitted: unknown): FitResult => ({
    value: fitted,
    cuts: [...fitter.cuts.values()],
    originalChars,
    originalCharsExact,
    pending: fitter.pending,
    skippedReplacements: fitter.skipped,
  });
  if (original.size <= maxChars && !original.candidates) return result(value);
  let fitted = fitter.fit(value, '', '', maxChars);
  if (fitter.sizeOf(fitted) > maxChars) fitted = fitter.replaceWhole(value, '', '', originalChars, originalCharsExact);
  return result(fitted);
}

interface Measured {
  size: number;
  /** Holds strings to replace later (their size counted as the replacement's). */
  candidates: boolean;
}

class Fitter {
  readonly cuts = new Map<string, BudgetCut>();
  readonly pending: PendingReplacement[] = [];
  skipped = 0;
  readonly #replaceLater: FitOptions['replaceLater'];
  readonly #replacementChars: number;
  readonly #maxReplacements: number;

  constructor(options: FitOptions) {
    this.#replaceLater = options.replaceLater;
    this.#replacementChars = options.replacementChars ?? 200;
    this.#maxReplacements = options.maxReplacements ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Serialised size of `value` as it will be written (replacements at their size), walking no further than `cap`
   * characters: past it, the size returned is only known to exceed `cap`. Iterative: depth costs nothing.
   */
  measure(value: unknown, name: string, cap: number): Measured {
    let size = 0;
    let candidates = false;
    const pending: Array<[unknown, string]> = [[value, name]];
    while (pending.length > 0 && size <= cap) {
      const [item, itemName] = pending.pop()!;
      if (item instanceof PendingMarker) {
        candidates = true;
        size += this.#replacementChars;
      } else if (typeof item === 'string') {
        if (this.#isCandidate(item, itemName)) {
          candidates = true;
          size += this.#replacementChars;
        } else {
          size += stringSize(item, cap - size);
        }
      } else if (Array.isArray(item)) {
        size += 2 + Math.max(0, item.length - 1);
        for (let index = item.length - 1; index >= 0 && size <= cap; index--) pending.push([item[index], itemName]);
      } else if (typeof item === 'object' && item !== null) {
        const keys = Object.keys(item);
        size += 2 + Math.max(0, keys.length - 1);
        for (let index = keys.length - 1; index >= 0 && size <= cap; index--) {
          const key = keys[index]!;
          size += stringSize(key, cap) + 1;
          pending.push([(item as Record<string, unknown>)[key], key]);
        }
      } else {
        size += scalarSize(item);
      }
    }
    return { size, candidates: candidates || size > cap };
  }

  /** Exact size of a value this fitter built (small by construction). */
  sizeOf(value: unknown): number {
    return this.measure(value, '', Number.POSITIVE_INFINITY).size;
  }

  fit(value: unknown, name: string, path: string, budget: number): unknown {
    if (typeof value === 'string') return this.#fitString(value, name, path, budget);
    if (typeof value !== 'object' || value === null) return value;
    const measured = this.measure(value, name, budget);
    if (measured.size <= budget && !measured.candidates) return value;
    if (Array.isArray(value)) return this.#fitArray(value, name, path, budget);
    return this.#fitObject(value as Record<string, unknown>, path, budget);
  }

  #fitString(value: string, name: string, path: string, budget: number): unknown {
    if (this.#isCandidate(value, name)) return this.#candidate(value, name, path);
    if (stringSize(value, budget) <= budget) return value;
    if (value.length < MIN_CUT_STRING) return this.replaceWhole(value, name, path);
    const cut = cutString(value, budget);
    if (cut === undefined) return this.replaceWhole(value, name, path);
    this.#record({ path, kind: 'characters', kept: cut.kept, total: value.length });
    return cut.text;
  }

  #fitArray(items: unknown[], name: string, path: string, budget: number): unknown {
    const kept: unknown[] = [];
    let used = 2;
    for (let index = 0; index < items.length; index++) {
      const separator = index === 0 ? 0 : 1;
      const room = budget - used - separator;
      const item = items[index];
      const measured = this.measure(item, name, room);
      if (measured.size <= room) {
        const fitted = measured.candidates ? this.fit(item, name, `${path}[${index}]`, room) : item;
        adopt(fitted, kept, kept.length);
        kept.push(fitted);
        used += separator + (measured.candidates ? this.sizeOf(fitted) : measured.size);
        continue;
      }
      if (index === 0) {
        const fitted = this.fit(item, name, `${path}[0]`, room);
        adopt(fitted, kept, 0);
        kept.push(fitted);
        used += this.sizeOf(fitted);
      }
      break;
    }
    if (used > budget) return this.replaceWhole(items, name, path);
    if (kept.length < items.length) this.#record({ path, kind: 'items', kept: kept.length, total: items.length });
    return kept;
  }

  #fitObject(object: Record<string, unknown>, path: string, budget: number): unknown {
    const keys = Object.keys(object);
    // Keys, punctuation and small values are kept whatever happens, and every large value needs room for at least a
    // placeholder: stop as soon as even that cannot fit (an object of 300,000 keys is not walked).
    let fixed = 2 + Math.max(0, keys.length - 1);
    let minimums = 0;
    const large: string[] = [];
    for (const key of keys) {
      fixed += stringSize(key, Number.POSITIVE_INFINITY) + 1;
      const value = object[key];
      const measured = this.measure(value, key, PLACEHOLDER_CHARS);
      if (measured.size <= PLACEHOLDER_CHARS && !measured.candidates) fixed += measured.size;
      else if (!isShrinkable(value) && !measured.candidates) fixed += this.measure(value, key, MIN_CUT_STRING * 8).size;
      else {
        large.push(key);
        minimums += Math.min(measured.size, PLACEHOLDER_CHARS);
      }
      if (fixed + minimums > budget) return this.replaceWhole(object, '', path);
    }
    // The room left is shared among the large values, smallest first (water-filling). Each round measures the
    // values still unsettled only up to the current share, so the rounds cost the budget, never the answer.
    let room = budget - fixed;
    const allotment = new Map<string, number>();
    let unsettled = large;
    for (let round = 0; round < MAX_SHARE_ROUNDS && unsettled.length > 0; round++) {
      const share = Math.floor(room / unsettled.length);
      const stillLarge: string[] = [];
      for (const key of unsettled) {
        const measured = this.measure(object[key], key, share);
        if (measured.size <= share) {
          allotment.set(key, measured.size);
          room -= measured.size;
        } else stillLarge.push(key);
      }
      const settledAny = stillLarge.length < unsettled.length;
      unsettled = stillLarge;
      if (!settledAny) break;
    }
    const lastShare = unsettled.length === 0 ? 0 : Math.floor(room / unsettled.length);
    for (const key of unsettled) allotment.set(key, lastShare);
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const value = object[key];
      const given = allotment.get(key);
      const fitted = given === undefined ? value : this.fit(value, key, joinPath(path, key), given);
      adopt(fitted, result, key);
      // Spreading would drop an own `__proto__`; define every key as the data property it was.
      setOwn(result, key, fitted);
    }
    return result;
  }

  /** A part that cannot shrink to its room: a placeholder saying how large it was. */
  replaceWhole(value: unknown, name: string, path: string, known?: number, exact?: boolean): string {
    let total = known;
    let atLeast = exact === false;
    if (total === undefined) {
      const measured = this.measure(value, name, MEASURE_CAP_CHARS);
      total = Math.min(measured.size, MEASURE_CAP_CHARS + 1);
      atLeast = measured.size > MEASURE_CAP_CHARS;
    }
    this.#forgetCutsInside(path);
    this.#record({ path, kind: 'value', kept: 0, total, ...(atLeast ? { atLeast: true as const } : {}) });
    return atLeast ? `[omitted: more than ${MEASURE_CAP_CHARS} characters]` : `[omitted: ${total} characters]`;
  }

  #isCandidate(text: string, name: string): boolean {
    return this.#replaceLater?.(text, name) === true;
  }

  /** A string to replace later: listed while there is room in `maxReplacements`, else a note. */
  #candidate(text: string, name: string, path: string): unknown {
    if (this.pending.length >= this.#maxReplacements) {
      this.skipped++;
      return `[not written to a file: ${text.length} characters of base64; the answer already wrote ${this.#maxReplacements} files]`;
    }
    // Its parent is set when the copy that holds it is made (see `adopt`).
    const entry: PendingReplacement = { parent: [], key: 0, text, name, path };
    this.pending.push(entry);
    return new PendingMarker(entry);
  }

  #record(cut: BudgetCut): void {
    const path = cut.path.length > MAX_PATH_CHARS ? `${cut.path.slice(0, MAX_PATH_CHARS - 1)}…` : cut.path;
    this.cuts.set(path, { ...cut, path });
  }

  /** Cuts recorded inside a part that is now gone would describe nothing the model can see. */
  #forgetCutsInside(path: string): void {
    for (const key of this.cuts.keys()) {
      if (path === '' || key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) this.cuts.delete(key);
    }
  }
}

/** What `fit` leaves where a replacement goes, until `resolvePending` puts the replacement there. */
export class PendingMarker {
  constructor(readonly entry: PendingReplacement) {}
}

/** Tells a pending replacement which copy holds it. */
function adopt(value: unknown, parent: Container, key: string | number): void {
  if (value instanceof PendingMarker) {
    value.entry.parent = parent;
    value.entry.key = key;
  }
}

/** Characters an `[omitted: N characters]` placeholder takes at most. */
const PLACEHOLDER_CHARS = 44;
/** Rounds of sharing room among an object's large values (each settles those that fit their share). */
const MAX_SHARE_ROUNDS = 6;

/** Arrays, objects and strings long enough to cut can give up room; scalars and short strings cannot. */
function isShrinkable(value: unknown): boolean {
  return typeof value === 'object' ? value !== null : typeof value === 'string' && value.length >= MIN_CUT_STRING;
}

/** Serialised size of a string, escapes included; past `cap` only a lower bound (no scan of a huge string). */
function stringSize(text: string, cap: number): number {
  if (text.length + 2 > cap) return text.length + 2;
  return JSON.stringify(text).length;
}

function scalarSize(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (value === true) return 4;
  if (value === false) return 5;
  // null, and undefined in an array (written as null).
  return 4;
}

/** The longest head of `text` that fits `budget` serialised, with the cut marker; never half a surrogate pair. */
function cutString(text: string, budget: number): { text: string; kept: number } | undefined {
  let keep = Math.min(text.length, budget - 2 - markerLength(text.length));
  while (keep >= KEEP_STRING) {
    // Never split a surrogate pair: half a character is not text.
    const code = text.charCodeAt(keep - 1);
    if (code >= 0xd800 && code <= 0xdbff) keep--;
    const kept = text.slice(0, keep);
    const result = `${kept} …[cut: ${text.length - kept.length} more characters]`;
    const size = JSON.stringify(result).length;
    if (size <= budget) return { text: result, kept: kept.length };
    // Escapes took more room than counted: shrink by the difference and try again.
    keep -= size - budget;
  }
  return undefined;
}

function markerLength(total: number): number {
  return ` …[cut: ${total} more characters]`.length;
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Puts every pending replacement in place: `replace` gets each pending string in order and returns its replacement
 * (or `undefined` to have it cut to the room it was measured at). Only the fitter's own copies are written to, so
 * nothing of the caller's answer is modified.
 */
export async function resolvePending(
  fitted: FitResult,
  replace: (entry: PendingReplacement) => Promise<unknown>,
  replacementChars = 200,
): Promise<unknown> {
  let root = fitted.value;
  for (const entry of fitted.pending) {
    let replacement = await replace(entry);
    if (replacement === undefined) {
      const cut = cutString(entry.text, replacementChars);
      replacement = cut?.text ?? `[omitted: ${entry.text.length + 2} characters]`;
      fitted.cuts.push({
        path: entry.path,
        kind: cut ? 'characters' : 'value',
        kept: cut?.kept ?? 0,
        total: entry.text.length,
      });
    }
    if (root instanceof PendingMarker && root.entry === entry) root = replacement;
    else setOwn(entry.parent, entry.key, replacement);
  }
  return root;
}

function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
