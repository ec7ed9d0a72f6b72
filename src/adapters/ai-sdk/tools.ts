import { jsonSchema, type Tool, type ToolSet } from 'ai';
import type { TrutoTool } from '../../catalog/truto-tool.js';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import { callReportsCheckFailure } from '../approvals/approval-check.js';
import { restoreStrictArguments } from '../openai/restore-strict-arguments.js';
import { openAIToolParameters } from '../openai/tool-definitions.js';
import { ToolResultError } from '../shared/tool-result-error.js';

export interface AISDKToolsOptions {
  /**
   * Offer OpenAI strict-mode schemas (`strict: true`, see `toOpenAIStrictSchema`); providers without strict mode
   * ignore the flag but still see the rewritten schema. Strict-mode nulls are removed before validation.
   * @default false
   */
  strict?: boolean;
  /** Told when a tool's schema is over OpenAI's strict-mode limits and that tool is offered non-strict. @default console.warn */
  onWarning?: (message: string) => void;
}

/** One AI SDK tool: what `createAISDKTools` returns per name. */
export type TrutoAISDKTool = Tool<Record<string, unknown>, string>;

/**
 * The account's tools as an AI SDK `ToolSet` for `generateText` / `streamText` / `ToolLoopAgent`. Each tool's input
 * is validated by the tool's compiled zod schema (the AI SDK turns a rejection into a `tool-error` the model reads,
 * naming every bad field); the model sees the same JSON Schema as every other adapter; a failed call throws inside
 * `execute`, which the AI SDK also reports to the model as a `tool-error`. The output is the text the model reads.
 *
 * A 429 or an authentication failure is a `tool-error` too, which the model alone cannot resolve: add
 * `stopOnBlockingToolError()` to `stopWhen` and read `findBlockingToolError(result.steps)` to wait and resume.
 */
export async function createAISDKTools(manager: TrutoToolManager, options: AISDKToolsOptions = {}): Promise<ToolSet> {
  const tools: Record<string, TrutoAISDKTool> = {};
  for (const tool of await manager.getToolDefinitions()) tools[tool.name] = toAISDKTool(manager, tool, options);
  return tools;
}

export function toAISDKTool(
  manager: TrutoToolManager,
  tool: TrutoTool,
  options: AISDKToolsOptions = {},
): TrutoAISDKTool {
  // Strict mode is opt-in: only then is the schema compiled here, because whether it fits decides the flag.
  const strictOffer = options.strict ? openAIToolParameters(tool, true, options.onWarning) : undefined;
  const strict = strictOffer?.strict ?? false;
  return {
    description: tool.description,
    // A function, so the schema compiles when the AI SDK first reads it, not when the catalog loads.
    inputSchema: jsonSchema<Record<string, unknown>>(() => (strictOffer?.parameters ?? tool.modelJsonSchema) as never, {
      validate: (value) => {
        try {
          return {
            success: true,
            value: tool.validate(strict ? restoreStrictArguments(value, tool.modelJsonSchema) : value),
          };
        } catch (error) {
          return { success: false, error: error as Error };
        }
      },
    }),
    ...(strict ? { strict: true } : {}),
    ...(manager.requiresApprovals ? { needsApproval: needsApprovalFor(manager, tool) } : {}),
    execute: async (input, { abortSignal, toolCallId }) => {
      const result = await manager.invokeForModel(tool.name, input, {
        ...(abortSignal ? { signal: abortSignal } : {}),
        ...(toolCallId ? { toolCallId } : {}),
      });
      if (result.isError) throw new ToolResultError(tool.name, result.content);
      return result.content;
    },
  };
}

/**
 * The AI SDK's own approval flow (AI SDK 6, `Tool.needsApproval`): when it answers true, `generateText` / `streamText`
 * do not execute the call but emit a `tool-approval-request` part; the run resumes when the next call's messages end
 * with a `role: 'tool'` message holding a `tool-approval-response` (`{ approvalId, approved, reason? }`): approved
 * calls are executed then, denied ones reach the model as an `execution-denied` result with the reason. The input
 * here is already validated; a call whose arguments cannot be prepared (a date expression that cannot be read) is
 * left to `execute`, which reports the error and sends nothing. Any other failure to decide (a `requireApproval`
 * predicate or a `beforeRequest` hook that throws) asks: a guard that fails must not wave a write through.
 */
function needsApprovalFor(
  manager: TrutoToolManager,
  tool: TrutoTool,
): (input: Record<string, unknown>, options: { toolCallId: string }) => Promise<boolean> {
  return async (input, { toolCallId }) => {
    try {
      return (await manager.approvalFor(tool.name, input, { toolCallId })) !== undefined;
    } catch (error) {
      return !callReportsCheckFailure(error);
    }
  };
}
