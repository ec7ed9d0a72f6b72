/**
 * Semantic retrieval, when the caller supplies an embedding function (`embed: (texts) => Promise<number[][]>`, e.g.
 * OpenAI's embeddings): tools are ranked by cosine similarity to the request and that ranking is fused with the
 * lexical one by reciprocal rank fusion, so either can rescue what the other misses.
 *
 * Tool embeddings are cached by a hash of the text embedded (and a namespace naming the model), in this process and
 * in the state store, so a fleet sharing a Redis store embeds each tool once, and a catalog change re-embeds only
 * the tools that changed. Requests are embedded per call (a small cache keeps repeats free).
 */
import { createHash } from 'node:crypto';
import type { StateStore } from '../state/types.js';
import { type SelectableTool, splitSummary } from './tool-document.js';
import { readableText } from './words.js';

/** Embeds texts, one vector per text, in order. */
export type EmbedFunction = (texts: string[]) => Promise<number[][]>;

export interface EmbeddingOptions {
  embed: EmbedFunction;
  /** Names the model, so vectors of different models never mix in a shared store. @default 'default' */
  namespace?: string;
  /** Where vectors are shared with other workers. @default this process only */
  store?: StateStore;
  /** How long the store keeps a vector. @default 30 days */
  ttlMs?: number;
  /** Texts per `embed` call. @default 256 */
  batchSize?: number;
}

export const DEFAULT_EMBEDDING_TTL_MS = 30 * 24 * 60 * 60_000;
const DEFAULT_BATCH_SIZE = 256;
/** Reciprocal rank fusion's constant: 60 is the value of the original paper (Cormack et al., 2009). */
export const RRF_K = 60;
const MAX_TOOL_TEXT = 1_000;
const MAX_CACHED_REQUESTS = 200;
/** Vectors kept in this process (about 6 KB each at 1,536 dimensions); past this the cache starts over. */
const MAX_CACHED_VECTORS = 10_000;

/** The text a tool is embedded from: name, summary, resource and method, argument names. */
export function embeddingText(tool: SelectableTool): string {
  const { summary, rest } = splitSummary(readableText(tool.description ?? ''));
  const definition = tool.definition;
  const argumentNames = [
    ...Object.keys((definition.query_schema?.properties as object | undefined) ?? {}),
    ...Object.keys((definition.body_schema?.properties as object | undefined) ?? {}),
  ];
  const text = [
    tool.name.replace(/_/g, ' '),
    summary,
    `${definition.method} ${String(definition.resource).replace(/[_/]/g, ' ')}`,
    argumentNames.length > 0 ? `arguments: ${argumentNames.join(', ')}` : '',
    rest,
  ]
    .filter(Boolean)
    .join('\n');
  return text.slice(0, MAX_TOOL_TEXT);
}

const vectors = new Map<string, Float32Array>();
const requestVectors = new Map<string, Float32Array>();

function hashOf(namespace: string, text: string): string {
  return createHash('sha256').update(namespace).update('\0').update(text).digest('hex');
}

function storeKey(hash: string): string {
  return `truto:tool-embedding:${hash}`;
}

/** The vectors of `tools`, in order: from this process, else the store, else `embed` (in batches). */
export async function toolVectors(
  tools: readonly SelectableTool[],
  options: EmbeddingOptions,
): Promise<Float32Array[]> {
  const namespace = options.namespace ?? 'default';
  const hashes = tools.map((tool) => hashOf(namespace, embeddingText(tool)));
  const missing = new Map<string, string>();
  for (const [position, hash] of hashes.entries()) {
    if (!vectors.has(hash)) missing.set(hash, embeddingText(tools[position]!));
  }
  if (missing.size > 0 && options.store) {
    const store = options.store;
    const found = await Promise.all(
      [...missing.keys()].map(
        async (hash) => [hash, await store.getCatalog(storeKey(hash)).catch(() => undefined)] as const,
      ),
    );
    for (const [hash, text] of found) {
      const vector = text === undefined ? undefined : decodeVector(text);
      if (vector) {
        if (vectors.size >= MAX_CACHED_VECTORS) vectors.clear();
        vectors.set(hash, vector);
        missing.delete(hash);
      }
    }
  }
  if (missing.size > 0) {
    const entries = [...missing.entries()];
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let start = 0; start < entries.length; start += batchSize) {
      const batch = entries.slice(start, start + batchSize);
      const embedded = await options.embed(batch.map(([, text]) => text));
      if (!Array.isArray(embedded) || embedded.length !== batch.length) {
        throw new TypeError(
          `embed returned ${Array.isArray(embedded) ? embedded.length : 'no'} vectors for ${batch.length} texts.`,
        );
      }
      await Promise.all(
        batch.map(async ([hash], index) => {
          const vector = normalised(embedded[index]!);
          if (vectors.size >= MAX_CACHED_VECTORS) vectors.clear();
          vectors.set(hash, vector);
          await options.store
            ?.setCatalog(storeKey(hash), encodeVector(vector), options.ttlMs ?? DEFAULT_EMBEDDING_TTL_MS)
            .catch(() => undefined);
        }),
      );
    }
  }
  return hashes.map((hash) => vectors.get(hash)!);
}

/** The request's vector (cached per text and namespace). */
export async function requestVector(text: string, options: EmbeddingOptions): Promise<Float32Array> {
  const key = `${options.namespace ?? 'default'}\0${text}`;
  const cached = requestVectors.get(key);
  if (cached) return cached;
  const [embedded] = await options.embed([text]);
  if (!embedded) throw new TypeError('embed returned no vector for the request.');
  const vector = normalised(embedded);
  if (requestVectors.size >= MAX_CACHED_REQUESTS) requestVectors.delete(requestVectors.keys().next().value!);
  requestVectors.set(key, vector);
  return vector;
}

/** Tool positions by cosine similarity to the request, best first. */
export async function semanticRanking(
  tools: readonly SelectableTool[],
  request: string,
  options: EmbeddingOptions,
): Promise<number[]> {
  const [toolVectorList, query] = await Promise.all([toolVectors(tools, options), requestVector(request, options)]);
  const similarities = toolVectorList.map((vector) => dot(vector, query));
  return similarities
    .map((_, position) => position)
    .sort((left, right) => similarities[right]! - similarities[left]! || left - right);
}

/**
 * Reciprocal rank fusion: each ranking gives a tool 1 / (k + rank); the sums decide. Positions missing from a
 * ranking get nothing from it.
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly number[]>, k = RRF_K): number[] {
  const fused = new Map<number, number>();
  for (const ranking of rankings) {
    for (const [rank, position] of ranking.entries())
      fused.set(position, (fused.get(position) ?? 0) + 1 / (k + rank + 1));
  }
  return [...fused.entries()]
    .sort((left, right) => right[1] - left[1] || left[0] - right[0])
    .map(([position]) => position);
}

function normalised(values: readonly number[]): Float32Array {
  let norm = 0;
  for (const value of values) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  const vector = new Float32Array(values.length);
  for (let index = 0; index < values.length; index++) vector[index] = values[index]! / norm;
  return vector;
}

function dot(left: Float32Array, right: Float32Array): number {
  const length = Math.min(left.length, right.length);
  let sum = 0;
  for (let index = 0; index < length; index++) sum += left[index]! * right[index]!;
  return sum;
}

function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

function decodeVector(text: string): Float32Array | undefined {
  try {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    const copy = new Uint8Array(bytes);
    return new Float32Array(copy.buffer);
  } catch {
    return undefined;
  }
}
