import { z } from 'zod';
import type { CompileContext } from '../context.js';
import { emitLike } from '../json-emission.js';
import { appendPointer } from '../json-pointer.js';
import { isJsonObject } from '../json-value.js';
import { resolveRef } from '../refs.js';
import type { JsonSchemaObject } from '../types.js';

/**
 * OpenAPI 3.0 `discriminator` next to `oneOf`/`anyOf`: the value of `propertyName` picks the branch (through
 * `mapping`, else the branch's component name, else the branch's own `const`/`enum` for that property), so a wrong
 * payload is reported against the one branch it meant, and an unknown tag as "expected one of: ...". The model
 * still reads the plain `oneOf`/`anyOf`.
 */
export function compileDiscriminated(
  schema: JsonSchemaObject,
  keyword: 'oneOf' | 'anyOf',
  branchSchemas: unknown[],
  branches: z.ZodType[],
  union: z.ZodType,
  pointer: string,
  context: CompileContext,
): z.ZodType {
  const discriminator = schema.discriminator;
  if (!isJsonObject(discriminator) || typeof discriminator.propertyName !== 'string') {
    context.warn(
      appendPointer(pointer, 'discriminator'),
      'discriminator',
      'discriminator needs a propertyName; ignored',
    );
    return union;
  }
  const propertyName = discriminator.propertyName;
  const byTag = new Map<string, z.ZodType>();
  const targetOf = (reference: string, from: object) => resolveRef(reference, from, context.index)?.schema;
  const mapping = isJsonObject(discriminator.mapping) ? discriminator.mapping : {};
  for (const [tag, reference] of Object.entries(mapping)) {
    if (typeof reference !== 'string') continue;
    // A mapping value is a reference or, per the specification, a bare component name.
    const target = targetOf(
      reference.includes('/') || reference.includes('#') ? reference : `#/components/schemas/${reference}`,
      schema,
    );
    const position = branchSchemas.findIndex(
      (branch) =>
        branch === target ||
        (isJsonObject(branch) && typeof branch.$ref === 'string' && targetOf(branch.$ref, branch) === target),
    );
    if (position >= 0) byTag.set(tag, branches[position]!);
  }
  branchSchemas.forEach((branch, position) => {
    for (const tag of implicitTags(branch, propertyName, targetOf))
      if (!byTag.has(tag)) byTag.set(tag, branches[position]!);
  });
  if (byTag.size === 0) {
    context.warn(
      appendPointer(pointer, 'discriminator'),
      'discriminator',
      `no ${keyword} branch could be matched to a ${propertyName} value; validated as a plain ${keyword}`,
    );
    return union;
  }
  const tags = [...byTag.keys()];
  const node = z.unknown().check(
    z.check((payload) => {
      const input = payload.value;
      if (!isJsonObject(input)) {
        payload.issues.push({ code: 'custom', message: 'expected an object', input });
        return;
      }
      const tag = input[propertyName];
      const branch = typeof tag === 'string' ? byTag.get(tag) : undefined;
      if (branch === undefined) {
        const shown = tags.slice(0, 20).join(', ');
        payload.issues.push({ code: 'custom', message: `expected one of: ${shown}`, input, path: [propertyName] });
        return;
      }
      const result = branch.safeParse(input);
      if (result.success) payload.value = result.data;
      else for (const issue of result.error.issues) payload.issues.push({ ...issue, input } as never);
    }),
  );
  emitLike(node, union);
  return node;
}

/** The tags a branch answers to without a mapping: its component name, and its own const/enum for the property. */
function implicitTags(
  branch: unknown,
  propertyName: string,
  targetOf: (reference: string, from: object) => unknown,
): string[] {
  if (!isJsonObject(branch)) return [];
  const tags: string[] = [];
  let target: unknown = branch;
  if (typeof branch.$ref === 'string') {
    const name = branch.$ref.split('/').pop();
    if (name !== undefined && name !== '') tags.push(decodeURIComponent(name));
    target = targetOf(branch.$ref, branch);
  }
  const property =
    isJsonObject(target) && isJsonObject(target.properties) ? target.properties[propertyName] : undefined;
  if (isJsonObject(property)) {
    if (typeof property.const === 'string') tags.push(property.const);
    if (Array.isArray(property.enum))
      for (const value of property.enum) if (typeof value === 'string') tags.push(value);
  }
  return tags;
}
