/**
 * The multipart body of a tool with file fields, as Truto forwards it with `truto_body_passthrough=true`. Every file is
 * resolved and checked before the body exists; the body itself is a function that builds a fresh `FormData` per
 * attempt (a retry resends the same files), and files backed by disk stream from it part by part.
 */
import { FormData } from 'undici';
import type { HttpRequest, RequestBody } from '../http/client.js';
import type { ProxyRequest } from '../invoke/build-request.js';
import type { EncodedBody } from '../invoke/request-body.js';
import type { FileField } from './file-fields.js';
import { type PreparedUpload, prepareUpload, type UploadContext } from './prepare-upload.js';
import { releaseWith, removeSpooled } from './spool.js';
import type { UploadRules } from './upload-rules.js';

export interface MultipartPlan {
  fields: readonly FileField[];
  rulesFor: (field: FileField) => UploadRules;
  context: UploadContext;
  onBinaryBody?: HttpRequest['onBinaryBody'];
}

/** What hooks and dry runs see instead of the bytes. */
export interface MultipartDescription {
  multipart: true;
  fields: Record<string, string | string[]>;
  files: Array<{ field: string; filename: string; content_type: string; bytes: number; source: string; given: string }>;
}

export async function encodeMultipartBody(
  request: ProxyRequest,
  plan: MultipartPlan,
): Promise<EncodedBody | undefined> {
  if (plan.fields.length === 0 || request.body === undefined) return undefined;
  const texts: Array<[string, string]> = [];
  const uploads: PreparedUpload[] = [];
  try {
    for (const [name, value] of Object.entries(request.body)) {
      const field = plan.fields.find((candidate) => candidate.name === name);
      if (field === undefined) {
        appendText(texts, name, value);
        continue;
      }
      const rules = plan.rulesFor(field);
      const values = field.multiple && Array.isArray(value) ? value : [value];
      for (const [index, item] of values.entries()) {
        const where = field.multiple
          ? { issuePath: `${name}.${index}`, partName: `${name}[]` }
          : { issuePath: name, partName: name };
        uploads.push(await prepareUpload(item, where, rules, plan.context));
      }
    }
  } catch (error) {
    await Promise.all(uploads.map((upload) => (upload.spooledPath ? removeSpooled(upload.spooledPath) : undefined)));
    throw error;
  }
  const encoded: EncodedBody = {
    query: { ...request.query, truto_body_passthrough: 'true' },
    // No content-type: the client sets it with the boundary it generates.
    headers: {},
    body: () => buildForm(texts, uploads),
    description: describe(texts, uploads),
    ...(plan.onBinaryBody ? { onBinaryBody: plan.onBinaryBody } : {}),
  };
  for (const upload of uploads) if (upload.spooledPath) releaseWith(encoded, upload.spooledPath);
  return encoded;
}

/**
 * undici's own FormData, not the global one: the client sends through undici 7, which streams only its own
 * FormData (Node's built-in copy is a different undici whose internals it cannot read).
 */
function buildForm(texts: ReadonlyArray<[string, string]>, uploads: readonly PreparedUpload[]): RequestBody {
  const form = new FormData();
  for (const [name, value] of texts) form.append(name, value);
  for (const upload of uploads) form.append(upload.partName, upload.blob, upload.filename);
  return form as unknown as RequestBody;
}

/** Form encoding as OpenAI's SDK writes it: arrays as repeated `name[]`, objects as `name[key]`. */
function appendText(texts: Array<[string, string]>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendText(texts, `${name}[]`, item);
  } else if (value instanceof Date) {
    texts.push([name, value.toISOString()]);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) appendText(texts, `${name}[${key}]`, item);
  } else {
    texts.push([name, String(value)]);
  }
}

function describe(texts: ReadonlyArray<[string, string]>, uploads: readonly PreparedUpload[]): MultipartDescription {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of texts) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return {
    multipart: true,
    fields,
    files: uploads.map((upload) => ({
      field: upload.partName,
      filename: upload.filename,
      content_type: upload.contentType,
      bytes: upload.size,
      source: upload.source,
      given: upload.given,
    })),
  };
}
