/**
 * `list_all_open_ai_models`, `get_single_open_ai_model_by_id` and `delete_a_open_ai_model_by_id`. Model ids may
 * contain `:` (`ft:gpt-4o-mini:acme:custom:abc123`); only the organisation's fine-tunes can be deleted.
 */
import { isFineTune } from '../data/models';
import { remoteError } from '../errors';
import { queryInteger, queryString } from '../params';
import { pageById } from './paging';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';

export const modelsHandlers: ResourceHandlers = { list: listModels, get: getModel, delete: deleteModel };

function listModels(call: ProxyCall): ProxyAnswer {
  const models = call.account.models();
  const limit =
    queryInteger(call.query, 'limit', { min: 1, max: 1000, rangeText: 'Limit can range between 1 and 1000.' }) ??
    models.length;
  const after = queryString(call.query, 'next_cursor');
  const { page, hasMore } = pageById(models, {
    limit,
    afterParameter: 'next_cursor',
    ...(after !== undefined ? { after } : {}),
  });
  return listAnswer(page, hasMore ? page[page.length - 1]!.id : null);
}

function getModel(call: ProxyCall): ProxyAnswer {
  const model = call.account.model(call.id!);
  if (model === undefined) throw modelNotFound(call.id!);
  return { json: model };
}

function deleteModel(call: ProxyCall): ProxyAnswer {
  const id = call.id!;
  const model = call.account.model(id);
  if (model === undefined) throw modelNotFound(id);
  if (!isFineTune(id)) {
    throw remoteError(403, {
      message: `You do not have permission to delete '${id}'. Only fine-tuned models owned by your organization can be deleted.`,
      param: 'model',
      code: 'model_not_deletable',
    });
  }
  call.account.deleteModel(id);
  return { json: { id, object: 'model', deleted: true } };
}

function modelNotFound(id: string) {
  return remoteError(404, {
    message: `The model '${id}' does not exist or you do not have access to it.`,
    param: 'model',
    code: 'model_not_found',
  });
}
