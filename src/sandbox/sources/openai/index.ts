/**
 * The default source: one OpenAI organisation (costs, usage, projects, models, audio, images), answered by the
 * hand-written handlers in `src/sandbox/handlers` over the fixtures in `src/sandbox/data`. Those files stay where
 * they are (tests, benchmarks and scripts import them); this module only puts them behind the source interface.
 */
import { OpenAiAccountState } from '../../data/account-state';
import { createOpenAiResources } from '../../handlers';
import { OPENAI_TOOLS } from '../../tools/openai-tools';
import { upstreamRateLimitHeaders } from '../../upstream-headers';
import type { SandboxSource } from '../types';

export function createOpenAiSource(): SandboxSource {
  const account = new OpenAiAccountState();
  const resources = createOpenAiResources(account);
  return {
    kind: 'openai',
    integration: 'open_ai',
    label: 'OpenAI',
    tools: OPENAI_TOOLS,
    resource: (name) => resources.get(name),
    bodyPolicy: 'json-object',
    upstreamHeaders: upstreamRateLimitHeaders,
    reset: () => account.reset(),
  };
}
