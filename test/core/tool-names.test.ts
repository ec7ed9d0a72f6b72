import { describe, expect, it } from 'vitest';
import { assignToolNames, toProviderSafeName } from '../../src/catalog/tool-names.js';

describe('provider-safe tool names', () => {
  it('keeps valid names as they are', () => {
    expect(toProviderSafeName('list_all_open_ai_costs')).toBe('list_all_open_ai_costs');
  });

  it('replaces characters providers reject', () => {
    expect(toProviderSafeName('list.all open-ai/costs')).toBe('list_all_open-ai_costs');
  });

  it('shortens long names deterministically to at most 64 characters, keeping them distinct', () => {
    const a = `list_all_${'very_long_resource_name_'.repeat(4)}alpha`;
    const b = `list_all_${'very_long_resource_name_'.repeat(4)}beta`;
    expect(toProviderSafeName(a)).toHaveLength(64);
    expect(toProviderSafeName(a)).toBe(toProviderSafeName(a));
    expect(toProviderSafeName(a)).not.toBe(toProviderSafeName(b));
    expect(toProviderSafeName(a)).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it('resolves clashes created by cleaning', () => {
    const names = assignToolNames(['a.b', 'a_b', 'a b']);
    expect(new Set(names.values()).size).toBe(3);
    expect(names.get('a_b')).toBe('a_b');
    for (const name of names.values()) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });
});
