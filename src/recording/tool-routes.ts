/**
 * Which catalog tool a Proxy API request came from, for requests that arrive without a name (the recording proxy
 * sees only HTTP). The SDK's own request plan says where each tool sends its calls, so the two cannot disagree.
 */
import type { TrutoToolDefinition } from '../catalog/tool-definition.js';
import { planArguments } from '../invoke/argument-plan.js';

export type ToolRouteLookup = (method: string, path: string) => string | undefined;

/**
 * A lookup over `tools`. An exact path wins over a path with an id (`POST /proxy/projects/archive` is the custom
 * `archive` method, not a create on some `projects/archive` resource); the first tool in catalog order wins a tie.
 * Tools whose request cannot be planned are left out.
 */
export function createToolRouteLookup(tools: readonly TrutoToolDefinition[]): ToolRouteLookup {
  const exact = new Map<string, string>();
  const withId = new Map<string, string>();
  for (const tool of tools) {
    let plan: ReturnType<typeof planArguments>;
    try {
      plan = planArguments(tool);
    } catch {
      continue;
    }
    const key = `${plan.httpMethod} ${plan.basePath}`;
    const routes = plan.idInPath ? withId : exact;
    if (!routes.has(key)) routes.set(key, tool.name);
  }
  return (method, path) => {
    const upper = method.toUpperCase();
    const named = exact.get(`${upper} ${path}`);
    if (named !== undefined) return named;
    const lastSlash = path.lastIndexOf('/');
    if (lastSlash <= 0 || lastSlash === path.length - 1) return undefined;
    return withId.get(`${upper} ${path.slice(0, lastSlash)}`);
  };
}
