/**
 * Proxy answers for the operations of an OpenAPI document. Every call is first checked against its operation
 * (400 in the vendor's style naming each bad field); then:
 *
 * - list: Truto's envelope over the collection, `limit` / `next_cursor` paging, records shown with the fields the
 *   vendor's list shows;
 * - get / create / update / delete: the stored record, in the answer the document describes (Asana's `{ data }`
 *   stays); a deleted id answers 404;
 * - custom methods: their response schema, generated for the request (the same request, the same answer), with
 *   the addressed record in it when the answer carries one.
 */
import type { ProxyAnswer } from '../../handlers/types';
import { normaliseSchema } from '../shared/json-schema-normalise';
import { canonicalJson } from '../shared/json-values';
import { pageOf } from '../shared/list-paging';
import { RequestChecks } from '../shared/request-checks';
import { describeIssues, type SchemaValidators } from '../shared/schema-validator';
import type { SourceCall, SourceHandler, SourceResource } from '../types';
import type { CompiledOpenApi, CompiledOperation } from './convert';
import type { FakeData } from './fake-data';
import type { Collection, RecordStore } from './record-store';
import { isObject, type JsonObject } from './ref-resolver';
import type { AnswerShape, OperationModel, ResourceModel } from './resource-model';
import { valueAt, withValueAt } from './schema-shapes';
import { vendorError } from './vendor-errors';

/** Page size of a list call without `limit`, unless the operation's own `limit` has a default. */
export const DEFAULT_LIST_LIMIT = 20;
/** The largest page, whatever `limit` asks for (an operation's own maximum is enforced by validation first). */
export const MAX_LIST_LIMIT = 100;

export interface OperationRuntime {
  compiled: CompiledOpenApi;
  resources: ReadonlyMap<string, ResourceModel>;
  operations: ReadonlyMap<CompiledOperation, OperationModel>;
  store: RecordStore;
  fake: FakeData;
  validators: SchemaValidators;
}

export function buildResourceHandlers(runtime: OperationRuntime): Map<string, SourceResource> {
  const handlers = new Map<string, SourceResource>();
  for (const operation of runtime.compiled.operations) {
    const resource = handlers.get(operation.resource) ?? {};
    handlers.set(operation.resource, resource);
    const handler = operationHandler(operation, runtime);
    if (operation.kind === 'custom') {
      resource.custom ??= {};
      resource.custom[operation.method] = handler;
    } else resource[operation.kind] = handler;
  }
  return handlers;
}

function operationHandler(operation: CompiledOperation, runtime: OperationRuntime): SourceHandler {
  const openApi30 = runtime.compiled.version === '3.0';
  // Built on the first call: most of a 465-operation catalog is never called in a test run.
  let checks: RequestChecks | undefined;
  const check = (call: SourceCall) => {
    checks ??= new RequestChecks(runtime.validators, {
      tool: operation.tool,
      idInPath: operation.kind === 'get' || operation.kind === 'update' || operation.kind === 'delete',
      ...(operation.body ? { bodyKind: operation.body.kind, bodyRequired: operation.body.required } : {}),
      dialect: openApi30 ? 'draft-07' : '2020-12',
      openApi30,
    });
    return checks.check(call);
  };
  const model = runtime.resources.get(operation.resource)!;
  const shape = runtime.operations.get(operation)!;
  const errorSchema = (status: 400 | 404) =>
    generationSchema(
      status === 404 ? (operation.errorSchemas[404] ?? operation.errorSchemas[400]) : operation.errorSchemas[400],
      openApi30,
    );
  const defaultLimit = listDefaultLimit(operation);
  const parentFields = operation.pathFields.filter((field) => field.field !== 'id');

  return (call: SourceCall): ProxyAnswer => {
    const checked = check(call);
    if (checked.issues.length > 0) {
      const message = describeIssues(checked.issues);
      throw vendorError(
        400,
        message,
        checked.issues.map((issue) => `${issue.path}: ${issue.message}`),
        errorSchema(400),
        runtime.fake,
      );
    }
    const parent = parentFields.map((field) => `${field.field}=${String(checked.query[field.field])}`).join('&');
    const collection = (): Collection => runtime.store.collection(model, parent);
    const notFound = (id: string) =>
      vendorError(
        404,
        `No ${model.singular.replace(/_/g, ' ')} with id '${id}' was found.`,
        [`${model.idProperty}: not found`],
        errorSchema(404),
        runtime.fake,
      );

    switch (operation.kind) {
      case 'list': {
        const limit = typeof checked.query.limit === 'number' ? checked.query.limit : defaultLimit;
        const items = collection().ids();
        const page = pageOf(items, { cursor: checked.query.next_cursor, limit: Math.min(limit, MAX_LIST_LIMIT) });
        const records = page.result.map((id) => listView(model, collection().listRecord(id)));
        return { json: { ...page, result: records } };
      }
      case 'get': {
        const found = collection().find(call.id!);
        if ('deleted' in found) throw notFound(call.id!);
        return answerWith(shape.answer, found.record, `${operation.tool.name}:${call.id}`, runtime.fake);
      }
      case 'create': {
        const record = collection().create(valueAt(checked.body, shape.bodyRecordPath));
        return answerWith(
          shape.answer,
          record,
          `${operation.tool.name}:${String(record[model.idProperty])}`,
          runtime.fake,
        );
      }
      case 'update': {
        const record = collection().update(call.id!, valueAt(checked.body, shape.bodyRecordPath));
        if (record === undefined) throw notFound(call.id!);
        return answerWith(shape.answer, record, `${operation.tool.name}:${call.id}`, runtime.fake);
      }
      case 'delete': {
        if (!collection().delete(call.id!)) throw notFound(call.id!);
        return answerWith(shape.answer, undefined, `${operation.tool.name}:${call.id}`, runtime.fake);
      }
      default: {
        const key = `${operation.tool.name}:${canonicalJson({ query: checked.query, body: checked.body })}`;
        const id = checked.query.id;
        if (shape.answersRecord && (typeof id === 'string' || typeof id === 'number')) {
          const found = collection().find(String(id));
          if (!('deleted' in found)) return answerWith(shape.answer, found.record, key, runtime.fake);
        }
        return answerWith(shape.answer, undefined, key, runtime.fake);
      }
    }
  };
}

/** A list shows the fields the vendor's list items have (Asana lists compact records). */
function listView(model: ResourceModel, record: JsonObject): JsonObject {
  if (model.listFields === undefined) return record;
  const view: JsonObject = {};
  for (const [key, value] of Object.entries(record)) if (model.listFields.has(key)) view[key] = value;
  return view;
}

/**
 * The operation's answer: generated from its schema for `key`, with `record` at its record path when both exist.
 * Empty answers (204) stay empty; text and binary answers get a small body of their media type.
 */
function answerWith(answer: AnswerShape, record: JsonObject | undefined, key: string, fake: FakeData): ProxyAnswer {
  const { recordPath, status } = answer;
  if (answer.mediaType === undefined) return { status, contentType: 'application/json', text: '' };
  if (!/json/i.test(answer.mediaType)) {
    if (/^text\//i.test(answer.mediaType)) {
      const text = fake.generate(answer.schema ?? { type: 'string' }, key);
      return { status, contentType: answer.mediaType, text: typeof text === 'string' ? text : JSON.stringify(text) };
    }
    return { status, contentType: answer.mediaType, text: Buffer.from(`sandbox:${key}`.slice(0, 64)) };
  }
  if (record !== undefined && recordPath !== undefined) {
    if (recordPath.length === 0) return { status, json: record };
    const base = answer.schema === undefined ? {} : fake.generate(answer.schema, key);
    return { status, json: withValueAt(base, recordPath, record) };
  }
  const json = answer.schema === undefined ? {} : fake.generate(answer.schema, key);
  return { status, json };
}

function generationSchema(schema: unknown, openApi30: boolean): unknown {
  return schema === undefined
    ? undefined
    : normaliseSchema(schema, { openApi30, direction: 'response', preferValues: true });
}

function listDefaultLimit(operation: CompiledOperation): number {
  const properties = operation.tool.query_schema?.properties;
  const limit = isObject(properties) ? properties.limit : undefined;
  const fallback =
    isObject(limit) && typeof limit.default === 'number' && limit.default >= 1 ? limit.default : DEFAULT_LIST_LIMIT;
  return Math.min(Math.floor(fallback), MAX_LIST_LIMIT);
}
