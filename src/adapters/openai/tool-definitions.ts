import type { TrutoTool } from '../../catalog/truto-tool.js';
import { toModelJsonSchema } from '../../schema/index.js';
import { toOpenAIStrictSchema } from './strict-schema.js';
import type { OpenAIChatTool, OpenAIResponsesTool } from './types.js';

export interface OpenAIToolOptions {
  /**
   * Send `strict: true` with schemas rewritten for OpenAI's strict mode (see `toOpenAIStrictSchema`): the model's
   * arguments then always match the schema's shape. Run the calls with `executeOpenAIChatToolCalls` /
   * `executeOpenAIResponsesToolCalls`, which turn strict-mode nulls back into absent arguments.
   * @default false
   */
  strict?: boolean;
}

const strictSchemas = new WeakMap<TrutoTool, Record<string, unknown>>();

/** The parameters a tool is offered with: the model schema, or its strict rewrite (computed once per tool). */
export function openAIParameters(tool: TrutoTool, strict: boolean): Record<string, unknown> {
  if (!strict) return tool.modelJsonSchema;
  let schema = strictSchemas.get(tool);
  if (!schema) {
    // With `additionalProperties: false` kept, a closed empty object is told apart from a free-form one.
    schema = toOpenAIStrictSchema(toModelJsonSchema(tool.inputSchema, { keepAdditionalPropertiesFalse: true }));
    strictSchemas.set(tool, schema);
  }
  return schema;
}

/** Function tools for Chat Completions: `openai.chat.completions.create({ tools })`. */
export function toOpenAIChatTools(tools: readonly TrutoTool[], options: OpenAIToolOptions = {}): OpenAIChatTool[] {
  const strict = options.strict ?? false;
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: openAIParameters(tool, strict), strict },
  }));
}

/**
 * Function tools for the Responses API: `openai.responses.create({ tools })`. `strict` is always sent, because the
 * Responses API treats a function tool without it as strict, which our non-strict schemas are not.
 */
export function toOpenAIResponsesTools(
  tools: readonly TrutoTool[],
  options: OpenAIToolOptions = {},
): OpenAIResponsesTool[] {
  const strict = options.strict ?? false;
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description,
    parameters: openAIParameters(tool, strict),
    strict,
  }));
}
