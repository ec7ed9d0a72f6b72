/**
 * `structured-headers` (RFC 9651 Structured Field Values), loaded by the first rate-limit field that needs a real
 * parser rather than on import: most answers carry no such field, plain numbers are read without it, and importing
 * the package must cost little more than `@langchain/core/tools` (bench/import.bench.ts). Loaded with `require`,
 * which is synchronous (header parsing is) and which the package supports.
 */
import { createRequire } from 'node:module';
import type * as StructuredHeaders from 'structured-headers';

let loaded: typeof StructuredHeaders | undefined;

export function structuredFields(): typeof StructuredHeaders {
  loaded ??= createRequire(import.meta.url)('structured-headers') as typeof StructuredHeaders;
  return loaded;
}
