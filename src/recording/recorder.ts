/**
 * `createRecorder()`: manager hooks that keep every answer (error statuses included) as a scrubbed recording, and
 * turn them into a snapshot file the sandbox can replay.
 */

import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { assignToolNames } from '../catalog/tool-names.js';
import type { TrutoTool } from '../catalog/truto-tool.js';
import { type PlainHeaders, TrutoError } from '../errors/index.js';
import type { CallHooks, RequestInfo } from '../invoke/hooks.js';
import { accountOf, recordedRequestBody, recordedResponseData, splitTrutoUrl } from './exchange.js';
import { createScrubber } from './scrub.js';
import { createSnapshot, type SnapshotRecording, type TrutoToolsSnapshot } from './snapshot.js';

export interface RecorderOptions {
  /**
   * Strings never to record, in any encoding (plain, JSON- or percent-escaped, base64, hex). The SDK already removes
   * the plain API key from every answer; naming the key here also catches the other encodings. List the key when
   * the manager gets it from its `apiKey` option rather than the environment.
   * @default the keys a manager reads by default: `TRUTO_API_KEY` and `TRUTO_API_TOKEN` from the environment
   */
  secrets?: readonly string[];
  /** Stamps `recordedAt` and the snapshot's `createdAt`. @default () => new Date() */
  clock?: () => Date;
}

/** A catalog to save with the recordings: the manager's tools (`getToolDefinitions()`) or plain definitions. */
export type SnapshotTools = readonly (TrutoTool | TrutoToolDefinition)[];

export interface Recorder {
  /** Pass to a manager: `new TrutoToolManager({ hooks: recorder.hooks })`. */
  readonly hooks: CallHooks;
  /**
   * The scrubbed recordings so far, oldest first; `tool` is the name the manager calls the tool by. A live array:
   * `recorder.recordings.length = 0` forgets them.
   */
  readonly recordings: SnapshotRecording[];
  /**
   * A snapshot of the recordings with `tools` as its catalog (none when left out). Tool names become the catalog's
   * own where the manager exposes a shortened one.
   */
  toSnapshot(tools?: SnapshotTools): TrutoToolsSnapshot;
  /** Writes `toSnapshot(tools)` to `file`, replacing any file there; resolves with what was written. */
  save(file: string, tools?: SnapshotTools): Promise<TrutoToolsSnapshot>;
}

/**
 * Records the calls of any manager given `recorder.hooks`:
 *
 * ```ts
 * const recorder = createRecorder();
 * const manager = new TrutoToolManager({ hooks: recorder.hooks });
 * await manager.invoke('list_all_asana_tasks', { limit: 10 });
 * await recorder.save('test/fixtures/asana.snapshot.json', await manager.getToolDefinitions());
 * ```
 *
 * Only calls that got an answer are recorded; a call refused before sending (bad arguments) or without an answer
 * (timeout, connection reset) leaves nothing. Binary answers are recorded without their bytes.
 */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  const clock = options.clock ?? (() => new Date());
  const scrubber = createScrubber({
    secrets: options.secrets ?? [process.env.TRUTO_API_KEY, process.env.TRUTO_API_TOKEN],
  });
  const recordings: SnapshotRecording[] = [];
  let integratedAccountId: string | undefined;

  const record = (request: RequestInfo, status: number, headers: PlainHeaders, body: unknown) => {
    integratedAccountId ??= accountOf(request.url);
    const { path, query } = splitTrutoUrl(request.url);
    const recording: SnapshotRecording = {
      tool: request.toolName,
      recordedAt: clock().toISOString(),
      request: {
        method: request.method,
        path,
        query,
        ...recordedRequestBody(contentTypeOf(request.headers), request.body),
      },
      response: { status, headers, ...recordedResponseData(body) },
    };
    recordings.push(scrubber.recording(recording));
  };

  const hooks: CallHooks = {
    afterResponse: ({ request, status, headers, body }) => record(request, status, headers, body),
    onError: ({ request, error }) => {
      // An error status is an answer worth replaying (a 404, a 429); an unreadable or missing answer is not.
      if (isAnsweredError(error)) record(request, error.status, error.headers, error.body);
    },
  };

  const toSnapshot = (tools: SnapshotTools = []): TrutoToolsSnapshot => {
    const definitions = tools.map(definitionOf);
    const catalogNames = catalogNamesByExposedName(tools);
    return createSnapshot({
      tools: scrubber.tools(definitions),
      recordings: recordings.map((recording) => {
        const catalogName = recording.tool === undefined ? undefined : catalogNames.get(recording.tool);
        return catalogName === undefined || catalogName === recording.tool
          ? recording
          : { ...recording, tool: catalogName };
      }),
      integratedAccountId,
      createdAt: clock(),
    });
  };

  return {
    hooks,
    recordings,
    toSnapshot,
    async save(file, tools) {
      const snapshot = toSnapshot(tools);
      const { writeSnapshotFile } = await import('./snapshot-file.js');
      await writeSnapshotFile(file, snapshot, { overwrite: true });
      return snapshot;
    },
  };
}

function contentTypeOf(headers: Record<string, string>): string | undefined {
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') return headers[name];
  return undefined;
}

/** By shape rather than class, so errors from a second loaded copy of the package count too. */
function isAnsweredError(error: unknown): error is { status: number; headers: PlainHeaders; body: unknown } {
  if (!TrutoError.isInstance(error)) return false;
  const candidate = error as unknown as Record<string, unknown>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.headers === 'object' &&
    candidate.headers !== null &&
    'body' in candidate
  );
}

function definitionOf(tool: TrutoTool | TrutoToolDefinition): TrutoToolDefinition {
  return isTrutoTool(tool) ? tool.definition : tool;
}

function isTrutoTool(tool: TrutoTool | TrutoToolDefinition): tool is TrutoTool {
  const definition = (tool as { definition?: unknown }).definition;
  return typeof definition === 'object' && definition !== null && 'resource' in definition;
}

/** The name a manager exposes each tool under → the catalog's own name (they differ only for over-long names). */
function catalogNamesByExposedName(tools: SnapshotTools): Map<string, string> {
  const byExposed = new Map<string, string>();
  const plain: string[] = [];
  for (const tool of tools) {
    if (isTrutoTool(tool)) byExposed.set(tool.name, tool.definition.name);
    else plain.push(tool.name);
  }
  for (const [catalogName, exposed] of assignToolNames(plain)) {
    if (!byExposed.has(exposed)) byExposed.set(exposed, catalogName);
  }
  return byExposed;
}
