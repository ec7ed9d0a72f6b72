/**
 * `list_all_open_ai_project_rate_limits` (GET /proxy/project_rate_limits?project_id=...) and
 * `update_a_open_ai_project_rate_limit_by_id` (PATCH /proxy/project_rate_limits/<id>?project_id=...).
 * Truto needs `project_id` to build OpenAI's path, so its absence is Truto's own 400, not a remote error.
 */
import { RATE_LIMIT_FIELDS } from '../data/rate-limits';
import { remoteError, trutoError } from '../errors';
import { bodyNumber, queryInteger, queryString } from '../params';
import { pageById } from './paging';
import { projectNotFound } from './projects';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';

export const projectRateLimitsHandlers: ResourceHandlers = { list: listRateLimits, update: updateRateLimit };

function requireProjectId(call: ProxyCall): string {
  const projectId = queryString(call.query, 'project_id');
  if (projectId === undefined) {
    throw trutoError(
      400,
      "The query parameter 'project_id' is required: it is part of the upstream path /organization/projects/{project_id}/rate_limits.",
    );
  }
  return projectId;
}

function listRateLimits(call: ProxyCall): ProxyAnswer {
  const projectId = requireProjectId(call);
  const limits = call.account.rateLimits(projectId);
  if (limits === undefined) throw projectNotFound(projectId);
  const limit =
    queryInteger(call.query, 'limit', { min: 1, max: 100, rangeText: 'Limit can range between 1 and 100.' }) ?? 100;
  const afterParameter = queryString(call.query, 'next_cursor') !== undefined ? 'next_cursor' : 'after';
  const after = queryString(call.query, afterParameter);
  const before = queryString(call.query, 'before');
  const { page, hasMore } = pageById(limits, {
    limit,
    afterParameter,
    ...(after !== undefined ? { after } : {}),
    ...(before !== undefined ? { before } : {}),
  });
  return listAnswer(page, hasMore ? page[page.length - 1]!.id : null);
}

function updateRateLimit(call: ProxyCall): ProxyAnswer {
  const projectId = requireProjectId(call);
  const limits = call.account.rateLimits(projectId);
  if (limits === undefined) throw projectNotFound(projectId);
  const target = limits.find((limit) => limit.id === call.id);
  if (target === undefined) {
    throw remoteError(404, {
      message: `No rate limit found with id '${call.id}' in project '${projectId}'.`,
      param: 'rate_limit_id',
      code: 'not_found',
    });
  }
  const known = new Set<string>(RATE_LIMIT_FIELDS);
  const unknown = Object.keys(call.body).find((field) => !known.has(field));
  if (unknown !== undefined)
    throw remoteError(400, { message: `Unknown parameter: '${unknown}'.`, param: unknown, code: 'unknown_parameter' });
  // Validate everything before changing anything, so a bad field leaves the limit untouched.
  const changes = RATE_LIMIT_FIELDS.map(
    (field) => [field, bodyNumber(call.body, field, { integer: true, min: 0 })] as const,
  );
  for (const [field, value] of changes) if (value !== undefined) target[field] = value;
  return { json: target };
}
