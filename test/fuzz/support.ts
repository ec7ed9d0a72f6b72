/** Generators shared by the fuzz tests. */
import fc from 'fast-check';

type Weighted = { arbitrary: fc.Arbitrary<unknown>; weight: number };

const anything = fc.jsonValue({ maxDepth: 2 }).filter((value) => !JSON.stringify(value).includes('__proto__'));

/**
 * Values shaped by a JSON Schema (types, enums, formats, bounds, nesting), with near-misses (a bound off by one, a
 * missing required field, an unknown key) and now and then arbitrary JSON, so that both verdicts occur and most
 * instances get deep enough to exercise nested keywords. Formats draw from samples on which ajv-formats and the JSON
 * Schema test suite agree.
 */
export function instanceOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema !== 'object' || schema === null || depth > 4) return anything;
  const node = schema as Record<string, any>;
  const shaped: Weighted[] = [];
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    shaped.push({ arbitrary: fc.constantFrom(...(node.enum as unknown[])), weight: 6 });
  }
  if ('const' in node) shaped.push({ arbitrary: fc.constant(node.const), weight: 6 });
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    if (!Array.isArray(node[keyword])) continue;
    for (const member of node[keyword]) shaped.push({ arbitrary: instanceOf(member, depth + 1), weight: 2 });
  }
  const types: string[] = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  // With an enum or a const, the type only adds near-misses: a random string is almost never a member.
  const enumerated = shaped.length > 0 && ('enum' in node || 'const' in node);
  for (const type of types) {
    for (const option of shapedByType(type, node, depth)) shaped.push(enumerated ? { ...option, weight: 1 } : option);
  }
  if (shaped.length === 0) return anything;
  // Garbage is rarer below the top: one bad field already decides the verdict, and deep keywords need reaching.
  const garbage = depth === 0 ? 4 : 1;
  return fc.oneof(...shaped.map((option) => ({ ...option, weight: option.weight * 4 })), {
    arbitrary: anything,
    weight: garbage,
  });
}

function shapedByType(type: string, node: Record<string, any>, depth: number): Weighted[] {
  switch (type) {
    case 'string':
      return stringFor(node);
    case 'integer':
    case 'number': {
      const low = typeof node.minimum === 'number' ? node.minimum : -5;
      const high = typeof node.maximum === 'number' ? node.maximum : low + 10;
      return [
        { arbitrary: fc.integer({ min: Math.ceil(low), max: Math.floor(high) }), weight: 5 },
        // Off by one, or a fraction where an integer is wanted.
        { arbitrary: fc.constantFrom(low - 1, high + 1, low + 0.5, 0.25), weight: 1 },
      ];
    }
    case 'boolean':
      return [{ arbitrary: fc.boolean(), weight: 4 }];
    case 'null':
      return [{ arbitrary: fc.constant(null), weight: 2 }];
    case 'array': {
      const minLength = Math.max(0, node.minItems ?? 0);
      const maxLength = Math.max(minLength, Math.min(5, node.maxItems ?? 4));
      return [
        { arbitrary: fc.array(instanceOf(node.items ?? {}, depth + 1), { minLength, maxLength }), weight: 5 },
        { arbitrary: fc.array(anything, { maxLength: maxLength + 1 }), weight: 1 },
      ];
    }
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = (Array.isArray(node.required) ? node.required : []).filter(
        (key: unknown): key is string => typeof key === 'string' && Object.hasOwn(properties, key),
      );
      const fields = Object.fromEntries(
        Object.entries(properties).map(([key, sub]) => [key, instanceOf(sub, depth + 1)]),
      );
      return [
        { arbitrary: fc.record(fields, { requiredKeys: required }), weight: 8 },
        { arbitrary: fc.record(fields, { requiredKeys: [] }), weight: 1 },
        {
          arbitrary: fc
            .tuple(fc.record(fields, { requiredKeys: required }), fc.constantFrom('extra', 'unknown_field'), anything)
            .map(([value, key, extra]) => ({ ...value, [key]: extra })),
          weight: 1,
        },
      ];
    }
    default:
      return [];
  }
}

const FORMAT_SAMPLES: Record<string, string[]> = {
  'date-time': ['2026-10-01T09:00:00Z', '2026-10-01T09:00:00+02:00', '2026-10-01', 'yesterday', '2026-13-01T00:00:00Z'],
  date: ['2026-10-01', '2026-02-30', '2026-10-01T09:00:00Z', 'x'],
  email: ['ada@example.com', 'not-an-email', 'ada@'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', '123e4567', 'x'],
  uri: ['https://example.com/a', 'not a uri'],
};

function stringFor(node: Record<string, any>): Weighted[] {
  const minLength = Math.max(0, node.minLength ?? 0);
  const maxLength = Math.max(minLength, Math.min(40, node.maxLength ?? 12));
  const samples = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
  // Random text against a format lands on the corner cases where ajv-formats and the JSON Schema test suite part
  // ways ("/@0" as an email); test/schema covers formats. Here a formatted field gets the agreed samples only.
  if (samples) return [{ arbitrary: fc.constantFrom(...samples), weight: 6 }];
  return [
    { arbitrary: fc.string({ minLength, maxLength }), weight: 5 },
    { arbitrary: fc.string({ maxLength: maxLength + 2 }), weight: 1 },
  ];
}
