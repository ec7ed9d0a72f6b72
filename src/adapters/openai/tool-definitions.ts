import type { TrutoTool } from '../../catalog/truto-tool.js';
import { toModelJsonSchema } from '../../schema/index.js';
import { strictSizeProblem } from './strict-limits.js';
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
  /**
   * Told when a tool cannot be offered in strict mode (its schema is over one of OpenAI's size limits) and is
   * offered non-strict instead; the other tools stay strict.
   * @default console.warn
   */
  onWarning?: (message: string) => void;
}

/** A tool's parameters as offered, and whether strict mode could be kept for it. */
export interface OpenAIParameters {
  parameters: Record<string, unknown>;
  strict: boolean;
}

/** What each tool is offered with in strict mode: its rewrite, or its model schema when the rewrite does not fit. */
const strictOffers = new WeakMap<TrutoTool, OpenAIParameters>();

const defaultWarning = (message: string) => console.warn(`[truto-langchainjs-toolset] ${message}`);

/**
 * The parameters a tool is offered with: the model schema, or its strict rewrite (computed once per tool). Strict
 * mode falls back to the model schema for this one tool, with a warning, when the rewrite would break OpenAI's limits.
 */
export function openAIToolParameters(
  tool: TrutoTool,
  strict: boolean,
  onWarning: (message: string) => void = defaultWarning,
): OpenAIParameters {
  if (!strict) return { parameters: tool.modelJsonSchema, strict: false };
  let offer = strictOffers.get(tool);
  if (!offer) {
    // With `additionalProperties: false` kept, a closed empty object is told apart from a free-form one.
    const rewritten = toOpenAIStrictSchema(
      toModelJsonSchema(tool.inputSchema, { keepAdditionalPropertiesFalse: true }),
    );
    const problem = strictSizeProblem(rewritten);
    if (problem !== undefined) {
      onWarning(`Tool "${tool.name}" is offered without strict mode: its schema has ${problem}.`);
    }
    offer =
      problem === undefined
        ? { parameters: rewritten, strict: true }
        : { parameters: tool.modelJsonSchema, strict: false };
    strictOffers.set(tool, offer);
  }
  return offer;
}

/** The parameters alone (see `openAIToolParameters`). */
export function openAIParameters(tool: TrutoTool, strict: boolean): Record<string, unknown> {
  return openAIToolParameters(tool, strict).parameters;
}

/** Function tools for Chat Completions: `openai.chat.completions.create({ tools })`. */
export function toOpenAIChatTools(tools: readonly TrutoTool[], options: OpenAIToolOptions = {}): OpenAIChatTool[] {
  return tools.map((tool) => {
    const offered = openAIToolParameters(tool, options.strict ?? false, options.onWarning);
    return {
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: offered.parameters,
        strict: offered.strict,
      },
    };
  });
}

/**
 * Function tools for the Responses API: `openai.responses.create({ tools })`. `strict` is always sent, because the
 * Responses API treats a function tool without it as strict, which our non-strict schemas are not.
 */
export function toOpenAIResponsesTools(
  tools: readonly TrutoTool[],
  options: OpenAIToolOptions = {},
): OpenAIResponsesTool[] {
  return tools.map((tool) => {
    const offered = openAIToolParameters(tool, options.strict ?? false, options.onWarning);
    return {
      type: 'function',
      name: tool.name,
      description: tool.description,
      parameters: offered.parameters,
      strict: offered.strict,
    };
  });
}
