/**
 * Stateful answers for a saved catalog's calls that no recording covers, built from the requests themselves
 * (there is no response schema to generate from): a create echoes its body with a new `id`; list returns the
 * records known so far (created ones, and those seen in recorded list answers); get/update/delete act on them,
 * and an id nobody created or recorded is not found.
 */
import { hashText } from '../../data/hash';
import { isObject, type JsonObject } from '../openapi/ref-resolver';
import { deepMerge } from '../shared/json-values';

export class FallbackStore {
  readonly #seed: number;
  readonly #seeded: ReadonlyMap<string, readonly JsonObject[]>;
  #collections = new Map<string, Map<string, JsonObject>>();
  #counters = new Map<string, number>();

  /** `seeded`: records per resource from recorded list answers, present after every reset. */
  constructor(seed: number, seeded: ReadonlyMap<string, readonly JsonObject[]> = new Map()) {
    this.#seed = seed;
    this.#seeded = seeded;
  }

  list(resource: string): JsonObject[] {
    return [...this.#collection(resource).values()];
  }

  get(resource: string, id: string): JsonObject | undefined {
    return this.#collection(resource).get(id);
  }

  create(resource: string, body: unknown): JsonObject {
    const collection = this.#collection(resource);
    let id: string;
    do {
      const count = (this.#counters.get(resource) ?? 0) + 1;
      this.#counters.set(resource, count);
      id = `${resource.replace(/\W+/g, '_')}_${hashText(`${this.#seed}:${resource}:${count}`).toString(36)}`;
    } while (collection.has(id));
    const record = { ...(isObject(body) ? body : { value: body }), id };
    collection.set(id, record);
    return record;
  }

  update(resource: string, id: string, body: unknown): JsonObject | undefined {
    const collection = this.#collection(resource);
    const existing = collection.get(id);
    if (existing === undefined) return undefined;
    const record = { ...(deepMerge(existing, isObject(body) ? body : {}) as JsonObject), id: existing.id ?? id };
    collection.set(id, record);
    return record;
  }

  delete(resource: string, id: string): boolean {
    return this.#collection(resource).delete(id);
  }

  reset(): void {
    this.#collections = new Map();
    this.#counters = new Map();
  }

  #collection(resource: string): Map<string, JsonObject> {
    let collection = this.#collections.get(resource);
    if (collection === undefined) {
      collection = new Map();
      for (const record of this.#seeded.get(resource) ?? []) collection.set(String(record.id), record);
      this.#collections.set(resource, collection);
    }
    return collection;
  }
}
