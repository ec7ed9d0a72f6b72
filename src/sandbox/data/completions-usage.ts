/**
 * Completions traffic as a few steady streams (project × key × user × model × batch × service tier), each with its
 * own volume, prompt size and cache-hit ratio. A bucket's numbers are hashed from (bucket start, stream), scaled by
 * the bucket's width, the hour of day and the weekday, so every range and grouping adds up consistently.
 */
import { elapsedFraction, hourFactor, weekdayFactor } from './buckets';
import { hashNumbers, unitInterval } from './hash';
import { PROJECT_BY_ID, USERS } from './organization';

export interface UsageStream {
  projectId: string;
  apiKeyId: string;
  userId: string;
  model: string;
  batch: boolean;
  serviceTier: string;
  requestsPerDay: number;
  inputPerRequest: number;
  outputPerRequest: number;
  /** Share of input tokens served from the prompt cache. */
  cacheRatio: number;
  /** Audio models bill part of their tokens as audio. */
  audio?: boolean;
}

const [ana, ben, chloe, dev] = USERS;

export const USAGE_STREAMS: readonly UsageStream[] = [
  stream('proj_12345', 'key_Pr0dServerA7f3kQ9m', ana, 'gpt-4o-2024-08-06', false, 'default', 5_200, 2_400, 380, 0.46),
  stream(
    'proj_12345',
    'key_Pr0dWorkerB2x8nL4v',
    ben,
    'gpt-4o-mini-2024-07-18',
    false,
    'default',
    9_000,
    900,
    160,
    0.31,
  ),
  stream('proj_12345', 'key_Pr0dServerA7f3kQ9m', ana, 'o3-mini-2025-01-31', false, 'default', 700, 3_100, 1_400, 0.22),
  stream('proj_12345', 'key_Pr0dWorkerB2x8nL4v', chloe, 'gpt-4o-2024-08-06', true, 'default', 1_800, 2_800, 300, 0.05),
  stream(
    'proj_abc123Xy7kLmN4pQr9sTu2',
    'key_SupportBot9Hk2mQ4v',
    dev,
    'gpt-4o-mini-2024-07-18',
    false,
    'default',
    12_000,
    1_400,
    210,
    0.58,
  ),
  stream(
    'proj_abc123Xy7kLmN4pQr9sTu2',
    'key_SupportBot9Hk2mQ4v',
    dev,
    'gpt-4o-2024-08-06',
    false,
    'flex',
    1_100,
    1_900,
    330,
    0.41,
  ),
  stream(
    'proj_Vd5sJ2kN8qT4xR1mW7zC3hF9',
    'key_AnalyticsEtl3pR8w',
    ben,
    'gpt-4o-2024-08-06',
    true,
    'default',
    900,
    5_200,
    600,
    0.12,
  ),
  stream(
    'proj_Vd5sJ2kN8qT4xR1mW7zC3hF9',
    'key_AnalyticsNb5tY1z',
    chloe,
    'o3-mini-2025-01-31',
    false,
    'flex',
    300,
    2_600,
    1_100,
    0.18,
  ),
  stream(
    'proj_Mk8tR3wQ6yB1nV4cX7zL2pD5',
    'key_CreativeStudio6Jq',
    ana,
    'gpt-4o-2024-08-06',
    false,
    'default',
    240,
    800,
    420,
    0.3,
  ),
  {
    ...stream(
      'proj_Lq9wE3rT6yU1iO4pA7sD2fG5',
      'key_VoiceEdge4Wm7cK2s',
      dev,
      'gpt-4o-audio-preview-2024-12-17',
      false,
      'default',
      1_500,
      650,
      280,
      0.2,
    ),
    audio: true,
  },
  stream(
    'proj_Lq9wE3rT6yU1iO4pA7sD2fG5',
    'key_VoiceEdge4Wm7cK2s',
    dev,
    'gpt-4o-mini-2024-07-18',
    false,
    'priority',
    2_200,
    500,
    120,
    0.4,
  ),
  stream(
    'proj_Zx4cV7bN1mQ8wE5rT2yU9iO3',
    'key_Hackathon2Tz8Rb5n',
    ben,
    'gpt-4o-mini-2024-07-18',
    false,
    'default',
    400,
    700,
    250,
    0.1,
  ),
];

function stream(
  projectId: string,
  apiKeyId: string,
  userId: string,
  model: string,
  batch: boolean,
  serviceTier: string,
  requestsPerDay: number,
  inputPerRequest: number,
  outputPerRequest: number,
  cacheRatio: number,
): UsageStream {
  return {
    projectId,
    apiKeyId,
    userId,
    model,
    batch,
    serviceTier,
    requestsPerDay,
    inputPerRequest,
    outputPerRequest,
    cacheRatio,
  };
}

export interface UsageAtom {
  stream: UsageStream;
  input_tokens: number;
  output_tokens: number;
  input_cached_tokens: number;
  input_cache_write_tokens: number;
  input_uncached_tokens: number;
  input_audio_tokens: number;
  output_audio_tokens: number;
  num_model_requests: number;
}

export function usageAtoms(
  start: number,
  widthSeconds: number,
  nowSeconds: number,
  streams: readonly UsageStream[],
): UsageAtom[] {
  const elapsed = elapsedFraction(start, widthSeconds, nowSeconds);
  if (elapsed === 0) return [];
  const timeFactor =
    (widthSeconds / 86_400) * weekdayFactor(start) * (widthSeconds < 86_400 ? hourFactor(start) : 1) * elapsed;
  const atoms: UsageAtom[] = [];
  streams.forEach((stream, index) => {
    const project = PROJECT_BY_ID.get(stream.projectId);
    if (
      project === undefined ||
      start < project.createdAt ||
      (project.archivedAt !== null && start >= project.archivedAt)
    )
      return;
    const random = (salt: number) => unitInterval(hashNumbers(start, index, salt));
    const expected = stream.requestsPerDay * timeFactor * (0.85 + 0.3 * random(1));
    const requests = Math.floor(expected + random(2));
    if (requests === 0) return;
    const input = Math.round(requests * stream.inputPerRequest * (0.8 + 0.4 * random(3)));
    const cached = Math.round(input * Math.min(0.95, stream.cacheRatio * (0.85 + 0.3 * random(4))));
    const cacheWrite = Math.round((input - cached) * 0.04);
    const uncached = input - cached - cacheWrite;
    const output = Math.round(requests * stream.outputPerRequest * (0.8 + 0.4 * random(5)));
    atoms.push({
      stream,
      input_tokens: input,
      output_tokens: output,
      input_cached_tokens: cached,
      input_cache_write_tokens: cacheWrite,
      input_uncached_tokens: uncached,
      input_audio_tokens: stream.audio ? Math.round(uncached * 0.55) : 0,
      output_audio_tokens: stream.audio ? Math.round(output * 0.7) : 0,
      num_model_requests: requests,
    });
  });
  return atoms;
}
