import { z } from 'zod';

/**
 * Control over what `z.toJSONSchema` writes for nodes whose zod structure would say it badly. The hook lives on the
 * instance (zod's `processJSONSchema`), so it is lost when zod clones the node: `.check()`, `.describe()`, `.meta()`.
 * `hooked` remembers such nodes so the compiler wraps them instead of cloning them.
 */
const hooked = new WeakSet<z.ZodType>();

type Processor = NonNullable<z.core.$ZodTypeInternals['processJSONSchema']>;
type ProcessContext = Parameters<Processor>[0];
type ProcessParams = Parameters<Processor>[2];

/**
 * Makes `node` emit the JSON of `children` merged together, with `omit` keys left out. Used for untyped schemas
 * whose keywords constrain several JSON types: the source said `{minLength: 2, minimum: 1}`, so the model should read
 * that, not an `anyOf` over every JSON type.
 */
export function emitMergedChildren(node: z.ZodType, children: z.ZodType[], omit: readonly string[]): void {
  node._zod.processJSONSchema = (context: ProcessContext, json: Record<string, unknown>, params: ProcessParams) => {
    for (const child of children) {
      const childJson = z.core.processSchema(child, context, params) as Record<string, unknown>;
      for (const [key, value] of Object.entries(childJson)) {
        if (!omit.includes(key) && !(key in json)) json[key] = value;
      }
    }
  };
  hooked.add(node);
}

export function hasJsonHook(node: z.ZodType): boolean {
  return hooked.has(node);
}

/** Makes `node` emit exactly what `target` emits (zod's own technique for `z.lazy`: a reference it flattens later). */
export function emitLike(node: z.ZodType, target: z.ZodType): void {
  node._zod.processJSONSchema = (context: ProcessContext, _json: Record<string, unknown>, params: ProcessParams) => {
    z.core.processSchema(target, context, params);
    const seen = context.seen.get(node);
    if (seen !== undefined) seen.ref = target;
  };
  hooked.add(node);
}
