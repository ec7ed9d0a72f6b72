/** `list_all_open_ai_completions_usage`: GET /proxy/completions_usage → `GET /v1/organization/usage/completions`. */
import { BUCKET_SECONDS, encodeBucketCursor } from '../data/buckets';
import { USAGE_STREAMS, type UsageAtom, type UsageStream, usageAtoms } from '../data/completions-usage';
import { queryBoolean, queryEnum, queryEnumList, queryInteger, queryList } from '../params';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';
import { readBucketPage } from './usage-query';

const GROUP_FIELDS = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'] as const;
type GroupField = (typeof GROUP_FIELDS)[number];

/** Default and maximum `limit` per bucket width (from the parameter's description in OpenAI's spec). */
const LIMITS = {
  '1d': { fallback: 7, max: 31 },
  '1h': { fallback: 24, max: 168 },
  '1m': { fallback: 60, max: 1440 },
} as const;

const TOKEN_FIELDS = [
  'input_tokens',
  'output_tokens',
  'input_cached_tokens',
  'input_cache_write_tokens',
  'input_uncached_tokens',
  'input_audio_tokens',
  'output_audio_tokens',
  'num_model_requests',
] as const;

const STREAM_FIELD: Record<GroupField, (stream: UsageStream) => string | boolean> = {
  project_id: (stream) => stream.projectId,
  user_id: (stream) => stream.userId,
  api_key_id: (stream) => stream.apiKeyId,
  model: (stream) => stream.model,
  batch: (stream) => stream.batch,
  service_tier: (stream) => stream.serviceTier,
};

export const completionsUsageHandlers: ResourceHandlers = { list: listCompletionsUsage };

function listCompletionsUsage(call: ProxyCall): ProxyAnswer {
  const width = queryEnum(call.query, 'bucket_width', ['1m', '1h', '1d'], '1d');
  const { fallback, max } = LIMITS[width];
  const limit =
    queryInteger(call.query, 'limit', {
      min: 1,
      max,
      rangeText: `With bucket_width=${width} the limit can range between 1 and ${max}.`,
    }) ?? fallback;
  const groupBy = queryEnumList(call.query, 'group_by', GROUP_FIELDS);
  const filters = {
    projectIds: queryList(call.query, 'project_ids'),
    userIds: queryList(call.query, 'user_ids'),
    apiKeyIds: queryList(call.query, 'api_key_ids'),
    models: queryList(call.query, 'models'),
    batch: queryBoolean(call.query, 'batch'),
  };
  const streams = USAGE_STREAMS.filter(
    (stream) =>
      (!filters.projectIds || filters.projectIds.includes(stream.projectId)) &&
      (!filters.userIds || filters.userIds.includes(stream.userId)) &&
      (!filters.apiKeyIds || filters.apiKeyIds.includes(stream.apiKeyId)) &&
      (!filters.models || filters.models.includes(stream.model)) &&
      (filters.batch === undefined || filters.batch === stream.batch),
  );
  const widthSeconds = BUCKET_SECONDS[width];
  const page = readBucketPage(call, widthSeconds, limit);
  const nowSeconds = Math.floor(call.nowMs / 1000);
  const buckets = page.starts.map((start) => ({
    object: 'bucket',
    start_time: start,
    end_time: start + widthSeconds,
    results: groupUsage(usageAtoms(start, widthSeconds, nowSeconds, streams), groupBy),
  }));
  return listAnswer(buckets, page.nextStart === undefined ? null : encodeBucketCursor(page.nextStart));
}

function groupUsage(atoms: UsageAtom[], groupBy: readonly GroupField[]): Record<string, unknown>[] {
  const groups = new Map<string, Record<string, unknown>>();
  for (const atom of atoms) {
    const values = GROUP_FIELDS.map((field) => (groupBy.includes(field) ? STREAM_FIELD[field](atom.stream) : null));
    const key = values.join('|');
    let group = groups.get(key);
    if (group === undefined) {
      group = { object: 'organization.usage.completions.result' };
      for (const field of TOKEN_FIELDS) group[field] = 0;
      GROUP_FIELDS.forEach((field, index) => {
        group![field] = values[index];
      });
      groups.set(key, group);
    }
    for (const field of TOKEN_FIELDS) group[field] = (group[field] as number) + atom[field];
  }
  return [...groups.values()];
}
