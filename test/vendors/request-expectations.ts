/**
 * The request a tool call must become, worked out from the catalog entry alone (not from the SDK's own plan), and
 * the differences between it and what the sandbox logged. Truto's Proxy API contract:
 *
 * | tool method | request |
 * |---|---|
 * | list, get | `GET /proxy/<resource>[/<id>]` |
 * | create | `POST /proxy/<resource>` |
 * | update | `PATCH /proxy/<resource>/<id>` |
 * | delete | `DELETE /proxy/<resource>/<id>` |
 * | any other | `POST /proxy/<resource>/<method>` |
 *
 * Arguments named by `query_schema` go in the query (brackets for arrays and objects, read back qs-style, so every
 * scalar arrives as text; a vendor name that already ends in `[]`, PagerDuty's `statuses[]`, is the array parameter
 * `statuses` on the wire); arguments named by a field body's properties (an object, an `allOf` of them, a union of
 * one) go in the JSON body; a body that is not a set of fields (an array, a scalar, a union) is one argument, `body`
 * (`request_body` when the query has a `body`), sent as the bare body; `id` is the last path segment of get, update
 * and delete. A POST or PATCH without body arguments may carry `{}`. A tool with file fields sends its body as
 * `multipart/form-data` with `truto_body_passthrough=true` (src/files/README.md): text parts in form encoding
 * (`name[]`, `name[key]`), one file part per reference. Nothing else is sent, besides `integrated_account_id`.
 *
 * Two differences have a known cause outside the SDK's placement, and are reported apart (`known`):
 * - `get-body-not-logged`: the sandbox does not read the body of a GET or DELETE; the body's byte length (the
 *   request's `content-length`) is checked instead;
 * - `nested-empty-brackets`: an array argument whose name already ends in `[]` goes out as `name[][]=x`, which qs
 *   (and so Truto) reads as `name: ['x']` but the sandbox's parser as `name: [{ '': 'x' }]`; compared as qs reads it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TrutoToolDefinition } from '../../src/catalog/tool-definition.js';
import type { SandboxRequestRecord } from '../../src/entries/sandbox.js';
import { isRecord } from './support.js';

/** A difference between the logged request and the expected one; `known` names a cause outside the SDK's placement. */
export interface RequestDifference {
  text: string;
  known?: 'get-body-not-logged' | 'nested-empty-brackets';
}

const CRUD_METHODS: Record<string, { httpMethod: string; idInPath: boolean }> = {
  list: { httpMethod: 'GET', idInPath: false },
  get: { httpMethod: 'GET', idInPath: true },
  create: { httpMethod: 'POST', idInPath: false },
  update: { httpMethod: 'PATCH', idInPath: true },
  delete: { httpMethod: 'DELETE', idInPath: true },
};

export interface ArgumentPlacement {
  query: ReadonlySet<string>;
  /** Body fields that take file references (the body is then multipart). */
  files: ReadonlySet<string>;
  /** Named fields of the body. */
  body: ReadonlySet<string>;
  /** The argument holding a whole (non-field) body. */
  wholeBody?: string;
  idInPath: boolean;
  /** The body takes fields it does not name (a bare `{ type: 'object' }`, or `additionalProperties`). */
  bodyTakesOthers: boolean;
}

/** Where each argument of the tool belongs, read from its definition; `fileFields` are the body's file fields. */
export function placementOf(definition: TrutoToolDefinition, fileFields: readonly string[] = []): ArgumentPlacement {
  const query = new Set(Object.keys(propertiesOf(definition.query_schema)));
  const body = new Set<string>();
  const shape = bodyShapeOf(definition.body_schema);
  let wholeBody: string | undefined;
  if (shape.kind === 'fields') for (const name of shape.names) body.add(name);
  if (shape.kind === 'whole') {
    wholeBody = 'body';
    while (query.has(wholeBody)) wholeBody = wholeBody === 'body' ? 'request_body' : `_${wholeBody}`;
  }
  const idInPath = CRUD_METHODS[definition.method]?.idInPath ?? false;
  if (idInPath) {
    query.delete('id');
    body.delete('id');
  }
  return {
    query,
    files: new Set(fileFields),
    body,
    ...(wholeBody ? { wholeBody } : {}),
    idInPath,
    bodyTakesOthers: shape.kind === 'fields' && shape.open,
  };
}

export interface ExpectedRequest {
  method: string;
  /** Percent-encoded, as the request log keeps it. */
  path: string;
  /** As qs reads the query back, without `integrated_account_id`. */
  query: Record<string, unknown>;
  /** The JSON body, or undefined when no argument belongs there (or the body is multipart). */
  body: unknown;
  /** The multipart body of a tool with file fields: text parts in form encoding, and the file parts' field names. */
  multipart?: { fields: Record<string, string | string[]>; files: string[] };
}

/**
 * The request `args` (after date conversion) must become. Arguments the SDK keeps for itself are not passed here;
 * `fileFields` are the tool's file fields (src/files/file-fields.ts decides which fields take file references).
 */
export function expectedRequest(
  definition: TrutoToolDefinition,
  args: Record<string, unknown>,
  fileFields: readonly string[] = [],
): ExpectedRequest {
  const placement = placementOf(definition, fileFields);
  const crud = CRUD_METHODS[definition.method];
  const resource = definition.resource.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  let path = `/proxy/${resource}`;
  if (crud === undefined) path += `/${encodeURIComponent(definition.method)}`;
  else if (crud.idInPath) path += `/${encodeURIComponent(String(args.id))}`;
  const query: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  let wholeBody: unknown;
  for (const [name, value] of Object.entries(args)) {
    if (placement.idInPath && name === 'id') continue;
    if (name === placement.wholeBody) {
      wholeBody = value;
      continue;
    }
    const inQuery = placement.query.has(name);
    const inBody = placement.body.has(name) || (!inQuery && placement.bodyTakesOthers);
    if (inQuery || !inBody) addToQuery(query, name, value);
    if (inBody) {
      body ??= {};
      body[name] = value;
    }
  }
  const method = crud?.httpMethod ?? 'POST';
  if (placement.files.size > 0) {
    query.truto_body_passthrough = 'true';
    const texts: Array<[string, string]> = [];
    const files: string[] = [];
    for (const [name, value] of Object.entries(body ?? {})) {
      if (!placement.files.has(name)) formEncode(texts, name, value);
      else if (Array.isArray(value)) files.push(...value.map(() => `${name}[]`));
      else if (value !== undefined && value !== null) files.push(name);
    }
    return { method, path, query, body: undefined, multipart: { fields: groupParts(texts), files } };
  }
  return {
    method,
    path,
    query,
    body: placement.wholeBody !== undefined && wholeBody !== undefined ? wholeBody : body,
  };
}

/** Everything about the logged request that differs from the expected one; empty when it is exactly that. */
export function requestDifferences(expected: ExpectedRequest, record: SandboxRequestRecord): RequestDifference[] {
  const differences: RequestDifference[] = [];
  const differ = (text: string, known?: RequestDifference['known']) =>
    differences.push(known === undefined ? { text } : { text, known });
  if (record.method !== expected.method) differ(`method ${record.method}, expected ${expected.method}`);
  if (record.path !== expected.path) differ(`path ${record.path}, expected ${expected.path}`);
  const { integrated_account_id: _account, ...query } = record.query;
  for (const key of new Set([...Object.keys(query), ...Object.keys(expected.query)])) {
    const sent = query[key];
    const wanted = expected.query[key];
    if (wanted === undefined) differ(`query ${key}=${JSON.stringify(sent)} was not asked for`);
    else if (sent === undefined) differ(`query ${key} missing (expected ${JSON.stringify(wanted)})`);
    else if (isDeepStrictEqual(asQsReadsIt(sent), wanted) && !isDeepStrictEqual(sent, wanted))
      differ(`query ${key}=${JSON.stringify(sent)} in the sandbox's reading of ${key}[][]=…`, 'nested-empty-brackets');
    else if (!isDeepStrictEqual(sent, wanted))
      differ(`query ${key}=${JSON.stringify(sent)}, expected ${JSON.stringify(wanted)}`);
  }
  if (expected.multipart !== undefined) {
    const sent = record.multipart;
    const files = (sent?.files ?? []).map((file) => file.field).sort();
    if (sent === undefined) differ('body is not multipart');
    else if (
      !isDeepStrictEqual(sent.fields, expected.multipart.fields) ||
      !isDeepStrictEqual(files, [...expected.multipart.files].sort())
    )
      differ(
        `multipart ${cut(JSON.stringify({ fields: sent.fields, files }))}, expected ${cut(JSON.stringify(expected.multipart))}`,
      );
    return differences;
  }
  const emptyBodyAllowed = expected.body === undefined && (record.method === 'POST' || record.method === 'PATCH');
  if (emptyBodyAllowed && isDeepStrictEqual(record.body, {})) return differences;
  if (isDeepStrictEqual(record.body, expected.body)) return differences;
  const sentBytes = Number(record.headers['content-length'] ?? 0);
  const unread = record.body === undefined && (record.method === 'GET' || record.method === 'DELETE');
  if (unread && expected.body !== undefined && sentBytes === Buffer.byteLength(JSON.stringify(expected.body))) {
    differ(`body of ${sentBytes} bytes not logged by the sandbox (the expected body's length)`, 'get-body-not-logged');
  } else differ(`body ${cut(JSON.stringify(record.body))}, expected ${cut(JSON.stringify(expected.body))}`);
  return differences;
}

/** qs reads `a[][]=x` as `a: ['x']`; the sandbox's parser gives `a: [{ '': 'x' }]`. */
function asQsReadsIt(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) =>
    isRecord(item) && Object.keys(item).length === 1 && Object.hasOwn(item, '') ? item[''] : item,
  );
}

/** How a value reads back from the query: scalars as text, nulls left out, empty lists and objects not sent. */
function addToQuery(query: Record<string, unknown>, name: string, value: unknown): void {
  const shaped = queryShape(value);
  if (shaped === undefined) return;
  // A vendor parameter named `statuses[]` is the array parameter `statuses` on the wire, one value or several.
  if (name.endsWith('[]')) query[name.slice(0, -2)] = Array.isArray(shaped) ? shaped : [shaped];
  else query[name] = shaped;
}

/** Form encoding as src/files/README.md states it: arrays as repeated `name[]`, objects as `name[key]`. */
function formEncode(texts: Array<[string, string]>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) for (const item of value) formEncode(texts, `${name}[]`, item);
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) formEncode(texts, `${name}[${key}]`, item);
  else texts.push([name, String(value)]);
}

function groupParts(texts: ReadonlyArray<[string, string]>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of texts) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return fields;
}

function queryShape(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(queryShape).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .map(([key, child]) => [key, queryShape(child)] as const)
      .filter(([, child]) => child !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return String(value);
}

type BodyShape = { kind: 'none' } | { kind: 'fields'; names: string[]; open: boolean } | { kind: 'whole' };

/**
 * Named fields when the body is an object with `properties` (or an `allOf` of such, or a `oneOf`/`anyOf` of exactly
 * one such), nothing else beside them; a bare `{ type: 'object' }` takes any field; everything else (arrays,
 * scalars, unions) is a whole body.
 */
function bodyShapeOf(schema: unknown): BodyShape {
  if (!isRecord(schema) || Object.keys(schema).length === 0) return { kind: 'none' };
  const names = new Set<string>();
  let open = false;
  const collect = (node: unknown, depth: number): boolean => {
    const resolved = resolveLocal(schema, node);
    if (!isRecord(resolved) || depth > 8) return false;
    const type = resolved.type;
    if (type !== undefined && type !== 'object' && !(Array.isArray(type) && type.length === 1 && type[0] === 'object'))
      return false;
    const single = onlyBranch(resolved);
    const unions = ['oneOf', 'anyOf', 'not', 'if'].filter((keyword) => resolved[keyword] !== undefined);
    if (unions.length > (single === undefined ? 0 : 1)) return false;
    if (single !== undefined && !collect(single, depth + 1)) return false;
    if (type === undefined && single === undefined && resolved.properties === undefined && resolved.allOf === undefined)
      return false;
    if (Array.isArray(resolved.allOf) && !resolved.allOf.every((member) => collect(member, depth + 1))) return false;
    for (const name of Object.keys(propertiesOf(resolved))) names.add(name);
    const additional = resolved.additionalProperties;
    if (additional === true || (isRecord(additional) && Object.keys(additional).length > 0)) open = true;
    return true;
  };
  if (!collect(schema, 0)) return { kind: 'whole' };
  const bare = schema.properties === undefined && schema.allOf === undefined && onlyBranch(schema) === undefined;
  if (bare && schema.additionalProperties !== false) open = true;
  return { kind: 'fields', names: [...names], open };
}

/** The member of a one-member `oneOf` or `anyOf`. */
function onlyBranch(node: Record<string, unknown>): unknown {
  for (const keyword of ['oneOf', 'anyOf']) {
    const members = node[keyword];
    if (Array.isArray(members) && members.length === 1) return members[0];
  }
  return undefined;
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  return isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
}

function resolveLocal(root: Record<string, unknown>, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 8 && isRecord(current) && typeof current.$ref === 'string'; hops++) {
    const reference = current.$ref;
    if (!reference.startsWith('#/')) return undefined;
    let target: unknown = root;
    for (const raw of reference.slice(2).split('/')) {
      if (!isRecord(target)) return undefined;
      target = target[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    current = target;
  }
  return current;
}

function cut(text: string | undefined): string {
  if (text === undefined) return 'none';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
