/** What a person decided about a pending call, in every framework. */
import { TrutoConfigError } from '../errors/index.js';

export type ApprovalDecision =
  /** Send the call as it was shown. */
  | { type: 'approve' }
  /** Send it with these arguments instead (validated again, date expressions resolved again). */
  | { type: 'edit'; arguments: Record<string, unknown> }
  /** Do not send it; the model reads that it was declined, and `reason` when given. */
  | { type: 'reject'; reason?: string };

/**
 * What a decision may be written as: the objects above, or `true` / `'approve'` and `false` / `'reject'`. A LangGraph
 * resume value (`Command({ resume })`) and the decisions given to the OpenAI and Anthropic helpers take this.
 */
export type ApprovalDecisionInput = ApprovalDecision | boolean | 'approve' | 'reject';

/** A decision from whatever a person or a UI sent back; anything unreadable is refused, never taken as approval. */
export function parseApprovalDecision(value: unknown): ApprovalDecision {
  if (value === true || value === 'approve') return { type: 'approve' };
  if (value === false || value === 'reject') return { type: 'reject' };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const decision = value as { type?: unknown; arguments?: unknown; reason?: unknown };
    if (decision.type === 'approve') return { type: 'approve' };
    if (decision.type === 'reject') {
      return typeof decision.reason === 'string' && decision.reason !== ''
        ? { type: 'reject', reason: decision.reason }
        : { type: 'reject' };
    }
    if (
      decision.type === 'edit' &&
      typeof decision.arguments === 'object' &&
      decision.arguments !== null &&
      !Array.isArray(decision.arguments)
    ) {
      return { type: 'edit', arguments: decision.arguments as Record<string, unknown> };
    }
  }
  throw new TrutoConfigError(
    `An approval decision must be { type: 'approve' }, { type: 'edit', arguments: {...} } or { type: 'reject', reason? } (or true / false); got ${describe(value)}.`,
  );
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}
