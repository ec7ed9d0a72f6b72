/**
 * `@opentelemetry/api`, an optional peer: loaded once, when a manager is created (never on import), and only if
 * installed. Loaded with `require`: the API keeps its registered tracer provider and context manager on `globalThis`
 * under `Symbol.for('opentelemetry.js.api.<major>')` (its `internal/global-utils`), so the CommonJS copy we load sees
 * exactly what the application registered through its ES-module import, and the load is synchronous, so the first
 * call of a new manager is traced too.
 */
import { createRequire } from 'node:module';
import type * as Api from '@opentelemetry/api';

export type OpenTelemetryApi = typeof Api;

/** undefined: not tried yet; null: not installed. */
let loaded: OpenTelemetryApi | null | undefined;

/** The API, or undefined when `@opentelemetry/api` is not installed. */
export function loadOpenTelemetry(): OpenTelemetryApi | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
    } catch {
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
