/**
 * Span names and attribute keys.
 *
 * Tool calls follow the OpenTelemetry GenAI semantic conventions for tool execution (docs/gen-ai/gen-ai-spans.md,
 * "Execute tool span", status Development): span name `execute_tool {gen_ai.tool.name}`, span kind INTERNAL,
 * `gen_ai.operation.name` = `execute_tool` and `gen_ai.tool.name` required, `error.type` when the call failed,
 * `gen_ai.tool.call.id` and `gen_ai.tool.type` recommended, `gen_ai.tool.call.arguments` and
 * `gen_ai.tool.call.result` opt-in. `gen_ai.tool.type` is `extension`: "a tool executed on the agent-side to directly
 * call external APIs" (the registry's definition), which a Truto proxy call is. HTTP facts use the stable HTTP
 * conventions' keys; what only Truto has is under `truto.`.
 */

export const EXECUTE_TOOL_OPERATION = 'execute_tool';
export const TOOL_TYPE = 'extension';

export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const GEN_AI_TOOL_TYPE = 'gen_ai.tool.type';
export const GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
export const ERROR_TYPE = 'error.type';
export const HTTP_REQUEST_METHOD = 'http.request.method';
export const HTTP_RESPONSE_STATUS_CODE = 'http.response.status_code';

export const TRUTO_INTEGRATED_ACCOUNT_ID = 'truto.integrated_account.id';
/** The call's own UUID: the one in hooks, dry runs, API errors and `requestIdHeader`. */
export const TRUTO_REQUEST_ID = 'truto.request.id';
/** The `x-request-id` the answer carried (Truto's or the upstream's), when it had one. */
export const TRUTO_RESPONSE_REQUEST_ID = 'truto.response.request_id';
export const TRUTO_TOOL_METHOD = 'truto.tool.method';
export const TRUTO_TOOL_RESOURCE = 'truto.tool.resource';
export const TRUTO_DRY_RUN = 'truto.dry_run';
export const TRUTO_RETRIES = 'truto.retries';
export const TRUTO_RATE_LIMIT_REMAINING = 'truto.rate_limit.remaining';
export const TRUTO_RATE_LIMIT_LIMIT = 'truto.rate_limit.limit';
export const TRUTO_RATE_LIMIT_RESET_SECONDS = 'truto.rate_limit.reset_seconds';
/** The error's `code` (`rate_limited`, `invalid_input`, ...), next to its class in `error.type`. */
export const TRUTO_ERROR_CODE = 'truto.error.code';

/** An event on the tool call's span for each retry, with the attempt, the reason and the wait. */
export const RETRY_EVENT = 'truto.retry';
/** An event when a call waited for a `maxConcurrency` slot: how long, and how many calls were queued ahead of it. */
export const CONCURRENCY_WAIT_EVENT = 'truto.concurrency.wait';
/** An event when Truto refused the account token (401) and the call is sent again with a new one. */
export const TOKEN_REJECTED_EVENT = 'truto.account_token.rejected';
/** Spans of their own. */
export const CATALOG_LOAD_SPAN = 'truto.catalog.load';
export const TOOL_SELECTION_SPAN = 'truto.tools.select';
export const COORDINATION_WAIT_SPAN = 'truto.coordination.wait';
export const TOKEN_REFRESH_SPAN = 'truto.account_token.refresh';
