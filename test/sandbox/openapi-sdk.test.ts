/**
 * The SDK against a sandbox built from a vendor document, as a user's test would run it: the manager loads the
 * Asana catalog from `/tools` (every page), compiles its schemas, and invokes a list, a create and a get through
 * the Proxy API. Both sides are independent (the SDK's zod compiler, the sandbox's Ajv), so a disagreement shows.
 */
import { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASANA_PATH, notesDocument31, PAGERDUTY_PATH } from './fixtures/openapi-documents';

describe('TrutoToolManager against an Asana sandbox', () => {
  let sandbox: Sandbox;
  let manager: TrutoToolManager;
  const warnings: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ openapi: ASANA_PATH });
    manager = new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      cache: { ttlMs: 0, shared: false },
      onWarning: (message) => warnings.push(message),
    });
  });
  afterAll(async () => {
    await manager.close();
    await sandbox.close();
  });

  it('loads every tool of the catalog as a LangChain tool', async () => {
    const tools = await manager.getTools();
    expect(tools).toHaveLength(sandbox.tools.length);
    expect(tools.map((tool) => tool.name)).toContain('list_all_asana_tasks');
    // Nothing was skipped: every schema the sandbox serves compiles in the SDK.
    expect(warnings.filter((warning) => /skipp/i.test(warning))).toEqual([]);
  });

  it('invokes a list, a create and a get', async () => {
    const list = (await manager.invoke('list_all_asana_tasks', { limit: 5 })) as any;
    expect(list.result).toHaveLength(5);
    expect(list.next_cursor).toEqual(expect.any(String));

    const created = (await manager.invoke('create_a_asana_task', {
      data: { name: 'Write the quarterly report', workspace: '1331', notes: 'Draft first' },
    })) as any;
    expect(created.data).toMatchObject({ name: 'Write the quarterly report', notes: 'Draft first' });

    const fetched = (await manager.invoke('get_single_asana_task_by_id', { id: created.data.gid })) as any;
    expect(fetched.data).toMatchObject({ gid: created.data.gid, name: 'Write the quarterly report' });

    const request = sandbox.requests.findLast((record) => record.toolName === 'get_single_asana_task_by_id');
    expect(request).toMatchObject({ method: 'GET', resource: 'tasks', resourceId: created.data.gid, status: 200 });
  });

  it('invokes a custom method of a record and a list under a parent', async () => {
    const followers = (await manager.invoke('asana_tasks_add_followers', {
      id: '1200000000000002',
      data: { followers: ['13579'] },
    })) as any;
    expect(followers.data.gid).toBe('1200000000000002');
    const projectTasks = (await manager.invoke('list_all_asana_project_tasks', {
      project_gid: '1331',
      limit: 3,
    })) as any;
    expect(projectTasks.result).toHaveLength(3);
  });

  it('updates and deletes', async () => {
    const created = (await manager.invoke('create_a_asana_task', {
      data: { name: 'Temporary', workspace: '1331' },
    })) as any;
    const updated = (await manager.invoke('update_a_asana_task_by_id', {
      id: created.data.gid,
      data: { name: 'Temporary, renamed' },
    })) as any;
    expect(updated.data.name).toBe('Temporary, renamed');
    await manager.invoke('delete_a_asana_task_by_id', { id: created.data.gid });
    await expect(manager.invoke('get_single_asana_task_by_id', { id: created.data.gid })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe('TrutoToolManager against an OpenAPI 3.1 sandbox', () => {
  it('sends an array body and a recursive body the sandbox accepts', async () => {
    const sandbox = await startSandbox({ openapi: notesDocument31() });
    const manager = new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      cache: { ttlMs: 0, shared: false },
    });
    try {
      const folder = (await manager.invoke('create_a_notes_folder', {
        name: 'Recipes',
        subfolders: [{ name: 'Soups', subfolders: [{ name: 'Cold' }] }],
      })) as any;
      expect(folder).toMatchObject({ name: 'Recipes', kind: 'folder' });
      const notes = (await manager.invoke('list_all_notes_folder_notes', { folder_id: folder.id, limit: 2 })) as any;
      expect(notes.result).toHaveLength(2);
      const tags = await manager.invoke('notes_folders_tags', { id: folder.id, body: ['travel', 'food'] });
      expect(tags).toBeDefined();
      expect(sandbox.requests.at(-1)).toMatchObject({
        toolName: 'notes_folders_tags',
        status: 200,
        body: ['travel', 'food'],
      });
    } finally {
      await manager.close();
      await sandbox.close();
    }
  });
});

describe('TrutoToolManager against a PagerDuty sandbox', () => {
  it('compiles every one of the 465 tools and calls one under a parent', async () => {
    const sandbox = await startSandbox({ openapi: PAGERDUTY_PATH });
    const warnings: string[] = [];
    const manager = new TrutoToolManager({
      baseUrl: sandbox.baseUrl,
      apiKey: sandbox.apiKey,
      integratedAccountId: sandbox.integratedAccountId,
      cache: { ttlMs: 0, shared: false },
      onWarning: (message) => warnings.push(message),
    });
    try {
      expect(await manager.getTools()).toHaveLength(465);
      expect(warnings.filter((warning) => /skipp/i.test(warning))).toEqual([]);
      const methods = (await manager.invoke('list_all_pagerduty_user_contact_methods', { user_id: 'PUSER01' })) as any;
      expect(methods.result.length).toBeGreaterThan(0);
      expect(sandbox.requests.at(-1)).toMatchObject({
        rawQuery: expect.stringContaining('user_id=PUSER01'),
        status: 200,
      });
    } finally {
      await manager.close();
      await sandbox.close();
    }
  });
});
