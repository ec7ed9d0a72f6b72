/**
 * What may be written to a snapshot. One pure transformation, used by every way of recording (the manager hook,
 * `truto-tools call --record`, the recording proxy), so all three keep and drop exactly the same things.
 */
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { createSecretTextRedactor, type SecretTextRedactor } from './secret-text.js';
import type { RecordedResponse, SnapshotRecording } from './snapshot.js';

/** What a value under a secret-naming key becomes. */
export const REDACTED_VALUE = '[REDACTED]';

/** Headers never written, whatever their value. */
export const SECRET_HEADER_NAMES: readonly string[] = [
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
];

/** Body and query keys whose values are never written (compared case-insensitively, `-` and `_` ignored). */
export const SECRET_FIELD_NAMES: readonly string[] = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'api_key',
  'apikey',
  'secret',
  'client_secret',
  'password',
  'authorization',
  'private_key',
];

/** Any other header whose name says it carries a credential (`x-auth-token`, `x-amz-security-token`, ...). */
const SECRET_HEADER_WORDS = /token|secret|password|api[-_]?key|authorization|cookie|credential|session/i;

/**
 * Headers that describe one transfer, not the answer: the body is stored decoded and re-encoded on replay, so its
 * length, encoding and connection handling would be wrong there.
 */
const TRANSPORT_HEADER_NAMES = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'content-encoding',
]);

const SECRET_FIELDS = new Set(SECRET_FIELD_NAMES.map(normaliseFieldName));

export interface ScrubOptions {
  /**
   * Strings that must appear in no encoding: the API key, and any token a client of the recording proxy used.
   * Values shorter than 8 characters are ignored (replacing them would mangle ordinary text).
   */
  secrets: readonly (string | undefined)[];
}

export interface Scrubber {
  /** A copy of the exchange that is safe to write. */
  recording(recording: SnapshotRecording): SnapshotRecording;
  /**
   * Catalog entries with the secrets removed from every string. Secret-naming keys stay: in a schema, `password`
   * names a property, it does not hold one.
   */
  tools(tools: readonly TrutoToolDefinition[]): TrutoToolDefinition[];
}

/** Compiles the secrets' patterns once, for many recordings. */
export function createScrubber(options: ScrubOptions): Scrubber {
  const redactText = createSecretTextRedactor(options.secrets);
  return {
    recording: (recording) => scrubWith(redactText, recording),
    tools: (tools) => tools.map((tool) => redactStrings(redactText, tool) as TrutoToolDefinition),
  };
}

/** `createScrubber(options).recording(recording)`, for a single exchange. */
export function scrubRecording(recording: SnapshotRecording, options: ScrubOptions): SnapshotRecording {
  return createScrubber(options).recording(recording);
}

export function isSecretHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADER_NAMES.includes(lower) || SECRET_HEADER_WORDS.test(lower);
}

export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELDS.has(normaliseFieldName(name));
}

function scrubWith(redactText: SecretTextRedactor, recording: SnapshotRecording): SnapshotRecording {
  const { request, response } = recording;
  const scrubbedResponse: RecordedResponse = {
    status: response.status,
    headers: scrubHeaders(redactText, response.headers),
  };
  if (response.body !== undefined) scrubbedResponse.body = scrubData(redactText, response.body);
  if (response.bodyOmitted !== undefined) scrubbedResponse.bodyOmitted = response.bodyOmitted;
  return {
    ...(recording.tool !== undefined ? { tool: recording.tool } : {}),
    recordedAt: recording.recordedAt,
    request: {
      method: request.method,
      path: redactText(request.path),
      query: scrubData(redactText, request.query) as SnapshotRecording['request']['query'],
      ...(request.body !== undefined ? { body: scrubData(redactText, request.body) } : {}),
    },
    response: scrubbedResponse,
  };
}

function scrubHeaders(redactText: SecretTextRedactor, headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (TRANSPORT_HEADER_NAMES.has(lower) || isSecretHeaderName(lower)) continue;
    setOwn(kept, lower, redactText(String(value)));
  }
  return kept;
}

/** JSON data: values under secret-naming keys replaced, the secrets removed from every other string and key. */
function scrubData(redactText: SecretTextRedactor, value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => scrubData(redactText, item));
  if (!isPlainRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const secret = isSecretFieldName(key) && item !== null && item !== undefined;
    setOwn(copy, redactText(key), secret ? REDACTED_VALUE : scrubData(redactText, item));
  }
  return copy;
}

function redactStrings(redactText: SecretTextRedactor, value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(redactText, item));
  if (!isPlainRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, redactText(key), redactStrings(redactText, item));
  return copy;
}

function normaliseFieldName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Plain assignment of `__proto__` (a key JSON may well hold) would change the copy's prototype instead. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
