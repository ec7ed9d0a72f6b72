/**
 * `list_all_open_ai_projects`, `get_single_open_ai_project_by_id` and the custom method `open_ai_projects_archive`
 * (POST /proxy/projects/archive with `{ project_id }`).
 */
import { remoteError } from '../errors';
import { bodyString, queryBoolean, queryInteger, queryString } from '../params';
import { pageById } from './paging';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';

export const projectsHandlers: ResourceHandlers = {
  list: listProjects,
  get: getProject,
  custom: { archive: archiveProject },
};

function listProjects(call: ProxyCall): ProxyAnswer {
  const limit =
    queryInteger(call.query, 'limit', { min: 1, max: 100, rangeText: 'Limit can range between 1 and 100.' }) ?? 20;
  const includeArchived = queryBoolean(call.query, 'include_archived') ?? false;
  const afterParameter = queryString(call.query, 'next_cursor') !== undefined ? 'next_cursor' : 'after';
  const after = queryString(call.query, afterParameter);
  const projects = call.account.projects().filter((project) => includeArchived || project.status === 'active');
  const { page, hasMore } = pageById(projects, { limit, afterParameter, ...(after !== undefined ? { after } : {}) });
  return listAnswer(page, hasMore ? page[page.length - 1]!.id : null);
}

function getProject(call: ProxyCall): ProxyAnswer {
  const project = call.account.project(call.id!);
  if (project === undefined) throw projectNotFound(call.id!);
  return { json: project };
}

function archiveProject(call: ProxyCall): ProxyAnswer {
  const projectId = bodyString(call.body, 'project_id', true)!;
  const project = call.account.archiveProject(projectId, Math.floor(call.nowMs / 1000));
  if (project === undefined) throw projectNotFound(projectId);
  return { json: project };
}

export function projectNotFound(id: string) {
  return remoteError(404, { message: `No project found with id '${id}'.`, param: 'project_id', code: 'not_found' });
}
