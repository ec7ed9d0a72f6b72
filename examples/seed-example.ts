// @ts-nocheck — Step 1 and Step 2 below are the seed article's code, verbatim; it is not strict TypeScript.
/**
 * The seed article's example ("Connect OpenAI to AI Agents"), Step 1 and Step 2 unchanged but for setup:
 * - Setup starts the local Truto sandbox and points the SDK at it through the environment, unless TRUTO_API_KEY
 *   and TRUTO_INTEGRATED_ACCOUNT_ID are already set (then it runs against real Truto). The article reads
 *   OPENAI_INTEGRATED_ACCOUNT_ID, an older name the manager still accepts; when it is unset the manager falls back
 *   to TRUTO_INTEGRATED_ACCOUNT_ID (and to TRUTO_API_TOKEN for the key).
 * - Without OPENAI_API_KEY, `ChatOpenAI` is replaced by a scripted chat model that issues the tool calls gpt-4o
 *   would for the article's first hero prompt. That is the only line of the article's code that differs.
 *
 * Run: npx tsx examples/seed-example.ts
 */
import { startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { ScriptedChatModel } from './support/scripted-chat-model.js';
import { COSTS_SINCE_OCTOBER_PROMPT, costsSinceOctoberScript } from './support/seed-scripts.js';

// ---- Setup (not in the article) -------------------------------------------------------------------------------
const hasRealAccount =
  (process.env.TRUTO_API_KEY || process.env.TRUTO_API_TOKEN) &&
  (process.env.TRUTO_INTEGRATED_ACCOUNT_ID || process.env.OPENAI_INTEGRATED_ACCOUNT_ID);
const sandbox = hasRealAccount ? undefined : await startSandbox();
if (sandbox) {
  process.env.TRUTO_API_KEY = sandbox.apiKey;
  process.env.TRUTO_INTEGRATED_ACCOUNT_ID = sandbox.integratedAccountId;
  process.env.TRUTO_API_BASE_URL = sandbox.baseUrl;
  // What the article's code reads; unset, the manager would fall back to TRUTO_INTEGRATED_ACCOUNT_ID anyway.
  process.env.OPENAI_INTEGRATED_ACCOUNT_ID = sandbox.integratedAccountId;
}
// Without a key, `new ChatOpenAI(...)` below builds the scripted model instead (a factory, so Step 2 reads as written).
function ScriptedChatOpenAI() {
  return new ScriptedChatModel({ script: costsSinceOctoberScript });
}
const { ChatOpenAI } = process.env.OPENAI_API_KEY ? await import('@langchain/openai') : { ChatOpenAI: ScriptedChatOpenAI };

// ---- Step 1: Initialize the Tool Manager (verbatim) -----------------------------------------------------------
import { TrutoToolManager } from "truto-langchainjs-toolset";
import { HumanMessage } from "@langchain/core/messages";

// Initialize the Truto Tool Manager with your Truto API Key
// and the Integrated Account ID representing the connected OpenAI account.
const toolManager = new TrutoToolManager({
  apiKey: process.env.TRUTO_API_KEY,
  integratedAccountId: process.env.OPENAI_INTEGRATED_ACCOUNT_ID
});

// Fetch all tools dynamically. The Truto endpoint returns precise JSON schemas 
// for the underlying Proxy APIs, handling the formatting boilerplate.
const tools = await toolManager.getTools();

// ---- Step 2: Bind Tools and Execute with Rate Limit Handling (verbatim) --------------------------------------
// Initialize your LLM orchestration
const llm = new ChatOpenAI({
  modelName: "gpt-4o",
  temperature: 0,
});

// Bind the Truto tools to the LLM natively
const llmWithTools = llm.bindTools(tools);

async function executeAgentWorkflow(prompt: string) {
  let messages = [new HumanMessage(prompt)];
  
  while (true) {
    try {
      const response = await llmWithTools.invoke(messages);
      messages.push(response);
      
      // If the model does not decide to call a tool, the workflow is complete.
      if (!response.tool_calls || response.tool_calls.length === 0) {
        console.log("Final Answer:", response.content);
        break;
      }
      
      // Execute the requested tool calls
      for (const toolCall of response.tool_calls) {
        console.log(`Executing tool: ${toolCall.name}`);
        const selectedTool = tools.find(t => t.name === toolCall.name);
        
        if (selectedTool) {
          const result = await selectedTool.invoke(toolCall.args);
          messages.push({
            role: "tool",
            tool_call_id: toolCall.id,
            name: toolCall.name,
            content: result
          });
        }
      }
    } catch (error) {
      // Explicitly handle HTTP 429 Too Many Requests passed through Truto
      if (error.response && error.response.status === 429) {
        const resetTime = error.response.headers['ratelimit-reset'];
        const waitSeconds = resetTime ? parseInt(resetTime, 10) : 60;
        console.warn(`Rate limit hit. Agent pausing for ${waitSeconds} seconds.`);
        await new Promise(resolve => setTimeout(resolve, waitSeconds * 1000));
        // Loop will re-attempt the previous state
      } else {
        throw error;
      }
    }
  }
}

// ---- Run it (not in the article) -------------------------------------------------------------------------------
if (sandbox && process.env.SEED_EXAMPLE_RATE_LIMIT_ONCE) {
  await sandbox.failNext(1, { status: 429, headers: { 'ratelimit-reset': '1' } });
}
await executeAgentWorkflow(COSTS_SINCE_OCTOBER_PROMPT);
await toolManager.close();
await sandbox?.close();
