/** Per-model rate limits of each project (what `GET /organization/projects/{id}/rate_limits` lists). */
import { PROJECTS } from './organization';

export interface ProjectRateLimit {
  object: 'project.rate_limit';
  id: string;
  model: string;
  max_requests_per_1_minute: number;
  max_tokens_per_1_minute: number;
  max_images_per_1_minute?: number;
  max_audio_megabytes_per_1_minute?: number;
  max_requests_per_1_day?: number;
  batch_1_day_max_input_tokens?: number;
}

/** The fields a PATCH may change. */
export const RATE_LIMIT_FIELDS = [
  'max_requests_per_1_minute',
  'max_tokens_per_1_minute',
  'max_images_per_1_minute',
  'max_audio_megabytes_per_1_minute',
  'max_requests_per_1_day',
  'batch_1_day_max_input_tokens',
] as const;

type Template = Omit<ProjectRateLimit, 'object' | 'id'>;

const TEMPLATES: readonly Template[] = [
  {
    model: 'gpt-4o',
    max_requests_per_1_minute: 5_000,
    max_tokens_per_1_minute: 800_000,
    batch_1_day_max_input_tokens: 90_000_000,
  },
  {
    model: 'gpt-4o-mini',
    max_requests_per_1_minute: 10_000,
    max_tokens_per_1_minute: 4_000_000,
    batch_1_day_max_input_tokens: 400_000_000,
  },
  { model: 'gpt-4o-audio-preview', max_requests_per_1_minute: 2_000, max_tokens_per_1_minute: 250_000 },
  {
    model: 'o3-mini',
    max_requests_per_1_minute: 5_000,
    max_tokens_per_1_minute: 2_000_000,
    batch_1_day_max_input_tokens: 200_000_000,
  },
  { model: 'text-embedding-3-small', max_requests_per_1_minute: 10_000, max_tokens_per_1_minute: 5_000_000 },
  { model: 'dall-e-3', max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_images_per_1_minute: 15 },
  {
    model: 'gpt-image-1',
    max_requests_per_1_minute: 500,
    max_tokens_per_1_minute: 100_000,
    max_images_per_1_minute: 5,
  },
  {
    model: 'whisper-1',
    max_requests_per_1_minute: 500,
    max_tokens_per_1_minute: 0,
    max_audio_megabytes_per_1_minute: 100,
  },
  { model: 'tts-1', max_requests_per_1_minute: 500, max_tokens_per_1_minute: 0, max_requests_per_1_day: 10_000 },
];

/** Production runs on the organisation's full limits; other projects are capped lower, as admins usually do. */
const PROJECT_SCALE: Readonly<Record<string, number>> = { proj_12345: 1 };

export function initialRateLimits(): Map<string, ProjectRateLimit[]> {
  const byProject = new Map<string, ProjectRateLimit[]>();
  for (const project of PROJECTS) {
    const scale = PROJECT_SCALE[project.id] ?? 0.5;
    byProject.set(
      project.id,
      TEMPLATES.map((template) => {
        // Keys in OpenAI's order: object, id, model, then the limits.
        const limit = {
          object: 'project.rate_limit',
          id: `rl_${template.model}`,
          model: template.model,
        } as ProjectRateLimit;
        for (const field of RATE_LIMIT_FIELDS) {
          const value = template[field];
          if (value !== undefined)
            limit[field] = field === 'max_audio_megabytes_per_1_minute' ? value : Math.round(value * scale);
        }
        return limit;
      }),
    );
  }
  return byProject;
}
