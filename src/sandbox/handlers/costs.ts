/** `list_all_open_ai_costs`: GET /proxy/costs → OpenAI's `GET /v1/organization/costs`. */
import { encodeBucketCursor } from '../data/buckets';
import { type CostAtom, costAtomsForDay } from '../data/costs';
import { roundTo } from '../data/hash';
import { queryEnum, queryEnumList, queryInteger, queryList } from '../params';
import { listAnswer, type ProxyAnswer, type ProxyCall, type ResourceHandlers } from './types';
import { readBucketPage } from './usage-query';

const GROUP_FIELDS = ['project_id', 'line_item', 'api_key_id'] as const;
type GroupField = (typeof GROUP_FIELDS)[number];

export const costsHandlers: ResourceHandlers = { list: listCosts };

function listCosts(call: ProxyCall): ProxyAnswer {
  queryEnum(call.query, 'bucket_width', ['1d'], '1d');
  const limit =
    queryInteger(call.query, 'limit', { min: 1, max: 180, rangeText: 'Limit can range between 1 and 180.' }) ?? 7;
  const groupBy = new Set<GroupField>(queryEnumList(call.query, 'group_by', GROUP_FIELDS));
  const projectIds = queryList(call.query, 'project_ids');
  const apiKeyIds = queryList(call.query, 'api_key_ids');
  const page = readBucketPage(call, 86_400, limit);
  const nowSeconds = Math.floor(call.nowMs / 1000);
  const buckets = page.starts.map((start) => {
    const atoms = costAtomsForDay(start, nowSeconds).filter(
      (atom) =>
        (!projectIds || projectIds.includes(atom.projectId)) && (!apiKeyIds || apiKeyIds.includes(atom.apiKeyId)),
    );
    return { object: 'bucket', start_time: start, end_time: start + 86_400, results: groupCosts(atoms, groupBy) };
  });
  return listAnswer(buckets, page.nextStart === undefined ? null : encodeBucketCursor(page.nextStart));
}

interface CostGroup {
  object: 'organization.costs.result';
  amount: { value: number; currency: 'usd' };
  line_item: string | null;
  project_id: string | null;
  api_key_id: string | null;
  quantity: number | null;
  quantity_unit: string | null;
}

function groupCosts(atoms: CostAtom[], groupBy: ReadonlySet<GroupField>): CostGroup[] {
  const groups = new Map<string, CostGroup>();
  const byLineItem = groupBy.has('line_item');
  for (const atom of atoms) {
    const projectId = groupBy.has('project_id') ? atom.projectId : null;
    const lineItem = byLineItem ? atom.lineItem : null;
    const apiKeyId = groupBy.has('api_key_id') ? atom.apiKeyId : null;
    const key = `${projectId}|${lineItem}|${apiKeyId}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        object: 'organization.costs.result',
        amount: { value: 0, currency: 'usd' },
        line_item: lineItem,
        project_id: projectId,
        api_key_id: apiKeyId,
        // Quantities only add up within one line item.
        quantity: byLineItem && atom.quantity !== null ? 0 : null,
        quantity_unit: byLineItem ? atom.unit : null,
      };
      groups.set(key, group);
    }
    group.amount.value = roundTo(group.amount.value + atom.amount, 6);
    if (group.quantity !== null && atom.quantity !== null) group.quantity += atom.quantity;
  }
  return [...groups.values()];
}
