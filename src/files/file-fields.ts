/**
 * Which body fields of a tool carry a file. Pure and cheap (the body's top-level fields only), computed on first use.
 * A field is a file field when its schema says so (`format: binary`, `contentMediaType`, `contentEncoding`, or an
 * array of those) or when it is a known upload field of a known API (OpenAI's transcription `file`, whose schema
 * some catalogs give as a plain string).
 */
import { readBodyShape } from '../catalog/body-shape.js';
import type { JsonSchemaObject, TrutoToolDefinition } from '../catalog/tool-definition.js';
import type { ToolFileRules } from './options.js';

export interface FileField {
  name: string;
  /** An array of files (sent as repeated `name[]` parts). */
  multiple: boolean;
  /** The API's own limits, when we know them. */
  known?: ToolFileRules;
}

/** OpenAI's audio formats for transcriptions and translations. */
export const OPENAI_AUDIO_EXTENSIONS = ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'];
/** OpenAI refuses audio uploads above 25 MB (26,214,400 bytes). */
export const OPENAI_AUDIO_MAX_BYTES = 25 * 1024 * 1024;

interface KnownUpload {
  /** Matched against the tool name (the integration) and the last segment of the resource. */
  integration: RegExp;
  resource: RegExp;
  fields: string[];
  rules: ToolFileRules;
}

const KNOWN_UPLOADS: readonly KnownUpload[] = [
  {
    integration: /open_?ai/i,
    resource: /^(transcriptions?|translations?)$/,
    fields: ['file'],
    rules: { maxUploadBytes: OPENAI_AUDIO_MAX_BYTES, extensions: OPENAI_AUDIO_EXTENSIONS },
  },
  {
    integration: /open_?ai/i,
    resource: /^(image_edits?|image_variations?)$/,
    fields: ['image', 'mask'],
    rules: { maxUploadBytes: 50 * 1024 * 1024, extensions: ['png', 'jpg', 'jpeg', 'webp'] },
  },
  {
    integration: /open_?ai/i,
    resource: /^files?$/,
    fields: ['file'],
    rules: { maxUploadBytes: 512 * 1024 * 1024 },
  },
];

export function findFileFields(definition: TrutoToolDefinition): FileField[] {
  const body = definition.body_schema;
  // The same fields the model sees: an `allOf` body is flattened, a whole (array or scalar) body has none.
  const shape = readBodyShape(body);
  const properties = shape.kind === 'fields' ? shape.properties : {};
  const lastSegment = definition.resource.split('/').filter(Boolean).pop() ?? '';
  const known = KNOWN_UPLOADS.find(
    (upload) => upload.integration.test(definition.name) && upload.resource.test(lastSegment),
  );
  const fields: FileField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    const schema = resolveLocalRef(raw, body);
    if (!isRecord(schema)) continue;
    const isKnown = known?.fields.includes(name) === true;
    const items = schema.type === 'array' ? resolveLocalRef(schema.items, body) : undefined;
    const multiple = isRecord(items) && carriesFile(items);
    if (!isKnown && !multiple && !carriesFile(schema)) continue;
    fields.push({ name, multiple, ...(isKnown && known ? { known: known.rules } : {}) });
  }
  return fields;
}

function carriesFile(schema: JsonSchemaObject): boolean {
  if (schema.format === 'binary') return true;
  if (typeof schema.contentMediaType === 'string' || typeof schema.contentEncoding === 'string') return true;
  // `anyOf: [{ format: binary }, ...]`: a file or something else; a file reference is what the model can give.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.some((branch) => isRecord(branch) && branch.format === 'binary'))
      return true;
  }
  return false;
}

/** Follows one `#/...` reference inside the body schema; anything else is returned as is. */
function resolveLocalRef(schema: unknown, root: JsonSchemaObject | undefined): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#/') || root === undefined) {
    return schema;
  }
  let node: unknown = root;
  for (const part of schema.$ref.slice(2).split('/')) {
    if (!isRecord(node)) return schema;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return isRecord(node) ? { ...node, ...schema, $ref: undefined } : schema;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
