/**
 * What comes back: binary answers written to the output folder byte for byte, base64 images offloaded to real PNG
 * files, URLs left alone, and file names that never come from the server or the model.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { TrutoToolManager } from 'truto-langchainjs-toolset';
import { PNG_SIGNATURE, parseWav, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeBinaryOutput } from '../../src/files/binary-output.js';
import { FileRegistry } from '../../src/files/file-handles.js';
import { type FileResult, isFileResult, sanitiseFileName } from '../../src/files/index.js';
import { offloadBase64 } from '../../src/files/offload-base64.js';
import { createManager, IMAGE, makeTempDir, removeDir, SPEECH, sha256, sha256OfFile } from './support.js';

let sandbox: Sandbox;
let manager: TrutoToolManager;
let outputDir: string;

interface ImageAnswer {
  data: Array<{ b64_json: string }>;
}

const SPEECH_ARGUMENTS = { model: 'tts-1', input: 'The quarterly numbers are in, and they look good.', voice: 'nova' };

beforeAll(async () => {
  sandbox = await startSandbox();
  outputDir = await makeTempDir('outputs');
  manager = createManager(sandbox, { files: { outputDir } });
});

afterAll(async () => {
  await manager.close();
  await sandbox.close();
  await removeDir(outputDir);
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

/** The speech answer as the sandbox sends it, fetched without the SDK. */
async function rawSpeech(body: Record<string, unknown>): Promise<{ bytes: Buffer; contentType: string | null }> {
  const url = `${sandbox.baseUrl}/proxy/speech?integrated_account_id=${sandbox.integratedAccountId}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { bytes: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
}

describe('binary answers', () => {
  it('writes speech audio to the output folder byte for byte and gives the model { file, mime_type, bytes }', async () => {
    const result = await manager.invokeForModel(SPEECH, { ...SPEECH_ARGUMENTS, response_format: 'wav' });
    const reference = JSON.parse(result.content);
    expect(Object.keys(reference).sort()).toEqual(['bytes', 'file', 'mime_type']);
    expect(reference.mime_type).toBe('audio/wav');
    const fileName = reference.file.replace('truto-file://', '');
    const written = await readFile(join(outputDir, fileName));
    const expected = await rawSpeech({ ...SPEECH_ARGUMENTS, response_format: 'wav' });
    expect(expected.contentType).toBe('audio/wav');
    expect(written.length).toBe(reference.bytes);
    expect(sha256(written)).toBe(sha256(expected.bytes));
    expect(parseWav(written)?.durationSeconds).toBeGreaterThan(1);
  });

  it('keeps MP3 (the default format) as .mp3 and never puts bytes in the model text', async () => {
    const result = await manager.invokeForModel(SPEECH, SPEECH_ARGUMENTS);
    const reference = JSON.parse(result.content);
    expect(reference).toMatchObject({
      file: expect.stringMatching(/^truto-file:\/\/speech-[0-9a-f]{12}\.mp3$/),
      mime_type: 'audio/mpeg',
    });
    expect(result.content.length).toBeLessThan(120);
  });

  it('returns a file result with the path to programmatic callers', async () => {
    const result = await manager.invoke<FileResult>(SPEECH, { ...SPEECH_ARGUMENTS, response_format: 'wav' });
    expect(isFileResult(result)).toBe(true);
    expect(dirname(result.path)).toBe(outputDir);
    expect(await sha256OfFile(result.path)).toBe(
      sha256((await rawSpeech({ ...SPEECH_ARGUMENTS, response_format: 'wav' })).bytes),
    );
  });

  it("returns the bytes instead with binaryResults: 'bytes', while the model still gets a file", async () => {
    const bytesManager = createManager(sandbox, { files: { outputDir, binaryResults: 'bytes' } });
    try {
      const bytes = await bytesManager.invoke<Buffer>(SPEECH, { ...SPEECH_ARGUMENTS, response_format: 'wav' });
      expect(Buffer.isBuffer(bytes)).toBe(true);
      expect(sha256(bytes)).toBe(sha256((await rawSpeech({ ...SPEECH_ARGUMENTS, response_format: 'wav' })).bytes));
      const forModel = JSON.parse(
        (await bytesManager.invokeForModel(SPEECH, { ...SPEECH_ARGUMENTS, response_format: 'wav' })).content,
      );
      expect(await sha256OfFile(join(outputDir, forModel.file.replace('truto-file://', '')))).toBe(sha256(bytes));
    } finally {
      await bytesManager.close();
    }
  });

  it('names every output file itself: only [A-Za-z0-9._-], inside the output folder', async () => {
    for (const name of await readdir(outputDir))
      expect(name).toMatch(/^(speech|image_generations)-[0-9a-f]{12}\.[a-z0-9]+$/);
  });

  it("ignores a server's malformed content type and names the file from the bytes", async () => {
    const registry = new FileRegistry();
    const png = Buffer.from(
      (await manager.invoke<ImageAnswer>(IMAGE, { prompt: 'x', response_format: 'b64_json' })).data[0]!.b64_json,
      'base64',
    );
    const result = await writeBinaryOutput(
      Readable.from([png]),
      { contentType: 'image/png"; filename="../../evil.sh', stem: '../../etc/passwd', maxBytes: 1_000_000 },
      { outputDir: async () => outputDir, registry },
    );
    expect(result.mime_type).toBe('image/png');
    expect(result.file).toMatch(/^truto-file:\/\/passwd-[0-9a-f]{12}\.png$/);
    expect(dirname(result.path)).toBe(outputDir);
    expect(registry.lookup(result.file)?.path).toBe(result.path);
  });

  it('refuses a binary answer over maxResponseBytes and keeps no partial file', async () => {
    const small = createManager(sandbox, { files: { outputDir }, maxResponseBytes: 10_000 });
    try {
      const before = (await readdir(outputDir)).length;
      await expect(small.invoke(SPEECH, { ...SPEECH_ARGUMENTS, response_format: 'wav' })).rejects.toMatchObject({
        code: 'invalid_response',
        reason: 'too_large',
      });
      expect((await readdir(outputDir)).length).toBe(before);
    } finally {
      await small.close();
    }
  });
});

describe('base64 in JSON answers', () => {
  it('offloads a b64_json PNG to a valid PNG file; the model text carries no base64', async () => {
    const programmatic = await manager.invoke<ImageAnswer>(IMAGE, {
      prompt: 'A lighthouse at dusk',
      response_format: 'b64_json',
    });
    const base64: string = programmatic.data[0]!.b64_json;
    expect(base64.length).toBeGreaterThan(256);
    const result = await manager.invokeForModel(IMAGE, { prompt: 'A lighthouse at dusk', response_format: 'b64_json' });
    expect(result.content).not.toContain(base64.slice(0, 64));
    expect(result.content).not.toMatch(/[A-Za-z0-9+/]{200,}/);
    const answer = JSON.parse(result.content);
    const reference = answer.data[0].b64_json;
    expect(reference).toMatchObject({
      file: expect.stringMatching(/^truto-file:\/\/image_generations-[0-9a-f]{12}\.png$/),
      mime_type: 'image/png',
    });
    const png = await readFile(join(outputDir, reference.file.replace('truto-file://', '')));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect(png.toString('latin1', png.length - 8, png.length - 4)).toBe('IEND');
    expect(png.equals(Buffer.from(base64, 'base64'))).toBe(true);
    expect(reference.bytes).toBe(png.length);
  });

  it('keeps image URLs as they are', async () => {
    const result = await manager.invokeForModel(IMAGE, { prompt: 'A lighthouse at dusk', model: 'dall-e-3' });
    const answer = JSON.parse(result.content);
    expect(answer.data[0].url).toMatch(/^https:\/\/oaidalleapiprodscus\.blob\.core\.windows\.net\//);
    expect(answer.data[0].revised_prompt).toEqual(expect.any(String));
  });

  it('keeps base64 under the threshold, and offloads GPT image answers (always base64)', async () => {
    const generous = createManager(sandbox, { files: { outputDir, base64ThresholdBytes: 1_000_000 } });
    try {
      const kept = JSON.parse(
        (await generous.invokeForModel(IMAGE, { prompt: 'x', response_format: 'b64_json' })).content,
      );
      expect(typeof kept.data[0].b64_json).toBe('string');
    } finally {
      await generous.close();
    }
    const gpt = JSON.parse(
      (await manager.invokeForModel(IMAGE, { prompt: 'A fox', model: 'gpt-image-1', n: 2 })).content,
    );
    expect(gpt.data).toHaveLength(2);
    for (const image of gpt.data) expect(image.b64_json.file).toMatch(/^truto-file:\/\//);
    expect(gpt.usage.total_tokens).toEqual(expect.any(Number));
  });

  it('offloads data: URLs and base64-named fields, decodes what they hold, and leaves everything else shared', async () => {
    const wav = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(3000, 7)]);
    const written: Array<{ bytes: Buffer; contentType?: string; key: string }> = [];
    const untouched = { url: `https://example.com/${'a'.repeat(3000)}`, text: 'x'.repeat(3000) };
    const input = {
      audio: { data_url: `data:audio/wav;base64,${wav.toString('base64')}`, audio_base64: wav.toString('base64') },
      found: wav.toString('base64'),
      untouched,
    };
    const output = (await offloadBase64(input, 1024, async (payload) => {
      written.push(payload);
      return { file: `truto-file://${payload.key}` };
    })) as any;
    expect(output.audio).toEqual({
      data_url: { file: 'truto-file://data_url' },
      audio_base64: { file: 'truto-file://audio_base64' },
    });
    expect(output.found).toEqual({ file: 'truto-file://found' });
    expect(output.untouched).toBe(untouched);
    expect(written.map((payload) => payload.key)).toEqual(['data_url', 'audio_base64', 'found']);
    for (const payload of written) expect(payload.bytes.equals(wav)).toBe(true);
    expect(written[0]?.contentType).toBe('audio/wav');
    expect(input.found).toBe(wav.toString('base64'));
  });
});

describe('sanitiseFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..', 'file'],
    ['.bashrc', 'bashrc'],
    ['Customer Call #3.wav', 'Customer_Call_3.wav'],
    ['C:\\Users\\me\\voice memo.m4a', 'voice_memo.m4a'],
    ['naïve café.mp3', 'naive_cafe.mp3'],
    ['a\u0000b.wav', 'a_b.wav'],
    ['report..final..pdf', 'report.final.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('keeps the extension of a very long name within 100 characters', () => {
    const name = sanitiseFileName(`${'x'.repeat(300)}.wav`);
    expect(name).toHaveLength(100);
    expect(name.endsWith('.wav')).toBe(true);
  });
});
