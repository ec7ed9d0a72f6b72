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

describe('long names from vendor catalogs', () => {
  const long = 'get_single_pagerduty_event_orchestration_service_cache_variable_data_by_id';

  it('first drops Truto filler words, which often fits the name in 64 characters', () => {
    expect(long.length).toBeGreaterThan(64);
    expect(toProviderSafeName(long)).toBe('get_pagerduty_event_orchestration_service_cache_variable_data');
  });

  it('gives the same names whatever order the catalog lists them in (stable), and unique ones', () => {
    const names = [
      long,
      `list_all_pagerduty_${'incident_workflow_'.repeat(4)}actions`,
      `list_all_pagerduty_${'incident_workflow_'.repeat(4)}triggers`,
      'get_pagerduty_event_orchestration_service_cache_variable_data',
      'list_all_pagerduty_services',
    ];
    const forwards = assignToolNames(names);
    const backwards = assignToolNames([...names].reverse());
    expect([...forwards.entries()].sort()).toEqual([...backwards.entries()].sort());
    expect(new Set(forwards.values()).size).toBe(names.length);
    for (const name of forwards.values()) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    // A valid name is never taken from its tool: the renamed one that would collide takes the hashed form.
    expect(forwards.get('get_pagerduty_event_orchestration_service_cache_variable_data')).toBe(
      'get_pagerduty_event_orchestration_service_cache_variable_data',
    );
    expect(forwards.get(long)).toMatch(/^get_pagerduty_event_orchestration_service_cache_variabl_[0-9a-f]{8}$/);
  });
});
