/**
 * The records of a generated account. Each collection (a resource, under one parent: the contact methods of one
 * user are not another user's) starts with 25–60 generated records and remembers writes: created records get a
 * fresh id and join the list, updates merge into the stored record, deletes remove it (a get then answers 404).
 *
 * Records are generated on first use, one at a time, each from its own key, so a collection is deterministic for
 * a seed whatever is asked first, and a list's first page never pays for the records of its last.
 *
 * An id the collection does not know is treated as one of the many records a real account holds beyond the first
 * pages: a get answers a record generated for that id (the same every time), an update stores that record with
 * the change, a delete succeeds (and the id then answers 404). Only deleted ids are "not found".
 */
import { hashText } from '../../data/hash';
import { deepMerge } from '../shared/json-values';
import type { FakeData } from './fake-data';
import { isObject, type JsonObject } from './ref-resolver';
import type { ResourceModel } from './resource-model';

/** The smallest and largest generated collection. */
export const MIN_COLLECTION_SIZE = 25;
export const MAX_COLLECTION_SIZE = 60;

export type Lookup = { record: JsonObject; known: boolean } | { deleted: true };

export class Collection {
  readonly key: string;
  readonly model: ResourceModel;
  readonly #fake: FakeData;
  readonly #seed: number;
  /** Ids in list order (generated first, then created), without deleted ones. */
  #order: string[] | undefined;
  /** Generated id → the index its record is generated from (stable when earlier records are deleted). */
  readonly #generatedIndex = new Map<string, number>();
  readonly #records = new Map<string, JsonObject>();
  /** Generated list views (the list items' fields only), by id. */
  readonly #listViews = new Map<string, JsonObject>();
  readonly #deleted = new Set<string>();
  #created = 0;

  constructor(key: string, model: ResourceModel, fake: FakeData, seed: number) {
    this.key = key;
    this.model = model;
    this.#fake = fake;
    this.#seed = seed;
  }

  /** The ids of the collection, in list order. */
  ids(): readonly string[] {
    if (this.#order !== undefined) return this.#order;
    const size =
      MIN_COLLECTION_SIZE +
      (hashText(`${this.#seed}:${this.key}:size`) % (MAX_COLLECTION_SIZE - MIN_COLLECTION_SIZE + 1));
    const ids: string[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < size; index++) {
      let id = String(this.#fake.id(this.model.idStyle, `${this.key}#${index}`));
      for (let attempt = 1; seen.has(id); attempt++)
        id = String(this.#fake.id(this.model.idStyle, `${this.key}#${index}/${attempt}`));
      seen.add(id);
      ids.push(id);
      this.#generatedIndex.set(id, index);
    }
    this.#order = ids;
    return ids;
  }

  /**
   * The record as a list shows it. Generated records are generated from the list items' schema only (cheaper than
   * a whole record when the vendor lists compact ones); `find` shows the same values for those fields.
   */
  listRecord(id: string): JsonObject {
    const stored = this.#records.get(id);
    if (stored !== undefined || this.model.listRecordSchema === undefined) {
      const found = stored === undefined ? this.find(id) : { record: stored };
      return 'record' in found ? found.record : {};
    }
    const index = this.#generatedIndex.get(id);
    return this.#listView(index === undefined ? `${this.key}@${id}` : `${this.key}#${index}`, id);
  }

  /** The record with this id: stored or generated for it (`known` says whether the collection lists it). */
  find(id: string): Lookup {
    if (this.#deleted.has(id)) return { deleted: true };
    const stored = this.#records.get(id);
    if (stored !== undefined) return { record: stored, known: true };
    this.ids();
    const index = this.#generatedIndex.get(id);
    if (index !== undefined) {
      const record = this.#generate(`${this.key}#${index}`, id);
      this.#records.set(id, record);
      return { record, known: true };
    }
    return { record: this.#generate(`${this.key}@${id}`, id), known: false };
  }

  create(fields: unknown): JsonObject {
    const ids = this.ids() as string[];
    let id: string;
    do {
      this.#created++;
      id = String(this.#fake.id(this.model.idStyle, `${this.key}+${this.#created}`));
    } while (ids.includes(id) || this.#records.has(id) || this.#deleted.has(id));
    const base = this.#generate(`${this.key}+${this.#created}`, id);
    const record = this.#withId(deepMerge(base, isObject(fields) ? fields : {}), id);
    this.#records.set(id, record);
    ids.push(id);
    return record;
  }

  /** Merges `fields` into the record; an unknown id becomes a listed record. Undefined when it was deleted. */
  update(id: string, fields: unknown): JsonObject | undefined {
    const found = this.find(id);
    if ('deleted' in found) return undefined;
    const record = this.#withId(deepMerge(found.record, isObject(fields) ? fields : {}), id);
    this.#records.set(id, record);
    if (!found.known) (this.ids() as string[]).push(id);
    return record;
  }

  /** False when the id was already deleted. */
  delete(id: string): boolean {
    if (this.#deleted.has(id)) return false;
    this.#deleted.add(id);
    this.#records.delete(id);
    const ids = this.ids() as string[];
    const index = ids.indexOf(id);
    if (index !== -1) ids.splice(index, 1);
    return true;
  }

  #generate(key: string, id: string): JsonObject {
    const value = this.#fake.generate(this.model.recordSchema, key);
    const record = isObject(value) ? value : {};
    // The fields a list shows keep the values the list showed.
    const merged = this.model.listRecordSchema === undefined ? record : deepMerge(record, this.#listView(key, id));
    return this.#withId(merged, id);
  }

  #listView(key: string, id: string): JsonObject {
    const cached = this.#listViews.get(key);
    if (cached !== undefined) return cached;
    const value = this.#fake.generate(this.model.listRecordSchema, key);
    const view = this.#withId(isObject(value) ? value : {}, id);
    this.#listViews.set(key, view);
    return view;
  }

  /** The id property keeps the id's type: a numeric id schema stores numbers. */
  #withId(record: unknown, id: string): JsonObject {
    const value = this.model.idStyle.type === 'integer' && /^-?\d+$/.test(id) ? Number(id) : id;
    return { ...(isObject(record) ? record : {}), [this.model.idProperty]: value };
  }
}

export class RecordStore {
  readonly #fake: FakeData;
  readonly #seed: number;
  #collections = new Map<string, Collection>();

  constructor(fake: FakeData, seed: number) {
    this.#fake = fake;
    this.#seed = seed;
  }

  /** The collection of `model` under the given parent (path fields), created on first use. */
  collection(model: ResourceModel, parent: string): Collection {
    const key = parent === '' ? model.name : `${model.name}|${parent}`;
    let collection = this.#collections.get(key);
    if (collection === undefined) {
      collection = new Collection(key, model, this.#fake, this.#seed);
      this.#collections.set(key, collection);
    }
    return collection;
  }

  /** Back to the generated state: every write forgotten. */
  reset(): void {
    this.#collections = new Map();
  }
}
