import type { z } from 'zod';
import { type DateField, describeDateFieldsForModel, findDateFields } from '../dates/index.js';
import { ToolInputError } from '../errors/index.js';
import { describeFileFieldsForModel } from '../files/describe-file-fields.js';
import { findFileFields } from '../files/file-fields.js';
import { type ArgumentPlan, planArguments } from '../invoke/argument-plan.js';
import { issuesFromZodError } from '../invoke/input-issues.js';
import { compileJsonSchema, type SchemaWarning, toModelJsonSchema } from '../schema/index.js';
import type { JsonSchemaObject, TrutoToolDefinition } from './tool-definition.js';
import { mergeToolInputSchema } from './tool-input-schema.js';

export interface TrutoToolOptions {
  /** Receives what the schema compiler could not express for this tool (the tool still works). */
  onSchemaWarning?: (toolName: string, warning: SchemaWarning) => void;
  /** The name models see when the catalog's name breaks provider rules (see tool-names.ts). @default definition.name */
  name?: string;
}

/**
 * One catalog entry made ready for calls. Everything costly (merging schemas, compiling zod, rendering the
 * model's JSON schema) happens on first use, so loading a catalog of a thousand tools stays as cheap as
 * parsing it, and a tool the agent never calls never costs a compile.
 */
export class TrutoTool {
  readonly definition: TrutoToolDefinition;
  readonly name: string;
  readonly description: string;
  readonly warnings: SchemaWarning[] = [];
  readonly #options: TrutoToolOptions;
  #plan: ArgumentPlan | undefined;
  #dateFields: DateField[] | undefined;
  #argumentsSchema: JsonSchemaObject | undefined;
  #inputSchema: z.ZodType | undefined;
  #modelJsonSchema: Record<string, unknown> | undefined;

  constructor(definition: TrutoToolDefinition, options: TrutoToolOptions = {}) {
    this.definition = definition;
    this.name = options.name ?? definition.name;
    this.description = trimmed(definition.description) || defaultDescription(definition);
    this.#options = options;
  }

  /** How the arguments travel (planned on first call: a plan weighs more than the rest of an unused tool). */
  get plan(): ArgumentPlan {
    this.#plan ??= planArguments(this.definition);
    return this.#plan;
  }

  /**
   * Timestamp, date and date-range spots whose values may be date expressions, at any depth of the merged argument
   * schema (the object the model fills in, before widening). A `list` tool's arguments are filters.
   */
  get dateFields(): DateField[] {
    this.#dateFields ??= findDateFields(mergeToolInputSchema(this.definition, { idInPath: this.plan.idInPath }), {
      filters: this.definition.method === 'list',
    });
    return this.#dateFields;
  }

  /** The merged JSON Schema of the tool's arguments, as we compile it (date fields widened to accept expressions). */
  get argumentsJsonSchema(): JsonSchemaObject {
    if (this.#argumentsSchema) return this.#argumentsSchema;
    const merged = mergeToolInputSchema(this.definition, { idInPath: this.plan.idInPath });
    const dated = this.dateFields.length > 0 ? describeDateFieldsForModel(merged, this.dateFields) : merged;
    const fileFields = findFileFields(this.definition);
    const schema = fileFields.length > 0 ? describeFileFieldsForModel(dated, fileFields) : dated;
    this.#argumentsSchema = schema;
    return schema;
  }

  /** The zod validator for the model's arguments (compiled on first read). */
  get inputSchema(): z.ZodType {
    if (this.#inputSchema) return this.#inputSchema;
    const schema = this.argumentsJsonSchema;
    const compiled = compileJsonSchema(schema, {
      dialect: toolSchemaDialect(schema),
      // Defaults are shown to the model but not sent: the API applies its own (see CompileOptions.applyDefaults).
      applyDefaults: false,
      onWarning: (warning: SchemaWarning) => {
        this.warnings.push(warning);
        this.#options.onSchemaWarning?.(this.name, warning);
      },
    });
    this.#inputSchema = compiled;
    return compiled;
  }

  /** The JSON Schema a model sees (OpenAI, Anthropic, MCP, AI SDK), generated from the compiled zod. */
  get modelJsonSchema(): Record<string, unknown> {
    this.#modelJsonSchema ??= toModelJsonSchema(this.inputSchema);
    return this.#modelJsonSchema;
  }

  /** Validates the arguments (defaults are not filled in: the API applies its own); throws a `ToolInputError` naming every bad field. */
  validate(args: unknown): Record<string, unknown> {
    const result = this.inputSchema.safeParse(args ?? {});
    if (!result.success) throw new ToolInputError(this.name, issuesFromZodError(result.error, args));
    return result.data as Record<string, unknown>;
  }
}

/** `trim()` copies the string even when there is nothing to trim; catalogs rarely have anything to trim. */
function trimmed(text: string | undefined): string | undefined {
  return text !== undefined && /^\s|\s$/.test(text) ? text.trim() : text;
}

function defaultDescription(tool: TrutoToolDefinition): string {
  return `${tool.method} ${tool.resource}`;
}

/**
 * Truto's tool schemas come from integration definitions and OpenAPI documents and often say `nullable: true` or use
 * `discriminator` without a `$schema`. Those keywords only mean something in OpenAPI 3.0, so a schema that uses
 * them is compiled as OpenAPI 3.0; any other is JSON Schema 2020-12. A `$schema` of its own always wins.
 */
function toolSchemaDialect(schema: JsonSchemaObject): '2020-12' | 'openapi-3.0' {
  const text = JSON.stringify(schema);
  return text.includes('"nullable":true') || text.includes('"discriminator":') ? 'openapi-3.0' : '2020-12';
}
