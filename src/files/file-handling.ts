/**
 * The file layer of one manager, behind the `FileHandling` seam of the invoke pipeline: multipart uploads for tools
 * with file fields, binary answers streamed to files, and the result a model reads (file references instead of
 * bytes or base64, cut to a budget). One registry of handles per manager.
 */
import type { Dispatcher } from 'undici';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { TrutoResponseError } from '../errors/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpRequest } from '../http/client.js';
import { formatResultForModel, type PagingArguments } from '../invoke/format-result.js';
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
import { offloadBase64 } from './offload-base64.js';
import { type FileOptions, type ResolvedFileOptions, resolveFileOptions } from './options.js';
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
  const target: OutputTarget = { outputDir: resolved.outputDir, registry };
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
    fileFieldsOf,
    hasFileFields: (tool) => fileFieldsOf(tool).length > 0,
    encodeMultipart: async (tool, request) => {
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
        data = await offloadBase64(data, resolved.base64ThresholdBytes, async (payload) =>
          toModelReference(
            await writeBytesOutput(payload.bytes, { contentType: payload.contentType, stem: stemFor(tool) }, target),
          ),
        );
      }
      return formatResultForModel(data, outcome.status, {
        rateLimit: formatOptions.rateLimit,
        budgetChars: resolved.resultBudgetChars,
        paging: pagingArgumentsOf(tool),
      });
    },
  };
}

/** Output files are named after the tool's resource (`speech-…mp3`), never after anything the server said. */
function stemFor(tool: TrutoTool): string {
  const resource = tool.definition.resource.split('/').filter(Boolean).pop() ?? 'output';
  return sanitiseFileName(resource, 'output');
}

function pagingArgumentsOf(tool: TrutoTool): PagingArguments {
  const names = tool.plan.locations;
  const limit = LIMIT_ARGUMENTS.find((name) => names.has(name));
  const cursor = CURSOR_ARGUMENTS.find((name) => names.has(name));
  return { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) };
}
