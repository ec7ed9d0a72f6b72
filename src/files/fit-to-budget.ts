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
  size: number;
  parent: Container;
  key: string | number;
  value: unknown;
  /** Arrays of two or more items and long strings shrink; other containers can only be replaced whole. */
  shrinkable: boolean;
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
    const candidates: Candidate[] = [];
    collect(holder.value, '', holder, 'value', candidates);
    const target = pickCandidate(candidates);
    if (target === undefined) break;
    cutCandidate(target, total - maxChars, cuts);
    total = jsonLength(holder.value);
  }
  if (total > maxChars)
    replaceValue({ path: '', size: total, parent: holder, key: 'value', value: holder.value, shrinkable: false }, cuts);
  return { value: holder.value, cuts: [...cuts.values()], originalChars };
}

/** The largest part that can shrink; only when none is left, the largest part to replace whole. */
function pickCandidate(candidates: Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (best === undefined || (candidate.shrinkable && !best.shrinkable)) best = candidate;
    else if (candidate.shrinkable === best.shrinkable && candidate.size > best.size) best = candidate;
  }
  return best;
}

function collect(value: unknown, path: string, parent: Container, key: string | number, out: Candidate[]): number {
  if (typeof value === 'string') {
    const size = JSON.stringify(value).length;
    if (value.length >= MIN_CUT_STRING) out.push({ path, size, parent, key, value, shrinkable: true });
    return size;
  }
  if (Array.isArray(value)) {
    let size = 2 + Math.max(0, value.length - 1);
    value.forEach((item, index) => {
      size += collect(item, `${path}[${index}]`, value, index, out);
    });
    if (value.length > 0) out.push({ path, size, parent, key, value, shrinkable: value.length > 1 });
    return size;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    let size = 2 + Math.max(0, entries.length - 1);
    for (const [name, item] of entries) {
      const childPath = path === '' ? name : `${path}.${name}`;
      size += JSON.stringify(name).length + 1 + collect(item, childPath, value as Container, name, out);
    }
    if (entries.length > 0) out.push({ path, size, parent, key, value, shrinkable: false });
    return size;
  }
  return JSON.stringify(value)?.length ?? 4;
}

function cutCandidate(candidate: Candidate, excess: number, cuts: Map<string, BudgetCut>): void {
  const { value, path } = candidate;
  const previous = cuts.get(path);
  if (Array.isArray(value) && candidate.shrinkable) {
    let keep = value.length;
    let removed = 0;
    // Items go from the end until the excess is covered; the first item stays, and is cut inside if need be.
    while (keep > 1 && removed < excess) {
      keep--;
      removed += jsonLength(value[keep]) + 1;
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
