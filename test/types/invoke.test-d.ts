/**
 * `manager.invoke` with and without generated tool types. The mistakes are `@ts-expect-error` lines: compiling this
 * file proves each is rejected; test/types/diagnostics.test.ts checks what the compilers say about them.
 */
import { type ToolCallOutcome, TrutoToolManager } from 'truto-langchainjs-toolset';
import { describe, expectTypeOf, it } from 'vitest';

/** What `truto-tools generate` writes, by hand. */
interface AccountTools {
  list_all_projects: { args: { limit?: number; start_time?: number | string }; result: { result: Project[] } };
  get_single_project_by_id: { args: { id: string }; result: Project };
  create_a_project: { args: { name: string; tags?: string[] }; result: Project };
}
interface Project {
  id: string;
  name: string;
}

const typed = new TrutoToolManager<AccountTools>({ apiKey: 'key', integratedAccountId: 'account' });
const untyped = new TrutoToolManager({ apiKey: 'key', integratedAccountId: 'account' });

describe('a typed manager', () => {
  it('checks names and arguments and types each result', () => {
    expectTypeOf(typed.invoke('list_all_projects')).resolves.toEqualTypeOf<{ result: Project[] }>();
    expectTypeOf(typed.invoke('get_single_project_by_id', { id: 'p1' })).resolves.toEqualTypeOf<Project>();
    expectTypeOf(typed.invoke('create_a_project', { name: 'n' }, { dryRun: true })).resolves.toEqualTypeOf<Project>();
    expectTypeOf(typed.invokeWithDetails('list_all_projects', { limit: 1 })).resolves.toEqualTypeOf<ToolCallOutcome>();
  });

  it('rejects every kind of mistake', () => {
    // @ts-expect-error: no tool of that name
    void typed.invoke('list_all_project');
    // @ts-expect-error: a wrong argument type
    void typed.invoke('list_all_projects', { limit: 'two' });
    // @ts-expect-error: a missing required argument
    void typed.invoke('get_single_project_by_id', {});
    // @ts-expect-error: the arguments are required when a field is
    void typed.invoke('get_single_project_by_id');
    // @ts-expect-error: an argument the tool does not have
    void typed.invoke('list_all_projects', { bogus: true });
    // @ts-expect-error: a typed manager's results come from its types
    void typed.invoke<{ anything: true }>('list_all_projects');
    // @ts-expect-error: no tool of that name
    void typed.invokeWithDetails('list_all_project');
  });

  it('still goes where any manager goes', () => {
    const takesAnyManager = (manager: TrutoToolManager) => manager.integratedAccountId;
    expectTypeOf(takesAnyManager(typed)).toEqualTypeOf<string>();
  });
});

describe('an untyped manager', () => {
  it('takes any name and arguments and answers unknown, or what the caller names', () => {
    expectTypeOf(untyped.invoke('anything', { any: 'argument' })).resolves.toEqualTypeOf<unknown>();
    expectTypeOf(untyped.invoke('anything')).resolves.toEqualTypeOf<unknown>();
    expectTypeOf(untyped.invoke<{ result: Project[] }>('list_all_projects', { limit: 1 })).resolves.toEqualTypeOf<{
      result: Project[];
    }>();
  });

  it('lets the answer take the type of where it goes, as before', async () => {
    const page: { result: Project[] } = await untyped.invoke('list_all_projects');
    expectTypeOf(page).toEqualTypeOf<{ result: Project[] }>();
  });

  it('still wants an object of arguments', () => {
    // @ts-expect-error: arguments are an object
    void untyped.invoke('anything', 'limit=2');
  });
});
