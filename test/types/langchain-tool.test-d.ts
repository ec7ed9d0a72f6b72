/** `TrutoLangChainTool` is typed like a `tool()` from @langchain/core whose function returns a string: no `any`. */
import type { ToolMessage } from '@langchain/core/messages';
import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import type { TrutoLangChainTool, TrutoToolManager } from 'truto-langchainjs-toolset';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';

declare const truto: TrutoLangChainTool;
const plain = tool(async ({ query }: { query: string }) => `searched ${query}`, {
  name: 'plain',
  description: 'A plain LangChain tool',
  schema: z.object({ query: z.string() }),
});

describe('TrutoLangChainTool', () => {
  it('answers invoke(args) with the text the model reads, as a plain tool() does', () => {
    expectTypeOf(truto.invoke({ limit: 2 })).resolves.toEqualTypeOf<string>();
    expectTypeOf(truto.invoke({ limit: 2 })).resolves.toEqualTypeOf<
      Awaited<ReturnType<typeof plain.invoke<{ query: string }, undefined>>>
    >();
    expectTypeOf(truto.invoke({ limit: 2 })).resolves.not.toBeAny();
  });

  it('answers a ToolCall with a ToolMessage', () => {
    const call = { name: 'list_all_open_ai_costs', args: { limit: 2 }, id: 'call_1', type: 'tool_call' as const };
    expectTypeOf(truto.invoke(call)).resolves.toEqualTypeOf<ToolMessage>();
    expectTypeOf(
      truto.invoke({ limit: 1 }, { toolCall: { id: 'call_2', name: 'x', args: {} } }),
    ).resolves.toEqualTypeOf<ToolMessage>();
  });

  it('types call(), schema and the input, none of them any', () => {
    expectTypeOf(truto.call({ limit: 2 })).resolves.toEqualTypeOf<string>();
    expectTypeOf(truto.schema).not.toBeAny();
    expectTypeOf(truto.schema.parse({})).toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(truto.invoke).parameter(0).not.toBeAny();
    // @ts-expect-error: the arguments are a JSON object, not a string
    truto.invoke('list everything');
  });

  it('is a StructuredToolInterface, and getTools() gives them', () => {
    expectTypeOf(truto).toExtend<StructuredToolInterface>();
    expectTypeOf<TrutoToolManager['getTools']>().returns.resolves.toEqualTypeOf<TrutoLangChainTool[]>();
  });
});
