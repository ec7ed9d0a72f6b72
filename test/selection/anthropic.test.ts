/**
 * Anthropic's native tool search, sent by Anthropic's own client: `@anthropic-ai/sdk` posts to a stand-in for the
 * Messages API on loopback (we cannot reach Anthropic from tests), which records the request and answers as the API
 * does when Claude searches and then calls a deferred tool. The `tool_use` then runs against the sandbox serving
 * PagerDuty's OpenAPI document.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import {
  ANTHROPIC_TOOL_SEARCH_BETA,
  executeAnthropicToolUses,
  toAnthropicToolSearchTools,
} from 'truto-langchainjs-toolset/anthropic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandboxManagers } from '../support/sandbox.js';

const pagerduty = useSandboxManagers({ sandbox: { openapi: 'test/fixtures/openapi/pagerduty.json', seed: 6 } });

interface Recorded {
  headers: IncomingMessage['headers'];
  body: { tools: Array<Record<string, unknown>>; messages: unknown[] };
}

let messagesApi: Server;
let baseURL: string;
const recorded: Recorded[] = [];

/** What the Messages API answers when Claude searched the deferred tools and then called one it found. */
const SEARCHED_AND_CALLED = {
  id: 'msg_search',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'tool_search_tool_bm25', input: { query: 'snooze incident' } },
    {
      type: 'tool_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: {
        type: 'tool_search_tool_search_result',
        tool_references: [{ type: 'tool_reference', tool_name: 'pagerduty_incidents_snooze' }],
      },
    },
    { type: 'tool_use', id: 'toolu_1', name: 'pagerduty_incidents_snooze', input: { id: 'PXYZ', duration: 7200 } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 812, output_tokens: 64 },
};

beforeAll(async () => {
  messagesApi = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    request.on('end', () => {
      recorded.push({ headers: request.headers, body: JSON.parse(text) });
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_1' });
      response.end(JSON.stringify(SEARCHED_AND_CALLED));
    });
  });
  await new Promise<void>((resolve) => messagesApi.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(messagesApi.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => messagesApi.close(resolve));
});

describe('Anthropic tool search', () => {
  it('sends every tool deferred plus the search tool, with the beta, and runs the tool Claude found', async () => {
    const manager = pagerduty.createManager();
    const catalog = await manager.getToolDefinitions();
    const selection = await manager.selectTools('silence incident PXYZ for two hours', { maxTools: 3 });
    const tools: Anthropic.Beta.Messages.MessageCreateParams['tools'] = toAnthropicToolSearchTools(catalog, {
      loaded: selection.names,
    });
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL, maxRetries: 0 });
    const reply = await anthropic.beta.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      betas: [ANTHROPIC_TOOL_SEARCH_BETA],
      tools,
      messages: [{ role: 'user', content: 'Silence incident PXYZ for two hours' }],
    });

    const sent = recorded.at(-1)!;
    expect(String(sent.headers['anthropic-beta'])).toContain('advanced-tool-use-2025-11-20');
    expect(sent.body.tools[0]).toEqual({ type: 'tool_search_tool_bm25_20251119', name: 'tool_search_tool_bm25' });
    expect(sent.body.tools).toHaveLength(catalog.length + 1);
    const deferred = sent.body.tools.filter((tool) => tool.defer_loading === true);
    expect(deferred).toHaveLength(catalog.length - selection.names.length);
    const loaded = sent.body.tools.slice(1).filter((tool) => tool.defer_loading === undefined);
    expect(loaded.map((tool) => tool.name)).toEqual(
      catalog.filter((tool) => selection.names.includes(tool.name)).map((tool) => tool.name),
    );
    expect(sent.body.tools[1]).toMatchObject({ name: expect.any(String), input_schema: { type: 'object' } });

    const results = await executeAnthropicToolUses(manager, reply.content as never);
    expect(results).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1', content: expect.any(String) }]);
    const snoozed = pagerduty.sandbox.requests.find((request) => request.path === '/proxy/incidents/snooze');
    expect(snoozed).toMatchObject({ method: 'POST', query: { id: 'PXYZ' } });
  });

  it('offers the regex variant', () => {
    const [search] = toAnthropicToolSearchTools([], { search: 'regex' });
    expect(search).toEqual({ type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' });
  });
});
