/**
 * Discovery mode: for accounts with hundreds of tools, the model gets three small meta-tools instead of the
 * whole catalog (whose schemas alone could fill its context): `search_tools` to find candidates,
 * `describe_tool` to read one tool's parameters, `call_tool` to run it.
 *
 * The meta-tools are `TrutoTool`s with hand-written definitions, so every adapter renders, validates and
 * passes them exactly like catalog tools; only their execution differs (see `runDiscoveryTool`).
 */
import { ToolNotFoundError } from '../errors/index.js';
import type { TrutoToolDefinition } from './tool-definition.js';
import { TrutoTool } from './truto-tool.js';

export const SEARCH_TOOLS = 'search_tools';
export const DESCRIBE_TOOL = 'describe_tool';
export const CALL_TOOL = 'call_tool';
export const DISCOVERY_TOOL_NAMES: readonly string[] = [SEARCH_TOOLS, DESCRIBE_TOOL, CALL_TOOL];

/** Results per `search_tools` call unless the model asks for another number (up to 50). */
export const DEFAULT_DISCOVERY_SEARCH_LIMIT = 10;
const MAX_DISCOVERY_SEARCH_LIMIT = 50;
/** Long descriptions are cut in search results; `describe_tool` gives the whole text. */
const SEARCH_DESCRIPTION_CHARACTERS = 240;

const definitions: TrutoToolDefinition[] = [
  {
    name: SEARCH_TOOLS,
    description:
      'Find the tools of the connected account that fit a task. Give a few keywords ("costs", "transcribe audio", "project rate limits"); returns matching tool names with short descriptions. Then call describe_tool for the parameters and call_tool to run one.',
    resource: 'discovery',
    method: SEARCH_TOOLS,
    body_schema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Keywords describing what you want to do.' },
        limit: {
          type: 'integer',
          minimum: 1,
          maximum: MAX_DISCOVERY_SEARCH_LIMIT,
          description: `How many tools to return. Default ${DEFAULT_DISCOVERY_SEARCH_LIMIT}.`,
        },
      },
    },
    required: ['query'],
  },
  {
    name: DESCRIBE_TOOL,
    description: 'Get the full description and the JSON Schema of the arguments of one tool found with search_tools.',
    resource: 'discovery',
    method: DESCRIBE_TOOL,
    body_schema: {
      type: 'object',
      properties: { name: { type: 'string', description: 'The exact tool name, as search_tools returned it.' } },
    },
    required: ['name'],
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
  search(query: string, limit: number): TrutoTool[];
  /** The tool by exposed or original name, or undefined. */
  find(name: string): TrutoTool | undefined;
  /** Runs a catalog tool for the model (validation, dates, hooks, error mode) and returns its text. */
  call(tool: TrutoTool, args: unknown): Promise<{ content: string; isError: boolean }>;
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
      const found = host.search(String(args.query ?? ''), limit);
      const tools = found.map((tool) => ({ name: tool.name, description: shorten(tool.description) }));
      const hint =
        tools.length > 0
          ? 'Call describe_tool with a name for its parameters, then call_tool.'
          : 'No tool matched; try fewer or other keywords.';
      return { content: JSON.stringify({ tools, hint }), isError: false };
    }
    case DESCRIBE_TOOL: {
      const tool = findOrThrow(String(args.name ?? ''), host);
      return {
        content: JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.modelJsonSchema }),
        isError: false,
      };
    }
    case CALL_TOOL:
      return host.call(findOrThrow(String(args.name ?? ''), host), args.arguments ?? {});
    default:
      throw new ToolNotFoundError(name, DISCOVERY_TOOL_NAMES);
  }
}

function findOrThrow(name: string, host: DiscoveryHost): TrutoTool {
  const tool = host.find(name);
  if (tool) return tool;
  // The model misspelt a name: point it at the closest ones rather than at the first ten of the catalog.
  const close = host.search(name.replace(/_/g, ' '), 5).map((candidate) => candidate.name);
  throw new ToolNotFoundError(name, close);
}

function shorten(text: string): string {
  if (text.length <= SEARCH_DESCRIPTION_CHARACTERS) return text;
  return `${text.slice(0, SEARCH_DESCRIPTION_CHARACTERS - 1).trimEnd()}…`;
}
