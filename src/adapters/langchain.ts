import type { CallbackManagerForToolRun } from '@langchain/core/callbacks/manager';
import { StructuredTool, ToolInputParsingException } from '@langchain/core/tools';
import { z } from 'zod';
import type { TrutoTool } from '../catalog/truto-tool.js';

/** Runs one validated call and returns the text the model sees. */
export type ModelCallRunner = (tool: TrutoTool, args: Record<string, unknown>, signal?: AbortSignal) => Promise<string>;

/**
 * A LangChain structured tool backed by a Truto tool. LangChain validates the model's arguments with our
 * compiled zod schema before `_call` (so we skip a second parse), and `bindTools` renders that same schema for
 * the model. The schema is compiled on first read, not when the catalog loads.
 */
export class TrutoLangChainTool extends StructuredTool {
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
  override get schema(): any {
    return langChainSchemaOf(this.trutoTool);
  }

  override async call(arg: any, configArg?: any, tags?: string[]): Promise<any> {
    try {
      return await super.call(arg, configArg, tags);
    } catch (error) {
      // LangChain's own parsing error says only "did not match"; ours names each field and what it expects.
      if (error instanceof ToolInputParsingException) {
        const input = arg && typeof arg === 'object' && arg.type === 'tool_call' ? arg.args : arg;
        this.trutoTool.validate(input);
      }
      throw error;
    }
  }

  protected override async _call(
    args: Record<string, unknown>,
    _runManager?: CallbackManagerForToolRun,
    parentConfig?: { signal?: AbortSignal },
  ): Promise<string> {
    return this.#run(this.trutoTool, args, parentConfig?.signal);
  }
}

const langChainSchemas = new WeakMap<TrutoTool, z.ZodType>();

/**
 * The zod schema LangChain gets: the tool's compiled validator behind a `z.lazy`, so LangChain validates with it
 * (generated code once warm) exactly as before, but renders it for `bindTools` as the model schema the other adapters
 * send. Given a `ZodObject`, LangChain would make a strict copy and render that with `$schema`,
 * `additionalProperties: false` and `additionalProperties: {}` on nested objects: about 22 tokens per tool that tell
 * a model nothing. LangChain keeps a `z.lazy` as it is and zod asks the node's `toJSONSchema` hook first; the
 * `$schema` zod writes at the root is set to undefined, which zod's final JSON copy drops. One schema per tool, so
 * LangChain's own cache of rendered schemas (keyed by schema object) holds across calls and managers.
 */
function langChainSchemaOf(tool: TrutoTool): z.ZodType {
  let schema = langChainSchemas.get(tool);
  if (schema === undefined) {
    schema = z.lazy(() => tool.inputSchema);
    schema._zod.toJSONSchema = () => ({ ...structuredClone(tool.modelJsonSchema), $schema: undefined });
    langChainSchemas.set(tool, schema);
  }
  return schema;
}

export function toLangChainTools(tools: readonly TrutoTool[], run: ModelCallRunner): TrutoLangChainTool[] {
  return tools.map((tool) => new TrutoLangChainTool(tool, run));
}
