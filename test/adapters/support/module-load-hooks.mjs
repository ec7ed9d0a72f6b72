// Resolve hook for record-module-loads.mjs. Writes synchronously, so the log is complete once the import settles.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (process.env.MODULE_LOAD_LOG) appendFileSync(process.env.MODULE_LOAD_LOG, `${result.url}\n`);
  return result;
}
