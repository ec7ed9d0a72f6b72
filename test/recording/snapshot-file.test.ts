/** Snapshot files: exclusive creation, appends, and the proxy's writer keeping the file in step. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSnapshot,
  parseSnapshot,
  type SnapshotRecording,
  serialiseSnapshot,
  type TrutoToolsSnapshot,
} from '../../src/recording/snapshot.js';
import {
  appendRecordingsToFile,
  readSnapshotFile,
  SnapshotFileWriter,
  writeSnapshotFile,
} from '../../src/recording/snapshot-file.js';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'truto-snapshot-file-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const CREATED_AT = new Date('2026-12-03T12:00:00Z');
const TOOLS = [{ name: 'list_all_things', resource: 'things', method: 'list', required: [] }];

function recording(index: number): SnapshotRecording {
  return {
    tool: 'list_all_things',
    recordedAt: new Date(Date.UTC(2026, 11, 3, 12, 0, index)).toISOString(),
    request: { method: 'GET', path: '/proxy/things', query: { page: String(index), filter: { deep: ['a', 'b'] } } },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: { result: [{ id: index }] } },
  };
}

describe('snapshot files', () => {
  it('are created only where no file is, unless overwriting is asked for', async () => {
    const file = join(directory, 'exclusive.json');
    const snapshot = createSnapshot({ tools: TOOLS, integratedAccountId: 'acc', createdAt: CREATED_AT });
    await writeSnapshotFile(file, snapshot);
    await expect(writeSnapshotFile(file, snapshot)).rejects.toMatchObject({ code: 'EEXIST' });
    await writeSnapshotFile(file, { ...snapshot, recordings: [recording(1)] }, { overwrite: true });
    expect((await readSnapshotFile(file))!.recordings).toHaveLength(1);
    expect(await readSnapshotFile(join(directory, 'missing.json'))).toBeUndefined();
  });

  it('append to what is there, or start from the catalog given, and leave no temporary files behind', async () => {
    const file = join(directory, 'appended.json');
    const created = await appendRecordingsToFile(file, [recording(1)], () => createSnapshot({ tools: TOOLS }));
    expect(created.created).toBe(true);
    const appended = await appendRecordingsToFile(file, [recording(2), recording(3)], () => {
      throw new Error('not called: the file exists');
    });
    expect(appended.created).toBe(false);
    const text = await readFile(file, 'utf8');
    expect(parseSnapshot(JSON.parse(text)).recordings.map((entry) => entry.request.query.page)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(text).toBe(serialiseSnapshot(appended.snapshot));
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuse a file that is not a snapshot, or a snapshot of another version', async () => {
    const file = join(directory, 'other.json');
    await writeFile(file, JSON.stringify({ result: [] }));
    await expect(readSnapshotFile(file)).rejects.toThrow(/not a truto-tools snapshot/);
    await writeFile(file, JSON.stringify({ format: 'truto-tools-snapshot', version: 2, tools: [] }));
    await expect(readSnapshotFile(file)).rejects.toThrow(/version 2/);
    await writeFile(file, '{ not json');
    await expect(readSnapshotFile(file)).rejects.toThrow(/not JSON/);
  });
});

describe('SnapshotFileWriter', () => {
  it('writes exactly what serialiseSnapshot would, whatever the key order of the file it started from', async () => {
    const file = join(directory, 'writer.json');
    // Recordings first: a file written by someone else; the writer's file puts them last, as ours does.
    const { recordings: _none, ...rest } = createSnapshot({
      tools: TOOLS,
      integratedAccountId: 'acc',
      createdAt: CREATED_AT,
    });
    const started: TrutoToolsSnapshot = { recordings: [recording(0)], ...rest };
    expect(Object.keys(started)[0]).toBe('recordings');
    const writer = new SnapshotFileWriter(file, started);
    expect(writer.text).toBe(
      serialiseSnapshot({
        ...createSnapshot({ tools: TOOLS, integratedAccountId: 'acc', createdAt: CREATED_AT }),
        recordings: [recording(0)],
      }),
    );
    // Concurrent additions: every one lands, in order, whichever write carries it.
    await Promise.all([1, 2, 3, 4, 5].map((index) => writer.add(recording(index))));
    await writer.flush();
    const text = await readFile(file, 'utf8');
    expect(text).toBe(writer.text);
    const snapshot = parseSnapshot(JSON.parse(text));
    expect(snapshot.recordings.map((entry) => entry.request.query.page)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(text).toBe(serialiseSnapshot(snapshot));
    expect(writer.recordingCount).toBe(6);
  });

  it('writes an empty recordings list as serialiseSnapshot does', () => {
    const snapshot = createSnapshot({ tools: TOOLS });
    expect(new SnapshotFileWriter(join(directory, 'unused.json'), snapshot).text).toBe(serialiseSnapshot(snapshot));
  });
});
