/**
 * The AI SDK's own loop with a large catalog: `generateText` gets every tool, and `prepareStep` from
 * `selectActiveTools` makes only the selected ones active; the mock provider records what it was offered, and the
 * tool call runs against the sandbox serving PagerDuty's OpenAPI document (465 tools).
 */
import type { LanguageModelV3Content, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { generateText, stepCountIs } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createAISDKTools, selectActiveTools } from 'truto-langchainjs-toolset/ai-sdk';
import { describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const pagerduty = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/pagerduty.json', seed: 4 } });

const USAGE = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

function turn(content: LanguageModelV3Content[]): LanguageModelV3GenerateResult {
  const callsTools = content.some((part) => part.type === 'tool-call');
  return {
    content,
    finishReason: { unified: callsTools ? 'tool-calls' : 'stop', raw: undefined },
    usage: USAGE,
    warnings: [],
  };
}

describe('AI SDK: prepareStep → activeTools', () => {
  it('offers the model only the selected tools at each step, and runs the call', async () => {
    const manager = pagerduty.createManager();
    const tools = await createAISDKTools(manager);
    expect(Object.keys(tools)).toHaveLength(465);
    const model = new MockLanguageModelV3({
      doGenerate: [
        turn([
          {
            type: 'tool-call',
            toolCallId: 'call-1',
            toolName: 'list_all_pagerduty_oncalls',
            input: JSON.stringify({ limit: 2 }),
          },
        ]),
        turn([{ type: 'text', text: 'Ana is on call.' }]),
      ],
    });
    const selections: Array<{ step: number; names: string[] }> = [];
    const result = await generateText({
      model,
      tools,
      prepareStep: selectActiveTools(manager, {
        maxTools: 5,
        onSelect: (selection, step) => selections.push({ step, names: selection.names }),
      }),
      stopWhen: stepCountIs(3),
      prompt: "Who's carrying the pager for the Payments rotation tonight?",
    });

    expect(result.text).toBe('Ana is on call.');
    const offered = model.doGenerateCalls.map((call) => (call.tools ?? []).map((tool) => tool.name));
    expect(offered).toHaveLength(2);
    for (const names of offered) {
      expect(names.length).toBeLessThanOrEqual(6);
      expect(names).toContain('list_all_pagerduty_oncalls');
    }
    expect(selections.map((selection) => selection.step)).toEqual([0, 1]);
    const output = result.steps[0]!.toolResults[0]!.output as string;
    expect(JSON.parse(output)).toHaveProperty('result');
    expect(pagerduty.sandbox.requests.some((request) => request.path === '/proxy/oncalls')).toBe(true);
  });
});
