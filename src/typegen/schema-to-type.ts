/**
 * JSON Schema → TypeScript type text, for generated tool modules. It covers what tool catalogs use (types,
 * enums, const, objects, arrays, unions, intersections, nullable, local `$ref`s) and answers `unknown` for
 * anything it cannot express: a generated type may be looser than the schema, never stricter.
 */

type Schema = Record<string, unknown>;

export interface SchemaToTypeOptions {
  /** The document `#/...` references resolve against. */
  root: Schema;
  /** Property name → type text to use instead of the schema's (date fields: `number | string`). */
  overrides?: ReadonlyMap<string, string>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Deeper than this and the type becomes `unknown`: catalogs are shallow, recursive `$ref`s are not. */
const MAX_DEPTH = 12;

export function schemaToType(schema: unknown, options: SchemaToTypeOptions, indent = ''): string {
  return new Printer(options).type(schema, indent, 0, new Set());
}

/** A property name as TypeScript accepts it in a type literal. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** Text for a JSDoc block: `*\/` cannot end the comment early, and blank lines are kept. */
export function docComment(lines: readonly string[], indent: string): string {
  const body = lines.flatMap((line) => line.split('\n')).map((line) => line.replace(/\*\//g, '*\\/').trimEnd());
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (body.length === 0) return '';
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => (line ? `${indent} * ${line}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

class Printer {
  readonly #options: SchemaToTypeOptions;

  constructor(options: SchemaToTypeOptions) {
    this.#options = options;
  }

  type(schema: unknown, indent: string, depth: number, resolving: Set<string>): string {
    if (schema === true || schema === undefined) return 'unknown';
    if (schema === false) return 'never';
    if (!isRecord(schema) || depth > MAX_DEPTH) return 'unknown';

    if (typeof schema.$ref === 'string') return this.#reference(schema.$ref, indent, depth, resolving);
    if ('const' in schema) return withNull(literal(schema.const), schema);
    if (Array.isArray(schema.enum)) {
      const members = unique(schema.enum.map(literal));
      return withNull(members.length > 0 ? members.join(' | ') : 'never', schema);
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members) && members.length > 0) {
        const own = this.#withoutKeyword(schema, keyword);
        const union = unique(members.map((member) => this.type(member, indent, depth + 1, resolving)));
        const joined = union.includes('unknown') ? 'unknown' : union.join(' | ');
        return own ? combine(own === 'unknown' ? undefined : own, joined, schema) : withNull(joined, schema);
      }
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
      const parts = schema.allOf
        .map((member) => this.type(member, indent, depth + 1, resolving))
        .filter((part) => part !== 'unknown');
      const own = this.#withoutKeyword(schema, 'allOf');
      if (own && own !== 'unknown') parts.unshift(own);
      return withNull(parts.length > 0 ? unique(parts).map(parenthesise).join(' & ') : 'unknown', schema);
    }
    return withNull(this.#typed(schema, indent, depth, resolving), schema);
  }

  /** The schema's own `type`/`properties` next to a combinator, if it has any. */
  #withoutKeyword(schema: Schema, keyword: string): string | undefined {
    const { [keyword]: _dropped, description: _description, ...rest } = schema;
    if (rest.type === undefined && rest.properties === undefined && rest.items === undefined) return undefined;
    return this.#typed(rest, '', 0, new Set());
  }

  #typed(schema: Schema, indent: string, depth: number, resolving: Set<string>): string {
    const declared = schema.type;
    const types = Array.isArray(declared) ? declared.filter((item) => typeof item === 'string') : [declared];
    const inferred =
      declared === undefined
        ? schema.properties !== undefined || schema.additionalProperties !== undefined
          ? ['object']
          : schema.items !== undefined
            ? ['array']
            : []
        : types;
    if (inferred.length === 0) return 'unknown';
    const rendered = unique(inferred.map((type) => this.#single(String(type), schema, indent, depth, resolving)));
    return rendered.includes('unknown') ? 'unknown' : rendered.join(' | ');
  }

  #single(type: string, schema: Schema, indent: string, depth: number, resolving: Set<string>): string {
    switch (type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const items = Array.isArray(schema.items) ? undefined : schema.items;
        return `${parenthesise(this.type(items, indent, depth + 1, resolving))}[]`;
      }
      case 'object':
        return this.object(schema, indent, depth, resolving);
      default:
        return 'unknown';
    }
  }

  object(
    schema: Schema,
    indent: string,
    depth: number,
    resolving: Set<string>,
    overrides?: ReadonlyMap<string, string>,
  ): string {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const inner = `${indent}  `;
    const members: string[] = [];
    for (const [name, property] of Object.entries(properties)) {
      const override = overrides?.get(name);
      const type = override ?? this.type(property, inner, depth + 1, resolving);
      const doc = isRecord(property) ? docComment(propertyDoc(property), inner) : '';
      members.push(`${doc}${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${type};\n`);
    }
    const additional = schema.additionalProperties;
    if (additional !== false && (additional !== undefined || members.length === 0)) {
      // Named properties must fit the index signature, so it can only be narrower when there are none.
      const valueType =
        members.length === 0 && isRecord(additional) ? this.type(additional, inner, depth + 1, resolving) : 'unknown';
      members.push(`${inner}[key: string]: ${valueType};\n`);
    }
    // `{}` would accept any value; an object that may hold nothing is this.
    if (members.length === 0) return 'Record<string, never>';
    return `{\n${members.join('')}${indent}}`;
  }

  #reference(reference: string, indent: string, depth: number, resolving: Set<string>): string {
    if (resolving.has(reference)) return 'unknown';
    const target = resolvePointer(this.#options.root, reference);
    if (target === undefined) return 'unknown';
    resolving.add(reference);
    try {
      return this.type(target, indent, depth + 1, resolving);
    } finally {
      resolving.delete(reference);
    }
  }
}

/** The top-level arguments object of a tool, with per-property overrides (date fields). */
export function argumentsType(schema: Schema, options: SchemaToTypeOptions, indent: string): string {
  return new Printer(options).object(schema, indent, 0, new Set(), options.overrides);
}

function propertyDoc(property: Schema): string[] {
  const lines: string[] = [];
  if (typeof property.description === 'string' && property.description.trim()) lines.push(property.description.trim());
  if (typeof property.format === 'string') lines.push(`@format ${property.format}`);
  if (property.default !== undefined) lines.push(`@default ${JSON.stringify(property.default)}`);
  if (property.deprecated === true) lines.push('@deprecated');
  return lines;
}

function resolvePointer(root: Schema, reference: string): unknown {
  if (!reference.startsWith('#')) return undefined;
  const path = reference.slice(1).split('/').filter(Boolean);
  let current: unknown = root;
  for (const raw of path) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isRecord(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  return 'unknown';
}

function withNull(type: string, schema: Schema): string {
  if (schema.nullable !== true || type === 'unknown' || /(^|\| )null( \||$)/.test(type)) return type;
  return `${parenthesise(type)} | null`;
}

function combine(own: string | undefined, union: string, schema: Schema): string {
  return withNull(own ? `${parenthesise(own)} & (${union})` : union, schema);
}

function parenthesise(type: string): string {
  // Unions and intersections need brackets inside `[]`, `&` and `|` chains of another kind.
  return /^[^{]*[|&]/.test(type) && !type.startsWith('{') ? `(${type})` : type;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function isRecord(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
