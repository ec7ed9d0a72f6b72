/** Which handlers serve which proxy resource. */
import type { TrutoToolDefinition } from '../../catalog/tool-definition';
import { completionsUsageHandlers } from './completions-usage';
import { costsHandlers } from './costs';
import { imageGenerationsHandlers } from './image-generations';
import { modelsHandlers } from './models';
import { projectRateLimitsHandlers } from './project-rate-limits';
import { projectsHandlers } from './projects';
import { speechHandlers } from './speech';
import { syntheticHandlers } from './synthetic';
import { transcriptionsHandlers } from './transcriptions';
import type { ResourceHandlers } from './types';

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

export function createResourceRegistry(tools: readonly TrutoToolDefinition[]): Map<string, ResourceHandlers> {
  const registry = new Map<string, ResourceHandlers>(Object.entries(OPENAI_RESOURCES));
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
