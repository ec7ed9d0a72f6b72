import { isFileResult } from '../files/binary-output.js';
import { type BudgetCut, type FitResult, fitJsonToBudget } from '../files/fit-to-budget.js';
import type { RateLimitInfo } from '../http/rate-limit-types.js';

export interface FormatResultOptions {
  /** Adds a compact `rate_limit` note when given. */
  rateLimit?: RateLimitInfo | undefined;
  /**
   * The most characters the model may read. Larger JSON is cut structurally and stays valid JSON, with a
   * `truncation` note; larger text is cut with a closing note. @default no limit
   */
  budgetChars?: number | undefined;
  /** The tool's paging arguments, named in the note when list items were cut. */
  paging?: PagingArguments | undefined;
  /**
   * The answer as the file layer already fitted it to the budget (base64 written to files): its cuts make the note,
   * and it is not fitted again. `data` is then the fitted value.
   */
  fitted?: FitResult | undefined;
  /** Files one answer may write (`maxFilesPerAnswer`), named in the note when base64 was left out. */
  maxFiles?: number | undefined;
}

export interface PagingArguments {
  /** The page-size argument (`limit`). */
  limit?: string;
  /** The cursor argument (`next_cursor`, `page`, `after`). */
  cursor?: string;
}

/** Characters kept free for the `truncation` note, which is written after the cut. */
export const NOTE_RESERVE_CHARS = 700;

/**
 * The text a model receives for a successful call. JSON stays JSON (list answers keep `next_cursor`, so the
 * model can ask for the next page); an empty answer says so instead of returning nothing. With a budget, an answer
 * that is too large is cut to fit and says what was cut and how to read the rest.
 */
export function formatResultForModel(data: unknown, status: number, options: FormatResultOptions = {}): string {
  const note = options.rateLimit ? rateLimitNote(options.rateLimit) : undefined;
  if (data === undefined || data === null || data === '') return JSON.stringify({ ok: true, status, ...note });
  // A fitted answer was JSON: even cut down to a placeholder string, it is not a text answer.
  if (typeof data === 'string' && options.fitted === undefined) {
    const text = options.budgetChars === undefined ? data : cutText(data, options.budgetChars);
    return note ? JSON.stringify({ result: text, ...note }) : text;
  }
  if (data instanceof Uint8Array) {
    return JSON.stringify({
      ok: true,
      status,
      bytes: data.byteLength,
      note: 'binary answer not shown to the model',
      ...note,
    });
  }
  let value: unknown = data;
  let truncation: Record<string, unknown> | undefined;
  if (options.budgetChars !== undefined) {
    const fitted = options.fitted ?? fitJsonToBudget(data, Math.max(1, options.budgetChars - NOTE_RESERVE_CHARS));
    if (fitted.cuts.length > 0 || fitted.skippedReplacements > 0) {
      value = options.fitted ? data : fitted.value;
      truncation = { truncation: truncationNote(fitted, options.budgetChars, data, options.paging, options.maxFiles) };
    }
  }
  if (note || truncation) {
    const extra = { ...truncation, ...note };
    return JSON.stringify(isPlainObject(value) ? { ...value, ...extra } : { result: value, ...extra });
  }
  return JSON.stringify(value);
}

export interface PlainJsonLimits {
  /** Strings longer than this may be base64 the file layer offloads (its `base64ThresholdBytes`). */
  maxStringChars: number;
  /** The result budget (`resultBudgetChars`). */
  budgetChars: number;
}

/**
 * The model's text for a JSON answer that needs no shaping: no string long enough to be offloaded as base64, and small
 * enough for the budget. Then the answer is its own `JSON.stringify`, exactly what the file layer would return after
 * walking it (an awaited step per value: ~66 µs for a 20-item list instead of ~12 µs for the text alone). Undefined
 * when the answer needs the full treatment (or is not plain JSON).
 */
export function plainJsonText(data: unknown, limits: PlainJsonLimits): string | undefined {
  const maxChars = Math.max(1, limits.budgetChars - NOTE_RESERVE_CHARS);
  if (!isPlainJson(data) || !fitsAsItIs(data, limits.maxStringChars, maxChars)) return undefined;
  let text: string;
  try {
    text = JSON.stringify(data);
  } catch {
    // Not plain after all (a cycle a program built, nesting deeper than the stack): the full treatment decides.
    return undefined;
  }
  return text.length <= maxChars ? text : undefined;
}

/** Arrays and plain objects, as `JSON.parse` makes them; not Buffers, not file results. */
function isPlainJson(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  return Array.isArray(value) || (Object.getPrototypeOf(value) === Object.prototype && !isFileResult(value));
}

/**
 * Whether the answer has no string long enough to be offloaded and is about small enough for the budget (escapes
 * not counted: the text is measured exactly afterwards). Iterative, and it stops as soon as the answer is too large,
 * so a 31 MiB answer costs what its first `maxChars` do.
 */
function fitsAsItIs(root: object, maxStringChars: number, maxChars: number): boolean {
  let size = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.length > maxStringChars) return false;
      size += value.length + 2;
    } else if (Array.isArray(value)) {
      // Each item takes a character at least: a long array is too large before it is walked.
      size += 2 * value.length + 1;
      if (size > maxChars) return false;
      for (const item of value) pending.push(item);
    } else if (typeof value === 'object' && value !== null) {
      size += 2;
      for (const key in value) {
        size += key.length + 4;
        if (size > maxChars) return false;
        pending.push((value as Record<string, unknown>)[key]);
      }
    } else {
      size += 5;
    }
    if (size > maxChars) return false;
  }
  return true;
}

function cutText(text: string, budgetChars: number): string {
  if (text.length <= budgetChars) return text;
  const keep = Math.max(0, budgetChars - 160);
  return `${text.slice(0, keep)}\n…[cut: the answer was ${text.length} characters and only the first ${keep} are shown. Ask for a narrower result to read the rest.]`;
}

function truncationNote(
  fitted: FitResult,
  budgetChars: number,
  original: unknown,
  paging: PagingArguments | undefined,
  maxFiles: number | undefined,
): { note: string; cuts: BudgetCut[] } {
  const sentences: string[] = [];
  if (fitted.cuts.length > 0) {
    const described = fitted.cuts.slice(0, 5).map(describeCut);
    const more = fitted.cuts.length > 5 ? ` (and ${fitted.cuts.length - 5} more cuts)` : '';
    const size = fitted.originalCharsExact
      ? `${fitted.originalChars} characters`
      : `more than ${fitted.originalChars - 1} characters`;
    sentences.push(
      `This answer was ${size}, more than the ${budgetChars} the model may read, so it was cut: ${described.join('; ')}${more}.`,
      howToReadTheRest(fitted.cuts, original, paging),
    );
  }
  if (fitted.skippedReplacements > 0) {
    const limit = maxFiles === undefined ? '' : ` (at most ${maxFiles} per answer, maxFilesPerAnswer)`;
    sentences.push(
      `${fitted.skippedReplacements} more base64 payload${fitted.skippedReplacements === 1 ? ' was' : 's were'} not written to files${limit}: ask for fewer at a time.`,
    );
  }
  return { note: sentences.filter(Boolean).join(' '), cuts: fitted.cuts.slice(0, 20) };
}

function describeCut(cut: BudgetCut): string {
  const where = cut.path === '' ? 'the answer' : cut.path;
  if (cut.kind === 'items') return `${where} shows ${cut.kept} of ${cut.total} items`;
  if (cut.kind === 'characters') return `${where} shows the first ${cut.kept} of ${cut.total} characters`;
  return `${where} was left out (${cut.atLeast ? 'more than ' : ''}${cut.total} characters)`;
}

function howToReadTheRest(cuts: BudgetCut[], original: unknown, paging: PagingArguments | undefined): string {
  const itemCuts = cuts.filter((cut) => cut.kind === 'items');
  if (itemCuts.length === 0) return 'Ask for less (narrower filters, fewer fields) to read what was cut.';
  if (paging?.limit === undefined) return 'Narrow the request (filters) to read the omitted items.';
  const kept = Math.max(1, Math.min(...itemCuts.map((cut) => cut.kept)));
  const cursor = paging.cursor ? ` and page on with ${paging.cursor}` : '';
  const warning = answerHasCursor(original)
    ? ' The cursor in this answer points past the items cut here: repeat this call with the smaller limit rather than following it.'
    : '';
  return `To read the omitted items, call again with ${paging.limit}: ${kept}${cursor}.${warning}`;
}

function answerHasCursor(original: unknown): boolean {
  return (
    isPlainObject(original) &&
    (original.next_cursor != null || original.next_page != null || original.has_more === true)
  );
}

function rateLimitNote(info: RateLimitInfo): { rate_limit: Record<string, number | string> } | undefined {
  const note: Record<string, number | string> = {};
  if (info.remaining !== undefined) note.remaining = info.remaining;
  if (info.limit !== undefined) note.limit = info.limit;
  if (info.resetSeconds !== undefined) note.reset_seconds = info.resetSeconds;
  if (info.policyName !== undefined && Object.keys(note).length > 0) note.policy = info.policyName;
  return Object.keys(note).length > 0 ? { rate_limit: note } : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
