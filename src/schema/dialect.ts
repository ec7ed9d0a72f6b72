import { isJsonObject } from './json-value.js';
import { DEFAULT_DIALECT, type Dialect } from './types.js';

/**
 * The dialect a schema declares through `$schema`, else `fallback`. Drafts 04 and 06 read like draft-07 for every
 * keyword we support; 2019-09 reads like 2020-12 (its `$recursiveRef` is out of scope either way).
 */
export function detectDialect(schema: unknown, fallback: Dialect = DEFAULT_DIALECT): Dialect {
  if (!isJsonObject(schema) || typeof schema.$schema !== 'string') return fallback;
  const uri = schema.$schema;
  if (/draft-0[4-7]\/schema/.test(uri)) return 'draft-07';
  if (/draft\/(2019-09|2020-12)\/schema/.test(uri)) return '2020-12';
  if (/openapi|oas\/3\.0/i.test(uri)) return 'openapi-3.0';
  return fallback;
}

/** How a dialect spells the keywords whose meaning moved between drafts. */
export interface DialectRules {
  /** `prefixItems` exists and `items` covers what it leaves (2020-12); otherwise `items: [a, b]` is a tuple and
   * `additionalItems` covers the rest (draft-07, OpenAPI 3.0). */
  prefixItems: boolean;
  /** Keywords next to `$ref` are ignored (draft-07 and OpenAPI 3.0 say so; 2020-12 applies them). */
  refOverridesSiblings: boolean;
  /** `nullable`, `discriminator` and boolean `exclusiveMinimum` belong to OpenAPI 3.0. */
  openApi: boolean;
}

export function dialectRules(dialect: Dialect): DialectRules {
  switch (dialect) {
    case 'draft-07':
      return {
        prefixItems: false,
        refOverridesSiblings: true,
        openApi: false,
      };
    case 'openapi-3.0':
      return {
        prefixItems: false,
        refOverridesSiblings: true,
        openApi: true,
      };
    default:
      return {
        prefixItems: true,
        refOverridesSiblings: false,
        openApi: false,
      };
  }
}
