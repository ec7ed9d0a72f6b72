/** Shared pieces of the reliability tests: the call kinds, a bounded wait, and an unhandled-rejection recorder. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TrutoToolManager, type TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import { encodeWav, type Sandbox } from 'truto-langchainjs-toolset/sandbox';

export const AUDIO_FILE_NAME = 'stand-up.wav';

/** A temp folder holding one short, real WAV file, to serve as a manager's `files.root`. */
export async function writeAudioRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'truto-reliability-'));
  const samples = new Int16Array(8000);
  for (let index = 0; index < samples.length; index++) samples[index] = Math.round(Math.sin(index / 5) * 5000);
  await writeFile(join(root, AUDIO_FILE_NAME), encodeWav(samples, { sampleRate: 8000 }, { ICMT: 'Stand-up at ten.' }));
  return root;
}

/** One call of each kind the Proxy API distinguishes, with arguments the sandbox answers 200 to. */
export const CALL_KINDS = {
  list: { tool: 'list_all_open_ai_projects', args: { limit: 3 } },
  get: { tool: 'get_single_open_ai_project_by_id', args: { id: 'proj_12345' } },
  create: { tool: 'create_a_open_ai_image_generation', args: { prompt: 'a lighthouse at dusk', model: 'dall-e-2' } },
  custom: { tool: 'open_ai_projects_archive', args: { project_id: 'proj_12345' } },
  /** A path reference inside the manager's `files.root` (see `writeAudioRoot`), sent as multipart. */
  multipart: { tool: 'create_a_open_ai_transcription', args: { file: AUDIO_FILE_NAME, model: 'whisper-1' } },
} as const satisfies Record<string, { tool: string; args: Record<string, unknown> }>;

export type CallKind = keyof typeof CALL_KINDS;

/** A manager for the sandbox's account, quiet about warnings; `options` adds to or replaces these (tests and benches). */
export function managerFor(
  sandbox: Pick<Sandbox, 'apiKey' | 'integratedAccountId' | 'baseUrl'>,
  options: TrutoToolManagerOptions = {},
): TrutoToolManager {
  return new TrutoToolManager({
    apiKey: sandbox.apiKey,
    integratedAccountId: sandbox.integratedAccountId,
    baseUrl: sandbox.baseUrl,
    onWarning: () => {},
    ...options,
  });
}

/**
 * Polls `condition` until it holds. The bound only stops a broken build from hanging the suite: it is a generous
 * ceiling, never a claim about how fast anything is.
 */
export async function until(condition: () => boolean, describe: () => string, boundMs = 10_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Still waiting after ${boundMs} ms: ${describe()}`);
    await sleep(10);
  }
}

/** Records every unhandled rejection while installed; vitest would report them too, but not per test. */
export function recordUnhandledRejections(): { seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}

/** Settles a promise into its error, failing when it resolved instead. */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
