/**
 * Turns a keyword that strict mode cannot carry into a sentence for the description, so the model still learns the
 * rule (and our own validation, which keeps every rule, still enforces it).
 */
export function describeConstraint(keyword: string, value: unknown): string {
  switch (keyword) {
    case 'default':
      return `Default: ${render(value)}.`;
    case 'examples':
      return Array.isArray(value) ? `Examples: ${value.map(render).join(', ')}.` : `Example: ${render(value)}.`;
    case 'minLength':
      return `At least ${render(value)} ${plural(value, 'character')}.`;
    case 'maxLength':
      return `At most ${render(value)} ${plural(value, 'character')}.`;
    case 'format':
      return `Format: ${render(value)}.`;
    case 'uniqueItems':
      return value === true ? 'Items must be unique.' : '';
    case 'minProperties':
      return `At least ${render(value)} ${plural(value, 'key')}.`;
    case 'maxProperties':
      return `At most ${render(value)} ${plural(value, 'key')}.`;
    case 'deprecated':
      return value === true ? 'Deprecated.' : '';
    default:
      return `Constraint ${keyword}: ${render(value)}.`;
  }
}

/** Appends notes to a description, keeping the author's text first. */
export function withNotes(description: unknown, notes: readonly string[]): string | undefined {
  const parts = [typeof description === 'string' ? description.trim() : '', ...notes].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

const MAX_RENDERED_CHARACTERS = 200;

function render(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_RENDERED_CHARACTERS ? `${text.slice(0, MAX_RENDERED_CHARACTERS - 1)}…` : text;
}

function plural(count: unknown, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
