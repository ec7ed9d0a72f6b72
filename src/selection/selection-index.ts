/**
 * The BM25F index of one catalog, built once and kept with the catalog's tool array (a WeakMap: when the catalog
 * is replaced, its index goes with it). BM25F normalises each field's term frequency by that field's length before
 * the fields are added up, so a word in a short summary counts for more than the same word in a long description,
 * and the name counts for more than either. Field normalisation does not depend on the query, so the index stores,
 * per term and tool, the combined pseudo-frequency; a query only sums `idf × tf / (k1 + tf)` over its terms.
 */
import { type IntentClass, toolIntent } from './intent.js';
import { RANKER_PARAMETERS } from './parameters.js';
import {
  FIELDS,
  type FieldName,
  headWordOf,
  type SelectableTool,
  subjectWords,
  type ToolFields,
  toolFields,
} from './tool-document.js';

export interface Posting {
  /** Tool positions in `SelectionIndex.tools`. */
  readonly tools: number[];
  /** The term's combined, length-normalised frequency in each of those tools. */
  readonly frequencies: number[];
  /** Inverse document frequency. */
  idf: number;
}

export interface SelectionIndex<Tool extends SelectableTool = SelectableTool> {
  readonly tools: readonly Tool[];
  readonly postings: ReadonlyMap<string, Posting>;
  /** Per tool: the class of change its method makes. */
  readonly intents: readonly IntentClass[];
  /** Per tool: the stems of its resource, and the resource's last word (what it is about). */
  readonly resources: readonly (readonly string[])[];
  readonly heads: readonly string[];
  /** Per tool: the resource's subject words up to its head, as written (`payment`, `intents`). */
  readonly subjects: readonly (readonly string[])[];
  /** Per tool: how many argument names mention search (`query`, `text`, `name`, `search`, `filter`). */
  readonly searchable: readonly boolean[];
  /** Per tool: it reads one record given by its `id` (a get, not a list). */
  readonly singleRecord: readonly boolean[];
  /** Per tool: the stems of a custom method's words (`cancel_send` → cancel, send); empty for list/get/create/… */
  readonly methodVerbs: readonly (readonly string[])[];
  /** Tool position by name. */
  readonly positions: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<readonly SelectableTool[], SelectionIndex>();

/**
 * The index of `tools`, built on first use and remembered for that array: a manager's catalog view keeps the same
 * array until the catalog changes, so every request after the first reuses it.
 */
export function selectionIndexFor<Tool extends SelectableTool>(tools: readonly Tool[]): SelectionIndex<Tool> {
  let index = indexes.get(tools);
  if (!index) {
    index = buildSelectionIndex(tools);
    indexes.set(tools, index);
  }
  return index as SelectionIndex<Tool>;
}

const CRUD_STEMS = new Set(['list', 'get', 'creat', 'updat', 'delet', 'all', 'singl', 'post', 'put', 'patch']);

const SEARCH_ARGUMENTS = /^(query|q|text|search|name|filter|keyword|email|term|title)$/;

export function buildSelectionIndex<Tool extends SelectableTool>(tools: readonly Tool[]): SelectionIndex<Tool> {
  const count = tools.length;
  const allFields: ToolFields[] = [];
  const totals = Object.fromEntries(FIELDS.map((field) => [field, 0])) as Record<FieldName, number>;
  const intents: IntentClass[] = [];
  const resources: string[][] = [];
  const heads: string[] = [];
  const subjects: string[][] = [];
  const searchable: boolean[] = [];
  const singleRecord: boolean[] = [];
  const methodVerbs: string[][] = [];
  const positions = new Map<string, number>();

  for (const [position, tool] of tools.entries()) {
    const fields = toolFields(tool);
    allFields.push(fields);
    for (const field of FIELDS) totals[field] += fields[field].length;
    intents.push(toolIntent(tool.definition));
    resources.push(fields.resource);
    heads.push(fields.head[0] ?? '');
    subjects.push(subjectUpToHead(tool.definition.resource ?? ''));
    searchable.push(hasSearchArgument(tool));
    singleRecord.push(readsOneRecord(tool.definition.method, tool.definition.resource));
    methodVerbs.push(fields.method.filter((term) => !CRUD_STEMS.has(term) && !/^\d+$/.test(term)));
    if (!positions.has(tool.name)) positions.set(tool.name, position);
  }

  const averages = Object.fromEntries(
    FIELDS.map((field) => [field, count === 0 ? 1 : Math.max(totals[field] / count, 1)]),
  ) as Record<FieldName, number>;

  const postings = new Map<string, Posting>();
  for (let position = 0; position < count; position++) {
    const fields = allFields[position]!;
    for (const field of FIELDS) {
      const terms = fields[field];
      if (terms.length === 0) continue;
      const { weight, b } = RANKER_PARAMETERS.fields[field];
      // Each occurrence adds the field's weight over its length normalisation: the BM25F pseudo-frequency.
      const share = weight / (1 - b + (b * terms.length) / averages[field]);
      for (const term of terms) {
        let posting = postings.get(term);
        if (!posting) {
          posting = { tools: [], frequencies: [], idf: 0 };
          postings.set(term, posting);
        }
        // Tools are indexed in order, so this tool's entry, if any, is the last one.
        const last = posting.tools.length - 1;
        if (last >= 0 && posting.tools[last] === position) posting.frequencies[last]! += share;
        else {
          posting.tools.push(position);
          posting.frequencies.push(share);
        }
      }
    }
  }
  for (const posting of postings.values()) {
    const documents = posting.tools.length;
    posting.idf = Math.log(1 + (count - documents + 0.5) / (documents + 0.5));
  }
  return { tools, postings, intents, resources, heads, subjects, searchable, singleRecord, methodVerbs, positions };
}

/** RPC-style APIs name a one-record read in the path (`users.info`, `files.get`). */
const ONE_RECORD_VERBS = new Set(['info', 'get', 'retrieve', 'fetch', 'read', 'view', 'details']);

function readsOneRecord(method: string | undefined, resource: string | undefined): boolean {
  if (method === 'get') return true;
  if (method !== 'list') return false;
  const last = (resource ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .at(-1);
  return last !== undefined && ONE_RECORD_VERBS.has(last);
}

function subjectUpToHead(resource: string): string[] {
  const words = subjectWords(resource);
  const head = headWordOf(words);
  return head === undefined ? [] : words.slice(0, words.lastIndexOf(head) + 1);
}

function hasSearchArgument(tool: SelectableTool): boolean {
  for (const schema of [tool.definition.query_schema, tool.definition.body_schema]) {
    const properties = schema?.properties;
    if (typeof properties !== 'object' || properties === null) continue;
    for (const name of Object.keys(properties)) if (SEARCH_ARGUMENTS.test(name.toLowerCase())) return true;
  }
  return false;
}
