import { createHash } from 'node:crypto';

/** OpenAI, Anthropic, Gemini and MCP clients all accept this; most reject anything else. */
export const MAX_TOOL_NAME_LENGTH = 64;
const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A name every provider accepts: invalid characters become `_`, and a name longer than 64 characters keeps its
 * first 55 characters plus `_` and an 8-character hash of the original, so the same catalog always gets the same
 * names and two long names that share a prefix stay distinct.
 */
export function toProviderSafeName(name: string): string {
  if (VALID_NAME.test(name)) return name;
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool';
  if (cleaned.length <= MAX_TOOL_NAME_LENGTH) return cleaned;
  return `${cleaned.slice(0, MAX_TOOL_NAME_LENGTH - 9)}_${shortHash(name)}`;
}

/** Assigns provider-safe, unique names; a clash after cleaning is resolved with a hash of the original name. */
export function assignToolNames(names: readonly string[]): Map<string, string> {
  const assigned = new Map<string, string>();
  // Names that are already valid keep their name whatever the order: a renamed neighbour must not take it.
  const taken = new Set(names.filter((name) => VALID_NAME.test(name)));
  for (const original of names) {
    if (VALID_NAME.test(original)) {
      assigned.set(original, original);
      continue;
    }
    let safe = toProviderSafeName(original);
    if (taken.has(safe)) safe = `${safe.slice(0, MAX_TOOL_NAME_LENGTH - 9)}_${shortHash(original)}`;
    taken.add(safe);
    assigned.set(original, safe);
  }
  return assigned;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
