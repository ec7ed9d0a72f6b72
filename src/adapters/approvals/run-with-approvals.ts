/**
 * Approval for the OpenAI and Anthropic helpers, which run a model response's tool calls themselves. A call that
 * `requireApproval` names is not run: it comes back in `pendingApprovals` (typed, with the exact request a dry run
 * would send). The application asks a person, then calls the helper again on the same response with `decisions`
 * (by call id): only the decided calls run then — approved ones as the model asked, edited ones with the person's
 * arguments (validated again), rejected ones not at all, answered with a "declined" result the model reads.
 */
import { type ApprovalDecisionInput, parseApprovalDecision } from '../../approval/decision.js';
import { declinedContent, type PendingApproval } from '../../approval/pending-approval.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import {
  parseArguments,
  type RunToolCallsOptions,
  runToolCalls,
  type SettledToolCall,
} from '../shared/run-tool-calls.js';
import { type PendingToolCall, ToolCallsInterruptedError } from '../shared/tool-calls-interrupted-error.js';

/** A person's decisions, by tool call id: `{ type: 'approve' }`, `{ type: 'edit', arguments }`, `{ type: 'reject', reason }`, or true / false. */
export type ToolCallDecisions = Readonly<Record<string, ApprovalDecisionInput>>;

/** What a helper returns: one result per call that ran or was declined, and the calls waiting for a decision. */
export type ToolCallResults<TResult> = TResult[] & {
  /** Calls held for a person's decision (empty without `requireApproval`): answer them with `decisions`. */
  pendingApprovals: PendingApproval[];
};

export interface ApprovalRunOptions<TResult> extends RunToolCallsOptions<TResult> {
  /**
   * Decisions for calls held earlier, by call id. With decisions, only the calls they name run (the others were
   * answered by the first call); without, calls that need approval are held in `pendingApprovals`.
   */
  decisions?: ToolCallDecisions;
}

type Planned =
  | { kind: 'run'; call: PendingToolCall }
  | { kind: 'declined'; settled: SettledToolCall }
  | { kind: 'held'; call: PendingToolCall; pending: PendingApproval }
  | { kind: 'skipped' };

/** `runToolCalls`, with `requireApproval` and decisions applied; without either it is `runToolCalls` itself. */
export async function runToolCallsWithApprovals<TResult>(
  manager: TrutoToolManager,
  calls: readonly PendingToolCall[],
  toResult: (call: SettledToolCall) => TResult,
  options: ApprovalRunOptions<TResult> = {},
): Promise<ToolCallResults<TResult>> {
  const { decisions, ...runOptions } = options;
  if (decisions === undefined && !manager.requiresApprovals) {
    return withPending(await runToolCalls(manager, calls, toResult, runOptions), []);
  }
  const tools = runOptions.prepareArguments && decisions === undefined ? await toolsByName(manager) : undefined;
  const plan = await Promise.all(
    calls.map((call) => (decisions ? planDecided(call, decisions) : planUndecided(manager, call, tools, runOptions))),
  );
  const pendingApprovals = plan.flatMap((step) => (step.kind === 'held' ? [step.pending] : []));
  const toRun = plan.flatMap((step) => (step.kind === 'run' ? [step.call] : []));
  let ran: TResult[];
  try {
    ran = toRun.length > 0 ? await runToolCalls(manager, toRun, toResult, runOptions) : [];
  } catch (error) {
    if (error instanceof ToolCallsInterruptedError) {
      // Nothing is lost: declined calls are answered, held ones are to be run (and so asked about) again.
      for (const step of plan) {
        if (step.kind === 'declined') (error.completed as TResult[]).push(toResult(step.settled));
        if (step.kind === 'held') error.pending.push(step.call);
      }
    }
    throw error;
  }
  const results: TResult[] = [];
  let next = 0;
  for (const step of plan) {
    if (step.kind === 'run') results.push(ran[next++]!);
    else if (step.kind === 'declined') results.push(toResult(step.settled));
  }
  return withPending(results, pendingApprovals);
}

function planDecided(call: PendingToolCall, decisions: ToolCallDecisions): Planned {
  if (!Object.hasOwn(decisions, call.id)) return { kind: 'skipped' };
  const decision = parseApprovalDecision(decisions[call.id]);
  if (decision.type === 'approve') return { kind: 'run', call };
  if (decision.type === 'edit') return { kind: 'run', call: { ...call, arguments: decision.arguments } };
  return {
    kind: 'declined',
    settled: {
      id: call.id,
      name: call.name,
      content: declinedContent({ toolName: call.name }, decision.reason),
      isError: false,
    },
  };
}

async function planUndecided<TResult>(
  manager: TrutoToolManager,
  call: PendingToolCall,
  tools: Map<string, TrutoTool> | undefined,
  options: RunToolCallsOptions<TResult>,
): Promise<Planned> {
  const parsed = parseArguments(call.arguments);
  // Arguments that cannot be read are run, so that the model gets the usual error for them.
  if (!parsed.ok) return { kind: 'run', call };
  const args = options.prepareArguments ? options.prepareArguments(parsed.value, tools?.get(call.name)) : parsed.value;
  let pending: PendingApproval | undefined;
  try {
    pending = await manager.approvalFor(call.name, args, { toolCallId: call.id });
  } catch {
    // Unknown tool, bad arguments: running it reports exactly that to the model, and sends nothing.
    return { kind: 'run', call };
  }
  return pending === undefined ? { kind: 'run', call } : { kind: 'held', call, pending };
}

/**
 * The results array itself, so that it still goes straight into the next request; `pendingApprovals` is not
 * enumerable, so spreading, serialising or comparing the array sees only the results.
 */
function withPending<TResult>(results: TResult[], pendingApprovals: PendingApproval[]): ToolCallResults<TResult> {
  return Object.defineProperty(results, 'pendingApprovals', {
    value: pendingApprovals,
    enumerable: false,
  }) as ToolCallResults<TResult>;
}

async function toolsByName(manager: TrutoToolManager): Promise<Map<string, TrutoTool>> {
  const tools = new Map<string, TrutoTool>();
  for (const tool of await manager.getToolDefinitions()) {
    tools.set(tool.definition.name, tool);
    tools.set(tool.name, tool);
  }
  return tools;
}
