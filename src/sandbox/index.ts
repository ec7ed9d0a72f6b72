/** The sandbox's public surface (re-exported by `truto-langchainjs-toolset/sandbox`). */
export { type AccountLimit, ADVERTISED_ACCOUNT_LIMIT } from './account-limiter';
export type { OpenAiErrorDetail, TrutoErrorBody } from './errors';
export {
  DEFAULT_HUGE_BYTES,
  SANDBOX_FAULTS,
  type SandboxFailure,
  type SandboxFailureScope,
  type SandboxFault,
} from './failure';
export { MAX_AUDIO_BYTES } from './handlers/transcriptions';
export { createPatternPng, PNG_SIGNATURE } from './media/png';
export { encodeWav, parseWav, type WavFormat, type WavInfo } from './media/wav';
export type { MultipartSummary } from './multipart';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REQUEST_LOG_SIZE,
  DEFAULT_SANDBOX_ACCOUNT_ID,
  DEFAULT_SANDBOX_ACCOUNT_TOKEN_TTL_SECONDS,
  DEFAULT_SANDBOX_API_KEY,
  DEFAULT_SANDBOX_HOST,
  DEFAULT_SANDBOX_SEED,
  DEFAULT_TOOLS_PAGE_SIZE,
  MAX_TOOLS_PAGE_SIZE,
  type Sandbox,
  type SandboxOptions,
} from './options';
export type { ParsedQuery, QueryValue } from './query';
export { RATE_LIMIT_DIALECTS, type RateLimitDialect } from './rate-limit-headers';
export type { SandboxRequestRecord } from './request-log';
export { startSandbox } from './server';
export {
  type LoadedCatalog,
  parseCatalog,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecording,
} from './sources/catalog/load-catalog';
export { type ToolsFromOpenApiOptions, toolsFromOpenApi } from './sources/openapi/convert';
export { type LoadedDocument, loadOpenApiDocument } from './sources/openapi/load-document';
export { SANDBOX_OPTIONAL_PACKAGES } from './sources/shared/optional-dependency';
export type { SandboxSourceKind } from './sources/types';
export { OPENAI_TOOLS } from './tools/openai-tools';
