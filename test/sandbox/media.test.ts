import { request as httpRequest } from 'node:http';
import { crc32, inflateSync } from 'node:zlib';
import { PNG_SIGNATURE, parseWav, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorization, call, proxyUrl } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const images = (body: unknown) => call(sandbox, proxyUrl(sandbox, 'image_generations'), { method: 'POST', body });

async function speech(
  body: unknown,
): Promise<{ status: number; type: string | null; bytes: Buffer; headers: Headers }> {
  const response = await fetch(proxyUrl(sandbox, 'speech'), {
    method: 'POST',
    headers: { ...authorization(sandbox), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

/** Walks a PNG's chunks, checking every CRC with zlib's own implementation. */
function readPng(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    expect(bytes.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(
      crc32(bytes.subarray(offset + 4, offset + 8 + length)),
    );
    chunks.push({ type, data });
    offset += 12 + length;
  }
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const channels = header[9] === 6 ? 4 : 3;
  expect(header[8]).toBe(8);
  expect(inflateSync(chunks[1]!.data).length).toBe(height * (1 + width * channels));
  return { width, height, channels };
}

describe('create_a_open_ai_image_generation', () => {
  it('answers a deterministic https URL by default', async () => {
    const first = await images({ prompt: 'Autonomous AI Agents in Finance' });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.data[0].url).toMatch(/^https:\/\/[^/]+\/.+\.png\?/);
    expect(Number.isInteger(first.body.created)).toBe(true);
    expect((await images({ prompt: 'Autonomous AI Agents in Finance' })).body.data).toEqual(first.body.data);
    expect((await images({ prompt: 'Something else' })).body.data[0].url).not.toBe(first.body.data[0].url);
    expect(first.body.usage).toBeUndefined();
  });

  it('answers b64_json as a real PNG with valid chunk CRCs', async () => {
    const answer = await images({ prompt: 'a lighthouse at dusk', response_format: 'b64_json', n: 2, size: '512x512' });
    expect(answer.body.data).toHaveLength(2);
    const [first, second] = answer.body.data.map((image: any) => Buffer.from(image.b64_json, 'base64'));
    expect(readPng(first)).toEqual({ width: 64, height: 64, channels: 3 });
    expect(first.equals(second)).toBe(false);
  });

  it('gives dall-e-3 a revised prompt and n=1 only', async () => {
    const answer = await images({
      prompt: 'A podcast cover about AI agents',
      model: 'dall-e-3',
      size: '1792x1024',
      style: 'natural',
    });
    expect(answer.body.data[0].revised_prompt).toMatch(/natural.*landscape.*A podcast cover about AI agents/);
    const two = await images({ prompt: 'x', model: 'dall-e-3', n: 2 });
    expect(two.status).toBe(400);
    expect(two.body.raw_response.error.param).toBe('n');
  });

  it('always answers base64 with usage for GPT image models, transparent when asked', async () => {
    const answer = await images({
      prompt: 'a logo',
      model: 'gpt-image-1',
      response_format: 'url',
      quality: 'high',
      background: 'transparent',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data[0].url).toBeUndefined();
    expect(readPng(Buffer.from(answer.body.data[0].b64_json, 'base64')).channels).toBe(4);
    expect(answer.body).toMatchObject({
      background: 'transparent',
      output_format: 'png',
      quality: 'high',
      size: '1024x1024',
    });
    expect(answer.body.usage).toMatchObject({ output_tokens: 4160, input_tokens_details: { image_tokens: 0 } });
    expect(answer.body.usage.total_tokens).toBe(answer.body.usage.input_tokens + answer.body.usage.output_tokens);
  });

  it('refuses a missing prompt, a size the model lacks and an unknown model', async () => {
    const missing = await images({ model: 'dall-e-2' });
    expect(missing.status).toBe(400);
    expect(missing.body.raw_response.error).toMatchObject({ param: 'prompt', code: 'missing_required_parameter' });
    expect((await images({ prompt: 'x', size: '1792x1024' })).body.raw_response.error.param).toBe('size');
    expect((await images({ prompt: 'x', model: 'midjourney' })).body.raw_response.error.param).toBe('model');
    expect((await images({ prompt: 'x'.repeat(1001) })).body.raw_response.error.code).toBe('string_above_max_length');
  });
});

describe('create_a_open_ai_speech', () => {
  it('answers a valid WAV whose length follows the input', async () => {
    const short = await speech({ model: 'tts-1', input: 'Hello there.', voice: 'alloy', response_format: 'wav' });
    expect(short.status).toBe(200);
    expect(short.type).toBe('audio/wav');
    const info = parseWav(short.bytes)!;
    expect(info).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 24_000, bitsPerSample: 16 });
    expect(info.dataBytes).toBe(short.bytes.length - 44);
    expect(short.bytes.readUInt32LE(4)).toBe(short.bytes.length - 8);
    const samples = new Int16Array(short.bytes.buffer, short.bytes.byteOffset + 44, info.dataBytes / 2);
    expect(samples.some((sample) => Math.abs(sample) > 1000)).toBe(true);
    const long = await speech({
      model: 'tts-1',
      input: 'Hello there. '.repeat(20),
      voice: 'alloy',
      response_format: 'wav',
    });
    expect(parseWav(long.bytes)!.durationSeconds).toBeGreaterThan(info.durationSeconds * 10);
    const fast = await speech({
      model: 'tts-1',
      input: 'Hello there. '.repeat(20),
      voice: 'alloy',
      response_format: 'wav',
      speed: 2,
    });
    expect(parseWav(fast.bytes)!.durationSeconds).toBeCloseTo(parseWav(long.bytes)!.durationSeconds / 2, 1);
  });

  it('answers valid MPEG audio frames by default, as audio/mpeg', async () => {
    const answer = await speech({ model: 'gpt-4o-mini-tts', input: 'Welcome aboard! '.repeat(10), voice: 'coral' });
    expect(answer.type).toBe('audio/mpeg');
    expect(answer.bytes.length % 384).toBe(0);
    for (let offset = 0; offset < answer.bytes.length; offset += 384) {
      expect(answer.bytes.readUInt32BE(offset)).toBe(0xfffb94c4);
    }
    const seconds = (answer.bytes.length / 384) * (1152 / 48_000);
    expect(seconds).toBeGreaterThan(160 / 15 - 0.1);
  });

  it('streams with Transfer-Encoding: chunked', async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const body = JSON.stringify({ model: 'tts-1', input: 'Chunk me.', voice: 'echo' });
      const outgoing = httpRequest(proxyUrl(sandbox, 'speech'), {
        method: 'POST',
        headers: {
          ...authorization(sandbox),
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
      });
      outgoing.on('response', (response) => {
        response.resume();
        response.on('end', () => resolve(response.headers));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    expect(headers['content-type']).toBe('audio/mpeg');
  });

  it('answers raw PCM, and says so when it falls back to WAV for other formats', async () => {
    const pcm = await speech({ model: 'tts-1', input: 'One two three.', voice: 'nova', response_format: 'pcm' });
    expect(pcm.type).toBe('audio/pcm');
    expect(pcm.bytes.length).toBe(Math.round((14 / 15) * 24_000) * 2);
    const flac = await speech({
      model: 'tts-1',
      input: 'One two three.',
      voice: { id: 'voice_1234' },
      response_format: 'flac',
    });
    expect(flac.type).toBe('audio/wav');
    expect(flac.headers.get('x-sandbox-format-fallback')).toBe('wav');
    // The same 24 kHz 16-bit mono samples as the PCM answer, behind a WAV header.
    expect(parseWav(flac.bytes)).toMatchObject({
      audioFormat: 1,
      channels: 1,
      sampleRate: 24_000,
      bitsPerSample: 16,
      dataBytes: pcm.bytes.length,
    });
  });

  it('refuses bad input the way OpenAI does', async () => {
    const cases: Array<[unknown, string]> = [
      [{ input: 'x', voice: 'alloy' }, 'model'],
      [{ model: 'tts-1', voice: 'alloy' }, 'input'],
      [{ model: 'tts-1', input: 'x' }, 'voice'],
      [{ model: 'tts-1', input: 'x', voice: 'darth' }, 'voice'],
      [{ model: 'tts-1', input: 'x'.repeat(4097), voice: 'alloy' }, 'input'],
      [{ model: 'tts-1', input: 'x', voice: 'alloy', speed: 5 }, 'speed'],
      [{ model: 'tts-1', input: 'x', voice: 'alloy', response_format: 'ogg' }, 'response_format'],
    ];
    for (const [body, param] of cases) {
      const answer = await call(sandbox, proxyUrl(sandbox, 'speech'), { method: 'POST', body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.raw_response.error.param).toBe(param);
    }
  });
});
