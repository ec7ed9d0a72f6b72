/**
 * Approval over MCP: before running a call that `requireApproval` names, the server asks the client's user through
 * an elicitation (`elicitation/create`, form mode), and runs it only on an explicit yes.
 *
 * Facts this relies on (MCP TypeScript SDK 1.x, `Server`): a client that can answer declares the `elicitation`
 * capability in `initialize` (an empty object means form mode; the SDK reads it so), and
 * `server.elicitInput({ message, requestedSchema })` sends the request and resolves with `{ action: 'accept' |
 * 'decline' | 'cancel', content? }`, `content` holding the form's values (flat primitives only: strings, numbers,
 * booleans, enums). A server without that capability from its client cannot ask: the call is refused with a message
 * that says so, and nothing is sent. The stateless Streamable HTTP server (`startMcpHttpServer`) is such a case: each
 * POST is a fresh server that never saw the client's `initialize`, so it cannot know that the client can answer, nor
 * receive the answer, which would arrive on another POST.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ApprovalDecision } from '../../approval/decision.js';
import type { PendingApproval } from '../../approval/pending-approval.js';

/** The person's decision, or undefined when this client cannot be asked. */
export async function askThroughElicitation(
  server: Server,
  pending: PendingApproval,
  signal: AbortSignal,
): Promise<ApprovalDecision | undefined> {
  if (server.getClientCapabilities()?.elicitation === undefined) return undefined;
  let answer: Awaited<ReturnType<Server['elicitInput']>>;
  try {
    answer = await server.elicitInput(
      {
        mode: 'form',
        message: describePendingCall(pending),
        requestedSchema: {
          type: 'object',
          properties: {
            approve: {
              type: 'boolean',
              title: 'Run this call',
              description: 'Check to send the request above; leave unchecked to decline it.',
              default: false,
            },
            reason: {
              type: 'string',
              title: 'Reason',
              description: 'Optional: why you decline, for the assistant.',
            },
          },
          required: ['approve'],
        },
      },
      { signal },
    );
  } catch (error) {
    // The SDK refuses before sending when the client declared elicitation without form mode.
    if (error instanceof Error && /does not support/i.test(error.message)) return undefined;
    throw error;
  }
  const reason =
    typeof answer.content?.reason === 'string' && answer.content.reason !== '' ? answer.content.reason : undefined;
  if (answer.action === 'accept' && answer.content?.approve === true) return { type: 'approve' };
  if (answer.action === 'accept') return { type: 'reject', ...(reason ? { reason } : {}) };
  return {
    type: 'reject',
    reason: reason ?? (answer.action === 'decline' ? 'The user declined.' : 'The user dismissed the request.'),
  };
}

/** The refusal when nobody can be asked: an error result the client's model reads; nothing was sent. */
export function approvalUnavailableResult(pending: PendingApproval): CallToolResult {
  return {
    content: [
      {
        type: 'text',
        text: JSON.stringify({
          error: 'approval_required',
          message: `${pending.toolName} needs a person's approval (${pending.reason}), and this MCP client cannot ask for it (it does not support elicitation), so the call was not run.`,
          hint: 'Tell the user this action needs their approval in a client that supports MCP elicitation, or do it another way.',
        }),
      },
    ],
    isError: true,
  };
}

/** What the person sees: the tool, why approval is needed, and the exact request. */
function describePendingCall(pending: PendingApproval): string {
  const { request } = pending;
  const lines = [
    `The assistant wants to run ${pending.toolName}, which needs your approval (${pending.reason}).`,
    `${request.method} ${request.url}`,
  ];
  if (request.body !== undefined) lines.push(`Body: ${JSON.stringify(request.body, null, 2)}`);
  return lines.join('\n');
}
