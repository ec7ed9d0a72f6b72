import type { CallbackManagerForToolRun } from '@langchain/core/callbacks/manager';
import { StructuredTool, ToolInputParsingException } from '@langchain/core/tools';
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

  // A getter, not a field: reading it is what triggers compilation.
  override get schema(): any {
    return this.trutoTool.inputSchema;
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

export function toLangChainTools(tools: readonly TrutoTool[], run: ModelCallRunner): TrutoLangChainTool[] {
  return tools.map((tool) => new TrutoLangChainTool(tool, run));
}
