import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, FIXED_NOW_MS, fixedClock, OCTOBER_FIRST, proxyUrl } from './helpers';

const DAY = 86_400;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ clock: fixedClock });
});
afterAll(() => sandbox.close());

const costs = (query: string) => call(sandbox, proxyUrl(sandbox, 'costs', query));
const usage = (query: string) => call(sandbox, proxyUrl(sandbox, 'completions_usage', query));
const total = (buckets: any[]) =>
  buckets.flatMap((bucket) => bucket.results).reduce((sum, result) => sum + result.amount.value, 0);

describe('list_all_open_ai_costs', () => {
  it('answers day buckets in Truto’s list envelope, seven by default', async () => {
    const answer = await costs(`start_time=${OCTOBER_FIRST}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ prev_cursor: null, result_count: 7 });
    expect(typeof answer.body.next_cursor).toBe('string');
    const [first] = answer.body.result;
    expect(first).toMatchObject({ object: 'bucket', start_time: OCTOBER_FIRST, end_time: OCTOBER_FIRST + DAY });
    expect(first.results).toHaveLength(1);
    expect(first.results[0]).toMatchObject({
      object: 'organization.costs.result',
      amount: { currency: 'usd' },
      line_item: null,
      project_id: null,
      api_key_id: null,
      quantity: null,
      quantity_unit: null,
    });
    expect(first.results[0].amount.value).toBeGreaterThan(50);
  });

  it('is deterministic: the same request gives the same answer', async () => {
    const query = `start_time=${OCTOBER_FIRST}&group_by[]=project_id&group_by[]=line_item&limit=5`;
    expect((await costs(query)).body).toEqual((await costs(query)).body);
  });

  it('pages with next_cursor (or OpenAI’s page) and covers [start_time, end_time) exactly', async () => {
    const end = OCTOBER_FIRST + 10 * DAY;
    const starts: number[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const answer = await costs(`start_time=${OCTOBER_FIRST}&end_time=${end}&limit=3&next_cursor=${cursor}`);
      expect(answer.status).toBe(200);
      starts.push(...answer.body.result.map((bucket: any) => bucket.start_time));
      cursor = answer.body.next_cursor ?? '';
      pages++;
    } while (cursor !== '');
    expect(pages).toBe(4);
    expect(starts).toEqual(Array.from({ length: 10 }, (_, index) => OCTOBER_FIRST + index * DAY));
    const second = await costs(`start_time=${OCTOBER_FIRST}&end_time=${end}&limit=3`);
    const viaPage = await costs(`start_time=${OCTOBER_FIRST}&end_time=${end}&limit=3&page=${second.body.next_cursor}`);
    expect(viaPage.body.result[0].start_time).toBe(OCTOBER_FIRST + 3 * DAY);
  });

  it('groups by project, line item and API key without changing the total', async () => {
    const base = `start_time=${OCTOBER_FIRST}&limit=7`;
    const ungrouped = total((await costs(base)).body.result);
    const byProject = (await costs(`${base}&group_by[]=project_id`)).body.result;
    const byLine = (await costs(`${base}&group_by=line_item`)).body.result;
    const byAll = (await costs(`${base}&group_by=project_id,line_item,api_key_id`)).body.result;
    for (const grouped of [byProject, byLine, byAll]) expect(total(grouped)).toBeCloseTo(ungrouped, 4);
    const projects = new Set(
      byProject.flatMap((bucket: any) => bucket.results.map((result: any) => result.project_id)),
    );
    expect(projects).toContain('proj_12345');
    expect(projects.size).toBeGreaterThanOrEqual(4);
    const lines = new Set(byLine.flatMap((bucket: any) => bucket.results.map((result: any) => result.line_item)));
    for (const line of ['GPT-4o, input', 'GPT-4o, output', 'Image models', 'Audio models'])
      expect(lines).toContain(line);
    const image = byLine[0].results.find((result: any) => result.line_item === 'Image models');
    expect(image).toMatchObject({ quantity_unit: 'images', project_id: null });
    expect(Number.isInteger(image.quantity)).toBe(true);
    const audio = byLine[0].results.find((result: any) => result.line_item === 'Audio models');
    expect(audio).toMatchObject({ quantity: null, quantity_unit: null });
    expect(byAll[0].results.every((result: any) => result.api_key_id?.startsWith('key_'))).toBe(true);
  });

  it('spends more than $500 in a week, most of it in proj_12345 (the seed’s audit workflow)', async () => {
    const week = (await costs(`start_time=${OCTOBER_FIRST}&limit=7&group_by=project_id`)).body.result;
    expect(total(week)).toBeGreaterThan(500);
    const byProject = new Map<string, number>();
    for (const result of week.flatMap((bucket: any) => bucket.results)) {
      byProject.set(result.project_id, (byProject.get(result.project_id) ?? 0) + result.amount.value);
    }
    const top = [...byProject.entries()].sort((left, right) => right[1] - left[1])[0]!;
    expect(top[0]).toBe('proj_12345');
  });

  it('filters by project_ids and api_key_ids', async () => {
    const answer = await costs(
      `start_time=${OCTOBER_FIRST}&limit=2&group_by=project_id,api_key_id&project_ids[]=proj_12345&api_key_ids=key_Pr0dWorkerB2x8nL4v`,
    );
    const results = answer.body.result.flatMap((bucket: any) => bucket.results);
    expect(results.length).toBe(2);
    expect(
      results.every(
        (result: any) => result.project_id === 'proj_12345' && result.api_key_id === 'key_Pr0dWorkerB2x8nL4v',
      ),
    ).toBe(true);
  });

  it('has nothing in the future and only part of today', async () => {
    const today = Math.floor(FIXED_NOW_MS / 1000 / DAY) * DAY;
    const answer = await costs(`start_time=${today - DAY}&end_time=${today + 3 * DAY}`);
    const [yesterday, partial, tomorrow] = answer.body.result;
    expect(answer.body.result).toHaveLength(4);
    expect(total([partial])).toBeGreaterThan(0);
    expect(total([partial])).toBeLessThan(total([yesterday]));
    expect(tomorrow.results).toEqual([]);
  });

  it('answers OpenAI’s 400s, wrapped as remote errors, for missing or malformed arguments', async () => {
    const missing = await costs('');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      truto_is_remote_error: true,
      raw_response: {
        error: { type: 'invalid_request_error', param: 'start_time', code: 'missing_required_parameter' },
      },
    });
    expect(missing.headers.get('x-ratelimit-limit-requests')).toBeTruthy();
    const cases: Array<[string, string]> = [
      ['start_time=last%20week', 'start_time'],
      ['start_time=1759276800.5', 'start_time'],
      [`start_time=${OCTOBER_FIRST}&limit=181`, 'limit'],
      [`start_time=${OCTOBER_FIRST}&limit=0`, 'limit'],
      [`start_time=${OCTOBER_FIRST}&bucket_width=1h`, 'bucket_width'],
      [`start_time=${OCTOBER_FIRST}&group_by=model`, 'group_by'],
      [`start_time=${OCTOBER_FIRST}&end_time=${OCTOBER_FIRST}`, 'end_time'],
      [`start_time=${OCTOBER_FIRST}&next_cursor=not-ours`, 'next_cursor'],
    ];
    for (const [query, param] of cases) {
      const answer = await costs(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.truto_is_remote_error, query).toBe(true);
      expect(answer.body.raw_response.error.param, query).toBe(param);
      expect(answer.body.message).toBe(answer.body.raw_response.error.message);
    }
  });
});

describe('list_all_open_ai_completions_usage', () => {
  it('answers token usage per bucket with consistent input token parts', async () => {
    const answer = await usage(`start_time=${OCTOBER_FIRST}`);
    expect(answer.status).toBe(200);
    expect(answer.body.result).toHaveLength(7);
    const result = answer.body.result[0].results[0];
    expect(result).toMatchObject({
      object: 'organization.usage.completions.result',
      model: null,
      project_id: null,
      batch: null,
    });
    for (const field of [
      'input_tokens',
      'output_tokens',
      'input_cached_tokens',
      'input_uncached_tokens',
      'input_audio_tokens',
      'output_audio_tokens',
      'num_model_requests',
    ]) {
      expect(Number.isInteger(result[field]), field).toBe(true);
    }
    expect(result.input_cached_tokens + result.input_uncached_tokens + result.input_cache_write_tokens).toBe(
      result.input_tokens,
    );
    const ratio = result.input_cached_tokens / result.input_tokens;
    expect(ratio).toBeGreaterThan(0.1);
    expect(ratio).toBeLessThan(0.9);
  });

  it('supports 1m, 1h and 1d buckets with their own default and maximum limits', async () => {
    const hourly = await usage(`start_time=${OCTOBER_FIRST}&bucket_width=1h`);
    expect(hourly.body.result).toHaveLength(24);
    expect(hourly.body.result[1].start_time - hourly.body.result[0].start_time).toBe(3600);
    const minutes = await usage(`start_time=${OCTOBER_FIRST}&bucket_width=1m`);
    expect(minutes.body.result).toHaveLength(60);
    expect((await usage(`start_time=${OCTOBER_FIRST}&bucket_width=1m&limit=1440`)).body.result).toHaveLength(1440);
    for (const query of [
      'bucket_width=1m&limit=1441',
      'bucket_width=1h&limit=169',
      'bucket_width=1d&limit=32',
      'bucket_width=1w',
    ]) {
      const refused = await usage(`start_time=${OCTOBER_FIRST}&${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.truto_is_remote_error).toBe(true);
    }
  });

  it('groups by model and other fields, and the hourly buckets of a day add up to the day', async () => {
    const byModel = await usage(`start_time=${OCTOBER_FIRST}&limit=1&group_by[]=model`);
    const models = byModel.body.result[0].results.map((result: any) => result.model);
    expect(models).toEqual(
      expect.arrayContaining(['gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-4o-audio-preview-2024-12-17']),
    );
    const audio = byModel.body.result[0].results.find((result: any) => result.model.includes('audio'));
    expect(audio.input_audio_tokens).toBeGreaterThan(0);
    expect(audio.output_audio_tokens).toBeGreaterThan(0);
    const byEverything = await usage(
      `start_time=${OCTOBER_FIRST}&limit=1&group_by=project_id,user_id,api_key_id,model,batch,service_tier`,
    );
    const row = byEverything.body.result[0].results[0];
    expect(row.project_id).toMatch(/^proj_/);
    expect(row.user_id).toMatch(/^user-/);
    expect(typeof row.batch).toBe('boolean');
    expect(typeof row.service_tier).toBe('string');
    const day = (await usage(`start_time=${OCTOBER_FIRST}&limit=1`)).body.result[0].results[0];
    expect(day.num_model_requests).toBeGreaterThan(10_000);
  });

  it('filters by models, project_ids and batch', async () => {
    const answer = await usage(
      `start_time=${OCTOBER_FIRST}&limit=1&models=o3-mini-2025-01-31&group_by=model,project_id,batch&batch=false`,
    );
    const results = answer.body.result[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result: any) => result.model === 'o3-mini-2025-01-31' && result.batch === false)).toBe(true);
  });

  it('pages with next_cursor', async () => {
    const first = await usage(`start_time=${OCTOBER_FIRST}&bucket_width=1h&limit=5`);
    const second = await usage(
      `start_time=${OCTOBER_FIRST}&bucket_width=1h&limit=5&next_cursor=${first.body.next_cursor}`,
    );
    expect(second.body.result[0].start_time).toBe(OCTOBER_FIRST + 5 * 3600);
  });
});
