/**
 * The schema a model sees for file fields: a file reference it can write as text, with an example, the accepted
 * extensions and the size limit. The field keeps no `type` on purpose: for a model it reads as a string reference
 * (`minLength` constrains strings only), while programmatic callers can still pass a Buffer, Blob, stream or
 * `fileFromPath(...)` through the same validator, which lets values of other types through untouched.
 */
import type { JsonSchemaObject } from '../catalog/tool-definition.js';
import type { FileField } from './file-fields.js';
import { OPENAI_AUDIO_EXTENSIONS } from './file-fields.js';
import { HANDLE_SCHEME } from './file-handles.js';

/** Keywords that describe the field for people (kept from the source, after our own sentence). */
const KEPT_ANNOTATIONS = ['title', 'deprecated'];

/** Returns a new schema; the input is not modified. Fields missing from `properties` are skipped. */
export function describeFileFieldsForModel(schema: JsonSchemaObject, fields: readonly FileField[]): JsonSchemaObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const described: Record<string, unknown> = { ...properties };
  for (const field of fields) {
    const original = properties[field.name];
    if (!isRecord(original)) continue;
    const reference = fileReferenceSchema(original, field);
    described[field.name] = field.multiple
      ? { ...pick(original, KEPT_ANNOTATIONS), description: reference.description, type: 'array', items: reference }
      : reference;
  }
  return { ...schema, properties: described };
}

function fileReferenceSchema(original: JsonSchemaObject, field: FileField): JsonSchemaObject {
  const extensions = field.known?.extensions;
  const limits = [
    extensions ? `Accepted: ${extensions.map((extension) => `.${extension}`).join(', ')}` : '',
    field.known?.maxUploadBytes ? `at most ${formatBytes(field.known.maxUploadBytes)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const about =
    typeof original.description === 'string' && original.description.trim() !== '' ? original.description.trim() : '';
  const description = [
    `A file reference (a string); the SDK uploads the file itself. Give a path relative to the files folder (e.g. "${exampleFor(extensions)}"), a file:// URL, an allowed https:// URL, or a ${HANDLE_SCHEME}… handle returned by an earlier tool.`,
    limits ? `${limits}.` : '',
    about ? `About the file: ${about}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { ...pick(original, KEPT_ANNOTATIONS), description, examples: [exampleFor(extensions)], minLength: 1 };
}

function exampleFor(extensions: readonly string[] | undefined): string {
  if (extensions === undefined || extensions.length === 0) return 'report.pdf';
  if (extensions.some((extension) => OPENAI_AUDIO_EXTENSIONS.includes(extension))) {
    return `recording.${extensions.includes('mp3') ? 'mp3' : extensions[0]}`;
  }
  if (extensions.includes('png')) return 'image.png';
  return `file.${extensions[0]}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function pick(source: JsonSchemaObject, keys: readonly string[]): JsonSchemaObject {
  const picked: JsonSchemaObject = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
