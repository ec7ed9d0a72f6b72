/**
 * An OpenAPI 3.0 / 3.1 document → the catalog Truto would build from it: one proxy tool per operation.
 *
 * - Resources are the static path segments in snake_case, parents singularised (`/projects/{gid}/tasks` →
 *   `project_tasks`); the last path parameter is the record `id` when the path ends with it; the other path
 *   parameters become required query fields named after themselves (a parent parameter named `id` says whose:
 *   `/users/{id}/contact_methods` → `user_id`).
 * - GET ending in a parameter → `get`; GET ending in a static segment → `list` when its 2xx JSON answer holds an
 *   array of records, else a custom method; POST ending in a static segment → `create` when the path is a
 *   collection (a list GET on it, a `<segment>/{id}` path somewhere, or no parent to hang a method on), else a
 *   custom method named after the segment (`/tasks/{gid}/addFollowers` → `tasks` / `add_followers` with
 *   `id` = the task); PUT/PATCH ending in a parameter → `update`; DELETE ending in a parameter → `delete`;
 *   anything else → a custom method. Clashing pairs are disambiguated deterministically (custom methods get their
 *   verb as a prefix, CRUD pairs a numbered resource), so every name and (resource, method) pair is unique.
 * - `query_schema` holds query parameters and path fields, `body_schema` the request body's schema unchanged,
 *   `required` is Truto's flat list. Schemas are self-contained (see `RefResolver`).
 *
 * Pure: the same document always gives the same tools, and nothing outside the document is read. A schema too large
 * to write out is cut down (see `RefResolver`); a document that cannot be converted at all is a `TrutoConfigError`.
 */
import type { TrutoToolDefinition } from '../../../catalog/tool-definition';
import { TrutoConfigError } from '../../../errors/index';
import { CRUD_METHODS, integrationNameFromTitle, singularName, singularWord, snakeCase, toolName } from './naming';
import { isObject, type JsonObject, RefResolver } from './ref-resolver';
import { findRecordList, isObjectSchema, mergedProperties, mergedRequired } from './schema-shapes';

export interface ToolsFromOpenApiOptions {
  /**
   * The integration name used in tool names (`list_all_<integration>_<resource>`).
   * @default the document's `info.title` in snake_case without a trailing "API" ("PagerDuty API" → `pagerduty`)
   */
  integration?: string;
}

export type HttpVerb = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type OperationKind = 'list' | 'get' | 'create' | 'update' | 'delete' | 'custom';
export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'other';

/** A path parameter that travels as a query field of the tool. */
export interface PathField {
  /** The tool's argument name (`user_id`, `project_gid`, or `id` for a custom method's record). */
  field: string;
  /** The parameter's name in the document. */
  parameter: string;
}

export interface OperationBody {
  schema: unknown;
  mediaType: string;
  kind: BodyKind;
  required: boolean;
}

export interface OperationResponse {
  status: number;
  /** The media type of the answer, absent for an empty answer (204). */
  mediaType?: string;
  schema?: unknown;
}

/** One operation as the sandbox serves it: its tool plus what answering it needs. */
export interface CompiledOperation {
  tool: TrutoToolDefinition;
  verb: HttpVerb;
  path: string;
  operationId?: string;
  kind: OperationKind;
  resource: string;
  method: string;
  /** Path parameters sent as query fields (for a custom method, its record's `id` too). */
  pathFields: PathField[];
  /** The path parameter that is the record id of get/update/delete (travels in the path). */
  idParameter?: string;
  body?: OperationBody;
  success?: OperationResponse;
  /** The JSON schemas of the operation's 400 and 404 answers (else its 4XX / default one): the vendor's error style. */
  errorSchemas: { 400?: unknown; 404?: unknown };
  /** For list operations: where the records sit in the upstream answer, and their schema. */
  list?: { path: string[]; items: unknown };
}

export interface CompiledOpenApi {
  integration: string;
  title: string;
  /** '3.0' or '3.1': decides how schemas validate (OpenAPI 3.0 keywords or JSON Schema 2020-12). */
  version: '3.0' | '3.1';
  operations: CompiledOperation[];
  resolver: RefResolver;
}

const VERBS: readonly HttpVerb[] = ['get', 'post', 'put', 'patch', 'delete'];
const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json(?:\s*;.*)?$/i;

/**
 * The Truto tools of an OpenAPI document, `$ref`s resolved: one per operation (head/options/trace left out).
 *
 * @example
 * const tools = toolsFromOpenApi(JSON.parse(readFileSync('asana.json', 'utf8')));
 * tools.find((tool) => tool.name === 'list_all_asana_tasks');
 * @throws TypeError when `document` is not an OpenAPI 3.x object; TrutoConfigError when it cannot be converted
 */
export function toolsFromOpenApi(document: unknown, options: ToolsFromOpenApiOptions = {}): TrutoToolDefinition[] {
  const operations = compileOpenApi(document, options).operations;
  // The resolver shares inlined sub-schemas between tools (a structured clone would keep that sharing): a JSON round
  // trip gives every tool its own plain objects, so a caller may edit what it gets. One tool at a time: the text of
  // a whole catalog can be longer than a string may be.
  return convertingOrThrow(() => operations.map((operation) => JSON.parse(JSON.stringify(operation.tool))));
}

/**
 * Runs a step of the conversion, a `RangeError` it meets (a call stack or string outgrown by a pathological
 * document, say a chain of thousands of references) becoming a `TrutoConfigError` that says which document failed.
 */
function convertingOrThrow<Result>(step: () => Result): Result {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new TrutoConfigError(
      `Could not convert the OpenAPI document into tools (${error.message}): its schemas nest too deeply or are too ` +
        'large to write out.',
      { cause: error },
    );
  }
}

interface RawOperation {
  verb: HttpVerb;
  path: string;
  segments: Segment[];
  operation: JsonObject;
  parameters: JsonObject[];
  success?: OperationResponse;
  list?: { path: string[]; items: unknown };
  candidate?: { kind: OperationKind; resource: string; method: string; idIndex?: number };
}

type Segment = { static: string } | { parameter: string };

export function compileOpenApi(document: unknown, options: ToolsFromOpenApiOptions = {}): CompiledOpenApi {
  if (!isObject(document) || typeof document.openapi !== 'string' || !/^3\./.test(document.openapi)) {
    const found = isObject(document) && typeof document.swagger === 'string' ? `Swagger ${document.swagger}` : 'it';
    throw new TypeError(`Expected an OpenAPI 3.0 or 3.1 document (an object with "openapi": "3.x"), got ${found}.`);
  }
  const resolver = new RefResolver(document);
  const info = isObject(document.info) ? document.info : {};
  const title = typeof info.title === 'string' ? info.title : '';
  const integration =
    options.integration !== undefined ? snakeCase(options.integration) : integrationNameFromTitle(title);
  if (integration === '') throw new RangeError('integration must contain a letter or digit.');
  const operations = convertingOrThrow(() => {
    const raws = collectOperations(document, resolver);
    classify(raws);
    makeUnique(raws);
    const built = raws.map((raw) => buildOperation(raw, resolver, integration));
    dedupeNames(built);
    return built;
  });
  return { integration, title, version: document.openapi.startsWith('3.0') ? '3.0' : '3.1', operations, resolver };
}

function collectOperations(document: JsonObject, resolver: RefResolver): RawOperation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const raws: RawOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolver.deref<JsonObject>(rawItem);
    if (!isObject(item)) continue;
    const shared = parameterList(item.parameters, resolver);
    for (const verb of Object.keys(item)) {
      if (!(VERBS as readonly string[]).includes(verb)) continue;
      const operation = item[verb];
      if (!isObject(operation)) continue;
      const own = parameterList(operation.parameters, resolver);
      // An operation's parameter overrides the path item's one of the same name and location.
      const parameters = [
        ...shared.filter((parameter) => !own.some((mine) => mine.name === parameter.name && mine.in === parameter.in)),
        ...own,
      ];
      const raw: RawOperation = { verb: verb as HttpVerb, path, segments: parsePath(path), operation, parameters };
      const success = successResponse(operation, resolver, `${verb.toUpperCase()} ${path}`);
      if (success !== undefined) raw.success = success;
      raws.push(raw);
    }
  }
  return raws;
}

function parameterList(value: unknown, resolver: RefResolver): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => resolver.deref<JsonObject>(entry))
    .filter(
      (entry): entry is JsonObject => isObject(entry) && typeof entry.name === 'string' && typeof entry.in === 'string',
    );
}

/** `/projects/{project_gid}/tasks` → static, parameter, static. A segment such as `{id}.json` counts as its parameter. */
function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      return names.length > 0 ? { parameter: names[names.length - 1]! } : { static: segment };
    });
}

/** The lowest 2xx answer (else `2XX`, else `default`), with its JSON schema when it has one. */
function successResponse(operation: JsonObject, resolver: RefResolver, where: string): OperationResponse | undefined {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const codes = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort();
  const code =
    codes[0] ?? (responses['2XX'] !== undefined ? '2XX' : responses.default !== undefined ? 'default' : undefined);
  if (code === undefined) return undefined;
  const response = resolver.deref<JsonObject>(responses[code]);
  const status = /^\d+$/.test(code) ? Number(code) : 200;
  const content = isObject(response) && isObject(response.content) ? response.content : undefined;
  if (content === undefined || Object.keys(content).length === 0) return { status };
  const mediaType = Object.keys(content).find((type) => JSON_MEDIA.test(type)) ?? Object.keys(content)[0]!;
  const media = resolver.deref<JsonObject>(content[mediaType]);
  const schema =
    isObject(media) && media.schema !== undefined
      ? resolver.resolveSchema(media.schema, `${where} ${code} answer`)
      : undefined;
  return schema === undefined ? { status, mediaType } : { status, mediaType, schema };
}

function errorResponseSchema(
  operation: JsonObject,
  resolver: RefResolver,
  codes: readonly string[],
  where: string,
): unknown {
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const code of [...codes, '4XX', 'default']) {
    const response = resolver.deref<JsonObject>(responses[code]);
    const content = isObject(response) && isObject(response.content) ? response.content : undefined;
    const mediaType = content && Object.keys(content).find((type) => JSON_MEDIA.test(type));
    const media = mediaType ? resolver.deref<JsonObject>(content![mediaType]) : undefined;
    if (isObject(media) && media.schema !== undefined)
      return resolver.resolveSchema(media.schema, `${where} ${code} answer`);
  }
  return undefined;
}

function staticNames(segments: readonly Segment[]): string[] {
  return segments.flatMap((segment) => ('static' in segment ? [snakeCase(segment.static)] : [])).filter(Boolean);
}

/** Static segments joined with `_`, every one but the last singularised. */
export function resourceName(statics: readonly string[]): string {
  if (statics.length === 0) return 'root';
  return [...statics.slice(0, -1).map(singularName), statics[statics.length - 1]!].join('_');
}

function classify(raws: RawOperation[]): void {
  // `<segment>` names a collection when some path addresses one of its records (`.../<segment>/{id}`).
  const collectionSegments = new Set<string>();
  const parentPaths = new Set<string>();
  for (const raw of raws) {
    const segments = raw.segments;
    const last = segments[segments.length - 1];
    const before = segments[segments.length - 2];
    if (last !== undefined && 'parameter' in last) {
      parentPaths.add(raw.path.slice(0, raw.path.lastIndexOf('/')));
      if (before !== undefined && 'static' in before) collectionSegments.add(snakeCase(before.static));
    }
  }
  // List GETs first: whether a POST creates depends on whether its path has one.
  const listPaths = new Set<string>();
  for (const raw of raws) {
    const last = raw.segments[raw.segments.length - 1];
    if (raw.verb !== 'get' || last === undefined || !('static' in last) || raw.success?.schema === undefined) continue;
    const statics = staticNames(raw.segments);
    const tail = statics[statics.length - 1] ?? '';
    const list = findRecordList(raw.success.schema, [tail, singularWord(tail), snakeCase(last.static)]);
    if (list !== undefined) {
      raw.list = list;
      listPaths.add(raw.path);
    }
  }
  for (const raw of raws) raw.candidate = candidateFor(raw, { listPaths, parentPaths, collectionSegments });
}

interface PathFacts {
  /** Paths with a list GET. */
  listPaths: ReadonlySet<string>;
  /** Paths `P` such that `P/{param}` exists. */
  parentPaths: ReadonlySet<string>;
  /** Segment names that are collections somewhere (`/enum_options/{gid}`). */
  collectionSegments: ReadonlySet<string>;
}

function candidateFor(raw: RawOperation, facts: PathFacts): NonNullable<RawOperation['candidate']> {
  const segments = raw.segments;
  const statics = staticNames(segments);
  const lastIndex = segments.length - 1;
  const last = segments[lastIndex];
  if (last === undefined)
    return { kind: 'custom', resource: 'root', method: raw.verb === 'get' ? 'get_root' : raw.verb };
  if ('parameter' in last) {
    const resource = resourceName(statics);
    const byVerb: Record<HttpVerb, OperationKind> = {
      get: 'get',
      put: 'update',
      patch: 'update',
      delete: 'delete',
      post: 'custom',
    };
    const kind = byVerb[raw.verb];
    return kind === 'custom'
      ? { kind, resource, method: raw.verb, idIndex: lastIndex }
      : { kind, resource, method: kind, idIndex: lastIndex };
  }
  const segmentName = snakeCase(last.static) || 'root';
  const parents = staticNames(segments.slice(0, -1));
  if (raw.verb === 'get' && raw.list !== undefined)
    return { kind: 'list', resource: resourceName(statics), method: 'list' };
  const before = segments[lastIndex - 1];
  const followsRecord = before !== undefined && 'parameter' in before;
  if (raw.verb === 'post') {
    // A sub-collection of a record (`/projects/{gid}/project_briefs`) creates when that collection exists elsewhere;
    // an action on a record (`/tasks/{gid}/addFollowers`) does not.
    const isCollection =
      facts.listPaths.has(raw.path) ||
      facts.parentPaths.has(raw.path) ||
      (followsRecord && facts.collectionSegments.has(segmentName)) ||
      parents.length === 0;
    if (isCollection) return { kind: 'create', resource: resourceName(statics), method: 'create' };
  }
  if (parents.length === 0) {
    // No parent resource to hang a method on: the collection itself, the verb saying what is done to it.
    return { kind: 'custom', resource: resourceName(statics), method: `${raw.verb}_${segmentName}` };
  }
  const method = CRUD_METHODS.has(segmentName) ? `${raw.verb}_${segmentName}` : segmentName;
  const candidate: NonNullable<RawOperation['candidate']> = { kind: 'custom', resource: resourceName(parents), method };
  if (followsRecord) candidate.idIndex = lastIndex - 1;
  return candidate;
}

/**
 * Every (resource, method) pair unique: clashing custom methods are prefixed with their verb (`get_global`,
 * `put_global`); clashing CRUD operations keep the name for the simplest path (then PATCH over PUT, then document
 * order) and the others get a numbered resource (`tags_2`); anything still clashing is numbered.
 */
function makeUnique(raws: RawOperation[]): void {
  const groups = groupBy(raws, (raw) => `${raw.candidate!.resource} ${raw.candidate!.method}`);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const customs = group.filter((raw) => raw.candidate!.kind === 'custom');
    if (customs.length === group.length) {
      for (const raw of group) {
        const method = raw.candidate!.method;
        if (method !== raw.verb && !method.startsWith(`${raw.verb}_`)) raw.candidate!.method = `${raw.verb}_${method}`;
      }
      continue;
    }
    const ranked = [...group].sort(
      (left, right) =>
        left.segments.length - right.segments.length ||
        Number(right.verb === 'patch') - Number(left.verb === 'patch') ||
        raws.indexOf(left) - raws.indexOf(right),
    );
    ranked.slice(1).forEach((raw, index) => {
      const candidate = raw.candidate!;
      if (candidate.kind === 'update' && ranked[0]!.path === raw.path) {
        // PUT and PATCH on one record: the other verb stays reachable as a custom method.
        candidate.kind = 'custom';
        candidate.method = raw.verb;
      } else candidate.resource = `${candidate.resource}_${index + 2}`;
    });
  }
  const seen = new Set<string>();
  for (const raw of raws) {
    const candidate = raw.candidate!;
    let key = `${candidate.resource} ${candidate.method}`;
    if (seen.has(key)) {
      const base = candidate.kind === 'custom' ? candidate.method : candidate.resource;
      for (let index = 2; seen.has(key); index++) {
        if (candidate.kind === 'custom') candidate.method = `${base}_${index}`;
        else candidate.resource = `${base}_${index}`;
        key = `${candidate.resource} ${candidate.method}`;
      }
    }
    seen.add(key);
  }
}

function buildOperation(raw: RawOperation, resolver: RefResolver, integration: string): CompiledOperation {
  const candidate = raw.candidate!;
  const operation = raw.operation;
  const queryParameters = raw.parameters.filter((parameter) => parameter.in === 'query');
  const pathParameters = new Map(
    raw.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [parameter.name as string, parameter]),
  );
  const queryNames = new Set(queryParameters.map((parameter) => parameter.name as string));
  const properties: JsonObject = {};
  const $defs: JsonObject = {};
  const required: string[] = [];
  const where = `${raw.verb.toUpperCase()} ${raw.path}`;
  const addProperty = (name: string, schema: unknown) => {
    properties[name] = liftDefs(schema, $defs);
  };

  for (const parameter of queryParameters) {
    const name = parameter.name as string;
    addProperty(name, parameterSchema(parameter, resolver, where));
    if (parameter.required === true) required.push(name);
  }

  const idIndex = candidate.idIndex;
  const idSegment = idIndex === undefined ? undefined : raw.segments[idIndex];
  const idParameter = idSegment !== undefined && 'parameter' in idSegment ? idSegment.parameter : undefined;
  const pathFields: PathField[] = [];
  const taken = new Set<string>([...queryNames, 'id']);
  raw.segments.forEach((segment, index) => {
    if (!('parameter' in segment) || index === idIndex) return;
    const field = pathFieldName(segment.parameter, raw.segments, index, taken);
    taken.add(field);
    pathFields.push({ field, parameter: segment.parameter });
    const parameter = pathParameters.get(segment.parameter) ?? { name: segment.parameter };
    addProperty(field, parameterSchema(parameter, resolver, where));
    required.push(field);
  });
  if (idParameter !== undefined) {
    const schema = parameterSchema(pathParameters.get(idParameter) ?? { name: idParameter }, resolver, where);
    if (candidate.kind === 'custom') pathFields.push({ field: 'id', parameter: idParameter });
    // The id goes first: it is what the model must find before anything else.
    const withId: JsonObject = { id: liftDefs(schema, $defs), ...properties };
    for (const key of Object.keys(properties)) delete properties[key];
    Object.assign(properties, withId);
    required.unshift('id');
  }
  if (candidate.kind === 'list') {
    properties.limit ??= { type: 'integer', description: 'How many records to return in one page.' };
    properties.next_cursor ??= {
      type: 'string',
      description:
        'The cursor of the page to fetch: the next_cursor of the previous answer. Leave it out for the first page.',
    };
  }

  const body = requestBody(operation, resolver, where);
  if (body !== undefined) {
    if (isObjectSchema(body.schema)) {
      const readOnly = readOnlyProperties(body.schema);
      for (const name of mergedRequired(body.schema))
        if (!readOnly.has(name) && !required.includes(name)) required.push(name);
    } else if (body.required) required.push('body');
  }

  const tool: TrutoToolDefinition = {
    name: toolName(integration, candidate.resource, candidate.method),
    description: describe(operation),
    resource: candidate.resource,
    method: candidate.method,
  };
  if (Object.keys(properties).length > 0) {
    tool.query_schema = { type: 'object', properties, ...(Object.keys($defs).length > 0 ? { $defs } : {}) };
  }
  if (body !== undefined) tool.body_schema = body.schema as JsonObject;
  tool.required = [...new Set(required)];
  if (Array.isArray(operation.tags) && operation.tags.length > 0)
    tool.tags = operation.tags.filter((tag): tag is string => typeof tag === 'string');

  const compiled: CompiledOperation = {
    tool,
    verb: raw.verb,
    path: raw.path,
    kind: candidate.kind,
    resource: candidate.resource,
    method: candidate.method,
    pathFields,
    errorSchemas: {},
  };
  const badRequest = errorResponseSchema(operation, resolver, ['400', '422'], where);
  if (badRequest !== undefined) compiled.errorSchemas[400] = badRequest;
  const notFound = errorResponseSchema(operation, resolver, ['404'], where);
  if (notFound !== undefined) compiled.errorSchemas[404] = notFound;
  if (typeof operation.operationId === 'string') compiled.operationId = operation.operationId;
  if (idParameter !== undefined && candidate.kind !== 'custom') compiled.idParameter = idParameter;
  if (body !== undefined) compiled.body = body;
  if (raw.success !== undefined) compiled.success = raw.success;
  if (candidate.kind === 'list' && raw.list !== undefined) compiled.list = raw.list;
  return compiled;
}

/**
 * A path parameter's field name: its own, unless it is literally `id` (then whose id: `user_id` after `users`,
 * `parent_id` without a static parent) or clashes with a query parameter (then `path_<name>`).
 */
function pathFieldName(
  parameter: string,
  segments: readonly Segment[],
  index: number,
  taken: ReadonlySet<string>,
): string {
  let name = parameter;
  if (parameter === 'id') {
    const previous = segments[index - 1];
    name =
      previous !== undefined && 'static' in previous ? `${singularName(snakeCase(previous.static))}_id` : 'parent_id';
  }
  if (taken.has(name)) name = `path_${name}`;
  for (let counter = 2; taken.has(name); counter++) name = `path_${parameter}_${counter}`;
  return name;
}

/** A parameter's schema (or its `content`'s), with the parameter's description and `deprecated` copied in. */
function parameterSchema(parameter: JsonObject, resolver: RefResolver, where: string): unknown {
  let schema = parameter.schema;
  if (schema === undefined && isObject(parameter.content)) {
    const first = Object.values(parameter.content)[0];
    if (isObject(first)) schema = first.schema;
  }
  const resolved =
    schema === undefined
      ? { type: 'string' }
      : resolver.resolveSchema(schema, `${where} parameter "${String(parameter.name)}"`);
  if (!isObject(resolved)) return resolved;
  const extra: JsonObject = {};
  if (typeof parameter.description === 'string' && parameter.description.trim() !== '')
    extra.description = parameter.description;
  if (parameter.deprecated === true) extra.deprecated = true;
  return Object.keys(extra).length === 0 ? resolved : { ...resolved, ...extra };
}

/** Moves a schema's own `$defs` into the tool-level ones (names are unique per document, so merging is safe). */
function liftDefs(schema: unknown, $defs: JsonObject): unknown {
  if (!isObject(schema) || !isObject(schema.$defs)) return schema;
  const { $defs: own, ...rest } = schema;
  Object.assign($defs, own);
  return rest;
}

function requestBody(operation: JsonObject, resolver: RefResolver, where: string): OperationBody | undefined {
  const body = resolver.deref<JsonObject>(operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const types = Object.keys(body.content);
  const pick: [RegExp, BodyKind][] = [
    [JSON_MEDIA, 'json'],
    [/^application\/x-www-form-urlencoded\b/i, 'form'],
    [/^multipart\/form-data\b/i, 'multipart'],
    [/^text\//i, 'text'],
    [/./, 'other'],
  ];
  for (const [pattern, kind] of pick) {
    const mediaType = types.find((type) => pattern.test(type));
    if (mediaType === undefined) continue;
    const media = resolver.deref<JsonObject>(body.content[mediaType]);
    let schema: unknown =
      isObject(media) && media.schema !== undefined
        ? resolver.resolveSchema(media.schema, `${where} request body`)
        : undefined;
    if (kind === 'text') schema = { type: 'string' };
    if (schema === undefined) continue;
    return { schema, mediaType, kind, required: body.required === true };
  }
  return undefined;
}

function readOnlyProperties(schema: unknown): Set<string> {
  const names = new Set<string>();
  for (const [name, value] of mergedProperties(schema)) if (isObject(value) && value.readOnly === true) names.add(name);
  return names;
}

/** Summary and description, whitespace-normalised, the summary ending like a sentence. */
function describe(operation: JsonObject): string {
  const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');
  const summary = clean(operation.summary);
  const description = clean(operation.description);
  if (summary === '' || description === '' || description.startsWith(summary)) return description || summary;
  return `${/[.!?:]$/.test(summary) ? summary : `${summary}.`} ${description}`;
}

/** Names stay unique even when two resources singularise alike (`status` and `statuses`). */
function dedupeNames(operations: CompiledOperation[]): void {
  const seen = new Set<string>();
  for (const operation of operations) {
    let name = operation.tool.name;
    for (let index = 2; seen.has(name); index++) name = `${operation.tool.name}_${index}`;
    operation.tool.name = name;
    seen.add(name);
  }
}

function groupBy<Item>(items: readonly Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}
