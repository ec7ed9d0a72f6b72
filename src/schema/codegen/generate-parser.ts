import { z } from 'zod';
import type { DialectRules } from '../dialect.js';
import { formatValidator } from '../formats.js';
import { safeParseWithRuntime } from '../jit.js';
import { hasDuplicateItems } from '../json-equality.js';
import { copyJson, isJsonObject } from '../json-value.js';
import { isMultipleOf } from '../keywords/number.js';
import { codePointLength } from '../keywords/string.js';
import { compilePattern } from '../pattern.js';
import type { JsonSchemaObject } from '../types.js';
import { CodeWriter, literal } from './code-writer.js';
import { islandReason, isPureUnion } from './subset.js';

/** What the generator reads: the source schema and, for the parts it leaves to zod, the compiled nodes. */
export interface GenerationSource {
  schema: unknown;
  rules: DialectRules;
  assertFormats: boolean;
  /** Whether absent optional properties get their `default` (as the runtime path does). */
  applyDefaults: boolean;
  /** The runtime node compiled for each schema object. */
  compiled: ReadonlyMap<object, z.ZodType>;
  /** Schemas the runtime relaxed (reference loops): generated code leaves them to their nodes. */
  unsafe: WeakSet<object>;
  resolve(reference: string, from: object): unknown;
  /** The node the parser is generated for: handing a value back to it must bypass its fast path. */
  root: z.ZodType;
  /** Called for every node the generated code hands a value to, so it can get a fast path of its own. */
  onIsland?(node: z.ZodType): void;
}

export type Parser = (input: unknown) => unknown;

/**
 * Generates one parser for a JSON Schema, the way ajv does, but building the output zod's runtime would build
 * (fresh objects and arrays, defaults filled in). The subset it writes covers what tool schemas are made of:
 * typed objects, arrays, tuples, strings, numbers, enums and local references. Any other sub-schema becomes an
 * island: a call to the zod node compiled for it. The parser returns `z.INVALID` on any doubt; the runtime then
 * decides and explains. `null` when the root itself is an island (zod's own generator gets a turn then).
 */
export function generateParser(source: GenerationSource): Parser | null {
  if (islandReason(source.schema, source.rules) !== undefined) return null;
  if (isJsonObject(source.schema) && source.unsafe.has(source.schema)) return null;
  const generator = new Generator(source);
  try {
    return generator.build();
  } catch {
    return null;
  }
}

/** Enums longer than this are checked through a Set rather than inline comparisons. */
const INLINE_ENUM_VALUES = 16;

/** Keys for the local functions of boolean schemas. */
const TRUE_SCHEMA = {};
const FALSE_SCHEMA = {};

class Generator {
  readonly #source: GenerationSource;
  readonly #writer = new CodeWriter();
  /** Local functions already generated (or being generated), by schema; registered before generating, so a
   * recursive reference calls the function being written. */
  readonly #functions = new Map<object, string>();
  readonly #functionBodies: string[] = [];

  constructor(source: GenerationSource) {
    this.#source = source;
  }

  build(): Parser {
    const writer = this.#writer;
    const main = this.#inFunction((input) => this.#emit(this.#source.schema, input));
    const body = `${this.#functionBodies.join('\n')}\nreturn function parse(input) {\n${main}\n};`;
    const factory = new Function('INVALID', ...writer.constantNames, body);
    return factory(z.INVALID, ...writer.constantValues) as Parser;
  }

  /** Generates a function body around `emit`, which writes statements and names the output. */
  #inFunction(emit: (input: string) => string): string {
    const saved = this.#writer.lines.splice(0);
    const output = emit('input');
    const lines = this.#writer.lines.splice(0, this.#writer.lines.length, ...saved);
    return `${lines.join('\n')}\nreturn ${output};`;
  }

  #write(line: string): void {
    this.#writer.write(line);
  }

  #fail(condition: string): void {
    this.#write(`if (${condition}) return INVALID;`);
  }

  /** Writes the checks for `schema` on `value` and returns the expression holding the output. */
  #emit(schema: unknown, value: string): string {
    if (schema === false) {
      this.#write('return INVALID;');
      return value;
    }
    // Anything else that is not an object compiled to "accept anything" (with a warning).
    if (!isJsonObject(schema)) return value;
    if (islandReason(schema, this.#source.rules) !== undefined || this.#source.unsafe.has(schema)) {
      return this.#island(schema, value);
    }
    if (isPureUnion(schema, this.#source.rules)) return this.#union(schema, value);
    if (typeof schema.$ref === 'string') return this.#reference(schema, value);
    return this.#typed(schema, value);
  }

  #island(schema: JsonSchemaObject, value: string): string {
    const node = this.#source.compiled.get(schema);
    if (node === undefined) throw new Error('no runtime node for an island');
    const result = this.#writer.variable('r');
    if (node === this.#source.root) {
      this.#write(
        `const ${result} = ${this.#writer.constant(safeParseWithRuntime)}(${this.#writer.constant(node)}, ${value});`,
      );
    } else {
      this.#source.onIsland?.(node);
      this.#write(`const ${result} = ${this.#writer.constant(node)}.safeParse(${value});`);
    }
    this.#fail(`!${result}.success`);
    return `${result}.data`;
  }

  /** anyOf: the first branch that accepts gives the output; oneOf: exactly one branch may accept. */
  #union(schema: JsonSchemaObject, value: string): string {
    const exclusive = Array.isArray(schema.oneOf);
    const branches = (exclusive ? schema.oneOf : schema.anyOf) as unknown[];
    if (branches.length === 1) return this.#emit(branches[0], value);
    const output = this.#writer.variable('u');
    this.#write(`let ${output} = INVALID;`);
    for (const branch of branches) {
      const result = this.#writer.variable('r');
      this.#write(`const ${result} = ${this.#functionFor(branch)}(${value});`);
      if (exclusive) {
        this.#write(`if (${result} !== INVALID) { if (${output} !== INVALID) return INVALID; ${output} = ${result}; }`);
      } else {
        this.#write(`if (${output} === INVALID) ${output} = ${result};`);
      }
    }
    this.#fail(`${output} === INVALID`);
    return output;
  }

  /** A local function that parses with `schema` (one per schema object, so recursion calls itself). */
  #functionFor(schema: unknown): string {
    const key = isJsonObject(schema) ? schema : schema === false ? FALSE_SCHEMA : TRUE_SCHEMA;
    let name = this.#functions.get(key);
    if (name === undefined) {
      name = this.#writer.variable('f');
      this.#functions.set(key, name);
      const body = this.#inFunction((input) => this.#emit(schema, input));
      this.#functionBodies.push(`function ${name}(input) {\n${body}\n}`);
    }
    return name;
  }

  #reference(schema: JsonSchemaObject, value: string): string {
    const target = this.#source.resolve(schema.$ref as string, schema);
    // Unresolvable references accept anything at run time (with a warning at compile time); loops are islands.
    if (target === undefined) return value;
    if (!isJsonObject(target)) return this.#emit(target, value);
    const result = this.#writer.variable('r');
    this.#write(`const ${result} = ${this.#functionFor(target)}(${value});`);
    this.#fail(`${result} === INVALID`);
    return result;
  }

  #typed(schema: JsonSchemaObject, value: string): string {
    let types =
      typeof schema.type === 'string'
        ? [schema.type]
        : Array.isArray(schema.type)
          ? [...(schema.type as string[])]
          : undefined;
    if (types?.includes('number')) types = types.filter((type) => type !== 'integer');
    const nullable = this.#source.rules.openApi && schema.nullable === true;
    if (types !== undefined && nullable && !types.includes('null')) types.push('null');
    types = types === undefined ? undefined : [...new Set(types)];
    let output = value;
    if (types !== undefined && types.length === 1) {
      output = this.#emitType(types[0]!, schema, value);
    } else if (types !== undefined) {
      output = this.#writer.variable('o');
      this.#write(`let ${output};`);
      types.forEach((type, position) => {
        this.#write(`${position === 0 ? '' : 'else '}if (${typeTest(type, value)}) {`);
        this.#write(`${output} = ${this.#emitType(type, schema, value)};`);
        this.#write('}');
      });
      this.#write('else return INVALID;');
    }
    this.#emitEnum(schema, value, nullable);
    return output;
  }

  /** Membership for `enum`/`const` of primitive values (the subset guarantees that). */
  #emitEnum(schema: JsonSchemaObject, value: string, nullable: boolean): void {
    if (Array.isArray(schema.enum)) {
      const values = nullable && !schema.enum.includes(null) ? [...schema.enum, null] : schema.enum;
      // A long enum is one set lookup: 100,000 comparisons chained would be megabytes of code for V8 to compile.
      // SameValueZero agrees with `===` on JSON primitives.
      if (values.length > INLINE_ENUM_VALUES) this.#fail(`!${this.#writer.constant(new Set(values))}.has(${value})`);
      else
        this.#fail(
          values.length === 0
            ? 'true'
            : `!(${values.map((candidate) => `${value} === ${primitive(candidate)}`).join(' || ')})`,
        );
    }
    if (Object.hasOwn(schema, 'const') && schema.const !== undefined) {
      this.#fail(`${value} !== ${primitive(schema.const)}`);
    }
  }

  #emitType(type: string, schema: JsonSchemaObject, value: string): string {
    switch (type) {
      case 'string':
        return this.#string(schema, value);
      case 'number':
      case 'integer':
        return this.#number(schema, value, type === 'integer');
      case 'boolean':
        this.#fail(`typeof ${value} !== "boolean"`);
        return value;
      case 'null':
        this.#fail(`${value} !== null`);
        return value;
      case 'object':
        return this.#object(schema, value);
      default:
        return this.#array(schema, value);
    }
  }

  #string(schema: JsonSchemaObject, value: string): string {
    this.#fail(`typeof ${value} !== "string"`);
    const count = this.#writer.constant(codePointLength);
    if (typeof schema.minLength === 'number' && schema.minLength > 0) {
      const minimum = schema.minLength;
      this.#fail(
        `${value}.length < ${minimum} || (${value}.length < ${minimum * 2} && ${count}(${value}) < ${minimum})`,
      );
    }
    if (typeof schema.maxLength === 'number') {
      this.#fail(`${value}.length > ${schema.maxLength} && ${count}(${value}) > ${schema.maxLength}`);
    }
    if (typeof schema.pattern === 'string') {
      this.#fail(`!${this.#writer.constant(compilePattern(schema.pattern))}.test(${value})`);
    }
    if (typeof schema.format === 'string' && this.#source.assertFormats) {
      const validate = formatValidator(schema.format);
      if (validate !== undefined) this.#fail(`!${this.#writer.constant(validate)}(${value})`);
    }
    return value;
  }

  #number(schema: JsonSchemaObject, value: string, integer: boolean): string {
    this.#fail(`typeof ${value} !== "number" || !Number.isFinite(${value})`);
    if (typeof schema.minimum === 'number')
      this.#fail(`${value} ${schema.exclusiveMinimum === true ? '<=' : '<'} ${schema.minimum}`);
    if (typeof schema.maximum === 'number')
      this.#fail(`${value} ${schema.exclusiveMaximum === true ? '>=' : '>'} ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number') this.#fail(`${value} <= ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number') this.#fail(`${value} >= ${schema.exclusiveMaximum}`);
    if (integer) this.#fail(`!Number.isInteger(${value})`);
    if (typeof schema.multipleOf === 'number') {
      this.#fail(`!${this.#writer.constant(isMultipleOf)}(${value}, ${schema.multipleOf})`);
    }
    return value;
  }

  #object(schema: JsonSchemaObject, value: string): string {
    const writer = this.#writer;
    this.#fail(`typeof ${value} !== "object" || ${value} === null || Array.isArray(${value})`);
    const properties = (isJsonObject(schema.properties) ? schema.properties : {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const output = writer.variable('o');
    this.#write(`const ${output} = {};`);
    for (const [key, subschema] of Object.entries(properties)) {
      const property = writer.variable();
      this.#write(`const ${property} = ${value}[${literal(key)}];`);
      if (required.has(key)) {
        this.#fail(`${property} === undefined`);
        this.#write(`${output}[${literal(key)}] = ${this.#emit(subschema, property)};`);
      } else {
        this.#write(`if (${property} !== undefined) {`);
        this.#write(`${output}[${literal(key)}] = ${this.#emit(subschema, property)};`);
        this.#write('}');
      }
    }
    for (const key of required) {
      if (!Object.hasOwn(properties, key)) this.#fail(`${value}[${literal(key)}] === undefined`);
    }
    this.#extraKeys(schema.additionalProperties, Object.keys(properties), value, output);
    const count = `Object.keys(${output}).length`;
    if (typeof schema.minProperties === 'number' && schema.minProperties > 0)
      this.#fail(`${count} < ${schema.minProperties}`);
    if (typeof schema.maxProperties === 'number') this.#fail(`${count} > ${schema.maxProperties}`);
    for (const [key, subschema] of Object.entries(properties)) {
      if (!this.#source.applyDefaults) break;
      if (required.has(key) || !isJsonObject(subschema) || !Object.hasOwn(subschema, 'default')) continue;
      if (typeof subschema.$ref === 'string') continue;
      const fallback = subschema.default;
      const copy =
        typeof fallback === 'object' && fallback !== null
          ? `${writer.constant(copyJson)}(${writer.constant(fallback)})`
          : primitive(fallback);
      this.#write(`if (${output}[${literal(key)}] === undefined) ${output}[${literal(key)}] = ${copy};`);
    }
    return output;
  }

  /** Keys `properties` does not name: copied (loose), parsed (a schema) or refused (`false`). */
  #extraKeys(additional: unknown, declared: string[], value: string, output: string): void {
    const key = this.#writer.variable('key');
    // for...in, as zod's runtime walks the keys: the same keys, in the same order, without an array.
    this.#write(`for (const ${key} in ${value}) {`);
    if (declared.length > 0)
      this.#write(`switch (${key}) { ${declared.map((name) => `case ${literal(name)}:`).join(' ')} continue; }`);
    // zod drops an own `__proto__` key from its output; leave that rarity to the runtime.
    this.#fail(`${key} === "__proto__"`);
    if (additional === false) {
      this.#write('return INVALID;');
    } else if (additional === undefined || additional === true) {
      this.#write(`${output}[${key}] = ${value}[${key}];`);
    } else {
      const extra = this.#writer.variable();
      this.#write(`const ${extra} = ${value}[${key}];`);
      this.#write(`${output}[${key}] = ${this.#emit(additional, extra)};`);
    }
    this.#write('}');
  }

  #array(schema: JsonSchemaObject, value: string): string {
    const writer = this.#writer;
    this.#fail(`!Array.isArray(${value})`);
    const { prefix, rest } = this.#items(schema);
    if (typeof schema.minItems === 'number' && schema.minItems > 0) this.#fail(`${value}.length < ${schema.minItems}`);
    if (typeof schema.maxItems === 'number') this.#fail(`${value}.length > ${schema.maxItems}`);
    const output = writer.variable('a');
    this.#write(`const ${output} = new Array(${value}.length);`);
    prefix.forEach((itemSchema, position) => {
      this.#write(`if (${value}.length > ${position}) {`);
      const item = writer.variable();
      this.#write(`const ${item} = ${value}[${position}];`);
      this.#write(`${output}[${position}] = ${this.#emit(itemSchema, item)};`);
      this.#write('}');
    });
    if (rest === false) {
      this.#fail(`${value}.length > ${prefix.length}`);
    } else {
      const index = writer.variable('i');
      this.#write(`for (let ${index} = ${prefix.length}; ${index} < ${value}.length; ${index}++) {`);
      const item = writer.variable();
      this.#write(`const ${item} = ${value}[${index}];`);
      this.#write(`${output}[${index}] = ${this.#emit(rest ?? true, item)};`);
      this.#write('}');
    }
    if (schema.uniqueItems === true) this.#fail(`${writer.constant(hasDuplicateItems)}(${output})`);
    return output;
  }

  #items(schema: JsonSchemaObject): { prefix: unknown[]; rest: unknown } {
    const rest = (value: unknown) => (value === true ? undefined : value);
    if (this.#source.rules.prefixItems) {
      return { prefix: Array.isArray(schema.prefixItems) ? schema.prefixItems : [], rest: rest(schema.items) };
    }
    if (Array.isArray(schema.items)) return { prefix: schema.items, rest: rest(schema.additionalItems) };
    return { prefix: [], rest: rest(schema.items) };
  }
}

function typeTest(type: string, value: string): string {
  switch (type) {
    case 'null':
      return `${value} === null`;
    case 'object':
      return `typeof ${value} === "object" && ${value} !== null && !Array.isArray(${value})`;
    case 'array':
      return `Array.isArray(${value})`;
    case 'integer':
      return `typeof ${value} === "number"`;
    default:
      return `typeof ${value} === "${type}"`;
  }
}

/** A JSON primitive as source text. */
function primitive(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
