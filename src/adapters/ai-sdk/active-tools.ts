/**
 * The AI SDK's per-step tool choice for large catalogs: give `generateText` / `streamText` every tool
 * (`createAISDKTools(manager)`) and a `prepareStep` that makes only the right few active for each step, chosen from
 * the latest user message. Tools the conversation already called stay active, so a multi-step turn can go on using
 * what it found.
 */
import type { PrepareStepFunction, ToolSet } from 'ai';
import type { TrutoToolManager } from '../../manager/tool-manager.js';
import type { SelectToolsOptions, ToolSelection } from '../../manager/tool-selector.js';
import { calledToolNames } from '../../selection/request-text.js';

export interface ActiveToolsOptions extends SelectToolsOptions {
  /** Told each step's selection (for logs and metrics). */
  onSelect?: (selection: ToolSelection, stepNumber: number) => void;
}

/**
 * A `prepareStep` that returns `{ activeTools }`: the tools `manager.selectTools` picks for the latest user message,
 * plus those the conversation already called and any `include`.
 *
 * ```ts
 * const result = await generateText({
 *   model,
 *   tools: await createAISDKTools(manager),
 *   prepareStep: selectActiveTools(manager, { maxTools: 8 }),
 *   prompt: 'Who is on call for payments tonight?',
 * });
 * ```
 */
export function selectActiveTools<Tools extends ToolSet = ToolSet>(
  manager: TrutoToolManager,
  options: ActiveToolsOptions = {},
): PrepareStepFunction<Tools> {
  const { onSelect, ...selectOptions } = options;
  return async ({ messages, stepNumber }) => {
    const called = calledToolNames(messages);
    const include = [...(selectOptions.include === undefined ? [] : [selectOptions.include].flat()), ...called];
    const selection = await manager.selectTools(messages, {
      ...selectOptions,
      ...(include.length > 0 ? { include } : {}),
    });
    onSelect?.(selection, stepNumber);
    return { activeTools: selection.names as Array<keyof Tools> };
  };
}
