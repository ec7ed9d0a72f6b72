/**
 * Discovery mode: for accounts with hundreds of tools, the model gets three small meta-tools instead of the
 * whole catalog (whose schemas alone could fill its context): `search_tools` to find candidates (the same ranker
 * as `selectTools`), `describe_tool` to read the parameters of one or several, `call_tool` to run one.
 *
 * The meta-tools are `TrutoTool`s with hand-written definitions, so every adapter renders, validates and
 * passes them exactly like catalog tools; only their execution differs (see `runDiscoveryTool`).
 */

import { ToolInputError, ToolNotFoundError } from '../errors/index.js';
import { splitSummary } from '../selection/tool-document.js';
import { readableText } from '../selection/words.js';
import type { TrutoToolDefinition } from './tool-definition.js';
import { TrutoTool } from './truto-tool.js';

export const SEARCH_TOOLS = 'search_tools';
export const DESCRIBE_TOOL = 'describe_tool';
export const CALL_TOOL = 'call_tool';
export const DISCOVERY_TOOL_NAMES: readonly string[] = [SEARCH_TOOLS, DESCRIBE_TOOL, CALL_TOOL];

/** Results per `search_tools` call unless the model asks for another number (up to 50). */
export const DEFAULT_DISCOVERY_SEARCH_LIMIT = 10;
const MAX_DISCOVERY_SEARCH_LIMIT = 50;

/** The arguments of a `search_tools` tool, in discovery mode and in MCP's tool selection alike. */
export const SEARCH_TOOLS_ARGUMENTS = {
  type: 'object',
  properties: {
    query: { type: 'string', description: 'What you want to do, in plain words.' },
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_DISCOVERY_SEARCH_LIMIT,
      description: `How many tools to return. Default ${DEFAULT_DISCOVERY_SEARCH_LIMIT}.`,
    },
  },
} as const;
/** Search results show one line per tool; `describe_tool` gives the whole text. */
const SEARCH_DESCRIPTION_CHARACTERS = 160;
/** Tools one `describe_tool` call may describe (Truto's own MCP server calls this `get_tool_schema(tool_names[])`). */
export const MAX_DESCRIBED_TOOLS = 20;

const definitions: TrutoToolDefinition[] = [
  {
    name: SEARCH_TOOLS,
    description:
      'Find the tools of the connected account for a task. Describe the task in plain words ("who is on call tonight", "refund an order"); returns the best tools with one line each and their required arguments. Then call describe_tool for the parameters and call_tool to run one.',
    resource: 'discovery',
    method: SEARCH_TOOLS,
    body_schema: SEARCH_TOOLS_ARGUMENTS,
    required: ['query'],
  },
  {
    name: DESCRIBE_TOOL,
    description:
      'Get the full description and the JSON Schema of the arguments of tools found with search_tools: one (name) or several at once (names).',
    resource: 'discovery',
    method: DESCRIBE_TOOL,
    body_schema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'One exact tool name, as search_tools returned it.' },
        names: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          maxItems: MAX_DESCRIBED_TOOLS,
          description: 'Several exact tool names.',
        },
      },
    },
  },
  {
    name: CALL_TOOL,
    description:
      'Run one tool of the connected account. The arguments must match the schema describe_tool returned; dates may be written as expressions like "last week".',
    resource: 'discovery',
    method: CALL_TOOL,
    body_schema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'The exact tool name.' },
        arguments: {
          type: 'object',
          additionalProperties: true,
          description: 'The tool arguments, as an object. Omit or pass {} when the tool needs none.',
        },
      },
    },
    required: ['name'],
  },
];

let metaTools: TrutoTool[] | undefined;

/** The three meta-tools; one set per process, so their small schemas compile once. */
export function discoveryTools(): TrutoTool[] {
  metaTools ??= definitions.map((definition) => new TrutoTool(definition));
  return metaTools;
}

export function isDiscoveryToolName(name: string): boolean {
  return DISCOVERY_TOOL_NAMES.includes(name);
}

/** What discovery needs from its manager: the account's selected tools and the normal call pipeline. */
export interface DiscoveryHost {
  /** The best tools for a request, best first (the manager's ranker). */
  search(query: string, limit: number): TrutoTool[] | Promise<TrutoTool[]>;
  /** The tool by exposed or original name, or undefined. */
  find(name: string): TrutoTool | undefined;
  /** Names close to a misspelt one, for the error message. */
  closest(name: string): string[];
  /** Runs a catalog tool for the model (validation, dates, hooks, error mode) and returns its text. */
  call(tool: TrutoTool, args: unknown): Promise<{ content: string; isError: boolean }>;
}

/** One `search_tools` hit: enough to choose, not to call (that is `describe_tool`'s job). */
export interface DiscoveryHit {
  name: string;
  /** The description's first sentence, at most 160 characters. */
  description: string;
  /** The arguments the tool cannot do without. */
  required: string[];
}

/** Executes a meta-tool with already validated arguments and returns what the model reads. */
export async function runDiscoveryTool(
  name: string,
  args: Record<string, unknown>,
  host: DiscoveryHost,
): Promise<{ content: string; isError: boolean }> {
  switch (name) {
    case SEARCH_TOOLS: {
      const limit = typeof args.limit === 'number' ? args.limit : DEFAULT_DISCOVERY_SEARCH_LIMIT;
      const found = await host.search(String(args.query ?? ''), limit);
      const tools = found.map(discoveryHit);
      const hint =
        tools.length > 0
          ? 'Call describe_tool with the names you need (names: [...]) for their parameters, then call_tool.'
          : 'No tool matched; describe the task in other words.';
      return { content: JSON.stringify({ tools, hint }), isError: false };
    }
    case DESCRIBE_TOOL: {
      if (Array.isArray(args.names)) {
        const tools = args.names.map((toolName) => describe(findOrThrow(String(toolName), host)));
        return { content: JSON.stringify({ tools }), isError: false };
      }
      if (args.name === undefined) {
        throw new ToolInputError(DESCRIBE_TOOL, [
          { path: 'names', message: 'Give the tool names to describe (names: ["..."]), or one name (name: "...").' },
        ]);
      }
      return { content: JSON.stringify(describe(findOrThrow(String(args.name), host))), isError: false };
    }
    case CALL_TOOL:
      return host.call(findOrThrow(String(args.name ?? ''), host), args.arguments ?? {});
    default:
      throw new ToolNotFoundError(name, DISCOVERY_TOOL_NAMES);
  }
}

/** A search hit: name, one line, required arguments. */
export function discoveryHit(tool: TrutoTool): DiscoveryHit {
  return { name: tool.name, description: oneLine(tool.description), required: requiredArguments(tool) };
}

function describe(tool: TrutoTool) {
  return { name: tool.name, description: tool.description, parameters: tool.modelJsonSchema };
}

function findOrThrow(name: string, host: DiscoveryHost): TrutoTool {
  const tool = host.find(name);
  if (tool) return tool;
  // The model misspelt a name: point it at the closest ones rather than at the first ten of the catalog.
  throw new ToolNotFoundError(name, host.closest(name));
}

/** Truto's flat `required` list, limited to arguments the schemas define (the list may name others). */
function requiredArguments(tool: TrutoTool): string[] {
  const { required, query_schema, body_schema } = tool.definition;
  if (!Array.isArray(required)) return [];
  const defined = (schema: unknown) =>
    Object.keys(((schema as { properties?: object } | undefined)?.properties ?? {}) as object);
  const known = new Set([...defined(query_schema), ...defined(body_schema)]);
  return required.filter((argument) => typeof argument === 'string' && (known.size === 0 || known.has(argument)));
}

function oneLine(description: string): string {
  const readable = readableText(description).replace(/\s+/g, ' ').trim();
  const { summary } = splitSummary(readable);
  const line = summary || readable;
  if (line.length <= SEARCH_DESCRIPTION_CHARACTERS) return line;
  return `${line.slice(0, SEARCH_DESCRIPTION_CHARACTERS - 1).trimEnd()}…`;
}
