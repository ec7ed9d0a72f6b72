import { z } from 'zod';
import type { AnyCheck } from '../checks.js';
import { cachedCheck, predicateCheck, withChecksParams } from '../checks.js';
import type { CompileContext } from '../context.js';
import { hasDuplicateItems } from '../json-equality.js';
import { appendPointer } from '../json-pointer.js';
import type { JsonSchemaObject } from '../types.js';
import { readCount } from './numbers-in-schema.js';

export const ARRAY_KEYWORDS = [
  'items',
  'prefixItems',
  'additionalItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
] as const;

type JsonArray = unknown[];

/**
 * `type: array`. A plain `items` schema becomes `z.array`; positional items (2020-12 `prefixItems`, draft-07 `items: [...]`)
 * become a `z.tuple` whose elements are optional, because JSON Schema lets a tuple be shorter than its description.
 */
export function compileArray(schema: JsonSchemaObject, pointer: string, context: CompileContext): z.ZodType {
  const { prefix, rest } = readItems(schema, pointer, context);
  const minItems = readCount(schema, 'minItems', pointer, context);
  const maxItems = readCount(schema, 'maxItems', pointer, context);
  const checks: AnyCheck[] = [];
  const meta: Record<string, unknown> = {};

  if (minItems !== undefined && minItems > 0) checks.push(minItemsCheck(minItems));
  if (maxItems !== undefined) checks.push(maxItemsCheck(maxItems));
  if (schema.uniqueItems === true) {
    checks.push(
      cachedCheck('uniqueItems', () =>
        predicateCheck<JsonArray>((value) => !hasDuplicateItems(value), 'items must be unique'),
      ),
    );
    meta.uniqueItems = true;
  }
  const contains = readContains(schema, pointer, context);
  if (contains !== undefined) checks.push(contains);

  const params = withChecksParams('expected an array', checks);
  let node: z.ZodType;
  if (prefix.length === 0 && rest !== false) {
    // zod emits minItems/maxItems for arrays from the native length checks.
    node = z.array(rest ?? ANY_ITEM, params);
  } else {
    const elements = prefix.map((element) => element.optional()) as unknown as [z.ZodType, ...z.ZodType[]];
    node = rest === false ? z.tuple(elements, params) : z.tuple(elements, rest ?? ANY_ITEM, params);
    if (minItems !== undefined && minItems > 0) meta.minItems = minItems;
    if (maxItems !== undefined) meta.maxItems = maxItems;
  }
  if (Object.keys(meta).length > 0) z.globalRegistry.add(node, meta);
  return node;
}

/** Shared: an item schema that accepts anything is immutable and carries no metadata. */
const ANY_ITEM = z.unknown();

const items = (count: number) => `${count} item${count === 1 ? '' : 's'}`;

function minItemsCheck(minimum: number): AnyCheck {
  return cachedCheck(
    `minItems:${minimum}`,
    () => z.minLength(minimum, { error: `must have at least ${items(minimum)}` }) as AnyCheck,
  );
}

function maxItemsCheck(maximum: number): AnyCheck {
  return cachedCheck(
    `maxItems:${maximum}`,
    () => z.maxLength(maximum, { error: `must have at most ${items(maximum)}` }) as AnyCheck,
  );
}

interface Items {
  prefix: z.ZodType[];
  /** The schema for items past the prefix; `false` forbids them, `undefined` allows anything. */
  rest: z.ZodType | false | undefined;
}

function readItems(schema: JsonSchemaObject, pointer: string, context: CompileContext): Items {
  const compileRest = (value: unknown, keyword: string): z.ZodType | false | undefined => {
    if (value === undefined || value === true) return undefined;
    if (value === false) return false;
    return context.compile(value, appendPointer(pointer, keyword));
  };
  const compilePrefix = (value: unknown, keyword: string): z.ZodType[] =>
    Array.isArray(value)
      ? value.map((item, position) => context.compile(item, appendPointer(pointer, keyword, position)))
      : [];

  if (context.rules.prefixItems) {
    if (Array.isArray(schema.items)) {
      // The draft-07 spelling in a 2020-12 schema: honour the evident intent and say so.
      context.warn(appendPointer(pointer, 'items'), 'items', 'array-form items is draft-07; read as prefixItems');
      return {
        prefix: compilePrefix(schema.items, 'items'),
        rest: compileRest(schema.additionalItems, 'additionalItems'),
      };
    }
    if (schema.prefixItems !== undefined && !Array.isArray(schema.prefixItems)) {
      context.warn(appendPointer(pointer, 'prefixItems'), 'prefixItems', 'prefixItems must be an array; ignored');
    }
    return { prefix: compilePrefix(schema.prefixItems, 'prefixItems'), rest: compileRest(schema.items, 'items') };
  }
  if (Array.isArray(schema.items)) {
    return {
      prefix: compilePrefix(schema.items, 'items'),
      rest: compileRest(schema.additionalItems, 'additionalItems'),
    };
  }
  // draft-07: additionalItems means nothing when items is a schema or absent.
  return { prefix: [], rest: compileRest(schema.items, 'items') };
}

function readContains(schema: JsonSchemaObject, pointer: string, context: CompileContext) {
  if (schema.contains === undefined) return undefined;
  const node = context.compile(schema.contains, appendPointer(pointer, 'contains'));
  // minContains/maxContains are 2020-12; draft-07 knows only "at least one".
  const minContains = context.rules.prefixItems ? (readCount(schema, 'minContains', pointer, context) ?? 1) : 1;
  const maxContains = context.rules.prefixItems ? readCount(schema, 'maxContains', pointer, context) : undefined;
  const message =
    maxContains === undefined
      ? `must contain at least ${minContains} matching item${minContains === 1 ? '' : 's'}`
      : `must contain between ${minContains} and ${maxContains} matching items`;
  return predicateCheck<JsonArray>((value) => {
    let count = 0;
    for (const item of value) {
      if (node.safeParse(item).success) {
        count++;
        if (maxContains === undefined && count >= minContains) return true;
      }
    }
    return count >= minContains && (maxContains === undefined || count <= maxContains);
  }, message);
}
