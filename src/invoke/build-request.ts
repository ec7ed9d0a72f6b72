import { ToolInputError } from '../errors/index.js';
import type { QueryValue } from '../http/query-string.js';
import type { ArgumentPlan } from './argument-plan.js';

export interface ProxyRequest {
  method: ArgumentPlan['httpMethod'];
  path: string;
  query: Record<string, QueryValue>;
  /**
   * The JSON body: an object of the body's fields, or the bare value of a whole-body argument (an array for a
   * JSON-Patch or bulk endpoint, a string, ...). Undefined when there is nothing to send.
   */
  body?: unknown;
}

/**
 * Splits validated arguments into path, query and body. Pure: the same arguments always give the same request.
 * `integrated_account_id` goes first in the query so that Truto routes the call before reading anything else.
 *
 * No validated argument is ever dropped: each goes where its schema put it, so a GET or DELETE whose body schema
 * has fields (`proration_behavior` on a DELETE, a search GET) sends them as a JSON body. POST and PATCH always carry
 * a body of fields (`{}` when empty); a whole-body argument is sent bare, and only when given.
 *
 * @throws ToolInputError when a tool that addresses one record gets an id that cannot stay in its path segment
 * (empty, `.` or `..`), or no id at all.
 */
export function buildProxyRequest(
  plan: ArgumentPlan,
  args: Record<string, unknown>,
  integratedAccountId: string,
  toolName = '(unnamed tool)',
): ProxyRequest {
  const query: Record<string, QueryValue> = { integrated_account_id: integratedAccountId };
  let body: Record<string, unknown> | undefined;
  let wholeBody: { value: unknown } | undefined;
  let path = plan.basePath;
  for (const name of Object.keys(args)) {
    const value = args[name];
    if (value === undefined) continue;
    if (name === plan.bodyArgument) {
      wholeBody = { value };
      continue;
    }
    const locations = plan.locations.get(name) ?? (plan.extraLocation ? [plan.extraLocation] : []);
    if (locations.length === 0) throw unsendable(toolName, name);
    for (const location of locations) {
      if (location === 'path') {
        // One segment, always: an id with `/`, `..` or `?` must never reach another resource.
        path = `${plan.basePath}/${pathSegment(name, value, toolName)}`;
      } else if (location === 'query') {
        if (name !== 'integrated_account_id') query[name] = value as QueryValue;
      } else {
        body ??= {};
        defineProperty(body, name, value);
      }
    }
  }
  if (plan.idInPath && path === plan.basePath) {
    // Without its id, a get, update or delete would reach the whole collection (`GET /proxy/projects` is a list).
    throw new ToolInputError(toolName, [{ path: 'id', message: 'is required: this tool acts on one record' }]);
  }
  if (wholeBody !== undefined) {
    if (body !== undefined) {
      // Fields and a bare body cannot share one request body; only a catalog whose schemas overlap gets here.
      throw unsendable(
        toolName,
        Object.keys(body)[0]!,
        `it cannot be sent beside the whole body "${plan.bodyArgument}"`,
      );
    }
    return { method: plan.httpMethod, path, query, body: wholeBody.value };
  }
  if (body !== undefined) return { method: plan.httpMethod, path, query, body };
  const alwaysSendsBody =
    (plan.httpMethod === 'POST' || plan.httpMethod === 'PATCH') && plan.bodyArgument === undefined;
  return alwaysSendsBody
    ? { method: plan.httpMethod, path, query, body: {} }
    : { method: plan.httpMethod, path, query };
}

/**
 * An argument the request has no place for. Validation refuses arguments no schema names, so this is reached only
 * through a caller that skipped validation (`validated: true`) or a catalog whose schemas contradict each other;
 * either way, the call is refused rather than sent without it.
 */
function unsendable(toolName: string, name: string, why = 'no schema of this tool says where it goes'): ToolInputError {
  return new ToolInputError(toolName, [{ path: name, message: `cannot be sent: ${why}` }]);
}

/**
 * `encodeURIComponent` keeps `/`, `?` and `#` inside the segment, but cannot help with a segment that is empty, `.`
 * or `..`: servers and CDNs remove dot segments (RFC 3986 §5.2.4, and WHATWG URL parsers read `%2e%2e` as `..`
 * too), and an empty one names the collection. No record has such an id, so the model is told instead.
 */
function pathSegment(name: string, value: unknown, toolName: string): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new ToolInputError(toolName, [
      {
        path: name,
        message: 'must name one record: an empty, "." or ".." id would address another resource',
        received: JSON.stringify(text),
      },
    ]);
  }
  return encodeURIComponent(text);
}

/** Plain assignment of `__proto__` would change the object's prototype instead of setting a key. */
function defineProperty(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__')
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}
