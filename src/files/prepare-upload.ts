/**
 * Turns one value of a file field into an upload that is safe and ready to send: where the bytes are (a file on disk
 * whenever possible, so they stream), their size, a file name and a content type, with every limit checked first.
 *
 * Strings are references and are held to the rules a model must follow: a path or `file://` URL inside `root`, an
 * `http(s)` URL on `allowedHosts`, or a handle this manager issued. Values a model cannot write in JSON (bytes, a
 * Blob, a stream, `fileFromPath`) come from the program and are trusted as given.
 */
import { lstat, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dispatcher } from 'undici';
import { FileReferenceError, type ToolInputIssue, TrutoError } from '../errors/index.js';
import {
  contentTypeForExtension,
  extensionForContentType,
  extensionOf,
  OCTET_STREAM,
  SNIFF_BYTES,
  sniffContentType,
} from './content-type.js';
import { formatBytes } from './describe-file-fields.js';
import { fetchToFile } from './fetch-url.js';
import { type FileRegistry, HANDLE_SCHEME, isHandle } from './file-handles.js';
import { asAsyncIterable, isBlob, isBytes, isFilePathInput, isStream } from './file-input.js';
import { fileNameFromUrl, sanitiseFileName, withExtension } from './file-name.js';
import type { ResolvedFileOptions } from './options.js';
import { type OpenedPath, openInsideRoot, releaseOpenedFile } from './resolve-path.js';
import { removeSpooled, SpoolLimitError, spoolToFile } from './spool.js';
import type { UploadRules } from './upload-rules.js';

export type UploadSource = 'path' | 'file-url' | 'url' | 'handle' | 'bytes' | 'blob' | 'stream' | 'file-path';

export interface PreparedUpload {
  /** The multipart part name (`file`, or `image[]` for a list). */
  partName: string;
  filename: string;
  contentType: string;
  size: number;
  source: UploadSource;
  /** What the caller gave, fit for logs and dry runs (never bytes). */
  given: string;
  /** Where the bytes are: a file on disk (streamed when sent), a Blob, or bytes the program handed over. */
  content: UploadContent;
  /** A scratch copy (stream or URL) to remove once the request is gone. */
  spooledPath?: string;
}

export type UploadContent = { path: string } | { blob: Blob } | { bytes: Uint8Array };

export interface UploadContext {
  toolName: string;
  options: Pick<ResolvedFileOptions, 'root' | 'allowedHosts'>;
  registry: FileRegistry;
  dispatcher?: Dispatcher;
  /** The call's signal: aborting it ends a URL download with a `TrutoAbortError`. */
  signal?: AbortSignal;
  /** The call's `timeoutMs`: a URL download takes no longer (and a `TrutoTimeoutError` names it). */
  timeoutMs?: number;
  /** When the whole call must be over (`Date.now()` milliseconds): a URL download gets at most what is left. */
  deadline?: number;
}

/** Where the bytes are, before names and limits are settled. */
interface Located {
  source: UploadSource;
  /** What was given, for logs: the reference itself, or a description of bytes. */
  given: string;
  /** The same, as an error message shows it (references quoted). */
  received: string;
  size: number;
  /** A name suggested by the source (a path's base name, a URL's last segment), not yet sanitised. */
  nameHint?: string;
  /** A content type stated by the program or a server. */
  statedType?: string;
  path?: string;
  blob?: Blob;
  bytes?: Uint8Array;
  head?: Uint8Array;
  spooledPath?: string;
  /** A path reference's file, open since its check: `path` reads it, and it stays open while the upload may be sent. */
  opened?: OpenedPath;
}

const ACCEPTED_FORMS =
  'a file reference: a path inside the files folder (e.g. "recording.mp3"), a file:// URL inside it, an http(s) URL on an allowed host, or a truto-file:// handle from an earlier tool result';

export async function prepareUpload(
  value: unknown,
  where: { issuePath: string; partName: string },
  rules: UploadRules,
  context: UploadContext,
): Promise<PreparedUpload> {
  const refuse = (message: string, received: string, expected = ACCEPTED_FORMS) =>
    refusal(context.toolName, { path: where.issuePath, message, expected, received });
  const located = await locate(value, rules, context, refuse);
  try {
    const upload = await settle(located, where.partName, rules, refuse);
    // The bytes are read through `content.path` for as long as the upload can be sent (retries included).
    if (located.opened) releaseOpenedFile(upload.content, located.opened);
    return upload;
  } catch (error) {
    if (located.spooledPath) await removeSpooled(located.spooledPath);
    if (located.opened) await located.opened.handle.close().catch(() => undefined);
    throw error;
  }
}

type Refuse = (message: string, received: string, expected?: string) => FileReferenceError;

async function locate(value: unknown, rules: UploadRules, context: UploadContext, refuse: Refuse): Promise<Located> {
  if (typeof value === 'string') return locateReference(value.trim(), rules, context, refuse);
  if (isFilePathInput(value)) {
    const info = await stat(value.path).catch(() => undefined);
    if (info === undefined || !info.isFile())
      throw refuse('no readable file at this path', quote(value.path), 'an existing file');
    return {
      source: 'file-path',
      given: value.path,
      received: quote(value.path),
      size: info.size,
      path: value.path,
      nameHint: value.filename ?? basename(value.path),
      ...(value.contentType ? { statedType: value.contentType } : {}),
    };
  }
  if (isBytes(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
    if (bytes.byteLength > rules.maxBytes) throw tooLarge(bytes.byteLength, rules, `${bytes.byteLength} bytes`, refuse);
    const given = `${bytes.byteLength} bytes`;
    return {
      source: 'bytes',
      given,
      received: given,
      size: bytes.byteLength,
      // Sent as they are, not copied: a 25 MB Buffer should not cost another 25 MB.
      bytes,
      head: bytes.subarray(0, SNIFF_BYTES),
    };
  }
  if (isBlob(value)) {
    const name = (value as Blob & { name?: unknown }).name;
    return {
      source: 'blob',
      given: `a Blob of ${value.size} bytes`,
      received: `a Blob of ${value.size} bytes`,
      size: value.size,
      blob: value,
      head: new Uint8Array(await value.slice(0, SNIFF_BYTES).arrayBuffer()),
      ...(typeof name === 'string' && name !== '' ? { nameHint: name } : {}),
      ...(value.type ? { statedType: value.type } : {}),
    };
  }
  if (isStream(value)) {
    try {
      const spooled = await spoolToFile(asAsyncIterable(value), { maxBytes: rules.maxBytes, fileName: 'stream' });
      const { path, size, head } = spooled;
      return { source: 'stream', given: 'a stream', received: 'a stream', size, path, head, spooledPath: path };
    } catch (error) {
      if (error instanceof SpoolLimitError) throw tooLarge(error.seen, rules, 'a stream', refuse, true);
      throw error;
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    // JSON a model could write: `{ path }`, or a file result echoed back (`{ file: "truto-file://…" }`).
    const record = value as Record<string, unknown>;
    const reference =
      typeof record.file === 'string' ? record.file : typeof record.path === 'string' ? record.path : undefined;
    if (reference !== undefined) return locateReference(reference.trim(), rules, context, refuse);
  }
  throw refuse('expected a file reference (a string)', describeValue(value));
}

async function locateReference(
  reference: string,
  rules: UploadRules,
  context: UploadContext,
  refuse: Refuse,
): Promise<Located> {
  const given = quote(reference);
  if (isHandle(reference)) {
    const file = context.registry.lookup(reference);
    if (file === undefined) {
      throw refuse(
        'unknown handle: handles come from earlier tool results of this session',
        given,
        `a ${HANDLE_SCHEME}… handle exactly as a tool returned it`,
      );
    }
    // lstat: the file we wrote is a regular file; anything else under its name was put there since.
    const info = await lstat(file.path).catch(() => undefined);
    if (info === undefined || !info.isFile()) throw refuse('the file behind this handle no longer exists', given);
    return {
      source: 'handle',
      given: reference,
      received: given,
      size: info.size,
      path: file.path,
      nameHint: file.fileName,
      statedType: file.mimeType,
    };
  }
  if (/^https?:\/\//i.test(reference)) return locateUrl(reference, rules, context, refuse);
  if (/^file:/i.test(reference)) {
    let path: string;
    try {
      path = fileURLToPath(reference);
    } catch {
      throw refuse('not a valid local file:// URL', given);
    }
    return locatePath(path, 'file-url', reference, context, refuse);
  }
  // Any other scheme (`ftp:`, `data:`, `s3://`) is not something we fetch. Schemes have two letters at least, so a
  // Windows drive letter (`C:\…`) stays a path.
  if (/^[a-z][a-z0-9+.-]+:/i.test(reference)) {
    throw refuse('this kind of URL is not supported', given);
  }
  return locatePath(reference, 'path', reference, context, refuse);
}

async function locatePath(
  path: string,
  source: UploadSource,
  given: string,
  context: UploadContext,
  refuse: Refuse,
): Promise<Located> {
  // Opened before it is checked, and read through what was opened: the check and the upload are the same file.
  const resolved = await openInsideRoot(context.options.root, path);
  if ('reason' in resolved) {
    switch (resolved.reason) {
      case 'no-root':
        throw refuse(
          'path references are not enabled here (no files root is configured)',
          quote(given),
          'an http(s) URL on an allowed host or a truto-file:// handle',
        );
      case 'outside-root':
        throw refuse('this path resolves outside the files folder; only files inside it can be uploaded', quote(given));
      case 'not-found':
        throw refuse('no such file in the files folder', quote(given));
      case 'not-a-file':
        throw refuse('this is a folder, not a file', quote(given));
      default:
        throw refuse('not a valid path', quote(given));
    }
  }
  return {
    source,
    given,
    received: quote(given),
    size: resolved.size,
    path: resolved.path,
    nameHint: basename(resolved.realPath),
    opened: resolved,
  };
}

async function locateUrl(
  reference: string,
  rules: UploadRules,
  context: UploadContext,
  refuse: Refuse,
): Promise<Located> {
  const given = quote(reference);
  let url: URL;
  try {
    url = new URL(reference);
  } catch {
    throw refuse('not a valid URL', given);
  }
  const urlName = fileNameFromUrl(url);
  // A name that already says the wrong format saves a download.
  if (urlName !== undefined && extensionOf(urlName) !== undefined)
    checkExtension(sanitiseFileName(urlName), rules, given, refuse);
  let fetched: Awaited<ReturnType<typeof fetchToFile>>;
  try {
    fetched = await fetchToFile(url, {
      allowedHosts: context.options.allowedHosts,
      maxBytes: rules.maxBytes,
      fileName: 'download',
      ...(context.dispatcher ? { dispatcher: context.dispatcher } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.timeoutMs !== undefined ? { timeoutMs: context.timeoutMs } : {}),
      ...(context.deadline !== undefined ? { deadline: context.deadline } : {}),
    });
  } catch (error) {
    if (error instanceof SpoolLimitError) throw tooLarge(error.seen, rules, given, refuse, true);
    // The call was aborted or ran out of time while downloading: that is the call's outcome, not the reference's.
    if (TrutoError.isInstance(error)) throw error;
    throw refuse(`the URL could not be fetched (${(error as Error).message})`, given);
  }
  if ('reason' in fetched) {
    switch (fetched.reason) {
      case 'host-not-allowed': {
        const host = safeHost(fetched.url);
        const redirected = fetched.url !== url.href ? `the URL redirects to ${host || fetched.url}, ` : '';
        if (!/^https?:/i.test(fetched.url)) {
          throw refuse(
            `${redirected}which is not an http(s) URL and is never fetched`,
            given,
            'a URL that serves the file',
          );
        }
        throw refuse(
          `${redirected}host "${host}" is not on the allowed hosts list (files.allowedHosts)`,
          given,
          context.options.allowedHosts.length > 0
            ? `an http(s) URL on one of: ${context.options.allowedHosts.join(', ')}`
            : 'a path inside the files folder or a truto-file:// handle (no URL hosts are allowed)',
        );
      }
      case 'too-large':
        throw tooLarge(undefined, rules, given, refuse);
      case 'bad-status':
        throw refuse(`the URL answered ${fetched.status}`, given, 'a URL that serves the file');
      default:
        throw refuse('the URL redirects too many times', given, 'a URL that serves the file');
    }
  }
  const finalName = fileNameFromUrl(fetched.url) ?? urlName;
  return {
    source: 'url',
    given: reference,
    received: given,
    size: fetched.size,
    path: fetched.path,
    head: fetched.head,
    spooledPath: fetched.path,
    ...(finalName ? { nameHint: finalName } : {}),
    ...(fetched.contentType ? { statedType: fetched.contentType } : {}),
  };
}

/** Name, type and limits, settled before anything is sent. */
async function settle(located: Located, partName: string, rules: UploadRules, refuse: Refuse): Promise<PreparedUpload> {
  if (located.size > rules.maxBytes) throw tooLarge(located.size, rules, located.received, refuse);
  let filename = located.nameHint ? sanitiseFileName(located.nameHint, 'upload') : 'upload';
  const nameType = contentTypeForExtension(extensionOf(filename));
  const statedType = usableType(located.statedType);
  // A program's stated type is deliberate; a web server's is often generic or wrong, so a URL's own name wins.
  let contentType = located.source === 'url' ? (nameType ?? statedType) : (statedType ?? nameType);
  if (contentType === undefined || extensionOf(filename) === undefined) {
    contentType ??= sniffContentType(located.head ?? (await readHead(located.path!))) ?? OCTET_STREAM;
    const extension = extensionOf(filename) === undefined ? extensionForContentType(contentType) : undefined;
    if (extension !== undefined && extension !== 'bin') filename = withExtension(filename, extension);
  }
  checkExtension(filename, rules, located.received, refuse);
  const content: UploadContent =
    located.path !== undefined
      ? { path: located.path }
      : located.bytes !== undefined
        ? { bytes: located.bytes }
        : { blob: located.blob! };
  return {
    partName,
    filename,
    contentType,
    size: located.size,
    source: located.source,
    given: located.given,
    content,
    ...(located.spooledPath ? { spooledPath: located.spooledPath } : {}),
  };
}

function checkExtension(filename: string | undefined, rules: UploadRules, given: string, refuse: Refuse): void {
  if (rules.extensions === undefined || filename === undefined) return;
  const extension = extensionOf(filename);
  if (extension !== undefined && rules.extensions.includes(extension)) return;
  throw refuse(
    extension === undefined
      ? 'the file format could not be told from its name or its bytes'
      : `".${extension}" files are not accepted by this tool`,
    given,
    `a file ending in one of: ${rules.extensions.map((accepted) => `.${accepted}`).join(', ')}`,
  );
}

function tooLarge(
  size: number | undefined,
  rules: UploadRules,
  given: string,
  refuse: Refuse,
  atLeast = false,
): FileReferenceError {
  const measured =
    size === undefined ? 'larger than the limit' : `${atLeast ? 'at least ' : ''}${size.toLocaleString('en-US')} bytes`;
  return refuse(
    `the file is too large (${measured}); this tool accepts at most ${formatBytes(rules.maxBytes)} (${rules.maxBytes.toLocaleString('en-US')} bytes)`,
    given,
    `a file of at most ${rules.maxBytes.toLocaleString('en-US')} bytes`,
  );
}

function usableType(type: string | undefined): string | undefined {
  const essence = type?.split(';')[0]?.trim().toLowerCase();
  if (!essence || essence === OCTET_STREAM || essence === 'binary/octet-stream') return undefined;
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(essence) ? essence : undefined;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function refusal(toolName: string, issue: ToolInputIssue): FileReferenceError {
  return new FileReferenceError(toolName, [issue]);
}

function quote(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 197)}...` : text;
  return JSON.stringify(short);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object')
    return `an object (${
      Object.keys(value as object)
        .slice(0, 5)
        .join(', ') || 'no keys'
    })`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}

function safeHost(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}
