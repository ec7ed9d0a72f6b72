import { createHash } from 'node:crypto';

/** OpenAI, Anthropic, Gemini and MCP clients all accept this; most reject anything else. */
export const MAX_TOOL_NAME_LENGTH = 64;
const VALID_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Characters kept before the `_` and the 8-character hash in a name that is still too long. */
const HASHED_PREFIX_LENGTH = MAX_TOOL_NAME_LENGTH - 9;

/**
 * Truto's name patterns spend words a model does not need (`list_all_…`, `get_single_…_by_id`): a long name first
 * loses those, which keeps it readable, before anything is cut.
 */
const FILLER: ReadonlyArray<readonly [RegExp, string]> = [
  [/^list_all_/, 'list_'],
  [/^get_single_/, 'get_'],
  [/^create_a_/, 'create_'],
  [/^update_a_/, 'update_'],
  [/^delete_a_/, 'delete_'],
  [/_by_id$/, ''],
];

/**
 * The name a tool is exposed under, as a pure function of its catalog name (the same name always gives the same
 * result, whatever else the catalog holds):
 * 1. a valid name (`[a-zA-Z0-9_-]{1,64}`) is kept;
 * 2. other characters become `_`;
 * 3. a name still over 64 characters drops Truto's filler words (`list_all_` → `list_`, `get_single_` → `get_`,
 *    `create_a_` → `create_`, `update_a_` → `update_`, `delete_a_` → `delete_`, a trailing `_by_id`);
 * 4. a name still over 64 characters keeps its first 55 characters, then `_` and the first 8 hex digits of the
 *    SHA-256 of the original name.
 * `assignToolNames` adds the uniqueness rule; the mapping is reversible through the catalog (every API that takes
 * a tool name also accepts the original).
 */
export function toProviderSafeName(name: string): string {
  if (VALID_NAME.test(name)) return name;
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_') || 'tool';
  if (cleaned.length <= MAX_TOOL_NAME_LENGTH) return cleaned;
  let compact = cleaned;
  for (const [pattern, replacement] of FILLER) compact = compact.replace(pattern, replacement);
  if (compact.length <= MAX_TOOL_NAME_LENGTH) return compact;
  return hashedName(compact, name);
}

/**
 * Assigns provider-safe, unique names. Valid names are never changed. When renamed names collide (with each other
 * or with a valid name), every renamed one in the collision takes the hashed form of rule 4, so which of them comes
 * first in the catalog never decides who keeps the plain name: the result depends only on the set of names.
 */
export function assignToolNames(names: readonly string[]): Map<string, string> {
  const assigned = new Map<string, string>();
  const valid = new Set(names.filter((name) => VALID_NAME.test(name)));
  const candidates = new Map<string, string[]>();
  for (const original of names) {
    if (valid.has(original)) {
      assigned.set(original, original);
      continue;
    }
    const safe = toProviderSafeName(original);
    const group = candidates.get(safe);
    if (group) group.push(original);
    else candidates.set(safe, [original]);
  }
  for (const [safe, group] of candidates) {
    if (group.length === 1 && !valid.has(safe)) {
      assigned.set(group[0]!, safe);
      continue;
    }
    for (const original of group) assigned.set(original, hashedName(safe, original));
  }
  return assigned;
}

function hashedName(readable: string, original: string): string {
  return `${readable.slice(0, HASHED_PREFIX_LENGTH)}_${shortHash(original)}`;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
