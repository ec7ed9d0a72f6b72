import type { CallbackManagerForToolRun } from '@langchain/core/callbacks/manager';
import {
  StructuredTool,
  type StructuredToolCallInput,
  ToolInputParsingException,
  type ToolReturnType,
  type ToolRunnableConfig,
} from '@langchain/core/tools';
import { z } from 'zod';
import type { TrutoTool } from '../catalog/truto-tool.js';

/** Runs one validated call and returns the text the model sees; `toolCallId` is the model's id for the call. */
export type ModelCallRunner = (
  tool: TrutoTool,
  args: Record<string, unknown>,
  signal?: AbortSignal,
  toolCallId?: string,
) => Promise<string>;

/** A tool's arguments: a JSON object, checked at run time against the tool's schema (known only from the catalog). */
export type TrutoToolArguments = Record<string, unknown>;

/** The zod schema a `TrutoLangChainTool` gives LangChain: it parses a JSON object into a JSON object. */
export type TrutoLangChainToolSchema = z.ZodType<TrutoToolArguments, TrutoToolArguments>;

/**
 * What `invoke` and `call` accept: the arguments, or a LangChain `ToolCall` (`{ name, args, id, type: 'tool_call' }`)
 * as a chat model returns it.
 */
export type TrutoLangChainToolInput = StructuredToolCallInput<TrutoLangChainToolSchema, TrutoToolArguments>;

/**
 * A LangChain structured tool backed by a Truto tool. LangChain validates the model's arguments with our
 * compiled zod schema before `_call` (so we skip a second parse), and `bindTools` renders that same schema for
 * the model. The schema is compiled on first read, not when the catalog loads.
 *
 * Typed like a `tool()` from `@langchain/core` whose function returns a string: `await tool.invoke(args)` is the
 * text the model reads (`string`), and `await tool.invoke(toolCall)` a `ToolMessage`.
 */
export class TrutoLangChainTool extends StructuredTool<
  TrutoLangChainToolSchema,
  TrutoToolArguments,
  TrutoToolArguments,
  string
> {
  override name: string;
  override description: string;
  readonly trutoTool: TrutoTool;
  readonly #run: ModelCallRunner;

  static override lc_name(): string {
    return 'TrutoLangChainTool';
  }

  constructor(tool: TrutoTool, run: ModelCallRunner) {
    super({ verboseParsingErrors: false });
    this.name = tool.name;
    this.description = tool.description;
    this.trutoTool = tool;
    this.#run = run;
  }

  // A getter, not a field: nothing is compiled until LangChain first parses or renders the schema.
  override get schema(): TrutoLangChainToolSchema {
    return langChainSchemaOf(this.trutoTool);
  }

  override async call<TArg extends TrutoLangChainToolInput, TConfig extends ToolRunnableConfig | undefined>(
    arg: TArg,
    configArg?: TConfig,
    tags?: string[],
  ): Promise<ToolReturnType<TArg, TConfig, string>> {
    try {
      return await super.call(arg, configArg, tags);
    } catch (error) {
      // LangChain's own parsing error says only "did not match"; ours names each field and what it expects.
      if (error instanceof ToolInputParsingException) this.trutoTool.validate(argumentsOf(arg));
      throw error;
    }
  }

  protected override async _call(
    args: Record<string, unknown>,
    _runManager?: CallbackManagerForToolRun,
    parentConfig?: { signal?: AbortSignal; toolCall?: { id?: string }; toolCallId?: string },
  ): Promise<string> {
    // `invoke(toolCall)` puts the call in the config; LangGraph's ToolNode also passes its id as `toolCallId`.
    const toolCallId = parentConfig?.toolCall?.id ?? parentConfig?.toolCallId;
    return this.#run(this.trutoTool, args, parentConfig?.signal, toolCallId);
  }
}

/** The arguments inside a LangChain `ToolCall`, or the input itself. */
function argumentsOf(input: unknown): unknown {
  const call = input as { type?: unknown; args?: unknown } | null;
  return call !== null && typeof call === 'object' && call.type === 'tool_call' ? call.args : input;
}

const langChainSchemas = new WeakMap<TrutoTool, TrutoLangChainToolSchema>();

/**
 * The zod schema LangChain gets: the tool's compiled validator behind a `z.lazy`, so LangChain validates with it
 * (generated code once warm) exactly as before, but renders it for `bindTools` as the model schema the other adapters
 * send. Given a `ZodObject`, LangChain would make a strict copy and render that with `$schema`,
 * `additionalProperties: false` and `additionalProperties: {}` on nested objects: about 22 tokens per tool that tell
 * a model nothing. LangChain keeps a `z.lazy` as it is and zod asks the node's `toJSONSchema` hook first; the
 * `$schema` zod writes at the root is set to undefined, which zod's final JSON copy drops. One schema per tool, so
 * LangChain's own cache of rendered schemas (keyed by schema object) holds across calls and managers.
 */
function langChainSchemaOf(tool: TrutoTool): TrutoLangChainToolSchema {
  let schema = langChainSchemas.get(tool);
  if (schema === undefined) {
    // The compiled validator accepts only JSON objects (every tool's arguments are one), whatever its static type.
    schema = z.lazy(() => tool.inputSchema as TrutoLangChainToolSchema);
    schema._zod.toJSONSchema = () => ({ ...structuredClone(tool.modelJsonSchema), $schema: undefined });
    langChainSchemas.set(tool, schema);
  }
  return schema;
}

export function toLangChainTools(tools: readonly TrutoTool[], run: ModelCallRunner): TrutoLangChainTool[] {
  return tools.map((tool) => new TrutoLangChainTool(tool, run));
}
