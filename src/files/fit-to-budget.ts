/**
 * Cuts a JSON answer to a character budget and keeps it valid JSON. The biggest part is cut first, again and again:
 * arrays lose items from the end (the model can ask for them with a smaller `limit` and a cursor), long strings lose
 * their tail, and a part that cannot shrink any further is replaced by a short placeholder. Every cut is recorded,
 * so the model is told exactly what it is not seeing.
 */

export interface BudgetCut {
  /** Where, in dotted form (`result`, `data[0].results`, `text`); empty for the whole answer. */
  path: string;
  kind: 'items' | 'characters' | 'value';
  /** Items or characters kept (0 for a replaced value). */
  kept: number;
  /** Items or characters the answer had there. */
  total: number;
}

export interface FitResult {
  value: unknown;
  cuts: BudgetCut[];
  /** Characters of the answer before cutting. */
  originalChars: number;
}

/** Strings shorter than this are never cut: the saving would not be worth the damage. */
const MIN_CUT_STRING = 200;
/** Characters a cut string keeps at least. */
const KEEP_STRING = 100;
/** Room for the `…[cut: N more characters]` marker a cut string ends with. */
const MARKER_ROOM = 40;
const MAX_ROUNDS = 500;

type Container = Record<string, unknown> | unknown[];

interface Candidate {
  path: string;
  /** Approximate serialised size (escapes not counted): enough to rank; totals are measured exactly. */
  size: number;
  parent: Container;
  key: string | number;
  value: unknown;
  /** Arrays of two or more items and long strings shrink; other containers can only be replaced whole. */
  shrinkable: boolean;
  /** For arrays: the approximate size of each item, so cutting does not measure them again. */
  itemSizes?: number[];
}

/** Serialised length of a JSON value, exactly as `JSON.stringify` would write it (without spacing). */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/**
 * Returns the value untouched when its JSON fits `maxChars`; otherwise a cut copy that fits (the input is never
 * modified). `maxChars` is for the value alone: leave room for any note added afterwards.
 */
export function fitJsonToBudget(value: unknown, maxChars: number): FitResult {
  const text = JSON.stringify(value);
  const originalChars = text?.length ?? 0;
  if (text === undefined || originalChars <= maxChars) return { value, cuts: [], originalChars };
  const holder: Record<string, unknown> = { value: JSON.parse(text) };
  const cuts = new Map<string, BudgetCut>();
  let total = originalChars;
  for (let round = 0; round < MAX_ROUNDS && total > maxChars; round++) {
    const target = pickCandidate(holder);
    if (target === undefined) break;
    cutCandidate(target, total - maxChars, cuts);
    total = jsonLength(holder.value);
  }
  if (total > maxChars) {
    const whole = { path: '', size: total, parent: holder, key: 'value', value: holder.value, shrinkable: false };
    replaceValue(whole, cuts);
  }
  return { value: holder.value, cuts: [...cuts.values()], originalChars };
}

/** The largest part that can shrink; only when none is left, the largest part to replace whole. */
function pickCandidate(holder: Record<string, unknown>): Candidate | undefined {
  const best: { shrinkable?: Candidate; replaceable?: Candidate } = {};
  collect(holder.value, '', holder, 'value', best);
  return best.shrinkable ?? best.replaceable;
}

function offer(candidate: Candidate, best: { shrinkable?: Candidate; replaceable?: Candidate }): void {
  const slot = candidate.shrinkable ? 'shrinkable' : 'replaceable';
  const current = best[slot];
  if (current === undefined || candidate.size > current.size) best[slot] = candidate;
}

function collect(
  value: unknown,
  path: string,
  parent: Container,
  key: string | number,
  best: { shrinkable?: Candidate; replaceable?: Candidate },
): number {
  if (typeof value === 'string') {
    const size = value.length + 2;
    if (value.length >= MIN_CUT_STRING) offer({ path, size, parent, key, value, shrinkable: true }, best);
    return size;
  }
  if (Array.isArray(value)) {
    const itemSizes = new Array<number>(value.length);
    let size = 2 + Math.max(0, value.length - 1);
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      itemSizes[index] = isComposite(item) ? collect(item, `${path}[${index}]`, value, index, best) : scalarSize(item);
      size += itemSizes[index]!;
    }
    if (value.length > 0) offer({ path, size, parent, key, value, shrinkable: value.length > 1, itemSizes }, best);
    return size;
  }
  if (typeof value === 'object' && value !== null) {
    let size = 1;
    for (const name in value) {
      const item = (value as Record<string, unknown>)[name];
      const itemSize = isComposite(item)
        ? collect(item, path === '' ? name : `${path}.${name}`, value as Container, name, best)
        : scalarSize(item);
      size += name.length + 4 + itemSize;
    }
    if (size > 1) offer({ path, size, parent, key, value, shrinkable: false }, best);
    return size + 1;
  }
  return scalarSize(value);
}

/** Values that may hold a candidate: containers, and strings long enough to cut. */
function isComposite(value: unknown): boolean {
  return typeof value === 'object' ? value !== null : typeof value === 'string' && value.length >= MIN_CUT_STRING;
}

function scalarSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value === 'number') return String(value).length;
  return value === true ? 4 : value === false ? 5 : 4;
}

function cutCandidate(candidate: Candidate, excess: number, cuts: Map<string, BudgetCut>): void {
  const { value, path } = candidate;
  const previous = cuts.get(path);
  if (Array.isArray(value) && candidate.shrinkable) {
    const itemSizes = candidate.itemSizes ?? value.map(jsonLength);
    let keep = value.length;
    let removed = 0;
    // Items go from the end until the excess is covered; the first item stays, and is cut inside if need be.
    while (keep > 1 && removed < excess) {
      keep--;
      removed += itemSizes[keep]! + 1;
    }
    cuts.set(path, {
      path,
      kind: 'items',
      kept: keep,
      total: previous?.kind === 'items' ? previous.total : value.length,
    });
    value.length = keep;
    forgetCutsInside(cuts, path, (index) => index >= keep);
    return;
  }
  if (typeof value === 'string') {
    const total = previous?.kind === 'characters' ? previous.total : value.length;
    let keep = Math.max(KEEP_STRING, value.length - excess - MARKER_ROOM);
    // Never split a surrogate pair: half a character is not text.
    const code = value.charCodeAt(keep - 1);
    if (code >= 0xd800 && code <= 0xdbff) keep--;
    const kept = previous?.kind === 'characters' ? value.slice(0, Math.min(keep, previous.kept)) : value.slice(0, keep);
    candidate.parent[candidate.key as never] = `${kept} …[cut: ${total - kept.length} more characters]` as never;
    cuts.set(path, { path, kind: 'characters', kept: kept.length, total });
    return;
  }
  replaceValue(candidate, cuts);
}

function replaceValue(candidate: Candidate, cuts: Map<string, BudgetCut>): void {
  const size = jsonLength(candidate.value);
  candidate.parent[candidate.key as never] = `[omitted: ${size} characters]` as never;
  forgetCutsInside(cuts, candidate.path, () => true);
  cuts.set(candidate.path, { path: candidate.path, kind: 'value', kept: 0, total: size });
}

/** Cuts recorded inside a part that is now gone would describe nothing the model can see. */
function forgetCutsInside(cuts: Map<string, BudgetCut>, path: string, gone: (index: number) => boolean): void {
  for (const key of cuts.keys()) {
    if (key === path || (path !== '' && !key.startsWith(path))) continue;
    const rest = key.slice(path.length);
    const index = /^\[(\d+)\]/.exec(rest);
    if (index !== null ? gone(Number(index[1])) : path === '' || rest.startsWith('.')) cuts.delete(key);
  }
}
