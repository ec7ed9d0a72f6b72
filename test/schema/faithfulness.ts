/**
 * What "faithful" means for the schema a model reads: every property the source declares is there, with its
 * description, enum, default (unless the description states it) and nested structure, and the same required list. Keywords zod rewrites in an
 * equivalent form (`nullable`, type arrays) are not compared.
 */
import { expect } from 'vitest';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows local `$ref`s of the source so its structure can be compared with the inlined output. */
function resolveSource(schema: unknown, root: Json, seen = new Set<unknown>()): Json | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') && !seen.has(schema)) {
    seen.add(schema);
    let target: unknown = root;
    for (const segment of schema.$ref.slice(2).split('/'))
      target = isObject(target) ? target[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const resolved = resolveSource(target, root, seen);
    return resolved && { ...resolved, ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref')) };
  }
  return schema;
}

/** Gathers what the output says about a value: through `allOf`/`$ref` wrappers the output may use. */
function resolveOutput(schema: unknown, root: Json): Json | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    const definitions = (root.$defs ?? root.definitions) as Json | undefined;
    const target = schema.$ref === '#' ? root : definitions?.[name];
    return { ...(resolveOutput(target, root) ?? {}), ...schema };
  }
  return schema;
}

/**
 * The model schema leaves out a default the model learns anyway: one the description states ("defaults to `1d`"),
 * or the only value an enum allows.
 */
function defaultSaidOtherwise(from: Json, to: Json): boolean {
  if (to.default !== undefined) return false;
  const value = from.default;
  if (Array.isArray(from.enum) && from.enum.length === 1 && from.enum[0] === value) return true;
  const description = typeof to.description === 'string' ? to.description : '';
  return /default/i.test(description) && ['string', 'number', 'boolean'].includes(typeof value)
    ? description.includes(String(value))
    : false;
}

export function expectFaithful(
  source: unknown,
  output: unknown,
  path = '',
  sourceRoot = source as Json,
  outputRoot = output as Json,
  depth = 0,
): void {
  const from = resolveSource(source, sourceRoot);
  const to = resolveOutput(output, outputRoot);
  if (from === undefined || depth > 6) return;
  expect(to, `${path || '/'} is missing`).toBeDefined();
  if (to === undefined) return;
  if (typeof from.description === 'string') expect(to.description, `${path}/description`).toBe(from.description);
  if (Array.isArray(from.enum)) expect(new Set(to.enum as unknown[]), `${path}/enum`).toEqual(new Set(from.enum));
  if ('default' in from && !defaultSaidOtherwise(from, to)) {
    expect(to.default, `${path}/default`).toEqual(from.default);
  }
  if (isObject(from.properties)) {
    const properties = to.properties as Json | undefined;
    expect(Object.keys(properties ?? {}).sort(), `${path}/properties`).toEqual(
      expect.arrayContaining(Object.keys(from.properties).sort()),
    );
    for (const [name, subschema] of Object.entries(from.properties)) {
      expectFaithful(subschema, properties?.[name], `${path}/properties/${name}`, sourceRoot, outputRoot, depth + 1);
    }
  }
  if (Array.isArray(from.required) && from.required.length > 0) {
    expect(new Set(to.required as string[]), `${path}/required`).toEqual(new Set(from.required));
  }
  if (isObject(from.items)) expectFaithful(from.items, to.items, `${path}/items`, sourceRoot, outputRoot, depth + 1);
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = from[keyword];
    if (!Array.isArray(branches) || branches.length < 2) continue;
    const emitted = (to[keyword] ?? to.anyOf ?? to.oneOf) as unknown[] | undefined;
    if (emitted === undefined) continue; // zod may fold bare type branches into a type array
    for (const [index, branch] of branches.entries()) {
      expectFaithful(branch, emitted[index], `${path}/${keyword}/${index}`, sourceRoot, outputRoot, depth + 1);
    }
  }
}

/** Whether any `allOf` in `schema` has an empty (`{}`) member: some model SDKs silently drop such tools. */
export function findEmptyAllOfMember(schema: unknown, path = ''): string | undefined {
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) {
      const found = findEmptyAllOfMember(item, `${path}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isObject(schema)) return undefined;
  if (
    Array.isArray(schema.allOf) &&
    schema.allOf.some((member) => isObject(member) && Object.keys(member).length === 0)
  )
    return `${path}/allOf`;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    const found = findEmptyAllOfMember(value, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}
