/**
 * `npm run demo`: the seed article's two workflows, end to end.
 *
 * - Truto: the local sandbox (a real HTTP server speaking Truto's API for an "OpenAI" account), unless
 *   TRUTO_API_KEY and TRUTO_INTEGRATED_ACCOUNT_ID are set (TRUTO_API_TOKEN and OPENAI_INTEGRATED_ACCOUNT_ID, the
 *   older names, work too); TRUTO_API_BASE_URL then overrides https://api.truto.one.
 * - The model: gpt-4o through @langchain/openai when OPENAI_API_KEY is set; otherwise a scripted chat model that
 *   issues the tool calls a real model would, and the screen says so.
 */
import { fileURLToPath } from 'node:url';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import { startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { runAgentLoop } from './support/agent-loop.js';
import { ScriptedChatModel } from './support/scripted-chat-model.js';
import { PODCAST_PROMPT, podcastScript, SPEND_AUDIT_PROMPT, spendAuditScript } from './support/seed-scripts.js';

const assets = fileURLToPath(new URL('./assets/', import.meta.url));
// The names the manager reads by itself when `apiKey` and `integratedAccountId` are left out.
const realApiKey = process.env.TRUTO_API_KEY || process.env.TRUTO_API_TOKEN;
const realAccountId = process.env.TRUTO_INTEGRATED_ACCOUNT_ID || process.env.OPENAI_INTEGRATED_ACCOUNT_ID;
const useRealTruto = Boolean(realApiKey && realAccountId);
const sandbox = useRealTruto ? undefined : await startSandbox();

console.log(
  useRealTruto
    ? `Truto: ${process.env.TRUTO_API_BASE_URL ?? 'https://api.truto.one'}, integrated account ${realAccountId}`
    : `Truto: local sandbox at ${sandbox!.baseUrl} (integrated account ${sandbox!.integratedAccountId})`,
);

const toolManager = new TrutoToolManager({
  apiKey: sandbox?.apiKey ?? realApiKey,
  integratedAccountId: sandbox?.integratedAccountId ?? realAccountId,
  ...(sandbox ? { baseUrl: sandbox.baseUrl } : {}),
  files: { root: assets },
});
const tools = await toolManager.getTools();
console.log(`Loaded ${tools.length} tools: ${tools.map((tool) => tool.name).join(', ')}\n`);

async function chooseModel(script: ScriptedChatModel['script']): Promise<BaseChatModel> {
  if (!process.env.OPENAI_API_KEY) return new ScriptedChatModel({ script });
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({ model: 'gpt-4o', temperature: 0 });
}

console.log(
  process.env.OPENAI_API_KEY
    ? 'Model: gpt-4o (OPENAI_API_KEY is set).'
    : 'Model: a SCRIPTED chat model (no OPENAI_API_KEY): it issues the tool calls a real model would and reads their results.',
);

try {
  console.log(`\n=== Workflow 1: spend and capacity audit ===\n> ${SPEND_AUDIT_PROMPT}\n`);
  // Show the seed's 429 handling once: the sandbox rate-limits the first call and the loop waits as told.
  sandbox?.failNext(1, { status: 429, headers: { 'ratelimit-reset': '1', 'retry-after': '1' } });
  await runAgentLoop({ llm: await chooseModel(spendAuditScript), tools, prompt: SPEND_AUDIT_PROMPT });

  console.log(`\n=== Workflow 2: podcast → transcript → summary → cover image ===\n> ${PODCAST_PROMPT}\n`);
  await runAgentLoop({ llm: await chooseModel(podcastScript), tools, prompt: PODCAST_PROMPT });
} finally {
  await toolManager.close();
  await sandbox?.close();
}
