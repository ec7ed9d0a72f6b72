/**
 * JSON Schema → validator, side by side in one run: our `compileJsonSchema`, zod's own `z.fromJSONSchema`, the
 * `zod-from-json-schema` package and ajv (the reference validator, not a zod schema). For each: compile time per
 * schema, and validation ops/s on valid and on invalid input, on a medium schema (20 properties, nested arrays of
 * objects) and on every tool schema the sandbox serves (its OpenAI tools plus synthetic ones) and the OpenAI
 * operations they come from.
 *
 *   npx tsx bench/run.ts schema
 */

import { performance } from 'node:perf_hooks';
import AjvModule from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';
import { convertJsonSchemaToZod } from 'zod-from-json-schema';
import { compileJsonSchema } from '../src/schema/index.js';
import {
  MEDIUM_INVALID,
  MEDIUM_SCHEMA,
  MEDIUM_VALID,
  type NamedSchema,
  openAiOperationSchemas,
  sandboxToolSchemas,
} from '../test/schema/fixtures/tool-schemas.js';
import { type BenchRow, type BenchSection, formatNumber, measureOps, medianOf, medianTimeMs, ratio } from './lib.js';

type Json = Record<string, unknown>;
type Validate = (value: unknown) => boolean;

// ajv and ajv-formats are CommonJS; their default export arrives wrapped under tsx.
const Ajv2020 = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

interface Contender {
  name: string;
  /** Builds a validator; may throw (z.fromJSONSchema does on many schemas). */
  compile(schema: Json): Validate;
}

function zodValidator(node: z.ZodType): Validate {
  return (value) => node.safeParse(value).success;
}

function createAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();

const CONTENDERS: Contender[] = [
  { name: 'ours (compileJsonSchema)', compile: (schema) => zodValidator(compileJsonSchema(schema)) },
  {
    name: 'ours, runtime only (no JIT)',
    compile: (schema) => zodValidator(compileJsonSchema(schema, { jitAfterParses: Number.POSITIVE_INFINITY })),
  },
  {
    name: 'ours, code generated at compile',
    compile: (schema) => {
      const node = compileJsonSchema(schema, { jitAfterParses: 0 });
      node.safeParse(undefined);
      return zodValidator(node);
    },
  },
  { name: 'z.fromJSONSchema', compile: (schema) => zodValidator(z.fromJSONSchema(schema as never)) },
  { name: 'zod-from-json-schema', compile: (schema) => zodValidator(convertJsonSchemaToZod(schema as never)) },
  // A fresh copy each time: ajv caches compiled schemas by object identity.
  { name: 'ajv 8 (+ ajv-formats)', compile: (schema) => ajv.compile(structuredClone(schema)) as Validate },
];

/** A value every schema in the fixtures accepts: required properties filled with plausible values. */
function sampleValid(schema: unknown, root: Json, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null;
  let node = schema as Json;
  if (typeof node.$ref === 'string') {
    let target: unknown = root;
    for (const segment of node.$ref.replace(/^#\//, '').split('/')) target = (target as Json | undefined)?.[segment];
    node = { ...(target as Json), ...node, $ref: undefined };
  }
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) return node.enum[0];
  if ('default' in node && node.default !== undefined) return node.default;
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(node[keyword])) return sampleValid(node[keyword][0], root, depth + 1);
  }
  if (Array.isArray(node.allOf)) {
    return Object.assign({}, ...node.allOf.map((member) => sampleValid(member, root, depth + 1) as object));
  }
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'object' || node.properties !== undefined) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const result: Json = {};
    for (const [name, property] of Object.entries(properties)) result[name] = sampleValid(property, root, depth + 1);
    return result;
  }
  switch (type) {
    case 'string':
      return sampleString(node);
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? node.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return node.items === undefined ? [] : [sampleValid(node.items, root, depth + 1)];
    case 'null':
      return null;
    default:
      return 'x';
  }
}

function sampleString(node: Json): string {
  switch (node.format) {
    case 'date-time':
      return '2024-05-01T10:00:00Z';
    case 'date':
      return '2024-05-01';
    case 'email':
      return 'ada@example.com';
    case 'uri':
      return 'https://example.com/a';
    case 'uuid':
      return '123e4567-e89b-12d3-a456-426614174000';
    default:
      return 'x'.repeat(Math.max(1, Number(node.minLength ?? 1)));
  }
}

/** The valid sample with its first property given a value of the wrong type. */
function sampleInvalid(valid: unknown): unknown {
  if (typeof valid !== 'object' || valid === null || Array.isArray(valid)) return Symbol('not JSON');
  const [first] = Object.keys(valid);
  if (first === undefined) return 'not an object';
  const value = (valid as Json)[first];
  return { ...valid, [first]: typeof value === 'string' ? { wrong: true } : 'wrong' };
}

interface Workload {
  label: string;
  schemas: NamedSchema[];
  /** Instances ajv agrees on, per schema. */
  valid: unknown[];
  invalid: unknown[];
}

function buildWorkload(label: string, schemas: NamedSchema[]): Workload {
  const valid: unknown[] = [];
  const invalid: unknown[] = [];
  const kept: NamedSchema[] = [];
  for (const entry of schemas) {
    let check: Validate;
    try {
      check = ajv.compile(structuredClone(entry.schema)) as Validate;
    } catch {
      // ajv refuses some real-world schemas (`nullable` without `type`): without a reference verdict, leave them out.
      continue;
    }
    const good = sampleValid(entry.schema, entry.schema);
    const bad = sampleInvalid(good);
    // Keep only schemas where the samples really are valid and invalid, by the reference validator.
    if (!check(good) || check(bad)) continue;
    kept.push(entry);
    valid.push(good);
    invalid.push(bad);
  }
  return { label: `${label}: ${kept.length} of ${schemas.length} schemas`, schemas: kept, valid, invalid };
}

interface Measured {
  compileMicros?: number;
  /** Per schema, each validator measured on its own. */
  validOps: number[];
  invalidOps: number[];
  /** All validators of the workload called in turn, as a server with many tools would. */
  rotatingOps?: number;
  failed: number;
  disagreements: number;
}

/** Operations per second over a set of validators: N divided by the time one validation of each takes. */
function averageOps(perSchemaOps: number[]): number | undefined {
  if (perSchemaOps.length === 0) return undefined;
  return perSchemaOps.length / perSchemaOps.reduce((sum, ops) => sum + 1 / ops, 0);
}

/** Geometric mean of per-schema ratios: robust to a few very fast or very slow schemas. */
function meanRatio(ours: number[], theirs: number[]): number {
  const logs = ours.map((value, index) => Math.log(value / theirs[index]!));
  return Math.exp(logs.reduce((sum, value) => sum + value, 0) / logs.length);
}

function compileAll(contender: Contender, workload: Workload): Array<Validate | undefined> {
  return workload.schemas.map((entry) => {
    try {
      return contender.compile(entry.schema);
    } catch {
      return undefined;
    }
  });
}

/**
 * Compile time per schema for every contender, measured before any validation runs and interleaved round by round
 * (in a rotating order), so that machine noise and garbage left by one contender fall on all of them alike.
 */
function measureCompileTimes(workload: Workload): Map<string, number> {
  const schemas = workload.schemas.map((entry) => entry.schema);
  const runs = Math.max(2, Math.ceil(100 / schemas.length));
  const compileRound = (contender: Contender) => {
    for (let run = 0; run < runs; run++) {
      for (const schema of schemas) {
        try {
          contender.compile(schema);
        } catch {}
      }
    }
  };
  for (const contender of CONTENDERS) compileRound(contender);
  const samples = new Map<string, number[]>(CONTENDERS.map((contender) => [contender.name, []]));
  for (let round = 0; round < 15; round++) {
    for (let offset = 0; offset < CONTENDERS.length; offset++) {
      const contender = CONTENDERS[(round + offset) % CONTENDERS.length]!;
      const start = performance.now();
      compileRound(contender);
      samples.get(contender.name)!.push(((performance.now() - start) * 1000) / (runs * schemas.length));
    }
  }
  return new Map([...samples].map(([name, values]) => [name, medianOf(values)]));
}

/**
 * Validation ops/s for every contender, schema by schema, the contenders taking turns on each schema (in a rotating
 * order) so that a noisy moment of the machine does not fall on one of them only.
 */
async function measureValidation(workload: Workload): Promise<Map<string, Omit<Measured, 'compileMicros'>>> {
  const timeMs = workload.schemas.length === 1 ? 400 : 80;
  const state = CONTENDERS.map((contender) => {
    const validators = compileAll(contender, workload);
    return {
      contender,
      validators,
      failed: validators.filter((validate) => validate === undefined).length,
      disagreements: 0,
      validOps: [] as number[],
      invalidOps: [] as number[],
    };
  });
  for (let index = 0; index < workload.schemas.length; index++) {
    const valid = workload.valid[index];
    const invalid = workload.invalid[index];
    for (let offset = 0; offset < state.length; offset++) {
      const entry = state[(index + offset) % state.length]!;
      const validate = entry.validators[index];
      if (validate === undefined) continue;
      if (!validate(valid)) entry.disagreements++;
      if (validate(invalid)) entry.disagreements++;
      // Warm past our JIT threshold so every contender is measured in its steady state.
      for (let warm = 0; warm < 20; warm++) validate(valid);
      entry.validOps[index] = measureOps(() => validate(valid), { timeMs, warmupMs: 20 }).opsPerSecond;
      entry.invalidOps[index] = measureOps(() => validate(invalid), { timeMs, warmupMs: 20 }).opsPerSecond;
    }
  }
  const results = new Map<string, Omit<Measured, 'compileMicros'>>();
  for (const entry of state) {
    const usable = entry.validators.flatMap((validate, index) => (validate === undefined ? [] : [index]));
    const rotation = 20;
    const rotateMs = await medianTimeMs(() => {
      for (let round = 0; round < rotation; round++) {
        for (const index of usable) entry.validators[index]!(workload.valid[index]);
      }
    }, 5);
    results.set(entry.contender.name, {
      validOps: entry.validOps,
      invalidOps: entry.invalidOps,
      rotatingOps: usable.length === 0 ? undefined : (rotation * usable.length * 1000) / rotateMs,
      failed: entry.failed,
      disagreements: entry.disagreements,
    });
  }
  return results;
}

const format = (value: number | undefined) => (value === undefined ? '-' : formatNumber(value));

function rowFor(name: string, result: Measured, total: number): BenchRow {
  return {
    library: name,
    'compile µs/schema': result.compileMicros === undefined ? '-' : formatNumber(result.compileMicros),
    'valid ops/s': format(averageOps(result.validOps.filter(Boolean))),
    'invalid ops/s': format(averageOps(result.invalidOps.filter(Boolean))),
    'rotating ops/s': format(result.rotatingOps),
    'schemas that threw': `${result.failed}/${total}`,
    'wrong verdicts': result.disagreements,
  };
}

async function sectionFor(workload: Workload, tag: string): Promise<BenchSection> {
  const compileMicros = measureCompileTimes(workload);
  const validation = await measureValidation(workload);
  const results = new Map<string, Measured>();
  for (const contender of CONTENDERS) {
    results.set(contender.name, {
      compileMicros: compileMicros.get(contender.name),
      ...validation.get(contender.name)!,
    });
  }
  const ours = results.get(CONTENDERS[0]!.name)!;
  const native = results.get('z.fromJSONSchema')!;
  const reference = results.get('ajv 8 (+ ajv-formats)')!;
  const targets: NonNullable<BenchSection['targets']> = [];
  if (ours.compileMicros !== undefined && native.compileMicros !== undefined) {
    targets.push({
      name: `${tag}: compile at least as fast as z.fromJSONSchema`,
      value: `${formatNumber(ours.compileMicros)} µs vs ${formatNumber(native.compileMicros)} µs (${ratio(native.compileMicros, ours.compileMicros)} as fast)`,
      met: ours.compileMicros <= native.compileMicros,
    });
  }
  const both = ours.validOps.flatMap((value, index) => (value && reference.validOps[index] ? [index] : []));
  if (both.length > 0) {
    const share = meanRatio(
      both.map((index) => ours.validOps[index]!),
      both.map((index) => reference.validOps[index]!),
    );
    targets.push({
      name: `${tag}: valid-input validation ≥ 50% of ajv's ops/s`,
      value: `${(share * 100).toFixed(0)}% of ajv (geometric mean over ${both.length} schema${both.length === 1 ? '' : 's'})`,
      met: share >= 0.5,
    });
  }
  targets.push({
    name: `${tag}: no schema throws, no wrong verdict`,
    value: `${ours.failed} threw, ${ours.disagreements} wrong`,
    met: ours.failed === 0 && ours.disagreements === 0,
  });
  return {
    title: `JSON Schema → validator: ${workload.label}`,
    rows: CONTENDERS.map((contender) => rowFor(contender.name, results.get(contender.name)!, workload.schemas.length)),
    targets,
    notes: [
      'compile: building the validator from the JSON Schema, warm (a catalog compiles many similar tools). Ours defers zod code generation to the 9th parse; the "code generated at compile" row pays for it up front.',
      'valid/invalid ops/s: safeParse (or ajv validate) of each schema measured alone after warm-up, averaged over time across schemas; invalid = first property of the wrong type (zod libraries also build the error, ajv stops at the first).',
      'rotating ops/s: every validator of the workload called in turn on valid input, as in a server with many tools; V8 cannot keep many validators hot, so every library slows down there.',
      '"wrong verdicts": samples ajv accepts that the library rejects, or the reverse; ajv is the reference.',
    ],
  };
}

export default async function schemaBench(): Promise<BenchSection[]> {
  const medium: Workload = {
    label: 'medium schema (20 properties, nested arrays of objects, formats)',
    schemas: [{ name: 'medium', schema: MEDIUM_SCHEMA }],
    valid: [MEDIUM_VALID],
    invalid: [MEDIUM_INVALID],
  };
  const sandbox = buildWorkload('the tools the sandbox serves (its 13 OpenAI tools)', sandboxToolSchemas(0));
  const synthetic = buildWorkload('synthetic catalog tools (5 to 20 properties)', sandboxToolSchemas(33).slice(13));
  const operations = buildWorkload(
    'OpenAI operations (parameters + request body, $refs to components)',
    openAiOperationSchemas(),
  );
  return [
    await sectionFor(medium, 'medium'),
    await sectionFor(sandbox, 'sandbox tools'),
    await sectionFor(synthetic, 'synthetic tools'),
    await sectionFor(operations, 'OpenAI operations'),
  ];
}
