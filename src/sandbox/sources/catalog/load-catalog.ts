/**
 * Reads a saved catalog: a snapshot file (`{ format: 'truto-tools-snapshot', version: 1, tools, recordings }`, see
 * the snapshot format), a plain `/tools` answer (`{ result: [...] }` or `{ results: [...] }`) or a bare array of
 * tool definitions; from a file path or the parsed value.
 */
import type { TrutoToolDefinition } from '../../../catalog/tool-definition';
import { TrutoConfigError } from '../../../errors/index';
import { isObject, type JsonObject } from '../openapi/ref-resolver';
import { readSourceFile } from '../shared/read-source-file';

export const SNAPSHOT_FORMAT = 'truto-tools-snapshot';
export const SNAPSHOT_VERSION = 1;

/** One recorded exchange, as the recording side writes it. */
export interface SnapshotRecording {
  tool?: string;
  recordedAt?: string;
  request: { method: string; path: string; query?: JsonObject; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; bodyOmitted?: string };
}

export interface LoadedCatalog {
  /** The well-formed tools (a name, a resource and a method), in order. */
  tools: TrutoToolDefinition[];
  /** Every entry as saved, malformed ones included: what `/tools` serves. */
  entries: JsonObject[];
  recordings: SnapshotRecording[];
  integratedAccountId?: string;
  /** The file it was read from. */
  path?: string;
}

export async function loadCatalog(source: string | object): Promise<LoadedCatalog> {
  if (typeof source === 'string') {
    const { path, text } = await readSourceFile(source, 'the catalog');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TrutoConfigError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    return { ...parseCatalog(parsed), path };
  }
  return parseCatalog(source);
}

/** @throws TypeError when the value is none of the accepted shapes */
export function parseCatalog(value: unknown): LoadedCatalog {
  let entries: unknown;
  let recordings: unknown = [];
  let integratedAccountId: string | undefined;
  if (Array.isArray(value)) entries = value;
  else if (isObject(value) && value.format !== undefined) {
    if (value.format !== SNAPSHOT_FORMAT)
      throw new TypeError(`Unknown catalog format ${JSON.stringify(value.format)}; expected "${SNAPSHOT_FORMAT}".`);
    if (typeof value.version === 'number' && value.version > SNAPSHOT_VERSION)
      throw new TypeError(
        `This snapshot is version ${value.version}; this sandbox reads version ${SNAPSHOT_VERSION}. Upgrade the package.`,
      );
    entries = value.tools;
    recordings = value.recordings ?? [];
    if (typeof value.integratedAccountId === 'string') integratedAccountId = value.integratedAccountId;
  } else if (isObject(value) && (Array.isArray(value.result) || Array.isArray(value.results))) {
    entries = value.result ?? value.results;
  }
  if (!Array.isArray(entries)) {
    throw new TypeError(
      'catalog must be a snapshot ({ format: "truto-tools-snapshot", tools, recordings }), a /tools answer ({ result: [...] }) or an array of tool definitions.',
    );
  }
  if (!Array.isArray(recordings)) throw new TypeError('The snapshot\'s "recordings" must be an array.');
  const objects = entries.filter(isObject);
  return {
    tools: objects.filter(isWellFormed) as TrutoToolDefinition[],
    entries: objects,
    recordings: recordings.filter(isRecording),
    ...(integratedAccountId !== undefined ? { integratedAccountId } : {}),
  };
}

function isWellFormed(entry: JsonObject): boolean {
  return (
    typeof entry.name === 'string' &&
    entry.name !== '' &&
    typeof entry.resource === 'string' &&
    entry.resource !== '' &&
    typeof entry.method === 'string' &&
    entry.method !== ''
  );
}

function isRecording(value: unknown): value is SnapshotRecording {
  return (
    isObject(value) &&
    isObject(value.request) &&
    typeof value.request.method === 'string' &&
    typeof value.request.path === 'string' &&
    isObject(value.response) &&
    typeof value.response.status === 'number'
  );
}
