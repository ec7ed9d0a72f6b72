/**
 * Record from the OpenAI sandbox (playing a real account), replay from the snapshot with `startSandbox({ catalog })`:
 * the same calls get the same answers, offline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecorder, startRecordingProxy, TrutoApiError, TrutoToolManager } from 'truto-langchainjs-toolset';
import { startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const NOW = new Date('2026-11-25T12:00:00Z');
/** Calls whose answers are data (binary answers are recorded without their bytes, so they cannot replay the same). */
const CALLS: Array<[string, Record<string, unknown>]> = [
  ['list_all_open_ai_projects', { limit: 2 }],
  ['get_single_open_ai_project_by_id', { id: 'proj_12345' }],
  ['list_all_open_ai_costs', { start_time: 'last week', group_by: ['project_id'] }],
  ['list_all_open_ai_models', {}],
  ['get_single_open_ai_model_by_id', { id: 'no-such-model' }],
  ['open_ai_projects_archive', { project_id: 'proj_abc123Xy7kLmN4pQr9sTu2' }],
];

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'truto-round-trip-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Each call's answer, or its error's status and body: what a caller can observe. */
async function answersOf(manager: TrutoToolManager): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const [name, args] of CALLS) {
    try {
      answers.push({ data: await manager.invoke(name, args) });
    } catch (error) {
      if (!(error instanceof TrutoApiError)) throw error;
      answers.push({ status: error.status, body: error.body });
    }
  }
  return answers;
}

function managerFor(baseUrl: string, apiKey: string, integratedAccountId: string, extra = {}): TrutoToolManager {
  return new TrutoToolManager({ baseUrl, apiKey, integratedAccountId, now: NOW, onWarning: () => {}, ...extra });
}

describe('record, then replay', () => {
  it('through the recording proxy: the replayed sandbox answers every call as the account did', async () => {
    const live = await startSandbox({ apiKey: 'sk-live-round-trip-1' });
    const file = join(directory, 'proxy.json');
    const proxy = await startRecordingProxy({
      apiKey: live.apiKey,
      integratedAccountId: live.integratedAccountId,
      baseUrl: live.baseUrl,
      file,
    });
    const recordingManager = managerFor(proxy.baseUrl, proxy.token, live.integratedAccountId);
    let recorded: unknown[];
    try {
      recorded = await answersOf(recordingManager);
    } finally {
      await recordingManager.close();
      await proxy.close();
      await live.close();
    }

    const replay = await startSandbox({ catalog: file });
    const replayManager = managerFor(replay.baseUrl, replay.apiKey, replay.integratedAccountId);
    try {
      expect((await replayManager.getToolDefinitions()).map((tool) => tool.name)).toHaveLength(13);
      expect(await answersOf(replayManager)).toEqual(recorded);
    } finally {
      await replayManager.close();
      await replay.close();
    }
  });

  it('through createRecorder hooks and save()', async () => {
    const live = await startSandbox({ apiKey: 'sk-live-round-trip-2' });
    const recorder = createRecorder({ secrets: [live.apiKey] });
    const recordingManager = managerFor(live.baseUrl, live.apiKey, live.integratedAccountId, { hooks: recorder.hooks });
    const file = join(directory, 'hooks.json');
    let recorded: unknown[];
    try {
      recorded = await answersOf(recordingManager);
      await recorder.save(file, await recordingManager.getToolDefinitions());
    } finally {
      await recordingManager.close();
      await live.close();
    }

    const replay = await startSandbox({ catalog: file });
    const replayManager = managerFor(replay.baseUrl, replay.apiKey, replay.integratedAccountId);
    try {
      expect(await answersOf(replayManager)).toEqual(recorded);
    } finally {
      await replayManager.close();
      await replay.close();
    }
  });
});
