/**
 * The ranker's numbers in one place. They were fitted (a random search) to recall on labelled requests over the
 * tuning catalogs: the committed Asana, PagerDuty and CRM sets and vendor-document sets read through
 * `TRUTO_SELECTION_SETS` (bench/selection.bench.ts), and checked on held-out sets the search never saw. Change one
 * only with the bench in hand.
 */
import type { IntentClass } from './intent.js';

export interface RankerParameters {
  /** BM25F field weights and length normalisation (`b`). */
  fields: Record<
    'name' | 'resource' | 'head' | 'method' | 'summary' | 'description' | 'argNames' | 'argText' | 'enums' | 'tags',
    { weight: number; b: number }
  >;
  /** BM25's term-frequency saturation. */
  k1: number;
  /** A word of the request that is a verb (intent carries its meaning). */
  verbWeight: number;
  /** Two adjacent words written as one (`on call` → oncall). */
  pairWeight: number;
  /** Words inside a matched idiom ("on fire") keep this share of their weight. */
  idiomWordFactor: number;
  /** How a group's terms share IDF: their own, the group's first term's, or the geometric mean of both. */
  idfMode: 'own' | 'group' | 'mix';
  /** A tool gains up to this share when the request names what it is about (its resource's last word). */
  headBonus: number;
  /** A nested tool whose subject the request never names keeps this share of its score. */
  unnamedHeadFactor: number;
  /** A word naming where the request acts ("in project 7") keeps this share of its weight. */
  containerFactor: number;
  /** A hint about where the request acts ("in #releases") keeps this share of its weight. */
  containerHintFactor: number;
  /** A tool reading one record by id, when the request names no record, keeps this share of its score. */
  unnamedRecordFactor: number;
  /** "who", "people" when the request also says which persons ("customers"): their weight is scaled by this. */
  genericPersonFactor: number;
  /** "watch" also means watchers: the agent noun weighs this share of the verb. */
  agentNounFactor: number;
  /** A verb that is also one of the catalog's subjects ("call" where calls exist) weighs this. */
  verbSubjectWeight: number;
  /** A tool whose own command is the request's verb (`mail_send` for "email … send") gains up to this share. */
  methodVerbBonus: number;
  /** Words of a statement that sets the scene before the command keep this share of their weight. */
  contextFactor: number;
  /** A request word the catalog never uses: its API terms weigh this many times their weight (at most 1). */
  absentWordBoost: number;

  /** Rows: what the request asks for; columns: what the tool does. */
  intent: Record<IntentClass, Record<IntentClass, number>>;
  hints: {
    date: number;
    url: number;
    /** An email address or a phone number. */
    value: number;
    person: number;
    /** The person is what the request acts on ("Remove Omar"). */
    personObject: number;
    /** A `#channel` named in the request. */
    channel: number;
    /** The kind an id's prefix names (`po_…` → payouts). */
    idKind: number;
    /** ... shared when the prefix fits two or three kinds. */
    idKindShared: number;
    /** A ticket reference (`#123`, `ENG-42`). */
    ticket: number;
    /** A file name (`report.pdf`, `README`). */
    file: number;
  };
}

export const RANKER_PARAMETERS: RankerParameters = {
  fields: {
    name: { weight: 1.1, b: 0.3 },
    resource: { weight: 1.8, b: 0.3 },
    head: { weight: 1.2, b: 0 },
    method: { weight: 2.0, b: 0.2 },
    summary: { weight: 3.3, b: 0.57 },
    description: { weight: 0.45, b: 0.75 },
    argNames: { weight: 0.275, b: 0.6 },
    argText: { weight: 0.3, b: 0.75 },
    enums: { weight: 0.45, b: 0.5 },
    tags: { weight: 0.33, b: 0.3 },
  },
  k1: 1.48,
  verbWeight: 0.45,
  pairWeight: 0.6,
  idiomWordFactor: 0.7,
  idfMode: 'mix',
  headBonus: 0.4,
  unnamedHeadFactor: 0.72,
  containerFactor: 1,
  unnamedRecordFactor: 0.9,
  genericPersonFactor: 0.35,
  agentNounFactor: 0.5,
  verbSubjectWeight: 0.67,
  methodVerbBonus: 0.3,
  contextFactor: 0.6,
  absentWordBoost: 1.7,
  containerHintFactor: 0.5,
  intent: {
    read: { read: 1.5, create: 0.7, update: 0.53, delete: 0.5 },
    create: { read: 0.75, create: 1.5, update: 1.05, delete: 0.6 },
    update: { read: 0.77, create: 0.95, update: 1.15, delete: 0.75 },
    delete: { read: 0.9, create: 0.6, update: 0.8, delete: 1.6 },
  },
  hints: {
    date: 0.12,
    url: 0.9,
    value: 0.45,
    person: 0.2,
    personObject: 1,
    channel: 0.6,
    idKind: 0.9,
    idKindShared: 0.65,
    ticket: 0.6,
    file: 0.66,
  },
};
