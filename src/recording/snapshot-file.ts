/**
 * Reading and writing snapshot files. Loaded only when something is saved, so the package root does not pay for it.
 * Every rewrite goes through a temporary file and a rename: a reader (or a crash) never sees half a snapshot.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseSnapshot, type SnapshotRecording, serialiseSnapshot, type TrutoToolsSnapshot } from './snapshot.js';

export interface WriteSnapshotOptions {
  /** Replace an existing file; without it an existing file fails the write with `EEXIST`. @default false */
  overwrite?: boolean;
}

export async function writeSnapshotFile(
  file: string,
  snapshot: TrutoToolsSnapshot,
  options: WriteSnapshotOptions = {},
): Promise<void> {
  const text = serialiseSnapshot(snapshot);
  // `wx` creates the file only if it does not exist, in one step: no window for another writer between check and write.
  if (!options.overwrite) await writeFile(file, text, { flag: 'wx' });
  else await replaceFile(file, text);
}

/** The snapshot in `file`, or undefined when there is no such file. @throws TypeError when it is not a snapshot. */
export async function readSnapshotFile(file: string): Promise<TrutoToolsSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseSnapshot(value, file);
}

export interface AppendResult {
  snapshot: TrutoToolsSnapshot;
  /** True when the file did not exist and was created from `create()`. */
  created: boolean;
}

/**
 * Adds recordings to the snapshot in `file`; when there is no file, starts one from `create()` (which supplies the
 * catalog). Not safe against another process appending to the same file at the same moment: one of the two
 * additions would be lost.
 */
export async function appendRecordingsToFile(
  file: string,
  recordings: readonly SnapshotRecording[],
  create: () => TrutoToolsSnapshot | Promise<TrutoToolsSnapshot>,
): Promise<AppendResult> {
  const existing = await readSnapshotFile(file);
  const base = existing ?? (await create());
  const snapshot = { ...base, recordings: [...base.recordings, ...recordings] };
  await replaceFile(file, serialiseSnapshot(snapshot));
  return { snapshot, created: existing === undefined };
}

/**
 * Keeps one snapshot on disk in step with recordings added to it in memory. Writes never overlap, and additions
 * made while one is in progress go out together in the next one. Each part is serialised once (the catalog when the
 * writer is made, a recording when it is added), so a write costs little more than the disk: the file is the same text
 * `serialiseSnapshot` makes.
 */
export class SnapshotFileWriter {
  readonly file: string;
  /** The file's text before its recordings (which come last), ending with `"recordings": `. */
  readonly #head: string;
  /** Each recording as it stands in the file. */
  readonly #recordings: string[];
  #written: Promise<void> = Promise.resolve();
  #pending: Promise<void> | undefined;

  constructor(file: string, snapshot: TrutoToolsSnapshot) {
    this.file = file;
    const { recordings, ...rest } = snapshot;
    const empty = serialiseSnapshot({ ...rest, recordings: [] });
    this.#head = empty.slice(0, empty.lastIndexOf('[]'));
    this.#recordings = recordings.map(serialiseRecording);
  }

  get recordingCount(): number {
    return this.#recordings.length;
  }

  /** The file's text as the next write will make it. */
  get text(): string {
    if (this.#recordings.length === 0) return `${this.#head}[]\n}\n`;
    return `${this.#head}[\n${this.#recordings.join(',\n')}\n  ]\n}\n`;
  }

  /** Resolves once the file holds `recording` (and everything added before it). */
  add(recording: SnapshotRecording): Promise<void> {
    this.#recordings.push(serialiseRecording(recording));
    this.#pending ??= this.#written.then(() => {
      this.#pending = undefined;
      return replaceFile(this.file, this.text);
    });
    this.#written = this.#pending.catch(() => {});
    return this.#pending;
  }

  /** Resolves when every write started so far has finished. */
  async flush(): Promise<void> {
    await (this.#pending ?? this.#written);
  }
}

/** A recording as an element of the top-level `recordings` array in `serialiseSnapshot`'s layout (indented by 4). */
function serialiseRecording(recording: SnapshotRecording): string {
  return `    ${JSON.stringify(recording, null, 2).replaceAll('\n', '\n    ')}`;
}

async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
