/**
 * The baseline every catalog figure is compared with: fetching every page of `GET /integrated-account/:id/tools`
 * with a bare undici pool and `JSON.parse`-ing each, with none of the SDK's work.
 */
import { Pool } from 'undici';
import { type BenchRow, formatNumber } from '../lib.js';

export interface CatalogEndpoint {
  baseUrl: string;
  apiKey: string;
  integratedAccountId: string;
}

export interface CatalogPage {
  result: unknown[];
  next_cursor?: string | null;
}

export async function fetchCatalogPages(endpoint: CatalogEndpoint): Promise<CatalogPage[]> {
  const pool = new Pool(new URL(endpoint.baseUrl).origin, { connections: 1 });
  const pages: CatalogPage[] = [];
  let cursor: string | undefined;
  try {
    do {
      const query = cursor === undefined ? '' : `?next_cursor=${encodeURIComponent(cursor)}`;
      const answer = await pool.request({
        method: 'GET',
        path: `/integrated-account/${endpoint.integratedAccountId}/tools${query}`,
        headers: { authorization: `Bearer ${endpoint.apiKey}`, accept: 'application/json' },
      });
      const page = JSON.parse(await answer.body.text()) as CatalogPage;
      pages.push(page);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  } finally {
    await pool.close();
  }
  return pages;
}

/** The two rows every catalog-load section starts with: the baseline above, and a cold manager's `getTools()`. */
export function catalogLoadRows(fetchMedianMs: number, coldMedianMs: number, toolCount: number): BenchRow[] {
  const perTool = (ms: number) => `${formatNumber((ms * 1000) / toolCount, 1)} µs`;
  return [
    {
      case: 'baseline: fetch every page with undici + JSON.parse',
      'ms (median)': formatNumber(fetchMedianMs, 1),
      'per tool': perTool(fetchMedianMs),
      'vs baseline': '1.00×',
    },
    {
      case: 'cold: new TrutoToolManager({ cache: { shared: false } }).getTools()',
      'ms (median)': formatNumber(coldMedianMs, 1),
      'per tool': perTool(coldMedianMs),
      'vs baseline': `${(coldMedianMs / fetchMedianMs).toFixed(2)}×`,
    },
  ];
}
