import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoError } from '../../errors/index.js';
import { formatErrorForModel, mustThrow } from '../../invoke/format-error.js';
import type { ModelToolResult, TrutoToolManager } from '../../manager/tool-manager.js';
import {
  type PendingToolCall,
  ToolCallsInterruptedError,
  type ToolCallsInterruptedErrorClass,
} from './tool-calls-interrupted-error.js';

export interface RunToolCallsOptions<TResult = unknown> {
  /** Cancels every call of the batch. */
  signal?: AbortSignal;
  /** Rewrites a call's parsed arguments before validation (strict-mode nulls, for one). */
  prepareArguments?: (args: unknown, tool: TrutoTool | undefined) => unknown;
  /**
   * The helper's own subclass, so that `instanceof` types `completed` as its results.
   * @default ToolCallsInterruptedError
   */
  interruptedError?: ToolCallsInterruptedErrorClass<TResult>;
}

/** What one call produced for the model: its text, and whether that text reports an error. */
export interface SettledToolCall {
  id: string;
  name: string;
  content: string;
  isError: boolean;
}

/**
 * One call of a batch and, when it is not run by name with the model's arguments, how it runs instead (an approved
 * pending call, sent exactly as it was shown).
 */
export interface ToolCallTask {
  call: PendingToolCall;
  run?: (signal: AbortSignal | undefined) => Promise<ModelToolResult>;
}

/**
 * Runs every tool call of one model response at once (the manager's `maxConcurrency` still applies) and returns one
 * result per call, in call order. A failure the model can act on (bad arguments, unknown tool, 4xx, 5xx, timeout)
 * becomes error text for that call, whatever the manager's `errorMode`, because a provider needs an answer for every
 * call id. A failure it cannot act on (429, authentication, abort, a bug) is collected, and once every call has
 * settled a `ToolCallsInterruptedError` carries the finished results and the calls left to run.
 */
export async function runToolCalls<TResult>(
  manager: TrutoToolManager,
  calls: readonly PendingToolCall[],
  toResult: (call: SettledToolCall) => TResult,
  options: RunToolCallsOptions<TResult> = {},
): Promise<TResult[]> {
  return runToolCallTasks(
    manager,
    calls.map((call) => ({ call })),
    toResult,
    options,
  );
}

/** `runToolCalls` for tasks: calls that bring their own way to run are run that way, under the same error rules. */
export async function runToolCallTasks<TResult>(
  manager: TrutoToolManager,
  tasks: readonly ToolCallTask[],
  toResult: (call: SettledToolCall) => TResult,
  options: RunToolCallsOptions<TResult> = {},
): Promise<TResult[]> {
  const tools = options.prepareArguments && tasks.some((task) => !task.run) ? await toolsByName(manager) : undefined;
  const outcomes = await Promise.all(
    tasks.map(async ({ call, run }) => {
      try {
        return {
          call,
          settled: run ? await runTask(call, run, options.signal) : await runOne(manager, call, tools, options),
        };
      } catch (error) {
        return { call, error };
      }
    }),
  );
  const interrupted = outcomes.filter((outcome) => 'error' in outcome);
  const completed = outcomes.flatMap((outcome) =>
    'settled' in outcome && outcome.settled ? [toResult(outcome.settled)] : [],
  );
  if (interrupted.length > 0) {
    const Interrupted = options.interruptedError ?? ToolCallsInterruptedError<TResult>;
    throw new Interrupted({
      cause: interrupted[0]!.error,
      completed,
      pending: interrupted.map((outcome) => outcome.call),
    });
  }
  return completed;
}

async function runTask(
  call: PendingToolCall,
  run: NonNullable<ToolCallTask['run']>,
  signal: AbortSignal | undefined,
): Promise<SettledToolCall> {
  try {
    const result = await run(signal);
    return { id: call.id, name: call.name, content: result.content, isError: result.isError };
  } catch (error) {
    if (mustThrow(error)) throw error;
    return { id: call.id, name: call.name, content: formatErrorForModel(error as TrutoError), isError: true };
  }
}

async function runOne(
  manager: TrutoToolManager,
  call: PendingToolCall,
  tools: Map<string, TrutoTool> | undefined,
  options: Pick<RunToolCallsOptions, 'signal' | 'prepareArguments'>,
): Promise<SettledToolCall> {
  const failed = (content: string): SettledToolCall => ({ id: call.id, name: call.name, content, isError: true });
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) {
    return failed(
      JSON.stringify({
        error: 'invalid_arguments',
        message: parsed.message,
        hint: 'Send the arguments as one JSON object.',
      }),
    );
  }
  const args = options.prepareArguments ? options.prepareArguments(parsed.value, tools?.get(call.name)) : parsed.value;
  try {
    const result = await manager.invokeForModel(call.name, args, {
      ...(options.signal ? { signal: options.signal } : {}),
      // The provider's id for the call (OpenAI `tool_call_id`, Anthropic `tool_use_id`): `gen_ai.tool.call.id` on its span.
      toolCallId: call.id,
    });
    return { id: call.id, name: call.name, content: result.content, isError: result.isError };
  } catch (error) {
    if (mustThrow(error)) throw error;
    return failed(formatErrorForModel(error as TrutoError));
  }
}

/** Providers send arguments as a JSON string (OpenAI) or an object (Anthropic); an empty string means none. */
export function parseArguments(raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: true, value: raw ?? {} };
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, message: `The arguments are not valid JSON (${(error as Error).message}).` };
  }
}

async function toolsByName(manager: TrutoToolManager): Promise<Map<string, TrutoTool>> {
  const tools = new Map<string, TrutoTool>();
  for (const tool of await manager.getToolDefinitions()) {
    tools.set(tool.definition.name, tool);
    tools.set(tool.name, tool);
  }
  return tools;
}
