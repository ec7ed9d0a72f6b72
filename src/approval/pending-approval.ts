/** A call held for a person's decision, and what the model reads when the call is declined. */
import { TrutoError } from '../errors/index.js';
import type { DryRunRequest } from '../invoke/hooks.js';

/**
 * A call that was not sent because a person must approve it first. Plain JSON, so that it can travel through a
 * LangGraph checkpoint, a queue or a web UI.
 */
export interface PendingApproval {
  /** The model's tool call id (OpenAI `tool_call_id`, Anthropic `tool_use_id`, LangChain / AI SDK call id). */
  id: string;
  /** The tool's exposed name (the one the model called; `call_tool`'s target in discovery mode). */
  toolName: string;
  /** The arguments as they would be sent: validated, date expressions resolved. */
  arguments: Record<string, unknown>;
  /** The exact request a dry run would send (method, URL, headers without secrets, body). */
  request: DryRunRequest;
  /** Why it needs approval: `method <rule>` (e.g. `method delete`, `method write`) or `rule` for a predicate. */
  reason: string;
}

/** The text a model reads for a declined call: it says nothing was sent, and why when a reason was given. */
export function declinedContent(pending: Pick<PendingApproval, 'toolName'>, reason?: string): string {
  return JSON.stringify({
    status: 'declined',
    tool: pending.toolName,
    message: 'A person declined this call, so it was not run and nothing was changed.',
    ...(reason !== undefined && reason !== '' ? { reason } : {}),
    hint: 'Do not retry the same call unchanged; ask the user how to proceed.',
  });
}

/**
 * A call that needs approval was made where nobody can be asked: a LangChain tool outside a LangGraph graph, or an
 * MCP client without elicitation. Nothing was sent; `pending` says what would have been.
 */
export class ApprovalRequiredError extends TrutoError {
  override readonly code: string = 'approval_required';
  readonly pending: PendingApproval;

  constructor(pending: PendingApproval, message?: string) {
    super(
      message ??
        `${pending.toolName} needs a person's approval (${pending.reason}) and there is no way to ask for it here, so it was not run. Use the tool inside a LangGraph graph with a checkpointer, or ask with manager.approvalFor() and manager.completeApproval().`,
    );
    this.pending = pending;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), pending: { id: this.pending.id, toolName: this.pending.toolName } };
  }
}
