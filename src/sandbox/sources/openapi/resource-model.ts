/**
 * What the sandbox knows about one resource's records, learnt from all the operations that share it: the record
 * schema (the richest one: a get's answer, else a list's items, else a create's answer), the id property (`id`,
 * Asana's `gid`, ...) and how ids look, where each operation's answer keeps its record (Asana's `{ data }`,
 * PagerDuty's `{ incident }`), where a create/update body keeps the record's fields, and which fields a list
 * shows (Asana lists compact records).
 */
import { normaliseSchema } from '../shared/json-schema-normalise';
import type { CompiledOperation } from './convert';
import { type IdStyle, idStyleOf } from './fake-data';
import { singularName, singularWord } from './naming';
import { isObject } from './ref-resolver';
import { findRecordWrapper, idPropertyOf, isObjectSchema, mergedProperties } from './schema-shapes';

/** An operation's 2xx answer as the sandbox generates it. */
export interface AnswerShape {
  status: number;
  /** Absent for an empty answer (204, or a 2xx without content). */
  mediaType?: string;
  /** The response schema, translated for generation. */
  schema?: unknown;
  /** Where the record sits in the answer (`[]` = the answer is the record); absent when it holds none. */
  recordPath?: string[];
}

export interface ResourceModel {
  name: string;
  singular: string;
  /** The schema records are generated from (translated for generation, with the `$defs` it needs). */
  recordSchema: unknown;
  idProperty: string;
  idStyle: IdStyle;
  /** The fields a list shows; undefined shows whole records. */
  listFields?: ReadonlySet<string>;
  /**
   * The schema of a list's items when it is not the record schema (Asana lists `TaskCompact`, gets `TaskResponse`):
   * lists generate only these fields, and a get shows the same values for them.
   */
  listRecordSchema?: unknown;
}

export interface OperationModel {
  operation: CompiledOperation;
  answer: AnswerShape;
  /** For create/update: where the record's fields sit in the request body (`['data']`, `['incident']`, `[]`). */
  bodyRecordPath: string[];
  /**
   * For custom methods: the answer's record is one of the resource's records (Asana's `addFollowers` answers the
   * task), not another kind of object (`duplicate` answers a job), so the addressed record can be shown in it.
   */
  answersRecord: boolean;
}

export function buildResourceModels(
  operations: readonly CompiledOperation[],
  openApi30: boolean,
): { resources: Map<string, ResourceModel>; operations: Map<CompiledOperation, OperationModel> } {
  const forGeneration = (schema: unknown) =>
    normaliseSchema(schema, { openApi30, direction: 'response', preferValues: true });
  const byResource = new Map<string, CompiledOperation[]>();
  for (const operation of operations) {
    const list = byResource.get(operation.resource);
    if (list) list.push(operation);
    else byResource.set(operation.resource, [operation]);
  }
  const resources = new Map<string, ResourceModel>();
  const models = new Map<CompiledOperation, OperationModel>();
  for (const [name, members] of byResource) {
    const singular = singularName(name);
    const names = wrapperNames(name);
    const answers = new Map<CompiledOperation, AnswerShape>();
    for (const operation of members) answers.set(operation, answerShape(operation, names, forGeneration));
    const recordSchema = pickRecordSchema(members, answers);
    const idProperty = idPropertyOf(recordSchema, singular);
    const idSchema = mergedProperties(recordSchema).get(idProperty);
    const model: ResourceModel = {
      name,
      singular,
      recordSchema,
      idProperty,
      idStyle: idStyleOf(idSchema),
    };
    const listOperation = members.find((operation) => operation.kind === 'list');
    if (listOperation?.list !== undefined) {
      const fields = mergedProperties(listOperation.list.items);
      if (fields.size > 0) model.listFields = new Set([...fields.keys(), idProperty]);
      const answer = answers.get(listOperation)!;
      const items = withRootDefs(
        listItemsIn(answer.schema, listOperation.list.path) ?? listOperation.list.items,
        answer.schema,
      );
      if (items !== recordSchema && canonical(items) !== canonical(recordSchema)) model.listRecordSchema = items;
    }
    resources.set(name, model);
    for (const operation of members) {
      const answer = answers.get(operation)!;
      models.set(operation, {
        operation,
        answer,
        bodyRecordPath: bodyRecordPath(operation, answer, names),
        answersRecord: operation.kind === 'custom' && sameKindOfRecord(answer, recordSchema),
      });
    }
  }
  return { resources, operations: models };
}

/** Keys an answer may wrap a record in: the singular (`incident`), its last word (`task`), `data`. */
function wrapperNames(resource: string): string[] {
  const singular = singularName(resource);
  const last = singularWord(resource.split('_').pop() ?? resource);
  return [...new Set([singular, last, 'data'])];
}

function answerShape(
  operation: CompiledOperation,
  names: readonly string[],
  forGeneration: (schema: unknown) => unknown,
): AnswerShape {
  const success = operation.success;
  const status = success?.status ?? (operation.kind === 'create' ? 201 : 200);
  if (success?.mediaType === undefined) return { status };
  const shape: AnswerShape = { status, mediaType: success.mediaType };
  if (success.schema === undefined) return shape;
  shape.schema = forGeneration(success.schema);
  if (operation.kind !== 'list') {
    const wrapper = findRecordWrapper(shape.schema, names);
    if (wrapper !== undefined) shape.recordPath = wrapper.path;
  }
  return shape;
}

/** The richest record schema among the resource's answers (get, then create/update, then list items). */
function pickRecordSchema(
  members: readonly CompiledOperation[],
  answers: Map<CompiledOperation, AnswerShape>,
): unknown {
  const order: CompiledOperation['kind'][] = ['get', 'update', 'create', 'list', 'delete', 'custom'];
  for (const kind of order) {
    for (const operation of members.filter((member) => member.kind === kind)) {
      const answer = answers.get(operation)!;
      if (kind === 'list' && operation.list !== undefined) {
        const list = operation.list;
        const root = answer.schema;
        const items = listItemsIn(root, list.path) ?? list.items;
        return withRootDefs(items, root);
      }
      if (answer.recordPath !== undefined && answer.schema !== undefined) {
        const record = schemaAt(answer.schema, answer.recordPath);
        if (isObjectSchema(record, answer.schema)) return withRootDefs(record, answer.schema);
      }
    }
  }
  return { type: 'object', properties: {} };
}

/** Most of the answer's record fields are the resource's record fields. */
function sameKindOfRecord(answer: AnswerShape, recordSchema: unknown): boolean {
  if (answer.recordPath === undefined || answer.schema === undefined) return false;
  const fields = [...mergedProperties(schemaAt(answer.schema, answer.recordPath), answer.schema).keys()];
  if (fields.length === 0) return false;
  const known = mergedProperties(recordSchema);
  return fields.filter((field) => known.has(field)).length / fields.length >= 0.6;
}

function canonical(schema: unknown): string {
  return JSON.stringify(schema) ?? '';
}

function listItemsIn(root: unknown, path: readonly string[]): unknown {
  const holder = path.length === 0 ? root : mergedProperties(root).get(path[0]!);
  return isObject(holder) ? holder.items : undefined;
}

function schemaAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) current = mergedProperties(current, root).get(key);
  return current;
}

/** A sub-schema keeps working on its own when it carries the root's `$defs`. */
function withRootDefs(schema: unknown, root: unknown): unknown {
  if (!isObject(root) || !isObject(root.$defs) || !isObject(schema) || schema === root) return schema;
  return { ...schema, $defs: root.$defs };
}

/** Where a create/update body keeps the record: the answer's wrapper key when the body has it, else the top. */
function bodyRecordPath(operation: CompiledOperation, answer: AnswerShape, names: readonly string[]): string[] {
  if (operation.kind !== 'create' && operation.kind !== 'update') return [];
  const schema = operation.body?.schema;
  if (!isObjectSchema(schema)) return [];
  const properties = mergedProperties(schema);
  const keys = [...(answer.recordPath?.length === 1 ? [answer.recordPath[0]!] : []), ...names];
  for (const key of keys) {
    const property = properties.get(key);
    if (property !== undefined && isObjectSchema(property, schema)) return [key];
  }
  return [];
}
