/**
 * `selectTools`, `countTokens`, `discovery: 'auto'` and the discovery meta-tools on a real catalog: PagerDuty's
 * OpenAPI document served by the sandbox (465 tools), over HTTP.
 */
import { createMemoryStore, type StateStore, type TrutoToolManager } from 'truto-langchainjs-toolset';
import { describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const pagerduty = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/pagerduty.json', seed: 3 } });
const openai = useSandboxManagers();
/** Characters as tokens: deterministic, and independent of whether gpt-tokenizer is installed. */
const characters = (text: string) => text.length;

async function metaTool(manager: TrutoToolManager, name: string, args: Record<string, unknown>) {
  const result = await manager.invokeForModel(name, args);
  expect(result.isError).toBe(false);
  return JSON.parse(result.content);
}

describe('selectTools', () => {
  it('picks the right few of 465 tools for a request, ranked, within maxTools', async () => {
    const manager = pagerduty.createManager();
    const selection = await manager.selectTools("Who's carrying the pager for the Payments rotation tonight?", {
      maxTools: 5,
    });
    expect(selection.tools).toHaveLength(5);
    expect(selection.names).toContain('list_all_pagerduty_oncalls');
    expect(selection.names).toEqual(selection.tools.map((tool) => tool.name));
    expect(selection.selected.map((entry) => entry.reason)).toContain('match');
    expect(selection.tokens).toBe(selection.selected.reduce((sum, entry) => sum + entry.tokens, 0));
    expect(selection.tokens).toBeGreaterThan(0);
  });

  it('takes a conversation and selects for its latest user message', async () => {
    const manager = pagerduty.createManager();
    const selection = await manager.selectTools([
      { role: 'user', content: 'List our escalation policies' },
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: 'Now snooze incident PXYZ for two hours' },
    ]);
    expect(selection.request).toBe('Now snooze incident PXYZ for two hours');
    expect(selection.names[0]).toBe('pagerduty_incidents_snooze');
  });

  it('keeps to a token budget as the framework sends the tools, and puts included tools first', async () => {
    const manager = pagerduty.createManager({ tokenizer: characters });
    const unlimited = await manager.selectTools('create an incident for the database service', { maxTools: 10 });
    const budget = Math.floor(unlimited.tokens / 2);
    const limited = await manager.selectTools('create an incident for the database service', { maxTokens: budget });
    expect(limited.tokens).toBeLessThanOrEqual(budget);
    expect(limited.tools.length).toBeGreaterThan(0);
    const anthropic = await manager.selectTools('create an incident for the database service', {
      maxTools: 3,
      framework: 'anthropic',
      include: ['pagerduty_users_me'],
    });
    expect(anthropic.framework).toBe('anthropic');
    expect(anthropic.names[0]).toBe('pagerduty_users_me');
    expect(anthropic.selected[0]!.reason).toBe('include');
    expect(anthropic.tools).toHaveLength(3);
  });

  it('costs a small share of the catalog per turn', async () => {
    const manager = pagerduty.createManager();
    const catalog = await manager.countTokens({ tools: 'catalog' });
    const selection = await manager.selectTools('Acknowledge incident Q1W2E3', { maxTools: 10 });
    expect(catalog.tools).toBe(465);
    expect(selection.tokens / catalog.tokens).toBeLessThan(0.05);
    // With no budget given, a selection stays within 5% of the catalog and, where ten tools fit, keeps ten.
    const defaults = await manager.selectTools('Who is on call for the payments team this weekend?');
    expect(defaults.tokens / catalog.tokens).toBeLessThan(0.05);
    expect(defaults.tools).toHaveLength(10);
  });
});

describe('countTokens', () => {
  it('counts the catalog, the model tools, the meta-tools, names or a selection, per framework', async () => {
    const manager = pagerduty.createManager({ tokenizer: characters });
    const catalog = await manager.countTokens({ tools: 'catalog' });
    expect(catalog.tokenizer).toBe('custom');
    expect(catalog.framework).toBe('openai');
    expect(Object.keys(catalog.perTool)).toHaveLength(465);
    expect(await manager.countTokens()).toEqual(catalog); // no discovery: the model gets the catalog
    const discovery = await manager.countTokens({ tools: 'discovery' });
    expect(discovery.tools).toBe(3);
    expect(discovery.tokens).toBeLessThan(catalog.tokens / 100);
    const two = await manager.countTokens({ tools: ['list_all_pagerduty_incidents', 'pagerduty_users_me'] });
    expect(two.tokens).toBe(catalog.perTool.list_all_pagerduty_incidents! + catalog.perTool.pagerduty_users_me!);
    const mcp = await manager.countTokens({ tools: ['list_all_pagerduty_incidents'], framework: 'mcp' });
    expect(mcp.tokens).not.toBe(two.perTool.list_all_pagerduty_incidents);
    const selection = await manager.selectTools('list incidents', { maxTools: 2 });
    expect((await manager.countTokens({ tools: selection })).tokens).toBe(selection.tokens);
  });

  it('counts with o200k_base when gpt-tokenizer is installed, and names the counter', async () => {
    const count = await pagerduty.createManager().countTokens({ tools: ['pagerduty_users_me'] });
    expect(['o200k_base', 'estimate']).toContain(count.tokenizer);
    expect(count.tokens).toBeGreaterThan(10);
  });
});

describe("discovery: 'auto'", () => {
  it('binds a catalog that fits the budget directly', async () => {
    const manager = openai.createManager({ discovery: 'auto', discoveryMaxTokens: 100_000 });
    expect(await manager.usesDiscovery()).toBe(false);
    expect((await manager.getTools()).length).toBe(13);
  });

  it('gives the meta-tools for a catalog over the budget', async () => {
    const manager = pagerduty.createManager({ discovery: 'auto' });
    expect(await manager.usesDiscovery()).toBe(true);
    expect((await manager.getTools()).map((tool) => tool.name)).toEqual(['search_tools', 'describe_tool', 'call_tool']);
    expect((await manager.countTokens()).tools).toBe(3);
  });

  it('decides by the budget: the same small catalog goes to discovery under a tiny budget', async () => {
    const manager = openai.createManager({ discovery: 'auto', discoveryMaxTokens: 50 });
    expect(await manager.usesDiscovery()).toBe(true);
  });

  it('refuses a budget that is not a number of tokens', () => {
    expect(() => openai.createManager({ discovery: 'auto', discoveryMaxTokens: -1 })).toThrow(/discoveryMaxTokens/);
    expect(() => openai.createManager({ discovery: 'sometimes' as never })).toThrow(/discovery/);
  });
});

describe('the discovery meta-tools', () => {
  it('search_tools uses the selection ranker and answers compactly: name, one line, required arguments', async () => {
    const manager = pagerduty.createManager({ discovery: true });
    const answer = await metaTool(manager, 'search_tools', { query: 'silence incident PXYZ for two hours', limit: 3 });
    expect(answer.tools).toHaveLength(3);
    expect(answer.tools[0]).toEqual({
      name: 'pagerduty_incidents_snooze',
      description: 'Snooze an incident.',
      required: ['id', 'duration'],
    });
    for (const hit of answer.tools) expect(hit.description.length).toBeLessThanOrEqual(160);
  });

  it('describe_tool describes several tools at once, and one as before', async () => {
    const manager = pagerduty.createManager({ discovery: true });
    const several = await metaTool(manager, 'describe_tool', {
      names: ['pagerduty_incidents_snooze', 'list_all_pagerduty_oncalls'],
    });
    expect(several.tools.map((tool: { name: string }) => tool.name)).toEqual([
      'pagerduty_incidents_snooze',
      'list_all_pagerduty_oncalls',
    ]);
    expect(several.tools[0].parameters.required).toEqual(expect.arrayContaining(['id', 'duration']));
    const one = await metaTool(manager, 'describe_tool', { name: 'pagerduty_incidents_snooze' });
    expect(one).toEqual(several.tools[0]);
  });

  it('describe_tool names the closest tools for a misspelt name, and asks for names when given none', async () => {
    const manager = pagerduty.createManager({ discovery: true, errorMode: 'return' });
    const misspelt = await manager.invokeForModel('describe_tool', { names: ['pagerduty_incident_snooze'] });
    expect(misspelt.isError).toBe(true);
    expect(JSON.parse(misspelt.content).message).toMatch(/pagerduty_incidents_snooze/);
    const empty = await manager.invokeForModel('describe_tool', {});
    expect(JSON.parse(empty.content).error).toBe('invalid_arguments');
  });
});

describe('embed: semantic retrieval fused with the lexical ranking', () => {
  /** A toy embedding: one dimension per concept, so the test can steer the semantic ranking. */
  function toyEmbed(calls: string[][]) {
    return async (texts: string[]) => {
      calls.push(texts);
      return texts.map((text) => [/on.?call/i.test(text) ? 1 : 0, /snooze|silence/i.test(text) ? 1 : 0, 0.01]);
    };
  }

  /** A store that is not the process's memory store: stands in for Redis shared by a fleet. */
  function sharedStore(): StateStore & { writes: number } {
    const memory = createMemoryStore();
    let writes = 0;
    return {
      name: 'fleet',
      admit: (request) => memory.admit(request),
      takeBudget: (key, max, windowSeconds) => memory.takeBudget(key, max, windowSeconds),
      publishLimit: (key, observation) => memory.publishLimit(key, observation),
      readLimit: (key) => memory.readLimit(key),
      getCatalog: (key) => memory.getCatalog(key),
      setCatalog: (key, value, ttlMs) => {
        writes++;
        return memory.setCatalog(key, value, ttlMs);
      },
      acquireLock: (key, ttlMs) => memory.acquireLock(key, ttlMs),
      releaseLock: (key, token) => memory.releaseLock(key, token),
      get writes() {
        return writes;
      },
    };
  }

  it('fuses the rankings, embeds each tool once, and shares the vectors through the store', async () => {
    const calls: string[][] = [];
    const store = sharedStore();
    const manager = pagerduty.createManager({ embed: toyEmbed(calls), embeddingNamespace: `toy-${Date.now()}`, store });
    const selection = await manager.selectTools('silence the page for a bit', { maxTools: 5 });
    expect(selection.names).toContain('pagerduty_incidents_snooze');
    const embeddedTools = calls.flat().length - 1; // every tool once, plus the request
    expect(embeddedTools).toBe(465);
    expect(store.writes).toBe(465);
    await manager.selectTools('who is on call', { maxTools: 5 });
    expect(calls.flat().length).toBe(embeddedTools + 2); // only the new request
  });
});
