import type { QueryValue } from '../http/query-string.js';
import type { ArgumentPlan } from './argument-plan.js';

export interface ProxyRequest {
  method: ArgumentPlan['httpMethod'];
  path: string;
  query: Record<string, QueryValue>;
  /** Undefined when the tool sends no body (GET, DELETE, or nothing to send). */
  body?: Record<string, unknown>;
}

/**
 * Splits validated arguments into path, query and body. Pure: the same arguments always give the same request.
 * `integrated_account_id` goes first in the query so that Truto routes the call before reading anything else.
 */
export function buildProxyRequest(plan: ArgumentPlan, args: Record<string, unknown>, integratedAccountId: string): ProxyRequest {
  const query: Record<string, QueryValue> = { integrated_account_id: integratedAccountId };
  let body: Record<string, unknown> | undefined;
  let path = plan.basePath;
  for (const name of Object.keys(args)) {
    const value = args[name];
    if (value === undefined) continue;
    const locations = plan.locations.get(name) ?? (plan.extraLocation ? [plan.extraLocation] : []);
    for (const location of locations) {
      if (location === 'path') {
        // One segment, always: an id with `/`, `..` or `?` must never reach another resource.
        path = `${plan.basePath}/${encodeURIComponent(String(value))}`;
      } else if (location === 'query') {
        if (name !== 'integrated_account_id') query[name] = value as QueryValue;
      } else {
        body ??= {};
        defineProperty(body, name, value);
      }
    }
  }
  const sendsBody = plan.httpMethod !== 'GET' && plan.httpMethod !== 'DELETE';
  return { method: plan.httpMethod, path, query, ...(sendsBody ? { body: body ?? {} } : {}) };
}

/** Plain assignment of `__proto__` would change the object's prototype instead of setting a key. */
function defineProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
