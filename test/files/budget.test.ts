/**
 * Large results are cut to the model's budget structurally: the text stays valid JSON, and a `truncation` note says
 * what was cut and how to page for the rest.
 */
import type { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitJsonToBudget } from '../../src/files/index.js';
import { formatResultForModel } from '../../src/invoke/format-result.js';
import { createManager } from './support.js';

describe('fitJsonToBudget', () => {
  const rows = Array.from({ length: 200 }, (_, index) => ({
    id: `row_${index}`,
    name: `Row number ${index}`,
    value: index,
  }));

  it('returns the value itself when it fits', () => {
    const value = { result: rows.slice(0, 3) };
    const fitted = fitJsonToBudget(value, 10_000);
    expect(fitted.value).toBe(value);
    expect(fitted.cuts).toEqual([]);
  });

  it('trims the biggest array from the end, keeps the rest of the object, and leaves the input alone', () => {
    const value = { result: rows, next_cursor: 'abc', result_count: 200 };
    const fitted = fitJsonToBudget(value, 2_000);
    const text = JSON.stringify(fitted.value);
    expect(text.length).toBeLessThanOrEqual(2_000);
    const cut = fitted.value as typeof value;
    expect(cut.next_cursor).toBe('abc');
    expect(cut.result[0]).toEqual(rows[0]);
    expect(cut.result.length).toBeLessThan(200);
    expect(fitted.cuts).toEqual([{ path: 'result', kind: 'items', kept: cut.result.length, total: 200 }]);
    expect(value.result).toHaveLength(200);
  });

  it('cuts a long string when it is the biggest part, and never splits a surrogate pair', () => {
    const transcript = `${'🎙️ word '.repeat(5_000)}`;
    const fitted = fitJsonToBudget({ text: transcript, usage: { seconds: 12 } }, 1_000);
    const value = fitted.value as { text: string; usage: unknown };
    expect(JSON.stringify(value).length).toBeLessThanOrEqual(1_000);
    expect(value.usage).toEqual({ seconds: 12 });
    expect(value.text).toMatch(/ …\[cut: \d+ more characters\]$/);
    expect(value.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(fitted.cuts[0]).toMatchObject({ path: 'text', kind: 'characters', total: transcript.length });
  });

  it('cuts nested arrays (buckets of results) and names the paths', () => {
    const buckets = Array.from({ length: 30 }, (_, bucket) => ({
      start_time: bucket,
      results: Array.from({ length: 30 }, (_, index) => ({ project_id: `proj_${index}`, amount: { value: index } })),
    }));
    const fitted = fitJsonToBudget({ object: 'page', data: buckets, has_more: true }, 3_000);
    expect(JSON.stringify(fitted.value).length).toBeLessThanOrEqual(3_000);
    expect(fitted.cuts.map((cut) => cut.path)).toContain('data');
    for (const cut of fitted.cuts) expect(cut.path).toMatch(/^data(\[\d+\]\.results)?$/);
  });

  it('replaces what cannot shrink, and at worst the whole answer, with a placeholder: still JSON', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`field_${index}`, index]));
    const fitted = fitJsonToBudget(wide, 50);
    expect(JSON.stringify(fitted.value).length).toBeLessThanOrEqual(50);
    expect(fitted.value).toMatch(/^\[omitted: \d+ characters\]$/);
    expect(fitted.cuts).toEqual([{ path: '', kind: 'value', kept: 0, total: JSON.stringify(wide).length }]);
  });
});

describe('formatResultForModel with a budget', () => {
  it('adds a truncation note with paging advice, and keeps the rate-limit note', () => {
    const answer = {
      result: Array.from({ length: 500 }, (_, index) => ({ id: index, text: 'x'.repeat(40) })),
      next_cursor: 'c2',
    };
    const text = formatResultForModel(answer, 200, {
      budgetChars: 5_000,
      paging: { limit: 'limit', cursor: 'next_cursor' },
      rateLimit: { remaining: 3, resetSeconds: 10 } as never,
    });
    expect(text.length).toBeLessThanOrEqual(5_000);
    const parsed = JSON.parse(text);
    expect(parsed.next_cursor).toBe('c2');
    expect(parsed.rate_limit).toEqual({ remaining: 3, reset_seconds: 10 });
    expect(parsed.truncation.cuts).toEqual([{ path: 'result', kind: 'items', kept: parsed.result.length, total: 500 }]);
    expect(parsed.truncation.note).toContain(`result shows ${parsed.result.length} of 500 items`);
    expect(parsed.truncation.note).toContain(
      `call again with limit: ${parsed.result.length} and page on with next_cursor`,
    );
    expect(parsed.truncation.note).toContain('repeat this call with the smaller limit');
  });

  it('wraps a cut top-level array so the note has a place', () => {
    const text = formatResultForModel(
      Array.from({ length: 1000 }, (_, index) => index),
      200,
      { budgetChars: 1_000 },
    );
    const parsed = JSON.parse(text);
    expect(Array.isArray(parsed.result)).toBe(true);
    expect(parsed.truncation.note).toContain('Narrow the request');
  });

  it('cuts plain text with a closing note, and leaves small answers exactly as before', () => {
    const text = formatResultForModel('word '.repeat(10_000), 200, { budgetChars: 2_000 });
    expect(text.length).toBeLessThanOrEqual(2_000);
    expect(text).toMatch(/…\[cut: the answer was 50000 characters/);
    expect(formatResultForModel({ a: 1 }, 200, { budgetChars: 2_000 })).toBe('{"a":1}');
    expect(formatResultForModel('hello', 200, { budgetChars: 2_000 })).toBe('hello');
  });
});

describe('a real list answer through the manager', () => {
  let sandbox: Sandbox;
  let manager: TrutoToolManager;

  beforeAll(async () => {
    sandbox = await startSandbox({ clock: () => Date.parse('2026-11-25T12:00:00Z') });
    manager = createManager(sandbox, { now: new Date('2026-11-25T12:00:00Z'), files: { resultBudgetChars: 4_000 } });
  });

  afterAll(async () => {
    await manager.close();
    await sandbox.close();
  });

  it('cuts the costs buckets to the budget, as valid JSON that says how to page', async () => {
    const full = await manager.invoke<{ result: unknown[] }>('list_all_open_ai_costs', {
      start_time: 'last month',
      group_by: ['project_id', 'line_item'],
      limit: 30,
    });
    expect(JSON.stringify(full).length).toBeGreaterThan(4_000);
    const { content } = await manager.invokeForModel('list_all_open_ai_costs', {
      start_time: 'last month',
      group_by: ['project_id', 'line_item'],
      limit: 30,
    });
    expect(content.length).toBeLessThanOrEqual(4_000);
    const parsed = JSON.parse(content);
    expect(parsed.truncation.note).toMatch(/This answer was \d+ characters, more than the 4000 the model may read/);
    expect(parsed.truncation.note).toMatch(/call again with limit: \d+ and page on with next_cursor/);
    expect(parsed.result.length).toBeGreaterThan(0);
    expect(parsed.result[0].start_time).toBe((full.result[0] as { start_time: number }).start_time);
  });
});
