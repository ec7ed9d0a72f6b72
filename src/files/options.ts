/** The file options of a manager (`files`), their defaults, and the resolved form the rest of src/files reads. */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OutputRetentionOptions } from './retention.js';

/** Uploads larger than this are refused before any byte is sent, unless a tool's own limit is lower. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
/** Base64 text (`b64_json`, data URLs) longer than this goes to a file instead of the model's context. */
export const DEFAULT_BASE64_THRESHOLD_BYTES = 256;
/** The longest result text a model receives; larger answers are cut with a note saying what was cut. */
export const DEFAULT_RESULT_BUDGET_CHARS = 60_000;
/** How long fetching one allowlisted URL may take. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Base64 payloads one answer may write to files; further ones are left out, and the note says so. */
export const DEFAULT_MAX_FILES_PER_ANSWER = 20;
/** Redirects followed when fetching a URL reference, each re-checked against `allowedHosts`. */
export const MAX_REDIRECTS = 5;

/** Limits of one tool's uploads. */
export interface ToolFileRules {
  /** Largest file accepted, in bytes. */
  maxUploadBytes?: number;
  /** Accepted file extensions, without the dot (`['wav', 'mp3']`). @default any extension */
  extensions?: string[];
}

export interface FileOptions {
  /**
   * The folder that path references (`all-hands.wav`, `file:///…`) must resolve into, symlinks followed. Without it,
   * models can pass only URLs from `allowedHosts` and handles from earlier results.
   * @default undefined (no path references)
   * @example { root: './assets' }
   */
  root?: string;
  /**
   * Hosts whose `http(s)` URLs may be fetched as file references: exact names (`cdn.example.com`), with a port
   * (`127.0.0.1:8080`), or a wildcard for subdomains (`*.example.com`). Redirects are re-checked at every hop.
   * @default [] (no URL references)
   */
  allowedHosts?: string[];
  /**
   * Where binary answers (speech audio) and offloaded base64 images are written, kept within `outputRetention`.
   * @default a fresh folder under the OS temp directory, created on first write
   */
  outputDir?: string;
  /**
   * How much of `outputDir` this manager keeps: its oldest files are removed past `maxFiles` or `maxBytes`, and any
   * older than `maxAgeMs` (checked whenever it writes a file); stale files of earlier processes are swept by name
   * pattern and age. A removed file's handle stops resolving. See retention.ts.
   * @default { maxFiles: 500, maxBytes: 1073741824 (1 GiB), maxAgeMs: 86400000 (24 h) } (DEFAULT_OUTPUT_RETENTION)
   */
  outputRetention?: OutputRetentionOptions;
  /**
   * Base64 payloads one JSON answer may write to files (a hostile answer may hold 90,000). Further ones reach the
   * model as a short note, and the result's `truncation` note says how many were left out.
   * @default 20 (DEFAULT_MAX_FILES_PER_ANSWER)
   */
  maxFilesPerAnswer?: number;
  /**
   * Largest upload for any tool, in bytes. A tool's known limit (25 MB for OpenAI transcription) applies when lower.
   * @default 104857600 (100 MiB, DEFAULT_MAX_UPLOAD_BYTES)
   */
  maxUploadBytes?: number;
  /**
   * Per-tool limits, by tool name; they replace the known limits and `maxUploadBytes` for that tool.
   * @example { create_a_open_ai_transcription: { maxUploadBytes: 10_000_000, extensions: ['wav'] } }
   */
  perTool?: Record<string, ToolFileRules>;
  /**
   * Base64 text in a JSON answer (`b64_json`, `data:` URLs) longer than this many bytes is written to a file in
   * `outputDir` and replaced by `{ file, mime_type, bytes }` in what the model reads. URLs are kept as they are.
   * @default 256 (DEFAULT_BASE64_THRESHOLD_BYTES): no model reads a few hundred bytes of base64 usefully
   */
  base64ThresholdBytes?: number;
  /**
   * The most characters a model receives for one result. Larger JSON is cut structurally (array items from the
   * end, then long strings) and stays valid JSON, with a `truncation` note saying what was cut and how to page.
   * @default 60000 (DEFAULT_RESULT_BUDGET_CHARS)
   */
  resultBudgetChars?: number;
  /**
   * What `manager.invoke()` returns for a binary answer: `'file'` writes it to `outputDir` and returns
   * `{ file, mime_type, bytes, path }`; `'bytes'` returns a Buffer. Models always receive a file reference.
   * @default 'file'
   */
  binaryResults?: 'file' | 'bytes';
}

export interface ResolvedFileOptions {
  root: string | undefined;
  allowedHosts: string[];
  maxUploadBytes: number;
  perTool: Record<string, ToolFileRules>;
  base64ThresholdBytes: number;
  resultBudgetChars: number;
  binaryResults: 'file' | 'bytes';
  maxFilesPerAnswer: number;
  outputRetention: OutputRetentionOptions | undefined;
  /** The output folder, created on first use. */
  outputDir: () => Promise<string>;
}

export function resolveFileOptions(options: FileOptions = {}): ResolvedFileOptions {
  return {
    root: options.root === undefined ? undefined : resolve(options.root),
    allowedHosts: (options.allowedHosts ?? []).map((host) => host.trim().toLowerCase()).filter(Boolean),
    maxUploadBytes: positive(options.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES),
    perTool: options.perTool ?? {},
    base64ThresholdBytes: Math.max(0, options.base64ThresholdBytes ?? DEFAULT_BASE64_THRESHOLD_BYTES),
    resultBudgetChars: positive(options.resultBudgetChars, DEFAULT_RESULT_BUDGET_CHARS),
    binaryResults: options.binaryResults ?? 'file',
    maxFilesPerAnswer: Math.floor(positive(options.maxFilesPerAnswer, DEFAULT_MAX_FILES_PER_ANSWER)),
    outputRetention: options.outputRetention,
    outputDir: lazyOutputDir(options.outputDir),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** One folder per manager, made once: concurrent first writes share the same promise. */
function lazyOutputDir(configured: string | undefined): () => Promise<string> {
  let folder: Promise<string> | undefined;
  return () => {
    folder ??= (async () => {
      if (configured === undefined) return mkdtemp(join(tmpdir(), 'truto-files-'));
      const absolute = resolve(configured);
      await mkdir(absolute, { recursive: true });
      return absolute;
    })();
    folder.catch(() => {
      folder = undefined;
    });
    return folder;
  };
}
