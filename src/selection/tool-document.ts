/**
 * A tool as text fields for BM25F, read from the definition Truto serves (never from compiled schemas: building
 * the index must not compile a single validator). Fields and what goes in them:
 *
 * | field         | from                                                                 |
 * | ------------- | -------------------------------------------------------------------- |
 * | `name`        | the tool name (Truto's filler such as `single`, `all`, `by_id` dropped) |
 * | `resource`    | every word of the resource (`task_stories` → task, story)             |
 * | `head`        | the resource's last word: what the tool is about (`story`)            |
 * | `method`      | the method (`list`, `add_followers` → add, follower)                  |
 * | `summary`     | the description's first sentence (OpenAPI's summary, as Truto writes it) |
 * | `description` | the rest of the description                                          |
 * | `argNames`    | argument names, at any depth (`assignee.any` → assignee, any)          |
 * | `argText`     | argument descriptions                                                |
 * | `enums`       | enum values of arguments (`triggered`, `acknowledged`, `resolved`)     |
 * | `tags`        | the tool's tags                                                      |
 *
 * Adjacent word pairs of names and resources are joined too (`open_ai` → openai, `on_calls` → oncall).
 */
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { resourceVerbClass, toolIntent } from './intent.js';
import { stem } from './stem.js';
import { joinedPairs, readableText, termsOf, wordsOf } from './words.js';

export const FIELDS = [
  'name',
  'resource',
  'head',
  'method',
  'summary',
  'description',
  'argNames',
  'argText',
  'enums',
  'tags',
] as const;

export type FieldName = (typeof FIELDS)[number];

export type ToolFields = Record<FieldName, string[]>;

/** What the ranker reads from a tool: `TrutoTool` fits, and so does anything shaped like it. */
export interface SelectableTool {
  name: string;
  description: string;
  definition: TrutoToolDefinition;
}

/** Long schemas (PagerDuty's incident bodies) say what matters in their first sixty properties. */
const MAX_PROPERTIES = 60;
const MAX_DEPTH = 3;
/** Descriptions past this length repeat boilerplate; the summary and the first paragraphs carry the meaning. */
const MAX_DESCRIPTION_CHARACTERS = 800;
/** An argument's first sentence says what it is; the rest is format and caveats. */
const MAX_ARGUMENT_DESCRIPTION_CHARACTERS = 120;

export function toolFields(tool: SelectableTool): ToolFields {
  const definition = tool.definition;
  const nameWords = wordsOf(tool.name);
  const resourceWords = subjectWords(definition.resource ?? '');
  const { summary, rest } = splitSummary(readableText(tool.description ?? ''));
  const args = { names: [] as string[], text: [] as string[], enums: [] as string[], seen: 0 };
  collectArguments(definition.query_schema, args, 0);
  collectArguments(definition.body_schema, args, 0);
  const headWord = collectionHead(definition) ?? headWordOf(resourceWords);
  return {
    name: [...termsOf(tool.name), ...joinedPairs(nameWords)],
    resource: [...termsOf(resourceWords.join(' ')), ...joinedPairs(resourceWords)],
    head: headWord ? [stem(headWord)] : [],
    method: termsOf(definition.method ?? ''),
    summary: termsOf(summary),
    description: termsOf(rest.slice(0, MAX_DESCRIPTION_CHARACTERS)),
    argNames: termsOf(args.names.join(' ')),
    argText: termsOf(args.text.join(' ')),
    enums: termsOf(args.enums.join(' ')),
    tags: termsOf((definition.tags ?? []).join(' ')),
  };
}

/**
 * Words of a resource that say what it is about: path noise dropped (`2010_04_01`, `v1`, `json`, `api`), so that
 * Twilio's `2010_04_01_account_messages_json` is about messages and Stripe's `v1_customers` about customers.
 */
export function subjectWords(resource: string): string[] {
  const words = wordsOf(resource).filter((word) => !NOISE_WORDS.has(word) && !/^(\d+|v\d+[a-z]?\d*)$/.test(word));
  // `/campaigns/{id}/actions/send`, `/calls/{id}/actions/hangup`: "actions" groups commands on the record before it.
  const kept = words.filter((word) => !COMMAND_GROUP_WORDS.has(word));
  return kept.length > 0 ? kept : words;
}

const COMMAND_GROUP_WORDS = new Set(['action', 'actions']);

const NOISE_WORDS = new Set(['json', 'xml', 'api', 'apis', 'rest', 'by', 'id', 'ids']);

/**
 * The word a resource is about: its last word, unless that is a verb an RPC-style API wrote into the path
 * (`chat_delete`, `conversations_list`, `users_get_presence`): then the last word that is not.
 */
export function headWordOf(words: readonly string[]): string | undefined {
  for (let at = words.length - 1; at >= 0; at--) {
    if (at > 0 && resourceVerbClass(words[at]!) !== undefined) continue;
    return words[at];
  }
  return undefined;
}

/**
 * A read whose custom method names a collection (`projects/{id}/issues` → resource `projects`, method `issues`;
 * `get_labels`) is about that collection, not its parent.
 */
function collectionHead(definition: TrutoToolDefinition): string | undefined {
  const method = (definition.method ?? '').replace(/_\d+$/, '');
  if (CRUD_METHODS.has(method)) return undefined;
  const last = wordsOf(method).at(-1);
  if (last === undefined || last.length < 4 || !/[^su]s$/.test(last) || resourceVerbClass(last) !== undefined) {
    return undefined;
  }
  return toolIntent(definition) === 'read' ? last : undefined;
}

const CRUD_METHODS = new Set(['list', 'get', 'create', 'update', 'delete']);

/** OpenAPI's summary and description, which Truto joins as "Summary. Description". */
export function splitSummary(text: string): { summary: string; rest: string } {
  const trimmed = text.trim();
  const match = /^(.{3,200}?[.!?])(\s|$)/s.exec(trimmed);
  if (!match) return trimmed.length <= 200 ? { summary: trimmed, rest: '' } : { summary: '', rest: trimmed };
  return { summary: match[1]!, rest: trimmed.slice(match[0].length) };
}

interface ArgumentText {
  names: string[];
  text: string[];
  enums: string[];
  seen: number;
}

function collectArguments(schema: unknown, into: ArgumentText, depth: number): void {
  if (!isObject(schema) || depth > MAX_DEPTH || into.seen >= MAX_PROPERTIES) return;
  const properties = schema.properties;
  if (isObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      if (into.seen++ >= MAX_PROPERTIES) return;
      into.names.push(name);
      collectDetails(property, into, depth);
    }
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (isObject(schema[key])) collectArguments(schema[key], into, depth + 1);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = schema[key];
    if (Array.isArray(parts)) for (const part of parts) collectArguments(part, into, depth + 1);
  }
}

function collectDetails(property: unknown, into: ArgumentText, depth: number): void {
  if (!isObject(property)) return;
  if (typeof property.description === 'string') {
    const text = property.description.slice(0, MAX_ARGUMENT_DESCRIPTION_CHARACTERS);
    into.text.push(text.includes('<') || text.includes('](') ? readableText(text) : text);
  }
  const values = Array.isArray(property.enum)
    ? property.enum
    : isObject(property.items)
      ? property.items.enum
      : undefined;
  if (Array.isArray(values)) for (const value of values) if (typeof value === 'string') into.enums.push(value);
  collectArguments(property, into, depth + 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
