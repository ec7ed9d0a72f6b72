/**
 * Every operation of two real vendor documents, served by the sandbox and loaded by a manager, rendered for every
 * framework with the frameworks' own objects: each tool loads and compiles without a throw, and what each framework
 * is given stays within its documented limits (names `^[a-zA-Z0-9_-]{1,64}$`, unique; object parameters; OpenAI
 * strict mode's rules, nesting included, for every tool offered strict).
 */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import { asSchema } from 'ai';
import { toModelJsonSchema } from 'truto-langchainjs-toolset';
import { createAISDKTools } from 'truto-langchainjs-toolset/ai-sdk';
import { toAnthropicTools } from 'truto-langchainjs-toolset/anthropic';
import { createMcpServer } from 'truto-langchainjs-toolset/mcp';
import { toOpenAIChatTools, toOpenAIResponsesTools, toOpenAIStrictSchema } from 'truto-langchainjs-toolset/openai';
import { describe, expect, it } from 'vitest';
import { answer, ScriptedChatModel } from '../../examples/support/scripted-chat-model.js';
import { strictSizeProblem } from '../../src/adapters/openai/strict-limits.js';
import { nestingDepth } from '../../src/adapters/openai/strict-schema.js';
import { findStrictViolations } from '../adapters/support/openai-strict-rules.js';
import { useVendorCatalog } from './hooks.js';
import { VENDOR_DOCUMENTS } from './support.js';

/** OpenAI, Anthropic, Gemini and MCP clients all accept this and nothing longer. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** OpenAI strict mode: at most 10 levels of nesting (Structured Outputs guide, "Supported schemas"). */
const MAX_STRICT_NESTING = 10;

function expectNamesValidAndUnique(names: readonly string[], total: number): void {
  expect(names.filter((name) => !TOOL_NAME.test(name))).toEqual([]);
  expect(new Set(names).size).toBe(total);
}

function isObjectSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'object';
}

describe.each(VENDOR_DOCUMENTS)('$name: every operation renders for every framework', (document) => {
  const catalog = useVendorCatalog(document);

  it('loads one tool per operation, and each compiles without a throw', () => {
    const { tools, sandbox, warnings } = catalog();
    expect(sandbox.tools).toHaveLength(document.operations);
    expect(tools).toHaveLength(document.operations);
    const throws: string[] = [];
    for (const tool of tools) {
      try {
        expect(tool.inputSchema).toBeDefined();
        expect(isObjectSchema(tool.modelJsonSchema)).toBe(true);
        expect(isObjectSchema(tool.argumentsJsonSchema)).toBe(true);
      } catch (error) {
        throws.push(`${tool.name}: ${String(error)}`);
      }
    }
    expect(throws).toEqual([]);
    // The catalog skipped nothing: every warning is a rename (names over 64 characters) or a schema note.
    expect(warnings.filter((warning) => /skipp/i.test(warning))).toEqual([]);
    const renamed = tools.filter((tool) => tool.name !== tool.definition.name).length;
    const schemaWarnings = tools.reduce((sum, tool) => sum + tool.warnings.length, 0);
    console.log(
      `${document.name}: ${tools.length} tools, 0 compile throws, ${renamed} renamed for provider name rules, ${schemaWarnings} schema warnings`,
    );
  });

  it('LangChain: convertToOpenAITool and bindTools take every tool', async () => {
    const { manager, tools } = catalog();
    const langChainTools = await manager.getTools();
    expect(langChainTools).toHaveLength(tools.length);
    const converted = langChainTools.map((tool) => convertToOpenAITool(tool));
    expectNamesValidAndUnique(
      converted.map((tool) => tool.function.name),
      tools.length,
    );
    expect(
      converted.filter((tool) => !isObjectSchema(tool.function.parameters)).map((tool) => tool.function.name),
    ).toEqual([]);
    const bound = new ScriptedChatModel({ script: () => answer('done') }).bindTools(langChainTools);
    expect(bound.boundTools.map((tool) => tool.function.name)).toEqual(converted.map((tool) => tool.function.name));
  });

  it('OpenAI Chat Completions and Responses, non-strict', () => {
    const { tools } = catalog();
    const chat = toOpenAIChatTools(tools);
    const responses = toOpenAIResponsesTools(tools);
    expectNamesValidAndUnique(
      chat.map((tool) => tool.function.name),
      tools.length,
    );
    expectNamesValidAndUnique(
      responses.map((tool) => tool.name),
      tools.length,
    );
    expect(chat.filter((tool) => !isObjectSchema(tool.function.parameters) || tool.function.strict)).toEqual([]);
    expect(responses.filter((tool) => !isObjectSchema(tool.parameters) || tool.strict !== false)).toEqual([]);
  });

  it('OpenAI strict mode: every strict tool obeys every rule; a fallback only over a size limit, with a warning', () => {
    const { tools } = catalog();
    const warnings: string[] = [];
    const chat = toOpenAIChatTools(tools, { strict: true, onWarning: (message) => warnings.push(message) });
    const responses = toOpenAIResponsesTools(tools, { strict: true, onWarning: (message) => warnings.push(message) });
    const problems: string[] = [];
    const fallbacks: string[] = [];
    chat.forEach((offered, index) => {
      const tool = tools[index]!;
      const parameters = offered.function.parameters!;
      expect(responses[index]!.strict).toBe(offered.function.strict);
      expect(responses[index]!.parameters).toEqual(parameters);
      if (offered.function.strict) {
        for (const violation of findStrictViolations(parameters)) problems.push(`${tool.name} ${violation}`);
        const depth = nestingDepth(parameters);
        if (depth > MAX_STRICT_NESTING) problems.push(`${tool.name}: nested ${depth} levels`);
        return;
      }
      fallbacks.push(tool.name);
      const rewritten = toOpenAIStrictSchema(
        toModelJsonSchema(tool.inputSchema, { keepAdditionalPropertiesFalse: true }),
      );
      const limit = strictSizeProblem(rewritten);
      if (limit === undefined) problems.push(`${tool.name}: offered non-strict though its strict schema fits`);
      if (!warnings.some((warning) => warning.includes(`"${tool.name}"`) && warning.includes(limit ?? '\u0000')))
        problems.push(`${tool.name}: fell back without a warning naming the limit`);
      if (!isObjectSchema(parameters)) problems.push(`${tool.name}: non-strict parameters are not an object`);
    });
    console.log(
      `${document.name}: strict mode for ${tools.length - fallbacks.length} of ${tools.length} tools; ${fallbacks.length} fell back to non-strict${fallbacks.length > 0 ? ` (${fallbacks.join(', ')})` : ''}`,
    );
    expect(problems).toEqual([]);
  });

  it('Anthropic Messages', () => {
    const { tools } = catalog();
    const anthropic = toAnthropicTools(tools);
    expectNamesValidAndUnique(
      anthropic.map((tool) => tool.name),
      tools.length,
    );
    expect(anthropic.filter((tool) => tool.input_schema.type !== 'object').map((tool) => tool.name)).toEqual([]);
  });

  it.each([false, true])('the AI SDK (strict: %s): every input schema is an object schema', async (strict) => {
    const { manager, tools } = catalog();
    const toolSet = await createAISDKTools(manager, { strict, onWarning: () => {} });
    const names = Object.keys(toolSet);
    expectNamesValidAndUnique(names, tools.length);
    const notObjects: string[] = [];
    for (const [name, tool] of Object.entries(toolSet)) {
      const jsonSchema = await asSchema(tool.inputSchema).jsonSchema;
      if (!isObjectSchema(jsonSchema)) notObjects.push(name);
    }
    expect(notObjects).toEqual([]);
  });

  it('MCP: tools/list through the SDK client lists every tool with an object input schema', async () => {
    const { manager, tools } = catalog();
    const server = createMcpServer(manager);
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'vendor-render-test', version: '1.0.0' });
    await server.connect(serverTransport);
    await client.connect(clientTransport);
    try {
      const listed: McpTool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor });
        listed.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expectNamesValidAndUnique(
        listed.map((tool) => tool.name),
        tools.length,
      );
      expect(listed.filter((tool) => tool.inputSchema.type !== 'object').map((tool) => tool.name)).toEqual([]);
    } finally {
      await client.close();
      await server.close();
    }
  });
});
