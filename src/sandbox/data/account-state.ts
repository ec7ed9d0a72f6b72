/**
 * What writes change: rate limits (PATCH), archived projects (archive) and deleted fine-tunes (DELETE). Everything
 * else is computed from the fixtures. `reset()` brings the account back to its first state.
 */
import { MODELS, type ModelObject } from './models';
import { PROJECTS, type ProjectFixture } from './organization';
import { initialRateLimits, type ProjectRateLimit } from './rate-limits';

/** OpenAI's project object. */
export interface ProjectObject {
  id: string;
  object: 'organization.project';
  name: string;
  created_at: number;
  archived_at: number | null;
  status: 'active' | 'archived';
  external_key_id: null;
}

export class OpenAiAccountState {
  #rateLimits = initialRateLimits();
  #archivedAt = new Map<string, number>();
  #deletedModels = new Set<string>();

  reset(): void {
    this.#rateLimits = initialRateLimits();
    this.#archivedAt.clear();
    this.#deletedModels.clear();
  }

  projects(): ProjectObject[] {
    return PROJECTS.map((project) => this.#projectObject(project));
  }

  project(id: string): ProjectObject | undefined {
    const fixture = PROJECTS.find((project) => project.id === id);
    return fixture && this.#projectObject(fixture);
  }

  archiveProject(id: string, nowSeconds: number): ProjectObject | undefined {
    const fixture = PROJECTS.find((project) => project.id === id);
    if (fixture === undefined) return undefined;
    if (fixture.archivedAt === null && !this.#archivedAt.has(id)) this.#archivedAt.set(id, nowSeconds);
    return this.#projectObject(fixture);
  }

  rateLimits(projectId: string): ProjectRateLimit[] | undefined {
    return this.#rateLimits.get(projectId);
  }

  models(): ModelObject[] {
    return MODELS.filter((model) => !this.#deletedModels.has(model.id));
  }

  model(id: string): ModelObject | undefined {
    return this.#deletedModels.has(id) ? undefined : MODELS.find((model) => model.id === id);
  }

  deleteModel(id: string): void {
    this.#deletedModels.add(id);
  }

  #projectObject(fixture: ProjectFixture): ProjectObject {
    const archivedAt = fixture.archivedAt ?? this.#archivedAt.get(fixture.id) ?? null;
    return {
      id: fixture.id,
      object: 'organization.project',
      name: fixture.name,
      created_at: fixture.createdAt,
      archived_at: archivedAt,
      status: archivedAt === null ? 'active' : 'archived',
      external_key_id: null,
    };
  }
}
