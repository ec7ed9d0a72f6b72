/**
 * Errors the vendor would send, as Truto passes them on: Truto's `{ statusCode, error, message }` with
 * `truto_is_remote_error: true` and the vendor's own body in `raw_response`. The body follows the document's error
 * schema for that status when it has one (Asana's `{ errors: [{ message, help, phrase }] }`, PagerDuty's
 * `{ error: { message, code, errors: [...] } }`): generated from it, with its `message` fields and `errors` list
 * filled with what went wrong. Without one, `{ errors: [{ message }] }`.
 */
import { SandboxHttpError, statusText } from '../../errors';
import { deepMerge } from '../shared/json-values';
import type { FakeData } from './fake-data';
import { isObject, type JsonObject } from './ref-resolver';

export function vendorError(
  status: number,
  message: string,
  details: readonly string[],
  schema?: unknown,
  fake?: FakeData,
): SandboxHttpError {
  // Every declared field (an object-level example may leave out `errors`), with the example's values where given.
  const template =
    schema === undefined || fake === undefined
      ? undefined
      : deepMerge(
          fake.generate(schema, `error:${status}`, { useExamples: false }),
          fake.generate(schema, `error:${status}`),
        );
  const raw = isObject(template)
    ? fill(template, message, details, 0)
    : { errors: details.map((detail) => ({ message: detail })) };
  return new SandboxHttpError(status, {
    statusCode: status,
    error: statusText(status),
    message,
    truto_is_remote_error: true,
    raw_response: raw,
  });
}

function fill(node: JsonObject, message: string, details: readonly string[], depth: number): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const name = key.toLowerCase();
    if (
      typeof value === 'string' &&
      (name === 'message' || name === 'error' || name === 'detail' || name === 'error_description')
    ) {
      out[key] = message;
    } else if (Array.isArray(value) && (name === 'errors' || name === 'details')) {
      const item = value[0];
      out[key] = details.map((detail) =>
        isObject(item)
          ? { ...fill(item, detail, [detail], depth + 1), ...('message' in item ? {} : { message: detail }) }
          : detail,
      );
    } else if (isObject(value) && depth < 3) out[key] = fill(value, message, details, depth + 1);
    else out[key] = value;
  }
  return out;
}
