/**
 * A source serving a saved catalog (see `load-catalog.ts`) and replaying its recorded answers. A call is answered
 * by, in order: the recording of exactly that request; a 400 when the request does not fit the tool's own
 * `query_schema` / `body_schema` / `required` (checked with Ajv); the most recent recording of the same method and
 * path; the fallback store's stateful answer (create echoes the body with a new `id`, custom methods `{}`).
 */
import type { TrutoToolDefinition } from '../../../catalog/tool-definition';
import type { ProxyAnswer } from '../../handlers/types';
import { isObject, type JsonObject } from '../openapi/ref-resolver';
import { vendorError } from '../openapi/vendor-errors';
import { pageOf } from '../shared/list-paging';
import { RequestChecks } from '../shared/request-checks';
import { describeIssues, SchemaValidators, type ValidationDialect } from '../shared/schema-validator';
import type { SandboxSource, SourceCall, SourceHandler, SourceResource } from '../types';
import { FallbackStore } from './fallback-store';
import { type LoadedCatalog, loadCatalog } from './load-catalog';
import { RecordingIndex, replayAnswer } from './replay';

export interface CatalogSourceOptions {
  /** The integration's name in messages. @default read from the tool names (`list_all_<integration>_...`) */
  integration?: string;
  seed: number;
}

const CRUD = new Set(['list', 'get', 'create', 'update', 'delete']);
const DEFAULT_LIMIT = 20;

export async function createCatalogSource(
  catalog: string | object,
  options: CatalogSourceOptions,
): Promise<SandboxSource> {
  const [loaded, validators] = await Promise.all([
    loadCatalog(catalog),
    SchemaValidators.load('startSandbox({ catalog })'),
  ]);
  const recordings = new RecordingIndex(loaded.recordings);
  const store = new FallbackStore(options.seed, recordedRecords(loaded));
  const resources = new Map<string, SourceResource>();
  for (const tool of loaded.tools) {
    const resource = resources.get(tool.resource) ?? {};
    resources.set(tool.resource, resource);
    const handler = toolHandler(tool, { recordings, store, validators });
    if (CRUD.has(tool.method)) resource[tool.method as 'list'] = handler;
    else {
      resource.custom ??= {};
      resource.custom[tool.method] = handler;
    }
  }
  const integration = options.integration ?? integrationFromNames(loaded.tools);
  return {
    kind: 'catalog',
    integration,
    label: integration,
    tools: loaded.tools,
    entries: loaded.entries,
    resource: (name) => resources.get(name),
    bodyPolicy: 'any',
    reset: () => store.reset(),
    describe: () => ({
      catalog: loaded.path ?? '(object)',
      recordings: loaded.recordings.length,
      ...(loaded.integratedAccountId !== undefined ? { recordedAccountId: loaded.integratedAccountId } : {}),
    }),
  };
}

interface CatalogRuntime {
  recordings: RecordingIndex;
  store: FallbackStore;
  validators: SchemaValidators;
}

function toolHandler(tool: TrutoToolDefinition, runtime: CatalogRuntime): SourceHandler {
  const schemaText = JSON.stringify([tool.query_schema ?? null, tool.body_schema ?? null]);
  const checks = new RequestChecks(runtime.validators, {
    tool,
    idInPath: tool.method === 'get' || tool.method === 'update' || tool.method === 'delete',
    dialect: dialectOf(schemaText),
    openApi30: /"nullable":|"exclusiveM(?:in|ax)imum":(?:true|false)/.test(schemaText),
  });
  return (call: SourceCall): ProxyAnswer => {
    const request = {
      method: call.httpMethod,
      path: call.path,
      query: call.query,
      body: call.bodyKind === 'json' || call.bodyKind === 'form' ? call.body : undefined,
    };
    const exact = runtime.recordings.exact(request);
    if (exact !== undefined) return replayAnswer(exact);
    const checked = checks.check(call);
    if (checked.issues.length > 0) {
      const message = describeIssues(checked.issues);
      throw vendorError(
        400,
        message,
        checked.issues.map((issue) => `${issue.path}: ${issue.message}`),
      );
    }
    const latest = runtime.recordings.latest(request);
    if (latest !== undefined) return replayAnswer(latest);
    return fallbackAnswer(tool, call, checked.query, checked.body, runtime.store);
  };
}

function fallbackAnswer(
  tool: TrutoToolDefinition,
  call: SourceCall,
  query: JsonObject,
  body: unknown,
  store: FallbackStore,
): ProxyAnswer {
  const resource = tool.resource;
  const notFound = (id: string) =>
    vendorError(404, `No ${resource} record with id '${id}' exists in this sandbox.`, ['id: not found']);
  switch (tool.method) {
    case 'list': {
      const limit = typeof query.limit === 'number' ? query.limit : Number(query.limit) || DEFAULT_LIMIT;
      return { json: pageOf(store.list(resource), { cursor: query.next_cursor, limit: Math.min(limit, 100) }) };
    }
    case 'get': {
      const record = store.get(resource, call.id!);
      if (record === undefined) throw notFound(call.id!);
      return { json: record };
    }
    case 'create':
      return { status: 201, json: store.create(resource, body ?? {}) };
    case 'update': {
      const record = store.update(resource, call.id!, body);
      if (record === undefined) throw notFound(call.id!);
      return { json: record };
    }
    case 'delete':
      if (!store.delete(resource, call.id!)) throw notFound(call.id!);
      return { json: { id: call.id, deleted: true } };
    default:
      return { json: {} };
  }
}

/** Records seen in recorded list answers (`{ result: [{ id, ... }] }`), by resource. */
function recordedRecords(loaded: LoadedCatalog): Map<string, JsonObject[]> {
  const byResource = new Map<string, JsonObject[]>();
  const listResources = new Set(loaded.tools.filter((tool) => tool.method === 'list').map((tool) => tool.resource));
  for (const recording of loaded.recordings) {
    if (recording.request.method.toUpperCase() !== 'GET' || recording.response.status >= 300) continue;
    const resource = safeDecode(recording.request.path.replace(/^\/proxy\//, '').replace(/\/+$/, ''));
    const result = isObject(recording.response.body) ? recording.response.body.result : undefined;
    if (!listResources.has(resource) || !Array.isArray(result)) continue;
    const records = byResource.get(resource) ?? [];
    for (const record of result) {
      if (
        isObject(record) &&
        (typeof record.id === 'string' || typeof record.id === 'number') &&
        !records.some((known) => known.id === record.id)
      )
        records.push(record);
    }
    byResource.set(resource, records);
  }
  return byResource;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The name most `list_all_<integration>_<resource>` tools share. */
function integrationFromNames(tools: readonly TrutoToolDefinition[]): string {
  const counts = new Map<string, number>();
  for (const tool of tools) {
    const match = new RegExp(`^list_all_(.+?)_${escapeRegExp(tool.resource.replace(/\//g, '_'))}$`).exec(tool.name);
    if (match?.[1]) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return [...counts].sort((left, right) => right[1] - left[1])[0]?.[0] ?? 'catalog';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Which JSON Schema rules a saved tool's schemas follow: their `$schema`, else draft-07 for tuple `items`, else 2020-12. */
function dialectOf(schemaText: string): ValidationDialect {
  if (/"\$schema":"[^"]*draft-0[4-7]/.test(schemaText)) return 'draft-07';
  if (/"\$schema":"[^"]*(2019-09|2020-12)/.test(schemaText)) return '2020-12';
  return /"items":\[/.test(schemaText) ? 'draft-07' : '2020-12';
}
