/**
 * Every kind of file reference reaches the sandbox's transcription endpoint as a real multipart upload, byte for byte:
 * the sandbox parses the body and records each file part's name, content type, size and SHA-256.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { TrutoToolManager } from 'truto-langchainjs-toolset';
import { type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileFromPath } from '../../src/files/index.js';
import {
  createManager,
  type FileServer,
  lastUploadedFile,
  makeTempDir,
  makeWav,
  removeDir,
  SPEECH,
  sha256,
  startFileServer,
  TRANSCRIPTION,
  writeBytes,
} from './support.js';

const MEETING = makeWav('Welcome to the weekly all-hands. Revenue is up and the new dashboard shipped.');
const INTERVIEW = makeWav('In this interview we talk about agents that audit API costs.', 2);

let sandbox: Sandbox;
let manager: TrutoToolManager;
let root: string;
let elsewhere: string;
let server: FileServer;

beforeAll(async () => {
  sandbox = await startSandbox();
  root = await makeTempDir('root');
  elsewhere = await makeTempDir('elsewhere');
  await writeBytes(join(root, 'meeting.wav'), MEETING);
  await mkdir(join(root, 'podcasts'));
  await writeBytes(join(root, 'podcasts', 'interview.wav'), INTERVIEW);
  await writeBytes(join(root, 'untitled'), MEETING);
  await writeBytes(join(elsewhere, 'outside.wav'), INTERVIEW);
  // A symlink that stays inside the root is fine: only where it leads matters.
  await symlink(join(root, 'meeting.wav'), join(root, 'alias.wav'));
  server = await startFileServer(() => ({
    '/audio/interview.wav': { body: INTERVIEW, contentType: 'audio/wav' },
    '/audio/chunked.wav': { body: MEETING, contentType: 'application/octet-stream', chunked: true },
    '/go/interview': { redirect: '/audio/interview.wav' },
  }));
  manager = createManager(sandbox, {
    files: { root, allowedHosts: [server.host], outputDir: join(elsewhere, 'outputs') },
  });
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
  await server.close();
  await removeDir(root);
  await removeDir(elsewhere);
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

async function transcribe(file: unknown): Promise<{ text: string }> {
  return manager.invoke<{ text: string }>(TRANSCRIPTION, { file, model: 'whisper-1' });
}

describe('references a model can give', () => {
  it('uploads a path inside the root, with its name and an audio content type', async () => {
    const answer = await transcribe('meeting.wav');
    expect(answer.text).toContain('weekly all-hands');
    const { request, file } = lastUploadedFile(sandbox);
    expect(request.query.truto_body_passthrough).toBe('true');
    expect(request.multipart?.fields.model).toBe('whisper-1');
    expect(file).toMatchObject({
      field: 'file',
      filename: 'meeting.wav',
      contentType: 'audio/wav',
      size: MEETING.length,
    });
    expect(file.sha256).toBe(sha256(MEETING));
  });

  it('uploads a path in a subfolder, an absolute path inside the root, and a symlink that stays inside', async () => {
    await transcribe('podcasts/interview.wav');
    expect(lastUploadedFile(sandbox).file.sha256).toBe(sha256(INTERVIEW));
    await transcribe(join(root, 'podcasts', 'interview.wav'));
    expect(lastUploadedFile(sandbox).file.sha256).toBe(sha256(INTERVIEW));
    await transcribe('alias.wav');
    expect(lastUploadedFile(sandbox).file).toMatchObject({ filename: 'meeting.wav', sha256: sha256(MEETING) });
  });

  it('uploads a file:// URL inside the root', async () => {
    await transcribe(pathToFileURL(join(root, 'podcasts', 'interview.wav')).href);
    expect(lastUploadedFile(sandbox).file).toMatchObject({ filename: 'interview.wav', sha256: sha256(INTERVIEW) });
  });

  it('names a file without an extension from its bytes', async () => {
    await transcribe('untitled');
    expect(lastUploadedFile(sandbox).file).toMatchObject({ filename: 'untitled.wav', contentType: 'audio/wav' });
  });

  it('fetches an http URL on an allowed host, following a redirect on that host', async () => {
    await transcribe(`${server.origin}/go/interview`);
    const { file } = lastUploadedFile(sandbox);
    expect(file).toMatchObject({ filename: 'interview.wav', contentType: 'audio/wav', sha256: sha256(INTERVIEW) });
    expect(server.requested).toContain('/audio/interview.wav');
  });

  it('fetches a chunked answer without a length and a generic content type, typed from the name', async () => {
    await transcribe(`${server.origin}/audio/chunked.wav`);
    expect(lastUploadedFile(sandbox).file).toMatchObject({
      contentType: 'audio/wav',
      size: MEETING.length,
      sha256: sha256(MEETING),
    });
  });

  it("passes the speech tool's output handle to the transcription tool", async () => {
    const spoken = await manager.invokeForModel(SPEECH, {
      model: 'tts-1',
      input: 'Our costs went down this week.',
      voice: 'alloy',
      response_format: 'wav',
    });
    const reference = JSON.parse(spoken.content) as { file: string; mime_type: string; bytes: number };
    expect(reference.file).toMatch(/^truto-file:\/\/speech-[0-9a-f]{12}\.wav$/);
    expect(reference.mime_type).toBe('audio/wav');
    sandbox.requests.length = 0;
    const transcript = await manager.invokeForModel(TRANSCRIPTION, { file: reference.file, model: 'whisper-1' });
    expect(JSON.parse(transcript.content).text).toEqual(expect.any(String));
    const { file } = lastUploadedFile(sandbox);
    expect(file).toMatchObject({ contentType: 'audio/wav', size: reference.bytes });
    // A model that echoes the whole file result back is understood too.
    await manager.invokeForModel(TRANSCRIPTION, { file: reference, model: 'whisper-1' });
    expect(lastUploadedFile(sandbox).file.sha256).toBe(file.sha256);
  });

  it('works through the LangChain tool, which validates the string reference with the compiled schema first', async () => {
    const tools = await manager.getTools();
    const tool = tools.find((candidate) => candidate.name === TRANSCRIPTION)!;
    const content = await tool.invoke({ file: 'meeting.wav', model: 'whisper-1' });
    expect(JSON.parse(content as string).text).toContain('weekly all-hands');
    expect(lastUploadedFile(sandbox).file.sha256).toBe(sha256(MEETING));
  });
});

describe('values only a program can give', () => {
  it('uploads a Buffer, naming it from its bytes', async () => {
    await transcribe(INTERVIEW);
    expect(lastUploadedFile(sandbox).file).toMatchObject({
      filename: 'upload.wav',
      contentType: 'audio/wav',
      sha256: sha256(INTERVIEW),
    });
  });

  it('uploads a Blob and a File (whose name is kept)', async () => {
    await transcribe(new Blob([new Uint8Array(MEETING)], { type: 'audio/wav' }));
    expect(lastUploadedFile(sandbox).file).toMatchObject({ filename: 'upload.wav', sha256: sha256(MEETING) });
    await transcribe(new File([new Uint8Array(INTERVIEW)], 'Customer Call #3.wav'));
    expect(lastUploadedFile(sandbox).file).toMatchObject({
      filename: 'Customer_Call_3.wav',
      contentType: 'audio/wav',
      sha256: sha256(INTERVIEW),
    });
  });

  it('uploads a Node stream and a web ReadableStream', async () => {
    await transcribe(Readable.from([MEETING.subarray(0, 1000), MEETING.subarray(1000)]));
    expect(lastUploadedFile(sandbox).file).toMatchObject({ size: MEETING.length, sha256: sha256(MEETING) });
    await transcribe(Readable.toWeb(Readable.from([INTERVIEW])));
    expect(lastUploadedFile(sandbox).file).toMatchObject({ size: INTERVIEW.length, sha256: sha256(INTERVIEW) });
  });

  it('uploads a path anywhere on disk given as fileFromPath, with an optional name', async () => {
    await transcribe(fileFromPath(join(elsewhere, 'outside.wav')));
    expect(lastUploadedFile(sandbox).file).toMatchObject({ filename: 'outside.wav', sha256: sha256(INTERVIEW) });
    await transcribe(fileFromPath(join(elsewhere, 'outside.wav'), { filename: 'renamed.wav' }));
    expect(lastUploadedFile(sandbox).file.filename).toBe('renamed.wav');
  });

  it('treats a plain { path } object like a string reference, inside the root', async () => {
    await transcribe({ path: 'podcasts/interview.wav' });
    expect(lastUploadedFile(sandbox).file.sha256).toBe(sha256(INTERVIEW));
  });

  it('resends the same file when a retry follows a 502', async () => {
    const retrying = createManager(sandbox, { files: { root }, retry: { maxRetries: 1, idempotent: true } });
    try {
      sandbox.failNext(1, { status: 502 });
      const answer = await retrying.invoke<{ text: string }>(TRANSCRIPTION, {
        file: 'meeting.wav',
        model: 'whisper-1',
      });
      expect(answer.text).toContain('weekly all-hands');
      const uploads = sandbox.requests.filter((request) => request.multipart !== undefined);
      expect(uploads.length).toBe(2);
      for (const upload of uploads) expect(upload.multipart?.files[0]?.sha256).toBe(sha256(MEETING));
    } finally {
      await retrying.close();
    }
  });

  it('shows field names and file facts, never bytes, in a dry run', async () => {
    const dryRun = await manager.invoke<{ body: unknown }>(
      TRANSCRIPTION,
      { file: 'meeting.wav', model: 'whisper-1' },
      { dryRun: true },
    );
    expect(dryRun.body).toEqual({
      multipart: true,
      fields: expect.objectContaining({ model: 'whisper-1' }),
      files: [
        {
          field: 'file',
          filename: 'meeting.wav',
          content_type: 'audio/wav',
          bytes: MEETING.length,
          source: 'path',
          given: 'meeting.wav',
        },
      ],
    });
    expect(sandbox.requests.length).toBe(0);
  });
});
