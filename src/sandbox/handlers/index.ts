/** Which handlers serve which resource of the OpenAI account, and the synthetic tools' resources. */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import type { OpenAiAccountState } from '../data/account-state';
import type { SourceResource } from '../sources/types';
import { completionsUsageHandlers } from './completions-usage';
import { costsHandlers } from './costs';
import { imageGenerationsHandlers } from './image-generations';
import { modelsHandlers } from './models';
import { projectRateLimitsHandlers } from './project-rate-limits';
import { projectsHandlers } from './projects';
import { speechHandlers } from './speech';
import { syntheticHandlers } from './synthetic';
import { transcriptionsHandlers } from './transcriptions';
import { adaptHandlers, type ResourceHandlers } from './types';

const OPENAI_RESOURCES: Readonly<Record<string, ResourceHandlers>> = {
  costs: costsHandlers,
  completions_usage: completionsUsageHandlers,
  project_rate_limits: projectRateLimitsHandlers,
  projects: projectsHandlers,
  models: modelsHandlers,
  transcriptions: transcriptionsHandlers,
  image_generations: imageGenerationsHandlers,
  speech: speechHandlers,
};

/** The OpenAI account's resources, bound to its state. */
export function createOpenAiResources(account: OpenAiAccountState): Map<string, SourceResource> {
  return new Map(Object.entries(OPENAI_RESOURCES).map(([name, handlers]) => [name, adaptHandlers(handlers, account)]));
}

/** The resources of the synthetic tools (`synthetic_widgets_0000`, ...), which any source may serve next to its own. */
export function createSyntheticResources(tools: readonly TrutoToolDefinition[]): Map<string, SourceResource> {
  const registry = new Map<string, SourceResource>();
  for (const tool of tools) {
    if (!registry.has(tool.resource) && tool.resource.startsWith('synthetic_'))
      registry.set(tool.resource, syntheticHandlers(tool));
  }
  return registry;
}

/** `resource method` → tool name, for the request log. */
export function createToolNameIndex(tools: readonly TrutoToolDefinition[]): Map<string, string> {
  return new Map(tools.map((tool) => [`${tool.resource} ${tool.method}`, tool.name]));
}
