/**
 * The manager's `telemetry` option. Structural types rather than `@opentelemetry/api`'s own, so that the package's
 * public types do not need that optional peer installed.
 */

/** What the SDK calls on a tracer provider: `@opentelemetry/api`'s `TracerProvider` fits. */
export interface TracerProviderLike {
  getTracer(name: string, version?: string): unknown;
}

export interface TelemetryOptions {
  /**
   * `false` turns tracing off for this manager even when a tracer provider is registered.
   * @default true: spans are made whenever `@opentelemetry/api` is installed and a tracer provider is registered
   */
  enabled?: boolean;
  /**
   * The provider to trace with instead of the globally registered one (`trace.setGlobalTracerProvider`).
   * @default the global provider; none registered means no spans at all
   */
  tracerProvider?: TracerProviderLike;
  /**
   * Record each call's arguments (after validation and date resolution) as `gen_ai.tool.call.arguments`, an opt-in
   * attribute of the GenAI conventions: they may hold your customers' data. @default false
   */
  recordInputs?: boolean;
  /**
   * Record each call's answer as `gen_ai.tool.call.result` (opt-in in the GenAI conventions, for the same reason),
   * cut to `maxRecordedChars`. @default false
   */
  recordOutputs?: boolean;
  /** The longest recorded argument or result text; longer ones are cut and say so. @default 4096 */
  maxRecordedChars?: number;
}

export const DEFAULT_MAX_RECORDED_CHARS = 4096;
/** The instrumentation scope spans are reported under. */
export const TRACER_NAME = 'truto-langchainjs-toolset';
