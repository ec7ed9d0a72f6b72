/**
 * Fuzzing the JSON Schema compiler with what a catalog may really contain: arbitrary JSON, keywords holding values of
 * the wrong type, broken and cyclic `$ref`s, invalid patterns. It must never throw, must return a zod schema, and
 * that schema must never throw while validating or while being turned back into the schema a model reads.
 *
 * Agreement with ajv on random schemas of supported keywords lives in test/schema/property.test.ts; here the
 * agreement is checked on the schemas this SDK actually serves: every tool of the sandbox's catalog (the OpenAI tools
 * and a synthetic catalog), as the model sees them, against instances shaped by each schema.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { compileJsonSchema, TrutoToolManager, toModelJsonSchema } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instanceOf } from './support';

/** Runs per property (each catalog tool gets `catalogAgreement` instances). */
const SCHEMA_FUZZ_RUNS = { arbitrary: 3000, keywordSoup: 3000, catalogAgreement: 200 };

const KEYWORDS = [
  'type',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'items',
  'prefixItems',
  'contains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  '$ref',
  '$defs',
  'definitions',
  '$schema',
  '$id',
  '$anchor',
  '$dynamicRef',
  'nullable',
  'discriminator',
  'default',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'minProperties',
  'maxProperties',
  '__proto__',
  'constructor',
];

/** Values a keyword might hold, right or wrong: the compiler may see any of them. */
const oddValue = fc.oneof(
  fc.constantFrom(
    'object',
    'array',
    'string',
    'integer',
    'number',
    'boolean',
    'null',
    'nope',
    ['string', 'null'],
    [],
    '#',
    '#/$defs/a',
    '#/definitions/a',
    '#/properties/a',
    '#/$defs/missing',
    'http://example.com/schema',
    '(',
    '[a-',
    '^(a+)+$',
    '\\',
    'date-time',
    'email',
    'uuid',
    'binary',
    'https://json-schema.org/draft/2020-12/schema',
    'http://json-schema.org/draft-07/schema#',
    -1,
    0,
    0.1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    true,
    false,
    null,
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const keywordSoup: fc.Arbitrary<unknown> = fc.letrec<{ schema: unknown }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddValue,
    fc.dictionary(fc.constantFrom(...KEYWORDS), fc.oneof(oddValue, tie('schema')), { maxKeys: 6 }),
    fc.record(
      {
        properties: fc.dictionary(fc.string({ maxLength: 4 }), tie('schema'), { maxKeys: 3 }),
        $defs: fc.dictionary(fc.constantFrom('a', 'b'), tie('schema'), { maxKeys: 2 }),
        items: tie('schema'),
        anyOf: fc.array(tie('schema'), { maxLength: 3 }),
        $ref: fc.constantFrom('#', '#/$defs/a', '#/$defs/b', '#/properties', '#/items', '#/$defs/a/properties/x'),
      },
      { requiredKeys: [] },
    ),
  ),
})).schema;

/** `JSON.parse` is how catalogs arrive; it turns a `__proto__` key into an own property, which objects literals do not. */
const parsedFromJson = (value: unknown) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;

function expectTotal(schema: unknown, instances: unknown[], dialect?: '2020-12' | 'draft-07' | 'openapi-3.0'): void {
  const compiled = compileJsonSchema(schema, {
    ...(dialect ? { dialect } : {}),
    onWarning: () => {},
    jitAfterParses: 1,
  });
  expect(compiled).toBeInstanceOf(z.ZodType);
  for (const instance of instances) {
    // Twice: the second parse goes through the JIT-compiled validator.
    const first = compiled.safeParse(instance);
    const second = compiled.safeParse(instance);
    expect(second.success).toBe(first.success);
  }
  expect(typeof toModelJsonSchema(compiled)).toBe('object');
}

describe('compileJsonSchema never throws', () => {
  const instances = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 });
  const dialect = fc.constantFrom(undefined, '2020-12', 'draft-07', 'openapi-3.0') as fc.Arbitrary<
    '2020-12' | 'draft-07' | 'openapi-3.0' | undefined
  >;

  it(`on arbitrary JSON values (${SCHEMA_FUZZ_RUNS.arbitrary} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), instances, dialect, (schema, values, chosen) => {
        expectTotal(parsedFromJson(schema), values, chosen);
      }),
      { numRuns: SCHEMA_FUZZ_RUNS.arbitrary },
    );
  });

  it(`on keyword soup: real keywords, values of any type, refs that dangle or loop (${SCHEMA_FUZZ_RUNS.keywordSoup} runs)`, () => {
    fc.assert(
      fc.property(keywordSoup, instances, dialect, (schema, values, chosen) => {
        expectTotal(parsedFromJson(schema), values, chosen);
      }),
      { numRuns: SCHEMA_FUZZ_RUNS.keywordSoup },
    );
  });

  it('on applicators that loop back to the schema without consuming input (found by the soup above)', () => {
    // `{"allOf": [{"$ref": "#"}]}` asks the same question of the same value forever. JSON Schema leaves such schemas
    // undefined; a compiler that promises never to throw must not overflow the stack on them when validating.
    for (const schema of [
      { allOf: [{ $ref: '#' }] },
      { anyOf: [], $ref: '#' },
      { not: { $ref: '#' } },
      { $defs: { a: { oneOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' },
    ]) {
      expectTotal(schema, [{}, 1, 'x']);
    }
  });

  it('on non-JSON input a JavaScript caller might pass', () => {
    const cyclic: Record<string, unknown> = { type: 'object' };
    cyclic.properties = { self: cyclic };
    for (const schema of [undefined, () => 1, Symbol('s'), 10n, new Date(0), /re/, new Map(), cyclic]) {
      expectTotal(schema, [1, 'x', {}, null]);
    }
  });
});

describe('compiled tool validators agree with ajv on the catalog this SDK serves', () => {
  let sandbox: Sandbox;
  let manager: TrutoToolManager;

  beforeAll(async () => {
    sandbox = await startSandbox({ syntheticTools: 40 });
    manager = new TrutoToolManager({
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      baseUrl: sandbox.baseUrl,
      onWarning: () => {},
    });
  });
  afterAll(async () => {
    await manager.close();
    await sandbox.close();
  });

  it(`every tool, ${SCHEMA_FUZZ_RUNS.catalogAgreement} instances each, most of them shaped by its schema`, async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: true, allErrors: false });
    addFormats(ajv);
    const tools = await manager.getToolDefinitions();
    expect(tools.length).toBeGreaterThan(40);
    let accepted = 0;
    let rejected = 0;
    for (const tool of tools) {
      const schema = tool.argumentsJsonSchema;
      const validate = ajv.compile(schema);
      fc.assert(
        fc.property(instanceOf(schema, 0), (instance) => {
          // ajv never changes the instance (no useDefaults); zod fills defaults into its output only.
          const expected = validate(structuredClone(instance));
          const actual = tool.inputSchema.safeParse(instance).success;
          if (actual) accepted++;
          else rejected++;
          if (actual !== expected) {
            throw new Error(
              `${tool.name}: zod ${actual ? 'accepts' : 'rejects'} what ajv ${expected ? 'accepts' : 'rejects'}: ${JSON.stringify(instance)}\najv: ${JSON.stringify(validate.errors)}`,
            );
          }
        }),
        { numRuns: SCHEMA_FUZZ_RUNS.catalogAgreement },
      );
    }
    console.info(
      `ajv agreement: ${tools.length} tools, ${accepted} instances accepted and ${rejected} rejected by both`,
    );
    // Both verdicts occurred often enough for the agreement to mean something.
    expect(accepted).toBeGreaterThan(tools.length * 10);
    expect(rejected).toBeGreaterThan(tools.length * 10);
  });
});
