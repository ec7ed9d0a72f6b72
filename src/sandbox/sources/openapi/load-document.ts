/**
 * Reads an OpenAPI document given as a file path (JSON or YAML) or as a parsed object, and bundles references to
 * other files into it, so that `compileOpenApi` only meets local `#/...` references. A single-file document (the
 * common case, Asana's and PagerDuty's included) needs neither the YAML parser nor the bundler: each is loaded
 * only when the document needs it.
 */
import { extname, join } from 'node:path';
import { TrutoConfigError } from '../../../errors/index';
import { defaultExport, importOptional } from '../shared/optional-dependency';
import { readSourceFile } from '../shared/read-source-file';
import { isObject, type JsonObject } from './ref-resolver';

export interface LoadedDocument {
  document: JsonObject;
  /** The absolute path the document was read from, when it came from a file. */
  path?: string;
}

/** A file path or a parsed document → the parsed document with every `$ref` local. */
export async function loadOpenApiDocument(source: string | object): Promise<LoadedDocument> {
  if (typeof source === 'string') {
    const { path, text } = await readSourceFile(source, 'the OpenAPI document');
    const document = await parseDocumentText(text, path);
    return { document: await bundleExternalReferences(document, path), path };
  }
  if (!isObject(source)) throw new TypeError('openapi must be a file path or an OpenAPI document object.');
  return { document: await bundleExternalReferences(source, undefined) };
}

/** JSON when it looks like JSON (or the file says `.json`), else YAML (a superset of JSON). */
export async function parseDocumentText(text: string, path = '(inline)'): Promise<JsonObject> {
  const looksJson = extname(path).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  let parsed: unknown;
  if (looksJson) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (extname(path).toLowerCase() === '.json')
        throw new TrutoConfigError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  if (parsed === undefined) {
    const yaml = await importOptional('yaml', 'Reading a YAML OpenAPI document', () => import('yaml'));
    try {
      parsed = defaultExport<typeof import('yaml')>(yaml).parse(text, { maxAliasCount: -1 });
    } catch (error) {
      throw new TrutoConfigError(`${path} is neither valid JSON nor valid YAML: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  if (!isObject(parsed)) throw new TypeError(`${path} does not hold an OpenAPI document object.`);
  return parsed;
}

async function bundleExternalReferences(document: JsonObject, path: string | undefined): Promise<JsonObject> {
  if (!hasExternalReference(document)) return document;
  const module = await importOptional(
    '@apidevtools/json-schema-ref-parser',
    'An OpenAPI document that refers to other files',
    () => import('@apidevtools/json-schema-ref-parser'),
  );
  const parser = defaultExport<{ bundle(path: string, schema: object, options?: object): Promise<object> }>(module);
  // The bundler edits what it is given: work on a copy so a caller's object stays as it was.
  // Relative references resolve against the document's file, or the working directory for an object.
  const base = path ?? join(process.cwd(), 'openapi.json');
  return (await parser.bundle(base, structuredClone(document))) as JsonObject;
}

/** Whether any `$ref` points outside the document (another file or a URL). */
export function hasExternalReference(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (isObject(current)) {
      for (const [key, value] of Object.entries(current)) {
        if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return true;
        if (typeof value === 'object' && value !== null) stack.push(value);
      }
    }
  }
  return false;
}
