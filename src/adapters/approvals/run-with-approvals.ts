/**
 * Approval for the OpenAI and Anthropic helpers, which run a model response's tool calls themselves. A call that
 * `requireApproval` names is not run: it comes back in `pendingApprovals` (typed, with the exact request a dry run
 * would send). The application asks a person, then calls the helper again on the same response with `decisions`
 * (by call id): only the decided calls run then — approved ones as the model asked, edited ones with the person's
 * arguments (validated again), rejected ones not at all, answered with a "declined" result the model reads.
 */
import { type ApprovalDecision, type ApprovalDecisionInput, parseApprovalDecision } from '../../approval/decision.js';
import { declinedContent, type PendingApproval } from '../../approval/pending-approval.js';
import { CALL_TOOL } from '../../catalog/discovery.js';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoError } from '../../errors/index.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import {
  parseArguments,
  type RunToolCallsOptions,
  runToolCalls,
  runToolCallTasks,
  type SettledToolCall,
  type ToolCallTask,
} from '../shared/run-tool-calls.js';
import { type PendingToolCall, ToolCallsInterruptedError } from '../shared/tool-calls-interrupted-error.js';
import { approvalCheckError, callReportsCheckFailure } from './approval-check.js';

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
   * answered by the first call); without, calls that need approval are held in `pendingApprovals`. Each decided call
   * is rebuilt as a pending call (`manager.approvalFor`) and completed with `manager.completeApproval`: an approved
   * call sends its validated arguments, an edit's arguments are those of the tool the person saw (in discovery mode,
   * `call_tool`'s target, not `call_tool` itself).
   */
  decisions?: ToolCallDecisions;
  /**
   * The `pendingApprovals` the first call returned (as stored, e.g. with the conversation). An approved call whose
   * entry matches by id and tool is then sent with exactly the arguments shown, validated again: a date expression
   * such as "yesterday" is not resolved a second time. @default none: approved calls are rebuilt from the model's call
   */
  pendingApprovals?: readonly PendingApproval[];
}

type Planned =
  | { kind: 'run'; call: PendingToolCall }
  | { kind: 'decided'; call: PendingToolCall; pending: PendingApproval; decision: ApprovalDecision }
  | { kind: 'declined'; settled: SettledToolCall }
  | { kind: 'held'; call: PendingToolCall; pending: PendingApproval }
  /** Whether it needs approval could not be decided: not sent, and the batch ends in an interruption. */
  | { kind: 'unchecked'; call: PendingToolCall; error: TrutoError }
  | { kind: 'skipped' };

/** `runToolCalls`, with `requireApproval` and decisions applied; without either it is `runToolCalls` itself. */
export async function runToolCallsWithApprovals<TResult>(
  manager: TrutoToolManager,
  calls: readonly PendingToolCall[],
  toResult: (call: SettledToolCall) => TResult,
  options: ApprovalRunOptions<TResult> = {},
): Promise<ToolCallResults<TResult>> {
  const { decisions, pendingApprovals: shown, ...runOptions } = options;
  if (decisions === undefined && !manager.requiresApprovals) {
    return withPending(await runToolCalls(manager, calls, toResult, runOptions), []);
  }
  const tools = runOptions.prepareArguments ? await toolsByName(manager) : undefined;
  const prepare = (call: PendingToolCall, raw: unknown): unknown =>
    runOptions.prepareArguments ? runOptions.prepareArguments(raw, tools?.get(call.name)) : raw;
  const plan = await Promise.all(
    calls.map((call) =>
      decisions ? planDecided(manager, call, decisions, shown, prepare) : planUndecided(manager, call, prepare),
    ),
  );
  const pendingApprovals = plan.flatMap((step) => (step.kind === 'held' ? [step.pending] : []));
  const tasks = plan.flatMap((step): ToolCallTask[] => {
    if (step.kind === 'run') return [{ call: step.call }];
    if (step.kind !== 'decided') return [];
    const { pending, decision } = step;
    return [
      { call: step.call, run: (signal) => manager.completeApproval(pending, decision, signal ? { signal } : {}) },
    ];
  });
  const notRun = (step: Planned): step is Extract<Planned, { kind: 'held' | 'unchecked' }> =>
    step.kind === 'held' || step.kind === 'unchecked';
  let ran: TResult[];
  try {
    ran = tasks.length > 0 ? await runToolCallTasks(manager, tasks, toResult, runOptions) : [];
  } catch (error) {
    if (error instanceof ToolCallsInterruptedError) {
      // Nothing is lost: declined calls are answered, held and unchecked ones are to be run (and so asked about) again.
      for (const step of plan) {
        if (step.kind === 'declined') (error.completed as TResult[]).push(toResult(step.settled));
        if (notRun(step)) error.pending.push(step.call);
      }
    }
    throw error;
  }
  const results: TResult[] = [];
  let next = 0;
  for (const step of plan) {
    if (step.kind === 'run' || step.kind === 'decided') results.push(ran[next++]!);
    else if (step.kind === 'declined') results.push(toResult(step.settled));
  }
  const unchecked = plan.find((step) => step.kind === 'unchecked');
  if (unchecked !== undefined) {
    // A failed check is a bug no model can fix (a predicate or hook that throws): the batch stops like on a 429, with
    // every other call answered, rather than sending a call that may need approval or asking about one nobody can show.
    const Interrupted = runOptions.interruptedError ?? ToolCallsInterruptedError<TResult>;
    throw new Interrupted({
      cause: unchecked.error,
      completed: results,
      pending: plan.flatMap((step) => (notRun(step) ? [step.call] : [])),
    });
  }
  return withPending(results, pendingApprovals);
}

async function planDecided(
  manager: TrutoToolManager,
  call: PendingToolCall,
  decisions: ToolCallDecisions,
  shown: readonly PendingApproval[] | undefined,
  prepare: (call: PendingToolCall, raw: unknown) => unknown,
): Promise<Planned> {
  if (!Object.hasOwn(decisions, call.id)) return { kind: 'skipped' };
  const decision = parseApprovalDecision(decisions[call.id]);
  if (decision.type === 'reject') return declined(call, decision.reason);
  const parsed = parseArguments(call.arguments);
  // Arguments that cannot be read are run, so that the model gets the usual error for them.
  if (!parsed.ok) return { kind: 'run', call };
  const args = prepare(call, parsed.value);
  let pending: PendingApproval | undefined;
  try {
    pending = await manager.approvalFor(call.name, args, { toolCallId: call.id });
  } catch (error) {
    if (!callReportsCheckFailure(error))
      return { kind: 'unchecked', call, error: approvalCheckError(call.name, error) };
    return { kind: 'run', call: decision.type === 'edit' ? await edited(manager, call, args, decision) : call };
  }
  // The rules no longer name it (or were never on): it runs as decided, an edit with the person's arguments.
  if (pending === undefined) {
    return { kind: 'run', call: decision.type === 'edit' ? await edited(manager, call, args, decision) : call };
  }
  const toolName = pending.toolName;
  const earlier = shown?.find((entry) => entry.id === call.id && entry.toolName === toolName);
  if (earlier !== undefined && decision.type === 'approve') pending = { ...pending, arguments: earlier.arguments };
  return { kind: 'decided', call, pending, decision };
}

/** An edited call that needs no approval; `call_tool`'s edit is of its target's arguments, as shown. */
async function edited(
  manager: TrutoToolManager,
  call: PendingToolCall,
  args: unknown,
  decision: Extract<ApprovalDecision, { type: 'edit' }>,
): Promise<PendingToolCall> {
  const target = (args as { name?: unknown } | null)?.name;
  if (call.name === CALL_TOOL && typeof target === 'string' && (await manager.usesDiscovery())) {
    return { ...call, arguments: { name: target, arguments: decision.arguments } };
  }
  return { ...call, arguments: decision.arguments };
}

function declined(call: PendingToolCall, reason: string | undefined): Planned {
  return {
    kind: 'declined',
    settled: {
      id: call.id,
      name: call.name,
      content: declinedContent({ toolName: shownToolName(call) }, reason),
      isError: false,
    },
  };
}

/** The tool a person was shown: `call_tool`'s target in discovery mode, else the tool called. */
function shownToolName(call: PendingToolCall): string {
  if (call.name !== CALL_TOOL) return call.name;
  const parsed = parseArguments(call.arguments);
  const target = parsed.ok ? (parsed.value as { name?: unknown } | null)?.name : undefined;
  return typeof target === 'string' && target !== '' ? target : call.name;
}

async function planUndecided(
  manager: TrutoToolManager,
  call: PendingToolCall,
  prepare: (call: PendingToolCall, raw: unknown) => unknown,
): Promise<Planned> {
  const parsed = parseArguments(call.arguments);
  // Arguments that cannot be read are run, so that the model gets the usual error for them.
  if (!parsed.ok) return { kind: 'run', call };
  let pending: PendingApproval | undefined;
  try {
    pending = await manager.approvalFor(call.name, prepare(call, parsed.value), { toolCallId: call.id });
  } catch (error) {
    // Unknown tool, bad arguments: running it reports exactly that to the model, and sends nothing. Anything else
    // (a predicate or hook that throws) must not let the call through unasked.
    if (callReportsCheckFailure(error)) return { kind: 'run', call };
    return { kind: 'unchecked', call, error: approvalCheckError(call.name, error) };
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
