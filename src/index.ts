/**
 * truto-langchainjs-toolset: the tools of a Truto integrated account for AI agents.
 * Importing this entry loads LangChain's core (a peer dependency) and nothing from other agent frameworks:
 * those adapters live behind their own subpath exports.
 */
export { TrutoToolManager, type InvokeOptions, type ModelToolResult } from './manager/tool-manager.js';
export type { TrutoToolManagerOptions } from './manager/options.js';
export { TrutoTool } from './catalog/truto-tool.js';
export type { ToolFilter, ToolNamePattern } from './catalog/filter.js';
export type { CatalogChanges } from './catalog/change.js';
export { type CatalogCacheOptions, clearSharedCatalogCache, DEFAULT_CATALOG_TTL_MS } from './catalog/cache.js';
export { DISCOVERY_TOOL_NAMES } from './catalog/discovery.js';
export type { ToolSearchOptions } from './catalog/search.js';
export type { ToolSearchResult } from './manager/tool-manager.js';
export {
  type AnyToolMap,
  generateToolTypes,
  type GenerateToolTypesOptions,
  type ToolArgs,
  type ToolName,
  type ToolResult,
  type ToolTypeEntry,
} from './typegen/index.js';
export type { TrutoToolDefinition, JsonSchemaObject } from './catalog/tool-definition.js';
export type { ToolCallOutcome, DateOptions } from './invoke/invoke-tool.js';
export type { CallHooks, RequestInfo, ResponseInfo, ErrorInfo, DryRunRequest } from './invoke/hooks.js';
export type { ErrorMode } from './invoke/format-error.js';
export { withRateLimitRetry, type RetryOptions, type RetryAttemptInfo } from './http/retry.js';
export { TrutoLangChainTool } from './adapters/langchain.js';
export { compileJsonSchema, toModelJsonSchema, type CompileOptions, type SchemaWarning } from './schema/index.js';
export { resolveDateRange } from './dates/index.js';
export {
  fileFromPath,
  isFileResult,
  type FilePathInput,
  type FileResult,
  type FileOptions,
  type ToolFileRules,
  DEFAULT_BASE64_THRESHOLD_BYTES,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_RESULT_BUDGET_CHARS,
} from './files/index.js';
export { parseRateLimitHeaders } from './http/rate-limit-headers.js';
export type { RateLimitInfo, UpstreamLimit } from './http/rate-limit-types.js';
export { DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './http/client.js';
export {
  TrutoError,
  TrutoConfigError,
  ToolInputError,
  FileReferenceError,
  DateExpressionError,
  ToolNotFoundError,
  TrutoApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  TrutoResponseError,
  TrutoConnectionError,
  TrutoTimeoutError,
  TrutoAbortError,
  type ToolInputIssue,
  type ApiErrorResponse,
  type PlainHeaders,
} from './errors/index.js';
export { createMemoryStore, MemoryStore, type MemoryStoreOptions } from './state/memory-store.js';
export {
  type CoordinateMode,
  type CoordinationOptions,
  DEFAULT_BUDGET_WINDOW_SECONDS,
  DEFAULT_COORDINATION_MAX_WAIT_SECONDS,
} from './state/options.js';
export type { Admission, AdmitRequest, BudgetDecision, LimitObservation, LimitView, StateStore } from './state/types.js';
