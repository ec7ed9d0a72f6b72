/**
 * truto-langchainjs-toolset: the tools of a Truto integrated account for AI agents.
 * Importing this entry loads LangChain's core (a peer dependency) and nothing from other agent frameworks:
 * those adapters live behind their own subpath exports.
 */

export { TrutoLangChainTool } from './adapters/langchain.js';
export { type ApprovalDecision, type ApprovalDecisionInput, parseApprovalDecision } from './approval/decision.js';
export { ApprovalRequiredError, type PendingApproval } from './approval/pending-approval.js';
export type { ApprovalPredicate, ApprovalRule, RequireApproval } from './approval/rule.js';
export { type CatalogCacheOptions, clearSharedCatalogCache, DEFAULT_CATALOG_TTL_MS } from './catalog/cache.js';
export type { CatalogChanges } from './catalog/change.js';
export { DISCOVERY_TOOL_NAMES } from './catalog/discovery.js';
export type { ToolFilter, ToolNamePattern } from './catalog/filter.js';
export type { ToolSearchOptions } from './catalog/search.js';
export type { JsonSchemaObject, TrutoToolDefinition } from './catalog/tool-definition.js';
export { TrutoTool } from './catalog/truto-tool.js';
export {
  type AccountTokenOptions,
  type CatalogSharingOptions,
  DEFAULT_ACCOUNT_TOKEN_REFRESH_BEFORE_SECONDS,
  DEFAULT_ACCOUNT_TOKEN_TTL_SECONDS,
  type GetAccountToken,
  type IssuedAccountToken,
  type TokenRequest,
  type TokenRequestReason,
} from './credentials/options.js';
export type { SavedCatalog } from './credentials/saved-catalog.js';
export { resolveDateRange } from './dates/index.js';
export {
  type ApiErrorResponse,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DateExpressionError,
  FileReferenceError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  type PlainHeaders,
  RateLimitError,
  type ResponseProblem,
  ToolInputError,
  type ToolInputIssue,
  ToolNotFoundError,
  TrutoAbortError,
  TrutoApiError,
  TrutoConfigError,
  TrutoConnectionError,
  TrutoError,
  TrutoResponseError,
  TrutoTimeoutError,
  UnprocessableEntityError,
} from './errors/index.js';
export {
  DEFAULT_BASE64_THRESHOLD_BYTES,
  DEFAULT_MAX_FILES_PER_ANSWER,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_OUTPUT_RETENTION,
  DEFAULT_RESULT_BUDGET_CHARS,
  type FileOptions,
  type FilePathInput,
  type FileResult,
  fileFromPath,
  isFileResult,
  type OutputRetentionOptions,
  type ToolFileRules,
} from './files/index.js';
export { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './http/client.js';
export { parseRateLimitHeaders } from './http/rate-limit-headers.js';
export type { RateLimitInfo, UpstreamLimit } from './http/rate-limit-types.js';
export { type RetryAttemptInfo, type RetryOptions, withRateLimitRetry } from './http/retry.js';
export type { ErrorMode } from './invoke/format-error.js';
export type { CallHooks, DryRunRequest, ErrorInfo, RequestInfo, ResponseInfo } from './invoke/hooks.js';
export type { DateOptions, ToolCallOutcome } from './invoke/invoke-tool.js';
export type { TrutoToolManagerOptions } from './manager/options.js';
export type { ToolSearchResult } from './manager/tool-manager.js';
export { type InvokeOptions, type ModelToolResult, TrutoToolManager } from './manager/tool-manager.js';
export {
  type CountTokensOptions,
  DEFAULT_DISCOVERY_MAX_TOKENS,
  DEFAULT_SELECT_CATALOG_SHARE,
  DEFAULT_SELECT_MAX_TOOLS,
  MIN_SELECT_MAX_TOKENS,
  type SelectedTool,
  type SelectToolsOptions,
  type TokenCountTarget,
  type ToolSelection,
} from './manager/tool-selector.js';
export {
  createRecorder,
  REDACTED_VALUE,
  type RecordedQueryValue,
  type RecordedRequest,
  type RecordedResponse,
  type Recorder,
  type RecorderOptions,
  type RecordingProxy,
  type RecordingProxyOptions,
  SECRET_FIELD_NAMES,
  SECRET_HEADER_NAMES,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecording,
  type SnapshotTools,
  startRecordingProxy,
  type TrutoToolsSnapshot,
} from './recording/index.js';
export { type CompileOptions, compileJsonSchema, type SchemaWarning, toModelJsonSchema } from './schema/index.js';
export { TOKEN_FRAMEWORKS, type TokenFramework } from './selection/frameworks.js';
export type { SelectionRequest } from './selection/request-text.js';
export type { ToolTokenCount } from './selection/tokens.js';
export { createMemoryStore, MemoryStore, type MemoryStoreOptions } from './state/memory-store.js';
export {
  type CoordinateMode,
  type CoordinationOptions,
  DEFAULT_BUDGET_WINDOW_SECONDS,
  DEFAULT_COORDINATION_MAX_WAIT_SECONDS,
} from './state/options.js';
export type {
  Admission,
  AdmitRequest,
  BudgetDecision,
  LimitObservation,
  LimitView,
  StateStore,
} from './state/types.js';
export {
  DEFAULT_MAX_RECORDED_CHARS,
  type TelemetryOptions,
  TRACER_NAME,
  type TracerProviderLike,
} from './telemetry/options.js';
export {
  type AnyToolMap,
  type GenerateToolTypesOptions,
  generateToolTypes,
  type ToolArgs,
  type ToolName,
  type ToolResult,
  type ToolTypeEntry,
} from './typegen/index.js';
