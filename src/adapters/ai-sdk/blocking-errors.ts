import type { StopCondition, ToolSet } from 'ai';
import { TrutoError } from '../../errors/index.js';
import { mustThrow } from '../../invoke/format-error.js';

/** The part of an AI SDK step this module reads: its content parts, tool errors among them. */
export interface StepWithContent {
  content: ReadonlyArray<{ type: string; error?: unknown }>;
}

/**
 * The first tool error in these steps that no model can resolve by changing its arguments: a `RateLimitError`
 * (wait `retryAfterSeconds`, then continue), an `AuthenticationError` / `PermissionDeniedError` (fix the
 * credentials), a `TrutoAbortError`. `undefined` when there is none.
 */
export function findBlockingToolError(steps: readonly StepWithContent[]): Error | undefined {
  for (const step of steps) {
    for (const part of step.content) {
      if (part.type === 'tool-error' && part.error instanceof Error && isBlocking(part.error)) return part.error;
    }
  }
  return undefined;
}

/**
 * A `stopWhen` condition: ends the loop after a step whose tool calls hit a blocking error, so that the caller, not
 * the model, decides when to go on. `stopWhen: [stepCountIs(10), stopOnBlockingToolError()]`.
 */
export function stopOnBlockingToolError<TOOLS extends ToolSet = ToolSet>(): StopCondition<TOOLS> {
  return ({ steps }) => {
    const last = steps.at(-1);
    return last !== undefined && findBlockingToolError([last]) !== undefined;
  };
}

function isBlocking(error: Error): boolean {
  // Errors that are not ours (the AI SDK's own invalid-input or unknown-tool errors) are the model's to fix.
  return error instanceof TrutoError && mustThrow(error);
}
