import { z } from 'zod';
import type { JsonSchemaObject } from './types.js';

/**
 * The annotations a model benefits from: they go into zod's global registry, which `z.toJSONSchema` merges into
 * the output. `example`, `x-*`, `deprecated`, `readOnly`, `$comment` and friends cost tokens and help no model; they
 * are dropped quietly.
 */
export function readAnnotations(schema: JsonSchemaObject): Record<string, unknown> | undefined {
  const meta: Record<string, unknown> = {};
  let found = false;
  if (typeof schema.title === 'string' && schema.title !== '') {
    meta.title = schema.title;
    found = true;
  }
  if (typeof schema.description === 'string' && schema.description !== '') {
    meta.description = schema.description;
    found = true;
  }
  if (schema.default !== undefined && Object.hasOwn(schema, 'default')) {
    meta.default = schema.default;
    found = true;
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    meta.examples = schema.examples;
    found = true;
  }
  if (typeof schema.format === 'string') {
    meta.format = schema.format;
    found = true;
  }
  return found ? meta : undefined;
}

/** Registers `meta` on `node`, keeping whatever was registered there before (keyword metadata such as `minLength`). */
export function registerMeta(node: z.ZodType, meta: Record<string, unknown>): void {
  const existing = z.globalRegistry.get(node);
  z.globalRegistry.add(node, existing === undefined ? meta : { ...existing, ...meta });
}
