/**
 * LangChain's current agent API, `createAgent` from `langchain` (LangGraph 1.7 deprecated the prebuilt
 * `createReactAgent`, which test/adapters/langchain.test.ts still covers), runs the account's tools against the sandbox.
 */
import { HumanMessage, type ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../examples/support/scripted-chat-model.js';
import { COSTS_SINCE_OCTOBER_PROMPT, costsSinceOctoberScript } from '../../examples/support/seed-scripts.js';
import { type SandboxFixture, startSandboxFixture } from './support/sandbox-manager.js';

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await startSandboxFixture();
});

afterAll(async () => {
  await fixture.close();
});

describe("langchain's createAgent", () => {
  it("answers the seed's cost-breakdown prompt by calling the costs tool and reading its result", async () => {
    const agent = createAgent({
      model: new ScriptedChatModel({ script: costsSinceOctoberScript }),
      tools: await fixture.manager.getTools(),
    });
    const { messages } = await agent.invoke({ messages: [new HumanMessage(COSTS_SINCE_OCTOBER_PROMPT)] });
    const toolMessage = messages.find((message) => message.getType() === 'tool') as ToolMessage;
    expect(toolMessage.name).toBe('list_all_open_ai_costs');
    expect(toolMessage.status).toBe('success');
    const final = messages.at(-1)!;
    expect(final.getType()).toBe('ai');
    expect(final.content).toMatch(
      /^Since October 1st the organization spent \$\d+\.\d{2}\. Top line item: .+; top project: .+\.$/,
    );
  });
});
