/**
 * Every refusal is a `FileReferenceError` that names the field, what was given and what is accepted, and comes
 * before a single byte leaves: the sandbox's request log stays empty.
 */
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileReferenceError, ToolInputError, type TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createManager,
  type FileServer,
  makeTempDir,
  makeWav,
  removeDir,
  startFileServer,
  TRANSCRIPTION,
  writeBytes,
} from './support.js';

const AUDIO = makeWav('Nothing of this should ever be uploaded.');
/** OpenAI's limit for transcriptions: 25 MB. */
const LIMIT = 26_214_400;

let sandbox: Sandbox;
let manager: TrutoToolManager;
let root: string;
let outside: string;
let server: FileServer;

beforeAll(async () => {
  sandbox = await startSandbox();
  root = await makeTempDir('refusal-root');
  outside = await makeTempDir('refusal-outside');
  await writeBytes(join(outside, 'secret.wav'), AUDIO);
  await writeBytes(join(root, 'notes.txt'), 'meeting notes');
  await writeBytes(join(root, 'noise'), 'not audio at all');
  await mkdir(join(root, 'folder.wav'));
  await symlink(join(outside, 'secret.wav'), join(root, 'escape.wav'));
  await symlink(outside, join(root, 'linked-folder'));
  // Sparse: 25 MB + 1 byte on paper, nothing written on disk.
  await writeFile(join(root, 'huge.wav'), '');
  await truncate(join(root, 'huge.wav'), LIMIT + 1);
  await writeFile(join(root, 'exactly-25mb.wav'), '');
  await truncate(join(root, 'exactly-25mb.wav'), LIMIT);
  server = await startFileServer((origin) => ({
    '/audio/clip.wav': { body: AUDIO, contentType: 'audio/wav' },
    '/audio/chunked.wav': { body: AUDIO, contentType: 'audio/wav', chunked: true },
    '/leave': { redirect: `${origin.replace('127.0.0.1', 'localhost')}/audio/clip.wav` },
    '/local': { redirect: 'file:///etc/passwd' },
    '/missing.wav': { status: 404 },
  }));
  manager = createManager(sandbox, { files: { root, allowedHosts: [server.host] } });
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
  await server.close();
  await removeDir(root);
  await removeDir(outside);
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

/** Calls the transcription tool and returns the refusal; fails the test if anything reached the sandbox. */
async function refusalFor(file: unknown, using: TrutoToolManager = manager): Promise<FileReferenceError> {
  const error = await using.invoke(TRANSCRIPTION, { file, model: 'whisper-1' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FileReferenceError);
  expect(error).toBeInstanceOf(ToolInputError);
  expect(sandbox.requests.filter((request) => request.route === 'proxy')).toEqual([]);
  const refusal = error as FileReferenceError;
  expect(refusal.code).toBe('invalid_file_reference');
  expect(refusal.issues[0]?.path).toBe('file');
  expect(refusal.message).toContain('nothing was sent');
  return refusal;
}

describe('paths that leave the root', () => {
  it('refuses ..', async () => {
    const refusal = await refusalFor('../secret.wav');
    expect(refusal.issues[0]).toMatchObject({
      message: expect.stringContaining('outside the files folder'),
      received: '"../secret.wav"',
    });
    expect(refusal.issues[0]?.expected).toMatch(/path inside the files folder/);
  });

  it('refuses .. that climbs out through a subfolder and back', async () => {
    await refusalFor(`podcasts/../../${outside.split('/').pop()}/secret.wav`);
  });

  it('refuses an absolute path outside the root, and a file:// URL to it', async () => {
    await refusalFor(join(outside, 'secret.wav'));
    await refusalFor(pathToFileURL(join(outside, 'secret.wav')).href);
    await refusalFor('/etc/passwd');
  });

  it('refuses a symlink that leads out of the root, to a file or through a folder', async () => {
    const refusal = await refusalFor('escape.wav');
    expect(refusal.issues[0]?.message).toContain('outside the files folder');
    await refusalFor('linked-folder/secret.wav');
  });

  it('refuses a plain { path } object that leaves the root (a model can write one)', async () => {
    await refusalFor({ path: join(outside, 'secret.wav') });
  });

  it('refuses every path when no root is configured', async () => {
    const rootless = createManager(sandbox);
    try {
      const refusal = await refusalFor('meeting.wav', rootless);
      expect(refusal.issues[0]?.message).toContain('no files root is configured');
    } finally {
      await rootless.close();
    }
  });

  it('says so when the file does not exist or is a folder', async () => {
    expect((await refusalFor('nope.wav')).issues[0]?.message).toContain('no such file');
    expect((await refusalFor('folder.wav')).issues[0]?.message).toContain('folder');
  });
});

describe('URLs', () => {
  it('refuses a host that is not on the allowlist, without connecting', async () => {
    const refusal = await refusalFor('https://files.example.com/meeting.wav');
    expect(refusal.issues[0]?.message).toContain('"files.example.com" is not on the allowed hosts list');
    expect(refusal.issues[0]?.expected).toContain(server.host);
  });

  it('refuses every URL by default (the allowlist is empty)', async () => {
    const strict = createManager(sandbox, { files: { root } });
    try {
      const before = server.requested.length;
      await refusalFor(`${server.origin}/audio/clip.wav`, strict);
      expect(server.requested.length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('re-checks a redirect and refuses one to a host off the list, without following it', async () => {
    const before = server.requested.length;
    const refusal = await refusalFor(`${server.origin}/leave`);
    expect(refusal.issues[0]?.message).toMatch(
      /redirects to localhost:\d+, host "localhost:\d+" is not on the allowed hosts list/,
    );
    expect(server.requested.slice(before)).toEqual(['/leave']);
  });

  it('never follows a redirect to a file:// URL', async () => {
    const refusal = await refusalFor(`${server.origin}/local`);
    expect(refusal.issues[0]?.message).toBe(
      'the URL redirects to file:///etc/passwd, which is not an http(s) URL and is never fetched',
    );
  });

  it('refuses schemes other than http, https and file', async () => {
    expect((await refusalFor('ftp://files.example.com/a.wav')).issues[0]?.message).toContain('not supported');
    await refusalFor('data:audio/wav;base64,UklGRg==');
  });

  it('reports an answer that is not a file', async () => {
    expect((await refusalFor(`${server.origin}/missing.wav`)).issues[0]?.message).toContain('answered 404');
  });
});

describe('limits, checked before any byte is sent', () => {
  it('refuses a file over the 25 MB transcription limit (a sparse file: nothing is read)', async () => {
    const refusal = await refusalFor('huge.wav');
    expect(refusal.issues[0]?.message).toBe(
      'the file is too large (26,214,401 bytes); this tool accepts at most 25 MB (26,214,400 bytes)',
    );
    expect(refusal.issues[0]?.expected).toBe('a file of at most 26,214,400 bytes');
  });

  it('accepts exactly 25 MB (the limit is inclusive) in a dry run', async () => {
    const dryRun = await manager.invoke<{ body: { files: Array<{ bytes: number }> } }>(
      TRANSCRIPTION,
      { file: 'exactly-25mb.wav', model: 'whisper-1' },
      { dryRun: true },
    );
    expect(dryRun.body.files[0]?.bytes).toBe(LIMIT);
  });

  it('holds Buffers, streams and URLs to the same limit, as configured per tool', async () => {
    const small = createManager(sandbox, {
      files: { root, allowedHosts: [server.host], perTool: { [TRANSCRIPTION]: { maxUploadBytes: 1000 } } },
    });
    try {
      await refusalFor(AUDIO, small);
      const { Readable } = await import('node:stream');
      expect((await refusalFor(Readable.from([AUDIO]), small)).issues[0]?.message).toMatch(
        /too large \(at least [\d,]+ bytes\)/,
      );
      await refusalFor(`${server.origin}/audio/clip.wav`, small);
      await refusalFor(`${server.origin}/audio/chunked.wav`, small);
    } finally {
      await small.close();
    }
  });

  it('refuses an extension the tool does not accept, naming the accepted ones', async () => {
    const refusal = await refusalFor('notes.txt');
    expect(refusal.issues[0]).toMatchObject({
      message: '".txt" files are not accepted by this tool',
      expected: 'a file ending in one of: .flac, .mp3, .mp4, .mpeg, .mpga, .m4a, .ogg, .wav, .webm',
      received: '"notes.txt"',
    });
  });

  it('refuses bytes whose format cannot be told, and a URL whose name says the wrong format', async () => {
    expect((await refusalFor('noise')).issues[0]?.message).toContain('could not be told');
    const before = server.requested.length;
    await refusalFor(`${server.origin}/notes.txt`);
    expect(server.requested.length).toBe(before);
  });

  it('applies per-tool extensions', async () => {
    const wavOnly = createManager(sandbox, { files: { root, perTool: { [TRANSCRIPTION]: { extensions: ['.mp3'] } } } });
    try {
      await writeBytes(join(root, 'ok.wav'), AUDIO);
      expect((await refusalFor('ok.wav', wavOnly)).issues[0]?.expected).toBe('a file ending in one of: .mp3');
    } finally {
      await wavOnly.close();
    }
  });
});

describe('other refusals', () => {
  it('refuses a handle this manager never issued', async () => {
    const refusal = await refusalFor('truto-file://speech-000000000000.wav');
    expect(refusal.issues[0]?.message).toContain('unknown handle');
  });

  it('refuses values that are not a reference', async () => {
    expect((await refusalFor(42)).issues[0]?.message).toBe('expected a file reference (a string)');
    await refusalFor({ name: 'meeting.wav' });
  });

  it('reaches the model as a compact error in errorMode "return"', async () => {
    const forgiving = createManager(sandbox, { files: { root }, errorMode: 'return' });
    try {
      const result = await forgiving.invokeForModel(TRANSCRIPTION, { file: '../secret.wav', model: 'whisper-1' });
      expect(result.isError).toBe(true);
      const payload = JSON.parse(result.content);
      expect(payload).toMatchObject({ error: 'invalid_file_reference', issues: [{ path: 'file' }] });
      expect(sandbox.requests.filter((request) => request.route === 'proxy')).toEqual([]);
    } finally {
      await forgiving.close();
    }
  });
});
