/**
 * What LangChain tool calls already did inside a LangGraph task, so that re-running the task does not do it again.
 *
 * A node that calls `interrupt()` is re-run from its start when the graph is resumed (see
 * ../langgraph/approval-interrupt.ts). A plain `ToolNode` runs all of a message's tool calls in one node, so with two
 * calls needing approval, resuming the first re-runs every call: the approved write would be sent again when the
 * second is resumed, and a read beside a held write on every resume. Each finished call is remembered under its
 * graph task (thread and checkpoint namespace, which holds the task id: the same for every re-run of one task, new for
 * the next step) and its tool call id, and a re-run returns what the call returned (or throws what it threw).
 *
 * Facts this relies on (`@langchain/core` 1.x, `@langchain/langgraph` 1.x): a tool runs inside the runnable config of
 * its node, readable through `AsyncLocalStorageProviderSingleton.getRunnableConfig()` (what LangGraph's `getConfig()`
 * reads), whose `configurable` holds `thread_id` and `checkpoint_ns` (`<node>:<task id>`, pregel/algo.ts).
 */
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { TrutoAbortError } from '../../errors/index.js';

/** Calls remembered per manager; the oldest are forgotten first. A task's re-runs follow within one approval round. */
export const MAX_FINISHED_GRAPH_CALLS = 1024;

export class FinishedGraphCalls {
  readonly #calls = new Map<string, Promise<string>>();
  readonly #max: number;

  constructor(max = MAX_FINISHED_GRAPH_CALLS) {
    this.#max = max;
  }

  /** The key of a call inside a graph task; undefined outside a graph run or without a call id (nothing re-runs). */
  keyFor(toolName: string, toolCallId: string | undefined): string | undefined {
    if (toolCallId === undefined || toolCallId === '') return undefined;
    let configurable: Record<string, unknown> | undefined;
    try {
      configurable = AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable;
    } catch {
      return undefined;
    }
    const thread = configurable?.thread_id;
    const namespace = configurable?.checkpoint_ns;
    if (typeof namespace !== 'string' || namespace === '') return undefined;
    return JSON.stringify([String(thread ?? ''), namespace, toolCallId, toolName]);
  }

  /**
   * Runs `send` once per key: a re-run gets the first run's answer, or its error. The call is remembered as soon as it
   * starts, not when it ends: an interrupt ends the graph run while sibling calls are still in flight, and the resumed
   * run must wait for them rather than send them again.
   */
  once(key: string | undefined, send: () => Promise<string>): Promise<string> {
    if (key === undefined) return send();
    const started = this.#calls.get(key);
    if (started !== undefined) return started;
    const call = send();
    this.#calls.set(key, call);
    if (this.#calls.size > this.#max) this.#calls.delete(this.#calls.keys().next().value!);
    call.catch((error: unknown) => {
      // The caller's abort: a later run of the task may send the call again.
      if (error instanceof TrutoAbortError && this.#calls.get(key) === call) this.#calls.delete(key);
    });
    return call;
  }
}
