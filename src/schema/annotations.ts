import { z } from 'zod';
import type { JsonSchemaObject } from './types.js';

/**
 * The annotations a model benefits from: they go into zod's global registry, which `z.toJSONSchema` merges into
 * the output. `example`, `x-*`, `deprecated`, `readOnly`, `$comment` and friends cost tokens and help no model; they
 * are dropped quietly.
 */
export function readAnnotations(schema: JsonSchemaObject): Record<string, unknown> | undefined {
  let meta: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    meta ??= {};
    meta[key] = value;
  };
  if (typeof schema.title === 'string' && schema.title !== '') set('title', schema.title);
  if (typeof schema.description === 'string' && schema.description !== '') set('description', schema.description);
  if (Object.hasOwn(schema, 'default') && schema.default !== undefined) set('default', schema.default);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) set('examples', schema.examples);
  if (typeof schema.format === 'string') set('format', schema.format);
  return meta;
}

/** Registers `meta` on `node`, keeping whatever was registered there before (keyword metadata such as `minLength`). */
export function registerMeta(node: z.ZodType, meta: Record<string, unknown>): void {
  const existing = z.globalRegistry.get(node);
  z.globalRegistry.add(node, existing === undefined ? meta : { ...existing, ...meta });
}
