/**
 * The seed article's date prompts, end to end: the model's words go into a LangChain tool call, the SDK turns
 * them into integers, and the sandbox receives exactly those integers. Expected values were worked out by hand
 * for now = Wednesday 2026-11-25 12:00 UTC (07:00 EST in New York).
 */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { ToolInputError, TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
const seconds = (iso: string) => String(Date.parse(iso) / 1000);

let sandbox: Sandbox;
let utc: TrutoToolManager;
let newYork: TrutoToolManager;

beforeAll(async () => {
  sandbox = await startSandbox();
  const common = { apiKey: sandbox.apiKey, integratedAccountId: sandbox.integratedAccountId, baseUrl: sandbox.baseUrl };
  utc = new TrutoToolManager({ ...common, now: NOW });
  newYork = new TrutoToolManager({ ...common, now: () => NOW, timeZone: 'America/New_York' });
});

afterAll(async () => {
  await utc.close();
  await newYork.close();
  await sandbox.close();
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

function proxyRequests() {
  return sandbox.requests.filter((request) => request.route === 'proxy');
}

/** The query the sandbox received for one tool call. */
async function sentQuery(manager: TrutoToolManager, name: string, args: Record<string, unknown>) {
  const tool = (await manager.getTools()).find((candidate) => candidate.name === name);
  if (tool === undefined) throw new Error(`no tool ${name}`);
  sandbox.requests.length = 0;
  await tool.invoke(args);
  const [request] = proxyRequests();
  if (request === undefined) throw new Error('nothing reached the sandbox');
  return request.query;
}

describe('seed prompts through the sandbox (UTC)', () => {
  it('"starting from October 1st" sends the start of October 1st', async () => {
    const query = await sentQuery(utc, 'list_all_open_ai_costs', { start_time: 'starting from October 1st' });
    expect(query.start_time).toBe(seconds('2026-10-01T00:00:00Z'));
    expect(query.start_time).toBe('1790812800');
    expect(query).not.toHaveProperty('end_time');
  });

  it('"starting from Monday" sends Monday 00:00', async () => {
    const query = await sentQuery(utc, 'list_all_open_ai_costs', { start_time: 'starting from Monday' });
    expect(query.start_time).toBe(seconds('2026-11-23T00:00:00Z'));
  });

  it('"the past week" as a time_range sends the last 7 days up to now, and never sends time_range', async () => {
    const query = await sentQuery(utc, 'list_all_open_ai_completions_usage', {
      time_range: 'the past week',
      bucket_width: '1d',
    });
    expect(query.start_time).toBe(seconds('2026-11-18T12:00:00Z'));
    expect(query.end_time).toBe(seconds('2026-11-25T12:00:00Z'));
    expect(query.bucket_width).toBe('1d');
    expect(query).not.toHaveProperty('time_range');
  });

  it('"last week" fills the calendar week, Monday to Monday', async () => {
    const query = await sentQuery(utc, 'list_all_open_ai_costs', { time_range: 'last week' });
    expect([query.start_time, query.end_time]).toEqual([
      seconds('2026-11-16T00:00:00Z'),
      seconds('2026-11-23T00:00:00Z'),
    ]);
  });

  it('integers from the model are sent unchanged, milliseconds become seconds', async () => {
    expect((await sentQuery(utc, 'list_all_open_ai_costs', { start_time: 1759276800 })).start_time).toBe('1759276800');
    expect((await sentQuery(utc, 'list_all_open_ai_costs', { start_time: 1759276800000 })).start_time).toBe(
      '1759276800',
    );
  });

  it('an explicit end wins over time_range', async () => {
    const query = await sentQuery(utc, 'list_all_open_ai_costs', {
      time_range: 'last month',
      end_time: 'October 15th',
    });
    expect([query.start_time, query.end_time]).toEqual([
      seconds('2026-10-01T00:00:00Z'),
      seconds('2026-10-16T00:00:00Z'),
    ]);
  });
});

describe('seed prompts through the sandbox (America/New_York)', () => {
  it('"starting from October 1st" is local midnight, EDT', async () => {
    const query = await sentQuery(newYork, 'list_all_open_ai_costs', { start_time: 'starting from October 1st' });
    expect(query.start_time).toBe(seconds('2026-10-01T00:00:00-04:00'));
  });

  it('"starting from Monday" is local midnight, EST', async () => {
    const query = await sentQuery(newYork, 'list_all_open_ai_costs', { start_time: 'starting from Monday' });
    expect(query.start_time).toBe(seconds('2026-11-23T00:00:00-05:00'));
  });
});

describe('what the model sees and what is refused', () => {
  it('the costs tool offers date expressions and an optional time_range', async () => {
    const tool = (await utc.getTools()).find((candidate) => candidate.name === 'list_all_open_ai_costs')!;
    const parameters = convertToOpenAITool(tool).function.parameters as {
      properties: Record<string, { description?: string }>;
      required?: string[];
    };
    expect(parameters.properties.start_time?.description).toMatch(/date expression \('last Monday'\)/);
    expect(parameters.properties.time_range?.description).toMatch(/'last week'/);
    expect(parameters.required ?? []).not.toContain('time_range');
  });

  it.each([
    [{ start_time: 'next tuesday-ish' }, 'start_time'],
    [{ start_time: 'last October' }, 'start_time'],
    [{ time_range: 'whenever' }, 'time_range'],
    [{ start_time: 'last week', end_time: 'October 1st' }, 'end_time'],
  ])('%j is refused before any request, naming %s', async (args, field) => {
    const tool = (await utc.getTools()).find((candidate) => candidate.name === 'list_all_open_ai_costs')!;
    sandbox.requests.length = 0;
    const error = await tool.invoke(args).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolInputError);
    expect((error as ToolInputError).issues.map((issue) => issue.path)).toContain(field);
    expect(proxyRequests()).toHaveLength(0);
  });
});
