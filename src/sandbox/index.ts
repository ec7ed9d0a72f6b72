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
  DEFAULT_SANDBOX_API_KEY,
  DEFAULT_SANDBOX_HOST,
  DEFAULT_TOOLS_PAGE_SIZE,
  MAX_TOOLS_PAGE_SIZE,
  type Sandbox,
  type SandboxOptions,
} from './options';
export type { ParsedQuery, QueryValue } from './query';
export { RATE_LIMIT_DIALECTS, type RateLimitDialect } from './rate-limit-headers';
export type { SandboxRequestRecord } from './request-log';
export { startSandbox } from './server';
export { OPENAI_TOOLS } from './tools/openai-tools';
