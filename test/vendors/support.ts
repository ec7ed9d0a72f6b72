/**
 * What every vendor test (and bench/vendors.bench.ts) stands on: a sandbox serving one real vendor OpenAPI document,
 * a manager on it with a fixed clock, and arguments for any tool, generated from the tool's own merged argument
 * schema (`TrutoTool.argumentsJsonSchema`) by json-schema-faker, plus targeted invalid mutations of them.
 *
 * No vitest here: the bench imports this module under plain tsx. The `beforeAll`/`afterAll` wrapper is in hooks.ts.
 */
import { fileURLToPath } from 'node:url';
import { generateSync } from 'json-schema-faker';
import type { TrutoTool } from '../../src/catalog/truto-tool.js';
import { type Sandbox, startSandbox } from '../../src/entries/sandbox.js';
import { findFileFields } from '../../src/files/file-fields.js';
import { TrutoToolManager, type TrutoToolManagerOptions } from '../../src/index.js';

/** Wednesday 2026-11-25 12:00 UTC: "last week" is [Mon 16 Nov, Mon 23 Nov), "next Friday" is Fri 27 Nov. */
export const NOW = new Date('2026-11-25T12:00:00Z');
export const TIME_ZONE = 'UTC';

export interface VendorDocument {
  /** The integration name the sandbox derives from `info.title` (it is in every tool name). */
  name: 'asana' | 'pagerduty';
  /** Absolute path of the vendor's document (test/fixtures/openapi, provenance in PROVENANCE.md there). */
  path: string;
  /** Operations in the document: one tool each. */
  operations: number;
}

const fixture = (file: string) => fileURLToPath(new URL(`../fixtures/openapi/${file}`, import.meta.url));

/** The manager's `files.root`: file fields are given `records.csv` from here. */
export const FILES_ROOT = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const FILE_REFERENCE = 'records.csv';

export const VENDOR_DOCUMENTS: readonly VendorDocument[] = [
  { name: 'asana', path: fixture('asana.json'), operations: 247 },
  { name: 'pagerduty', path: fixture('pagerduty.json'), operations: 465 },
];

/** One document served by its own sandbox, and a manager on it. */
export interface VendorCatalog {
  document: VendorDocument;
  sandbox: Sandbox;
  manager: TrutoToolManager;
  /** Every tool of the catalog, in catalog order (`manager.getToolDefinitions()`). */
  tools: TrutoTool[];
  /** What the manager warned about (renamed tools, schema parts it could not express). */
  warnings: string[];
  /** The tool by its exposed name or its catalog name. */
  tool(name: string): TrutoTool;
  close(): Promise<void>;
}

/**
 * Starts a sandbox for the document and loads its catalog through a manager, as a user's test would. The manager's
 * cache is its own (`shared: false`), so no other file's catalog is reused and every number is this load's.
 */
export async function openVendorCatalog(
  document: VendorDocument,
  options: TrutoToolManagerOptions = {},
): Promise<VendorCatalog> {
  const sandbox = await startSandbox({ openapi: document.path });
  const warnings: string[] = [];
  const manager = new TrutoToolManager({
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    now: NOW,
    timeZone: TIME_ZONE,
    cache: { shared: false, ttlMs: Number.POSITIVE_INFINITY },
    onWarning: (message) => warnings.push(message),
    files: { root: FILES_ROOT },
    ...options,
  });
  try {
    const tools = await manager.getToolDefinitions();
    const byName = new Map<string, TrutoTool>();
    for (const tool of tools) {
      byName.set(tool.definition.name, tool);
      byName.set(tool.name, tool);
    }
    return {
      document,
      sandbox,
      manager,
      tools,
      warnings,
      tool(name) {
        const tool = byName.get(name);
        if (tool === undefined) throw new Error(`${document.name} has no tool ${name}`);
        return tool;
      },
      async close() {
        await manager.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    await manager.close();
    await sandbox.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Generated arguments

export interface GenerateOptions {
  seed: number;
  /**
   * Fill every optional property and give every array one element at least, so that every spot of the schema holds
   * a value (the date test needs the spot it checks to exist). @default false: optional properties come and go
   */
  full?: boolean;
  /**
   * Generate every `oneOf`/`anyOf` from its branch number `branch` (modulo its length) instead of letting
   * json-schema-faker choose: it gives up on a `oneOf` of `allOf`s (PagerDuty's automation actions) and writes `{}`.
   * The instance is still judged against the schema as written. @default json-schema-faker's choice
   */
  branch?: number;
}

/** Strings and lists generated for arguments stay this short: a vendor's `maxLength: 16777215` is not a size to fake. */
const MAX_GENERATED_LENGTH = 48;
const MAX_GENERATED_ITEMS = 3;

/**
 * One instance of the tool's merged argument schema, deterministic for the seed. It is what json-schema-faker
 * believes valid: whether it is, both validators decide (agreement.test.ts); use `validArguments` for an instance our
 * validator accepts.
 */
export function generateArguments(tool: TrutoTool, options: GenerateOptions): Record<string, unknown> {
  const value = generateSync(generationSchema(tool, options.branch) as never, {
    seed: options.seed,
    alwaysFakeOptionals: options.full ?? false,
    optionalsProbability: 0.5,
    ...(options.full ? { minItems: 1 } : {}),
    maxDefaultItems: 2,
    refDepthMax: 2,
    failOnInvalidTypes: false,
    minDateTime: '2026-01-01T00:00:00Z',
    maxDateTime: '2026-12-31T23:59:59Z',
    // PagerDuty writes `format: url` (not a JSON Schema format): such values are links.
    formats: { url: (random) => `https://example.com/${random.int(1, 999_999)}` },
  });
  return isRecord(value) ? value : {};
}

export interface ValidArguments {
  args: Record<string, unknown>;
  seed: number;
  /** How many instances were generated before one passed (1 = the first). */
  attempts: number;
}

export interface ValidArgumentsOptions {
  /** Instances to try before giving up. @default 12 */
  attempts?: number;
  /** See `GenerateOptions.full`. Later attempts also try the other setting. @default false */
  full?: boolean;
  /** Applied to each instance before it is validated (put native dates in date spots, say). */
  prepare?: (args: Record<string, unknown>, seed: number) => Record<string, unknown>;
}

/**
 * Generated arguments our own validator accepts, trying seeds in a fixed order (a function of the tool's name, so
 * that tools of one resource do not all draw the same ids). Undefined when none of the attempts passes: that is a
 * generator problem (or a schema no instance satisfies), reported by the caller.
 */
export function validArguments(tool: TrutoTool, options: ValidArgumentsOptions = {}): ValidArguments | undefined {
  const attempts = options.attempts ?? 12;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const seed = toolSeed(tool.definition.name, attempt);
    // Every third attempt flips `full`: a schema whose branches only differ in optional fields needs them filled.
    const full = attempt % 3 === 2 ? !(options.full ?? false) : (options.full ?? false);
    // After three free attempts, unions are generated from one branch after the other.
    const branch = attempt < 3 ? undefined : Math.floor((attempt - 3) / 2);
    let args = generateArguments(tool, { seed, full, ...(branch === undefined ? {} : { branch }) });
    if (options.prepare) args = options.prepare(args, seed);
    if (tool.inputSchema.safeParse(args).success) return { args, seed, attempts: attempt + 1 };
  }
  return undefined;
}

/** A seed per tool and attempt: FNV-1a of the tool's name, so it is stable across runs and catalog order. */
export function toolSeed(name: string, attempt = 0): number {
  let hash = 0x811c9dc5;
  for (const character of `${name}#${attempt}`) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash || 1;
}

const generationSchemas = new WeakMap<TrutoTool, Map<number | undefined, unknown>>();

function generationSchema(tool: TrutoTool, branch: number | undefined): unknown {
  let byBranch = generationSchemas.get(tool);
  if (byBranch === undefined) {
    byBranch = new Map();
    generationSchemas.set(tool, byBranch);
  }
  if (!byBranch.has(branch)) byBranch.set(branch, forGeneration(tool.argumentsJsonSchema, branch));
  return byBranch.get(branch);
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'required']);

/**
 * A copy of the schema json-schema-faker generates well from, accepting only instances the original accepts:
 * - `example`s and `x-*` extensions are dropped (json-schema-faker 0.6 turns an object's `example` into a property
 *   of the generated object when the object takes additional properties);
 * - string and array lengths are capped (a capped instance still fits the original bounds);
 * - free strings get `minLength: 1`, because an empty `id` or query value tells a validator nothing and the Proxy
 *   API cannot route an empty path segment.
 */
function forGeneration(node: unknown, branch: number | undefined): unknown {
  if (Array.isArray(node)) return node.map((item) => forGeneration(item, branch));
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    if (DATA_KEYWORDS.has(key)) copy[key] = value;
    else if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      copy[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, forGeneration(child, branch)]),
      );
    } else if (
      branch !== undefined &&
      (key === 'oneOf' || key === 'anyOf') &&
      Array.isArray(value) &&
      value.length > 0
    ) {
      copy.allOf = [...((copy.allOf as unknown[]) ?? []), forGeneration(value[branch % value.length], branch)];
    } else if (key === 'allOf' && Array.isArray(copy.allOf)) {
      copy.allOf = [...(copy.allOf as unknown[]), ...(forGeneration(value, branch) as unknown[])];
    } else copy[key] = forGeneration(value, branch);
  }
  if (declares(copy, 'string', 'maxLength')) capLength(copy, 'minLength', 'maxLength', MAX_GENERATED_LENGTH);
  if (declares(copy, 'array', 'maxItems')) capLength(copy, 'minItems', 'maxItems', MAX_GENERATED_ITEMS);
  const freeString =
    copy.type === 'string' &&
    copy.minLength === undefined &&
    copy.enum === undefined &&
    copy.const === undefined &&
    copy.pattern === undefined &&
    copy.format === undefined;
  if (freeString) copy.minLength = 1;
  return copy;
}

/** The node is of the type (alone or among others) or already bounds itself with the keyword. */
function declares(node: Record<string, unknown>, type: string, keyword: string): boolean {
  return node[keyword] !== undefined || node.type === type || (Array.isArray(node.type) && node.type.includes(type));
}

function capLength(node: Record<string, unknown>, minimumKey: string, maximumKey: string, cap: number): void {
  const minimum = typeof node[minimumKey] === 'number' ? (node[minimumKey] as number) : 0;
  const maximum = typeof node[maximumKey] === 'number' ? (node[maximumKey] as number) : Number.POSITIVE_INFINITY;
  if (maximum > Math.max(cap, minimum)) node[maximumKey] = Math.max(cap, minimum);
}

/**
 * The fixture file's name in every file field that holds something (and in required ones): a generated string is
 * no file reference the SDK could open. The input is not modified.
 */
export function withFileReferences(tool: TrutoTool, args: Record<string, unknown>): Record<string, unknown> {
  const fields = findFileFields(tool.definition);
  if (fields.length === 0) return args;
  const required = Array.isArray(tool.argumentsJsonSchema.required) ? tool.argumentsJsonSchema.required : [];
  const copy = { ...args };
  for (const field of fields) {
    if (!Object.hasOwn(copy, field.name) && !required.includes(field.name)) continue;
    copy[field.name] = field.multiple ? [FILE_REFERENCE] : FILE_REFERENCE;
  }
  return copy;
}

/** The names of the tool's file fields (src/files/file-fields.ts decides). */
export function fileFieldNames(tool: TrutoTool): string[] {
  return findFileFields(tool.definition).map((field) => field.name);
}

// ---------------------------------------------------------------------------------------------------------------
// Invalid mutations

export type MutationKind =
  | 'missing required argument'
  | 'wrong type'
  | 'wrong type, nested'
  | 'undocumented argument'
  | 'undocumented field, nested'
  | 'nested field dropped';

export interface Mutation {
  kind: MutationKind;
  /** Where the change was made, as people read it: `data.name`, `items[0].id`. */
  path: string;
  args: Record<string, unknown>;
}

/** The name given to arguments no schema documents. */
export const UNDOCUMENTED_NAME = 'undocumented_argument';

/**
 * Targeted changes of valid arguments, each meant to make them invalid (most do; whether one does is for the
 * validators to say, and they must say the same): a required argument dropped, a value of the wrong type at the top
 * and deeper down, an undocumented argument at the top and deeper down, and a nested field dropped (which is invalid
 * when that field was required). Which spot is changed is a function of the seed. The input is not modified.
 */
export function invalidMutations(tool: TrutoTool, valid: Record<string, unknown>, seed: number): Mutation[] {
  const pick = pickerFor(seed);
  const mutations: Mutation[] = [];
  const schema = tool.argumentsJsonSchema;
  const required = (Array.isArray(schema.required) ? schema.required : []).filter(
    (name): name is string => typeof name === 'string' && Object.hasOwn(valid, name),
  );
  const present = Object.keys(valid);

  const dropped = pick(required);
  if (dropped !== undefined) {
    const args = structuredClone(valid);
    delete args[dropped];
    mutations.push({ kind: 'missing required argument', path: dropped, args });
  }
  const retyped = pick(present);
  if (retyped !== undefined) {
    const args = structuredClone(valid);
    args[retyped] = wrongTypeFor(args[retyped]);
    mutations.push({ kind: 'wrong type', path: retyped, args });
  }
  const properties = isRecord(schema.properties) ? schema.properties : {};
  let undocumented = UNDOCUMENTED_NAME;
  while (Object.hasOwn(properties, undocumented)) undocumented = `_${undocumented}`;
  mutations.push({ kind: 'undocumented argument', path: undocumented, args: { ...valid, [undocumented]: 'surprise' } });

  const leaves = spotsOf(valid).filter((spot) => spot.path.length >= 2);
  const leaf = pick(leaves.filter((spot) => !isRecord(spot.value) && !Array.isArray(spot.value)));
  if (leaf !== undefined) {
    const args = structuredClone(valid);
    setAt(args, leaf.path, wrongTypeFor(leaf.value));
    mutations.push({ kind: 'wrong type, nested', path: labelOf(leaf.path), args });
  }
  const container = pick(spotsOf(valid).filter((spot) => spot.path.length >= 1 && isRecord(spot.value)));
  if (container !== undefined) {
    const args = structuredClone(valid);
    const target = getAt(args, container.path) as Record<string, unknown>;
    let name = 'undocumented_field';
    while (Object.hasOwn(target, name)) name = `_${name}`;
    target[name] = 'surprise';
    mutations.push({ kind: 'undocumented field, nested', path: labelOf([...container.path, name]), args });
  }
  const removable = pick(leaves.filter((spot) => typeof spot.path.at(-1) === 'string'));
  if (removable !== undefined) {
    const args = structuredClone(valid);
    const parent = getAt(args, removable.path.slice(0, -1)) as Record<string, unknown>;
    delete parent[removable.path.at(-1) as string];
    mutations.push({ kind: 'nested field dropped', path: labelOf(removable.path), args });
  }
  return mutations;
}

/** A value of another JSON type than `value`'s. */
export function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 4242;
  if (typeof value === 'number') return 'four thousand';
  if (typeof value === 'boolean') return 'yes';
  if (value === null) return 17;
  if (Array.isArray(value)) return { not: 'a list' };
  return 'not an object';
}

type PathStep = string | number;

interface Spot {
  path: PathStep[];
  value: unknown;
}

/** Every value inside the arguments with its path, parents before children (the root itself excluded). */
function spotsOf(args: Record<string, unknown>): Spot[] {
  const spots: Spot[] = [];
  const visit = (value: unknown, path: PathStep[]) => {
    if (path.length > 0) spots.push({ path, value });
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...path, index]);
    } else if (isRecord(value)) for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(args, []);
  return spots;
}

function getAt(root: unknown, path: readonly PathStep[]): unknown {
  let current = root;
  for (const step of path) current = (current as Record<PathStep, unknown>)[step];
  return current;
}

function setAt(root: unknown, path: readonly PathStep[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<PathStep, unknown>;
  parent[path.at(-1)!] = value;
}

function labelOf(path: readonly PathStep[]): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

/** Picks one item of a list, deterministic for the seed and the list's length. */
function pickerFor(seed: number): <T>(items: readonly T[]) => T | undefined {
  let state = seed >>> 0 || 1;
  return (items) => {
    // xorshift32: enough spread for choosing a spot.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return items.length === 0 ? undefined : items[state % items.length];
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
