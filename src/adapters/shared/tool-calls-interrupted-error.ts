import { type ApiErrorResponse, RateLimitError, TrutoApiError, TrutoError } from '../../errors/index.js';

/** One tool call as the provider asked for it, before anything was run. */
export interface PendingToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/**
 * Some tool calls of a model response could not run for a reason no model can fix: a 429, bad credentials, the
 * caller's abort. Thrown after every call of the batch has settled, so nothing that ran is lost: `completed` holds
 * the results of the calls that finished (in call order, ready to send), `pending` the calls to run again after
 * waiting. `cause` is the first such error; `response` and `retryAfterSeconds` mirror it, so a loop written for
 * Truto's examples (`error.response.status === 429`, `error.response.headers['ratelimit-reset']`) keeps working.
 */
export class ToolCallsInterruptedError<TResult = unknown> extends TrutoError {
  override readonly code: string = 'tool_calls_interrupted';
  readonly completed: TResult[];
  readonly pending: PendingToolCall[];
  /** The status of the first interrupting error, when it was an API error (429, 401, 403). */
  readonly status?: number;
  readonly response?: ApiErrorResponse;
  /** The wait the API asked for, when the interruption is a rate limit. */
  readonly retryAfterSeconds?: number;

  constructor(init: { cause: unknown; completed: TResult[]; pending: PendingToolCall[] }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      `${init.pending.length} of ${init.pending.length + init.completed.length} tool calls did not run: ${reason}`,
      {
        cause: init.cause,
      },
    );
    this.completed = init.completed;
    this.pending = init.pending;
    if (init.cause instanceof TrutoApiError) {
      this.status = init.cause.status;
      this.response = init.cause.response;
    }
    if (init.cause instanceof RateLimitError && init.cause.retryAfterSeconds !== undefined) {
      this.retryAfterSeconds = init.cause.retryAfterSeconds;
    }
  }

  /** True when the batch stopped on a 429: wait `retryAfterSeconds`, then run `pending` again. */
  get isRateLimited(): boolean {
    return this.cause instanceof RateLimitError;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      retryAfterSeconds: this.retryAfterSeconds,
      pending: this.pending.map((call) => ({ id: call.id, name: call.name })),
      completed: this.completed.length,
    };
  }
}
