/**
 * Tokens a model pays for the tool list, counted with a real tokenizer (gpt-tokenizer, o200k_base: GPT-4o, GPT-4.1,
 * o-series). The baseline is the catalog as Truto serves it: per tool `{ name, description, parameters }` where
 * `parameters` merges `query_schema` and `body_schema` with the flat `required` list, nothing added and nothing
 * removed. Against it, what each adapter sends for the same tools, date and file hints included:
 *
 * - LangChain `bindTools` (`convertToOpenAITool(tool)`, what ChatOpenAI sends),
 * - `toOpenAIChatTools` (non-strict and `strict: true`),
 * - `toAnthropicTools`,
 * - MCP `tools/list` (`toMcpTool`).
 *
 * Each is counted the same way: the compact JSON of `{ name, description, parameters }`, so that only the schemas
 * differ; the fixed wrappers each API adds (`type: "function"`, `strict`) are left out of every row alike.
 */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { toAnthropicTools } from '../src/adapters/anthropic/tools.js';
import { toLangChainTools } from '../src/adapters/langchain.js';
import { toMcpTool } from '../src/adapters/mcp/tool-listing.js';
import { toOpenAIChatTools } from '../src/adapters/openai/tool-definitions.js';
import { buildCatalog } from '../src/catalog/load-catalog.js';
import type { JsonSchemaObject, TrutoToolDefinition } from '../src/catalog/tool-definition.js';
import type { TrutoTool } from '../src/catalog/truto-tool.js';
import { OPENAI_TOOLS } from '../src/sandbox/tools/openai-tools.js';
import { createSyntheticTools } from '../src/sandbox/tools/synthetic-tools.js';
import type { BenchSection } from './lib.js';

interface Rendered {
  name: string;
  description: string | undefined;
  parameters: unknown;
}

interface Representation {
  label: string;
  /** OpenAI's opt-in strict mode: reported, not a target. */
  strict?: boolean;
  render(tools: readonly TrutoTool[]): Rendered[];
}

/**
 * Truto's schemas merged as they arrive: the first schema to name a property wins; `required` is the definition's
 * flat list as served (an empty one included), names neither schema defines left out.
 */
export function rawParameters(definition: TrutoToolDefinition): JsonSchemaObject {
  const properties: Record<string, unknown> = {};
  const merged: JsonSchemaObject = { type: 'object', properties };
  for (const schema of [definition.query_schema, definition.body_schema]) {
    const own = schema?.properties as Record<string, unknown> | undefined;
    for (const [name, property] of Object.entries(own ?? {})) if (!(name in properties)) properties[name] = property;
    for (const key of ['$defs', 'definitions'] as const) {
      if (schema?.[key]) merged[key] = { ...(merged[key] as object | undefined), ...(schema[key] as object) };
    }
  }
  if (Array.isArray(definition.required)) merged.required = definition.required.filter((name) => name in properties);
  return merged;
}

const REPRESENTATIONS: Representation[] = [
  {
    label: '(a) raw: Truto’s query_schema + body_schema merged',
    render: (tools) =>
      tools.map((tool) => ({
        name: tool.definition.name,
        description: tool.definition.description,
        parameters: rawParameters(tool.definition),
      })),
  },
  {
    label: '(b) LangChain bindTools: convertToOpenAITool(tool)',
    render: (tools) =>
      toLangChainTools(tools, async () => '').map((tool) => {
        const { name, description, parameters } = convertToOpenAITool(tool).function;
        return { name, description, parameters };
      }),
  },
  {
    label: '(c) toOpenAIChatTools',
    render: (tools) =>
      toOpenAIChatTools(tools).map(({ function: { name, description, parameters } }) => ({
        name,
        description,
        parameters,
      })),
  },
  {
    label: '(c) toOpenAIChatTools({ strict: true })',
    strict: true,
    render: (tools) =>
      toOpenAIChatTools(tools, { strict: true }).map(({ function: { name, description, parameters } }) => ({
        name,
        description,
        parameters,
      })),
  },
  {
    label: '(d) toAnthropicTools',
    render: (tools) =>
      toAnthropicTools(tools).map((tool) => ({
        name: tool.name,
        description: tool.description,
        parameters: tool.input_schema,
      })),
  },
  {
    label: '(e) MCP tools/list (toMcpTool)',
    render: (tools) =>
      tools.map(toMcpTool).map((tool) => ({
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema,
      })),
  },
];

function countAll(rendered: Rendered[]): number {
  let total = 0;
  for (const tool of rendered) total += countTokens(JSON.stringify(tool));
  return total;
}

interface ToolSet {
  label: string;
  tools: readonly TrutoTool[];
}

function toolSet(label: string, definitions: readonly TrutoToolDefinition[]): ToolSet {
  return { label, tools: [...buildCatalog(definitions, () => {}).values()] };
}

const signed = (value: number) => `${value > 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;

export default async function tokensBench(): Promise<BenchSection> {
  const sets = [
    toolSet('13 OpenAI tools', OPENAI_TOOLS),
    toolSet('1,000 synthetic tools', createSyntheticTools(1_000)),
  ];
  const shown = REPRESENTATIONS;
  const counts = shown.map((representation) => sets.map((set) => countAll(representation.render(set.tools))));
  const raw = counts[0]!;
  const rows = shown.map((representation, index) => {
    const row: Record<string, string> = { 'what the model is sent': representation.label };
    for (const [setIndex, set] of sets.entries()) {
      const tokens = counts[index]![setIndex]!;
      row[`${set.label}: tokens`] = tokens.toLocaleString('en-US');
      row[`${set.label}: vs raw`] = index === 0 ? '—' : signed(tokens / raw[setIndex]! - 1);
    }
    row['per synthetic tool'] = (counts[index]![1]! / sets[1]!.tools.length).toFixed(1);
    return row;
  });
  return {
    title:
      'Tokens the model pays for the tool list (gpt-tokenizer o200k_base, JSON of { name, description, parameters })',
    rows,
    // Strict mode is opt-in and shaped by OpenAI's rules (every property required, optional ones nullable): it is
    // shown, not held to the target.
    targets: REPRESENTATIONS.flatMap((representation, index) =>
      index === 0 || representation.strict ? [] : [index],
    ).map((index) => {
      const representation = REPRESENTATIONS[index]!;
      const over = sets.map((_set, setIndex) => counts[index]![setIndex]! / raw[setIndex]! - 1);
      return {
        name: `${representation.label} ≤ raw`,
        value: sets.map((set, setIndex) => `${set.label} ${signed(over[setIndex]!)}`).join(', '),
        met: over.every((value) => value <= 0),
      };
    }),
    notes: [
      'Every row but (a) carries the date hints (date expressions, time_range) and file hints the raw schemas lack.',
      'What pays for the hints: descriptions written before types, defaults, examples and min/max bounds the description already states, titles repeating the name, $schema, empty required/properties (src/schema/model-json-schema.ts).',
      'Strict mode (opt-in, not a target) lists every property as required and nullable and moves constraints into descriptions, as OpenAI’s strict mode demands.',
    ],
  };
}
