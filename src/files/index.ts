/** File references in, binaries and base64 out: see README.md in this folder. */

export { type FileResult, isFileResult, type ModelFileReference } from './binary-output.js';
export { describeFileFieldsForModel } from './describe-file-fields.js';
export { type FileField, findFileFields, OPENAI_AUDIO_EXTENSIONS, OPENAI_AUDIO_MAX_BYTES } from './file-fields.js';
export { HANDLE_SCHEME } from './file-handles.js';
export { createFileHandling, type FileHandlingEnvironment, type ManagerFileHandling } from './file-handling.js';
export { type FilePathInput, fileFromPath } from './file-input.js';
export { sanitiseFileName } from './file-name.js';
export { type BudgetCut, type FitOptions, type FitResult, fitJsonToBudget } from './fit-to-budget.js';
export {
  DEFAULT_BASE64_THRESHOLD_BYTES,
  DEFAULT_MAX_FILES_PER_ANSWER,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_RESULT_BUDGET_CHARS,
  type FileOptions,
  type ToolFileRules,
} from './options.js';
export { DEFAULT_OUTPUT_RETENTION, type OutputRetentionOptions } from './retention.js';
