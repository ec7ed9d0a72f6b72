/**
 * Data generated from response schemas with json-schema-faker, deterministic for a seed: every value is a
 * function of (seed, key), where the key names what is generated (`tasks#12`, `tasks/get:123`), so the same
 * request gets the same answer whatever came before it.
 *
 * json-schema-faker fills each type and format and uses the document's own `example`s, which makes vendor data
 * look right (Asana's `resource_type: "task"`). Strings a document gives no example or format for would be random
 * letters; a light pass names them by their property instead (`html_url` a URL, `email` an address, `name` a few
 * words, `*_at` a date-time) and keeps counts non-negative, so answers read like an account's data.
 */
import { hashText, seededRandom } from '../../data/hash';
import { isObject, type JsonObject } from './ref-resolver';

type JsonSchemaFaker = typeof import('json-schema-faker');

/** Generated date-times fall in this window: fixed, so a seed reproduces the same data on any day. */
const MIN_DATE_TIME = '2024-01-01T00:00:00Z';
const MAX_DATE_TIME = '2026-06-30T00:00:00Z';

const WORDS = [
  'quarterly',
  'planning',
  'review',
  'launch',
  'customer',
  'onboarding',
  'billing',
  'migration',
  'roadmap',
  'design',
  'sync',
  'incident',
  'database',
  'release',
  'marketing',
  'campaign',
  'budget',
  'hiring',
  'security',
  'audit',
  'dashboard',
  'mobile',
  'checkout',
  'search',
  'support',
  'escalation',
  'backend',
  'platform',
  'analytics',
  'report',
];
const FIRST_NAMES = [
  'ada',
  'grace',
  'alan',
  'linus',
  'margaret',
  'ken',
  'barbara',
  'dennis',
  'radia',
  'tim',
  'frances',
  'edsger',
];
const LAST_NAMES = [
  'lovelace',
  'hopper',
  'turing',
  'torvalds',
  'hamilton',
  'thompson',
  'liskov',
  'ritchie',
  'perlman',
  'lee',
  'allen',
  'dijkstra',
];
const COLORS = [
  'red',
  'orange',
  'yellow-green',
  'green',
  'blue',
  'indigo',
  'purple',
  'magenta',
  'hot-pink',
  'cool-gray',
];
const TIME_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Australia/Sydney',
];

/** How a record id looks, learnt from the document's example (`"12345"` → digits, `"PABC123"` → the same classes). */
export interface IdStyle {
  type: 'string' | 'integer';
  /** A template of character classes: `9` digit, `A` upper, `a` lower, anything else kept. */
  template?: string;
  format?: string;
}

export class FakeData {
  readonly #jsf: JsonSchemaFaker;
  readonly #seed: number;
  readonly #host: string;

  constructor(jsf: JsonSchemaFaker, options: { seed: number; integration: string }) {
    this.#jsf = jsf;
    this.#seed = options.seed;
    this.#host = `${options.integration.replace(/_/g, '-')}.example.com`;
  }

  /**
   * A value of `schema`, the same for the same key and seed. Never throws: a schema it cannot fill gives `{}`.
   * `useExamples: false` fills every declared property instead of copying an object-level example (error templates).
   */
  generate(schema: unknown, key: string, options: { useExamples?: boolean } = {}): unknown {
    if (schema === undefined) return {};
    const random = seededRandom(this.#hash(`${key}~words`));
    try {
      return this.#jsf.generateSync(schema as never, {
        seed: this.#hash(key),
        alwaysFakeOptionals: true,
        useExamplesValue: options.useExamples ?? true,
        useDefaultValue: true,
        fillProperties: false,
        maxDefaultItems: 2,
        refDepthMax: 2,
        maxDepth: 4,
        failOnInvalidTypes: false,
        minDateTime: MIN_DATE_TIME,
        maxDateTime: MAX_DATE_TIME,
        outputTransform: (value, node, path) => this.#realistic(value, node, path, random),
      });
    } catch {
      return {};
    }
  }

  /** A fresh id in the record's style, the same for the same key and seed. */
  id(style: IdStyle, key: string): string | number {
    const random = seededRandom(this.#hash(`${key}~id`));
    if (style.type === 'integer') return 100_000 + Math.floor(random() * 900_000_000);
    if (style.format === 'uuid') return uuid(random);
    const template = style.template ?? 'aaaa9999aa99';
    let text = '';
    for (const character of template) {
      if (character === '9') text += String(Math.floor(random() * 10));
      else if (character === 'A') text += String.fromCharCode(65 + Math.floor(random() * 26));
      else if (character === 'a') text += String.fromCharCode(97 + Math.floor(random() * 26));
      else text += character;
    }
    // An all-digit id must not start with 0 (Asana's gids are numbers written as strings).
    return /^\d+$/.test(text) && text.startsWith('0') ? `1${text.slice(1)}` : text;
  }

  #hash(key: string): number {
    return hashText(`${this.#seed}:${key}`) || 1;
  }

  #realistic(value: unknown, node: unknown, path: string, random: () => number): unknown {
    if (!isObject(node)) return value;
    if (typeof value === 'number' && Number.isInteger(value) && value < 0 && node.minimum === undefined) {
      return Math.abs(value) % 1000;
    }
    if (typeof value !== 'string') return value;
    const name = (path.split('/').pop() ?? '').toLowerCase();
    // A document's example name would make every record of a list "Bug Task": titles vary, as in a real account.
    const isTitle = /(^|_)(name|title|summary|subject)$/.test(name) && name !== 'resource_name';
    // Likewise one example timestamp would date every record the same second.
    if (
      (node.format === 'date-time' || node.format === 'date') &&
      node.enum === undefined &&
      node.const === undefined
    ) {
      const text = dateTime(random);
      return node.format === 'date' ? text.slice(0, 10) : text;
    }
    if (!(isFreeString(node) || (isTitle && isFreeText(node)))) return value;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const words = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
    let text: string | undefined;
    if (/(^|_)(url|uri|href|link|self)$/.test(name) || name.endsWith('_url'))
      text = `https://${this.#host}/${pick(WORDS)}/${Math.floor(random() * 1e6)}`;
    else if (name === 'email' || name.endsWith('_email')) text = `${pick(FIRST_NAMES)}.${pick(LAST_NAMES)}@example.com`;
    else if (/(^|_)(at|date|time|timestamp)$/.test(name)) text = dateTime(random);
    else if (/(^|_)(first_name|last_name|full_name|display_name|user_name|username)$/.test(name))
      text = capitalise(`${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);
    else if (/(^|_)(name|title|summary|subject|label)$/.test(name))
      text = capitalise(words(2 + Math.floor(random() * 3)));
    else if (/(^|_)(description|notes?|body|message|text|content|comment|details)$/.test(name))
      text = `${capitalise(words(6 + Math.floor(random() * 6)))}.`;
    else if (name === 'color' || name === 'colour') text = pick(COLORS);
    else if (name === 'time_zone' || name === 'timezone') text = pick(TIME_ZONES);
    else if (name === 'phone' || name.endsWith('_phone') || name === 'phone_number')
      text = `+1 555 01${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    if (text === undefined) return value;
    const min = typeof node.minLength === 'number' ? node.minLength : 0;
    const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY;
    return text.length >= min && text.length <= max ? text : value;
  }
}

/** Formats json-schema-faker fills itself; any other (`url`, `tzinfo`) leaves the string free. */
const GENERATED_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
  'uuid',
]);

/** A string the document says nothing about (no example, enum, known format or pattern): free to make realistic. */
function isFreeString(node: JsonObject): boolean {
  return (
    node.example === undefined &&
    node.examples === undefined &&
    node.enum === undefined &&
    node.const === undefined &&
    !(typeof node.format === 'string' && GENERATED_FORMATS.has(node.format)) &&
    node.pattern === undefined &&
    node.default === undefined
  );
}

/** Text with no enum, const, format or pattern: an example there is only an illustration. */
function isFreeText(node: JsonObject): boolean {
  return node.enum === undefined && node.const === undefined && node.format === undefined && node.pattern === undefined;
}

/** The id style a record's id property suggests (its type, format and example). */
export function idStyleOf(idSchema: unknown): IdStyle {
  const schema = isObject(idSchema) ? idSchema : {};
  const type = schema.type === 'integer' || schema.type === 'number' ? 'integer' : 'string';
  if (type === 'integer') return { type };
  if (schema.format === 'uuid') return { type, format: 'uuid' };
  const example = [schema.example, Array.isArray(schema.examples) ? schema.examples[0] : undefined].find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
  if (example === undefined) return { type };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(example)) return { type, format: 'uuid' };
  let template = [...example]
    .map((character) =>
      /\d/.test(character) ? '9' : /[A-Z]/.test(character) ? 'A' : /[a-z]/.test(character) ? 'a' : character,
    )
    .join('');
  // Short examples ("12345") would make ids collide; real ones of that kind are long (Asana gids are 16 digits).
  if (/^9+$/.test(template) && template.length < 16) template = '9'.repeat(16);
  else if (template.length < 6) template = template.padEnd(6, template[template.length - 1] === '9' ? '9' : 'A');
  return { type, template };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(random() * 4)).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function dateTime(random: () => number): string {
  const start = Date.parse(MIN_DATE_TIME);
  const end = Date.parse(MAX_DATE_TIME);
  return new Date(start + Math.floor((random() * (end - start)) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
