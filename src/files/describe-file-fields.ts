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

/**
 * Every word here is paid for in tokens on every request that offers the tool, so the example lives in the sentence
 * only (no `examples` keyword saying it again), and the accepted extensions are listed only when the field's own
 * description does not list them already.
 */
function fileReferenceSchema(original: JsonSchemaObject, field: FileField): JsonSchemaObject {
  const extensions = field.known?.extensions;
  const about =
    typeof original.description === 'string' && original.description.trim() !== '' ? original.description.trim() : '';
  const limits = [
    extensions && !listsAll(about, extensions)
      ? `Accepted: ${extensions.map((extension) => `.${extension}`).join(', ')}`
      : '',
    field.known?.maxUploadBytes ? `at most ${formatBytes(field.known.maxUploadBytes)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const description = [
    // file:// URLs work too but are not advertised: a model has no reason to prefer them over a path.
    `File reference: a path like "${exampleFor(extensions)}", an allowed https:// URL, or a ${HANDLE_SCHEME}… handle from an earlier tool.`,
    limits ? `${limits[0]!.toUpperCase()}${limits.slice(1)}.` : '',
    about ? `About the file: ${about}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { ...pick(original, KEPT_ANNOTATIONS), description, minLength: 1 };
}

function listsAll(text: string, extensions: readonly string[]): boolean {
  const words = new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  return extensions.every((extension) => words.has(extension.toLowerCase()));
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
