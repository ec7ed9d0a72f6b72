/**
 * The file layer of one manager, behind the `FileHandling` seam of the invoke pipeline: multipart uploads for tools
 * with file fields, binary answers streamed to files, and the result a model reads (file references instead of
 * bytes or base64, cut to a budget). One registry of handles per manager.
 */
import type { Dispatcher } from 'undici';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { TrutoResponseError } from '../errors/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpRequest } from '../http/client.js';
import { formatResultForModel, NOTE_RESERVE_CHARS, type PagingArguments } from '../invoke/format-result.js';
import type { FileHandling } from '../invoke/request-body.js';
import {
  isFileResult,
  type OutputTarget,
  OutputTooLargeError,
  toModelReference,
  writeBinaryOutput,
  writeBytesOutput,
} from './binary-output.js';
import { encodeMultipartBody } from './encode-multipart.js';
import { type FileField, findFileFields } from './file-fields.js';
import { FileRegistry } from './file-handles.js';
import { sanitiseFileName } from './file-name.js';
import { fitJsonToBudget, resolvePending } from './fit-to-budget.js';
import { decodeBase64Text, mayHoldBase64File } from './offload-base64.js';
import { type FileOptions, type ResolvedFileOptions, resolveFileOptions } from './options.js';
import { OutputRetention } from './retention.js';
import { uploadRulesFor } from './upload-rules.js';

export interface FileHandlingEnvironment {
  /** The manager's dispatcher, used for URL references too (a corporate proxy applies to both). */
  dispatcher?: Dispatcher;
  /** Largest binary answer written to disk. @default 33554432 (the manager's maxResponseBytes) */
  maxResponseBytes?: number;
}

/** The seam's implementation, plus what tests and callers may inspect. */
export interface ManagerFileHandling extends FileHandling {
  readonly options: ResolvedFileOptions;
  readonly registry: FileRegistry;
  /** Keeps `outputDir` within `outputRetention`. */
  readonly retention: OutputRetention;
  /** The file fields of a tool (computed once per tool). */
  fileFieldsOf(tool: TrutoTool): readonly FileField[];
}

const LIMIT_ARGUMENTS = ['limit', 'page_size', 'per_page', 'max_results', 'top'];
const CURSOR_ARGUMENTS = ['next_cursor', 'cursor', 'page', 'after', 'starting_after', 'page_token'];

export function createFileHandling(
  options: FileOptions | undefined,
  environment: FileHandlingEnvironment = {},
): ManagerFileHandling {
  const resolved = resolveFileOptions(options);
  const registry = new FileRegistry();
  const retention = new OutputRetention(resolved.outputRetention, registry, resolved.outputDir);
  const target: OutputTarget = { outputDir: resolved.outputDir, registry, retention };
  const maxDownloadBytes = environment.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const fieldsByTool = new WeakMap<TrutoTool, FileField[]>();
  const fileFieldsOf = (tool: TrutoTool): FileField[] => {
    let fields = fieldsByTool.get(tool);
    if (fields === undefined) {
      fields = findFileFields(tool.definition);
      fieldsByTool.set(tool, fields);
    }
    return fields;
  };

  const binaryWriter =
    (tool: TrutoTool): NonNullable<HttpRequest['onBinaryBody']> =>
    async (stream, meta) => {
      try {
        return await writeBinaryOutput(
          stream,
          { contentType: meta.contentType, stem: stemFor(tool), maxBytes: maxDownloadBytes },
          target,
        );
      } catch (error) {
        if (!(error instanceof OutputTooLargeError)) throw error;
        throw new TrutoResponseError({
          message: `Tool "${tool.name}": the binary answer is larger than ${error.limit} bytes (maxResponseBytes); nothing was kept.`,
          method: tool.plan.httpMethod,
          url: tool.plan.basePath,
          reason: 'too_large',
          cause: error,
        });
      }
    };
  const writers = new WeakMap<TrutoTool, NonNullable<HttpRequest['onBinaryBody']>>();
  // Asked on every JSON call: one writer per tool, made once.
  const onBinaryBodyFor = (tool: TrutoTool) => {
    if (resolved.binaryResults !== 'file') return undefined;
    let writer = writers.get(tool);
    if (writer === undefined) {
      writer = binaryWriter(tool);
      writers.set(tool, writer);
    }
    return writer;
  };

  return {
    options: resolved,
    registry,
    retention,
    fileFieldsOf,
    hasFileFields: (tool) => fileFieldsOf(tool).length > 0,
    encodeMultipart: async (tool, request, call) => {
      const fields = fileFieldsOf(tool);
      if (fields.length === 0) return undefined;
      const onBinaryBody = onBinaryBodyFor(tool);
      return encodeMultipartBody(request, {
        fields,
        rulesFor: (field) => uploadRulesFor([tool.name, tool.definition.name], field, resolved),
        context: {
          toolName: tool.name,
          options: resolved,
          registry,
          ...(environment.dispatcher ? { dispatcher: environment.dispatcher } : {}),
          // A URL download is part of the call: its signal and time limit bound it too.
          ...(call?.signal ? { signal: call.signal } : {}),
          ...(call?.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
          ...(call?.deadline !== undefined ? { deadline: call.deadline } : {}),
        },
        ...(onBinaryBody ? { onBinaryBody } : {}),
      });
    },
    onBinaryBodyFor,
    formatResultForModel: async (tool, outcome, formatOptions) => {
      let data = outcome.data;
      if (isFileResult(data)) {
        data = toModelReference(data);
      } else if (data instanceof Uint8Array) {
        // `binaryResults: 'bytes'` gave the program a Buffer; the model still gets a file it can pass on.
        data = toModelReference(
          await writeBytesOutput(data, { contentType: outcome.headers['content-type'], stem: stemFor(tool) }, target),
        );
      } else if (typeof data === 'object' && data !== null) {
        // One pass sized to the budget: only the base64 the model keeps is decoded and written, at most
        // maxFilesPerAnswer files, and nothing past the budget is walked.
        const stem = stemFor(tool);
        const fitted = fitJsonToBudget(data, Math.max(1, resolved.resultBudgetChars - NOTE_RESERVE_CHARS), {
          replaceLater: (text, name) => mayHoldBase64File(text, name, resolved.base64ThresholdBytes),
          replacementChars: MAX_REFERENCE_CHARS,
          maxReplacements: resolved.maxFilesPerAnswer,
        });
        const value = await resolvePending(
          fitted,
          async (entry) => {
            const payload = decodeBase64Text(entry.text, entry.name);
            if (payload === undefined) return undefined;
            return toModelReference(
              await writeBytesOutput(payload.bytes, { contentType: payload.contentType, stem }, target),
            );
          },
          MAX_REFERENCE_CHARS,
        );
        return formatResultForModel(value, outcome.status, {
          rateLimit: formatOptions.rateLimit,
          budgetChars: resolved.resultBudgetChars,
          paging: pagingArgumentsOf(tool),
          fitted,
          maxFiles: resolved.maxFilesPerAnswer,
        });
      }
      return formatResultForModel(data, outcome.status, {
        rateLimit: formatOptions.rateLimit,
        budgetChars: resolved.resultBudgetChars,
        paging: pagingArgumentsOf(tool),
      });
    },
  };
}

/**
 * Output files are named after the tool's resource (`speech-…mp3`), never after anything the server said. Kept short,
 * so that the random id always fits in the name (a long resource would otherwise cut it off, and names collide).
 */
function stemFor(tool: TrutoTool): string {
  const resource = tool.definition.resource.split('/').filter(Boolean).pop() ?? 'output';
  return sanitiseFileName(sanitiseFileName(resource, 'output').slice(0, MAX_STEM_CHARS), 'output');
}

const MAX_STEM_CHARS = 40;
/**
 * What a file reference takes in the model's JSON at most: `{"file":"truto-file://<stem ≤ 40>-<12 hex>.<ext>",
 * "mime_type":"<≤ 100>","bytes":<n>}`, rounded up.
 */
const MAX_REFERENCE_CHARS = 240;

function pagingArgumentsOf(tool: TrutoTool): PagingArguments {
  const names = tool.plan.locations;
  const limit = LIMIT_ARGUMENTS.find((name) => names.has(name));
  const cursor = CURSOR_ARGUMENTS.find((name) => names.has(name));
  return { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) };
}
