/**
 * "What did the team finish last week, and create a follow-up task due next Friday": the seed article's LangChain
 * agent loop (examples/support/agent-loop.ts) with a scripted chat model playing a capable model's calls, against
 * a sandbox serving Asana's own OpenAPI document. The model writes dates as people do ("last week", "next
 * Friday"); what the sandbox received is checked, and the task fetched at the end must be the one created.
 *
 * Clock: Wednesday 2026-11-25 12:00 UTC, weeks from Monday: "last week" starts Mon 2026-11-16 00:00 UTC, "next
 * Friday" is Fri 2026-11-27.
 */
import type { SandboxRequestRecord } from 'truto-langchainjs-toolset/sandbox';
import { describe, expect, it } from 'vitest';
import { runAgentLoop } from '../../examples/support/agent-loop.js';
import { answer, callTool, type Script, ScriptedChatModel } from '../../examples/support/scripted-chat-model.js';
import { useVendorCatalog } from './hooks.js';
import { VENDOR_DOCUMENTS } from './support.js';

const PROMPT =
  'What did the team finish last week in the Platform project? Create a follow-up task in that project, due next Friday, that lists them.';
/** The project the user means (an Asana gid). */
const PROJECT = '1204715200004211';
const FOLLOW_UP_NAME = "Follow up on last week's finished work";

interface AsanaTaskCompact {
  gid: string;
  name?: string;
  completed?: boolean;
}

/** What the scripted model read, kept for the assertions. */
const read: { finished?: string[]; createdGid?: string } = {};

/** The tool calls a capable model makes for the prompt, each decided from the results read so far. */
const followUpScript: Script = ({ results }) => {
  const listed = results.get('list_all_asana_tasks') as { result?: AsanaTaskCompact[] } | undefined;
  if (listed === undefined) {
    return callTool('list_all_asana_tasks', {
      project: PROJECT,
      completed_since: 'last week',
      opt_fields: ['name', 'completed', 'completed_at'],
      limit: 20,
    });
  }
  const finished = (listed.result ?? []).map((task) => task.name ?? task.gid);
  read.finished = finished;
  const created = results.get('create_a_asana_task') as { data?: { gid?: string } } | undefined;
  if (created === undefined) {
    return callTool('create_a_asana_task', {
      data: {
        name: FOLLOW_UP_NAME,
        notes: `Finished last week:\n${finished.map((name) => `- ${name}`).join('\n')}`,
        due_on: 'next Friday',
        projects: [PROJECT],
      },
    });
  }
  read.createdGid = created.data?.gid;
  const fetched = results.get('get_single_asana_task_by_id') as
    | { data?: { gid?: string; name?: string; due_on?: string } }
    | undefined;
  if (fetched === undefined) return callTool('get_single_asana_task_by_id', { id: created.data?.gid });
  return answer(
    `The team worked through ${finished.length} tasks since last week. I created "${fetched.data?.name}" ` +
      `(gid ${fetched.data?.gid}), due ${fetched.data?.due_on}, listing them.`,
  );
};

describe('Asana: a LangChain agent loop over the vendor document', () => {
  const [asana] = VENDOR_DOCUMENTS;
  const catalog = useVendorCatalog(asana!);

  it('lists last week’s tasks, creates a follow-up due next Friday, and fetches that very task', async () => {
    const { manager, sandbox } = catalog();
    const mark = sandbox.requests.at(-1)?.id ?? 0;
    const transcript: string[] = [];
    const finalAnswer = await runAgentLoop({
      llm: new ScriptedChatModel({ script: followUpScript }),
      tools: await manager.getTools(),
      prompt: PROMPT,
      print: (line) => transcript.push(line),
    });

    const calls: SandboxRequestRecord[] = sandbox.requests.filter(
      (record) => record.id > mark && record.route === 'proxy',
    );
    expect(calls.map((record) => `${record.method} ${record.toolName} ${record.status}`)).toEqual([
      'GET list_all_asana_tasks 200',
      'POST create_a_asana_task 201',
      'GET get_single_asana_task_by_id 200',
    ]);
    const [list, create, get] = calls as [SandboxRequestRecord, SandboxRequestRecord, SandboxRequestRecord];

    // "last week" reached Asana as the RFC 3339 start of the week before: Monday 16 November, 00:00 UTC.
    expect(list.path).toBe('/proxy/tasks');
    expect(list.query).toMatchObject({
      project: PROJECT,
      completed_since: '2026-11-16T00:00:00Z',
      opt_fields: ['name', 'completed', 'completed_at'],
      limit: '20',
    });

    // "next Friday" reached it as a date, inside the `data` wrapper Asana's bodies have.
    expect(create.path).toBe('/proxy/tasks');
    const sentTask = (create.body as { data: Record<string, unknown> }).data;
    expect(sentTask).toMatchObject({ name: FOLLOW_UP_NAME, due_on: '2026-11-27', projects: [PROJECT] });
    // The follow-up lists what the list answered.
    expect(read.finished?.length).toBeGreaterThan(0);
    expect(sentTask.notes).toBe(`Finished last week:\n${read.finished!.map((name) => `- ${name}`).join('\n')}`);

    // The task fetched is the one created: the create answer's gid is the one in the get's path and in the answer.
    const createdGid = read.createdGid!;
    expect(createdGid).toMatch(/^\d+$/);
    expect(get.path).toBe(`/proxy/tasks/${createdGid}`);
    expect(get.resourceId).toBe(createdGid);
    const fetched = (await manager.invoke('get_single_asana_task_by_id', { id: createdGid })) as {
      data: { gid: string; name: string; due_on: string; notes: string };
    };
    expect(fetched.data).toMatchObject({ gid: createdGid, name: FOLLOW_UP_NAME, due_on: '2026-11-27' });
    expect(fetched.data.notes).toBe(sentTask.notes);
    expect(finalAnswer).toBe(
      `The team worked through ${read.finished!.length} tasks since last week. I created "${FOLLOW_UP_NAME}" (gid ${createdGid}), due 2026-11-27, listing them.`,
    );

    // The transcript shows the model's own words, not the resolved dates.
    expect(transcript[0]).toContain('"completed_since":"last week"');
    expect(transcript.some((line) => line.includes('"due_on":"next Friday"'))).toBe(true);
  });
});
