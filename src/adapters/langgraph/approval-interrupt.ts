/**
 * LangGraph's human-in-the-loop for a call that needs approval: the tool calls `interrupt()` with the pending call,
 * and the graph is resumed with `Command({ resume: decision })`.
 *
 * Facts this relies on (`@langchain/langgraph` 1.x, src/interrupt.ts): `interrupt(value)` throws a `GraphInterrupt`
 * carrying `value` when the graph has no resume value for it yet, which stops the run and saves it with the
 * checkpointer; on resume the node runs again from its start and `interrupt()` returns the `resume` value instead.
 * Outside a graph it throws `Error('Called interrupt() outside the context of a graph.')`, and without a checkpointer
 * a `GraphValueError` (MISSING_CHECKPOINTER). `ToolNode` rethrows graph interrupts rather than turning them into error
 * messages. So a resumed run rebuilds the pending call (same arguments, dates resolved again) and applies the decision.
 *
 * `@langchain/langgraph` is imported only here, when a call needs approval: the package root never loads it.
 */
import { type ApprovalDecision, parseApprovalDecision } from '../../approval/decision.js';
import { ApprovalRequiredError, type PendingApproval } from '../../approval/pending-approval.js';

const OUTSIDE_A_GRAPH = /outside the context of a graph/i;

/** Pauses the graph run for a person's decision on `pending`; returns it once the run is resumed. */
export async function askThroughLangGraphInterrupt(pending: PendingApproval): Promise<ApprovalDecision> {
  let langgraph: typeof import('@langchain/langgraph');
  try {
    langgraph = await import('@langchain/langgraph');
  } catch {
    throw new ApprovalRequiredError(pending);
  }
  let resume: unknown;
  try {
    resume = langgraph.interrupt(pending);
  } catch (error) {
    if (!langgraph.isGraphInterrupt(error) && error instanceof Error && OUTSIDE_A_GRAPH.test(error.message)) {
      throw new ApprovalRequiredError(pending);
    }
    throw error;
  }
  return parseApprovalDecision(resume);
}
