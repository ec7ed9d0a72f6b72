/**
 * When deciding whether a call needs approval fails. Approval is the guard in front of writes, so a failed check must
 * never let a call through unasked: only the failures the call itself reports to the model without sending anything
 * (an unknown tool, arguments that do not validate, a date expression that cannot be read) may fall through to it.
 * Anything else (a `requireApproval` predicate or a `beforeRequest` hook that throws, a catalog that cannot be loaded)
 * holds the call.
 */
import {
  DateExpressionError,
  ToolInputError,
  ToolNotFoundError,
  TrutoConfigError,
  TrutoError,
} from '../../errors/index.js';

/** Whether running the call would report this failure to the model and send nothing: the check may then be skipped. */
export function callReportsCheckFailure(error: unknown): boolean {
  return error instanceof ToolNotFoundError || error instanceof ToolInputError || error instanceof DateExpressionError;
}

/**
 * The typed error for a call whose check failed: Truto's own errors as they are (a 429 or a connection failure while
 * loading the catalog), anything else (the application's predicate or hook) as a `TrutoConfigError` that says the call
 * was not sent, with the original as its `cause`.
 */
export function approvalCheckError(toolName: string, error: unknown): TrutoError {
  if (error instanceof TrutoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TrutoConfigError(
    `Could not decide whether ${toolName} needs approval (requireApproval or a beforeRequest hook threw: ${message}), so it was not sent.`,
    { cause: error },
  );
}
