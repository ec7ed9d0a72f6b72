import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { encodeWav, MAX_AUDIO_BYTES, parseWav, type Sandbox, startSandbox } from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorization, proxyUrl, requestJson } from './helpers';

let sandbox: Sandbox;
let allHands: Buffer;

beforeAll(async () => {
  sandbox = await startSandbox();
  allHands = await readFile(new URL('../../examples/assets/all-hands.wav', import.meta.url));
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const url = () => proxyUrl(sandbox, 'transcriptions', 'truto_body_passthrough=true');

function form(
  file: { bytes: Uint8Array; name: string; type?: string } | undefined,
  fields: Record<string, string | string[]>,
) {
  const data = new FormData();
  if (file)
    data.append(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'audio/wav' }),
      file.name,
    );
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

async function transcribe(data: FormData, target = url()) {
  const response = await fetch(target, { method: 'POST', headers: authorization(sandbox), body: data });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, json: () => JSON.parse(text) };
}

describe('create_a_open_ai_transcription (multipart)', () => {
  it('parses the upload for real: the logged sha256, size, filename and fields match what was sent', async () => {
    await transcribe(form({ bytes: allHands, name: 'all-hands.wav' }, { model: 'whisper-1', language: 'en' }));
    const [record] = sandbox.requests;
    expect(record!.multipart!.fields).toEqual({ model: 'whisper-1', language: 'en' });
    expect(record!.multipart!.files).toEqual([
      {
        field: 'file',
        filename: 'all-hands.wav',
        contentType: 'audio/wav',
        size: allHands.length,
        sha256: createHash('sha256').update(allHands).digest('hex'),
      },
    ]);
    expect(record!.body).toBeUndefined();
    expect(record!.toolName).toBe('create_a_open_ai_transcription');
  });

  it('transcribes the demo’s all-hands recording from the script its WAV carries, with whisper’s duration usage', async () => {
    const answer = await transcribe(form({ bytes: allHands, name: 'all-hands.wav' }, { model: 'whisper-1' }));
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body.text).toMatch(/^Good morning everyone, and welcome to this week's all-hands\./);
    expect(body.text.split(/[.!?]\s/).length).toBeGreaterThanOrEqual(3);
    expect(body.usage).toEqual({ type: 'duration', seconds: Math.ceil(parseWav(allHands)!.durationSeconds) });
  });

  it('answers token usage for GPT transcription models', async () => {
    const body = (
      await transcribe(
        form({ bytes: allHands, name: 'all-hands.wav' }, { model: 'gpt-4o-transcribe', prompt: 'Acme all-hands' }),
      )
    ).json();
    expect(body.usage).toMatchObject({ type: 'tokens', input_token_details: { text_tokens: 4 } });
    expect(body.usage.input_tokens).toBe(
      body.usage.input_token_details.text_tokens + body.usage.input_token_details.audio_tokens,
    );
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
  });

  it('derives the text from the bytes: same audio, same text; other audio, other text; length follows duration', async () => {
    const tone = (seconds: number, seed: number) => {
      const samples = new Int16Array(8000 * seconds).map((_, index) => Math.round(Math.sin(index * seed) * 8000));
      return encodeWav(samples, { sampleRate: 8000 });
    };
    const text = async (bytes: Uint8Array) =>
      (await transcribe(form({ bytes, name: 'clip.wav' }, { model: 'whisper-1' }))).json().text;
    const short = tone(3, 0.05);
    expect(await text(short)).toBe(await text(short));
    const candidates = new Set<string>();
    for (let seed = 1; seed <= 6; seed++) candidates.add(await text(tone(3, seed / 100)));
    expect(candidates.size).toBeGreaterThan(1);
    const long = await text(tone(30, 0.05));
    expect(long.split(' ').length).toBeGreaterThan((await text(short)).split(' ').length);
  });

  it('estimates the duration of compressed audio from its size', async () => {
    const mp3 = new Uint8Array(160_000).fill(7);
    const body = (
      await transcribe(form({ bytes: mp3, name: 'podcast.mp3', type: 'audio/mpeg' }, { model: 'whisper-1' }))
    ).json();
    expect(body.usage).toEqual({ type: 'duration', seconds: 10 });
    expect(body.text.length).toBeGreaterThan(40);
  });

  it('answers text, srt and vtt as text/plain, and verbose_json with timed segments and words', async () => {
    const upload = (format: string, extra: Record<string, string | string[]> = {}) =>
      transcribe(
        form({ bytes: allHands, name: 'all-hands.wav' }, { model: 'whisper-1', response_format: format, ...extra }),
      );
    const text = await upload('text');
    expect(text.type).toMatch(/^text\/plain/);
    expect(text.text).toMatch(/^Good morning everyone/);
    const srt = await upload('srt');
    expect(srt.type).toMatch(/^text\/plain/);
    expect(srt.text).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\nGood morning/);
    const vtt = await upload('vtt');
    expect(vtt.text).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
    const verbose = (await upload('verbose_json', { 'timestamp_granularities[]': ['word', 'segment'] })).json();
    expect(verbose).toMatchObject({ task: 'transcribe', language: 'english', duration: 5 });
    expect(verbose.segments.length).toBeGreaterThanOrEqual(3);
    expect(verbose.segments.at(-1).end).toBeCloseTo(5, 1);
    expect(verbose.words[0]).toMatchObject({ word: 'Good', start: 0 });
  });

  it('refuses formats GPT models do not support, like OpenAI', async () => {
    const answer = await transcribe(
      form({ bytes: allHands, name: 'all-hands.wav' }, { model: 'gpt-4o-transcribe', response_format: 'srt' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json().raw_response.error.param).toBe('response_format');
  });

  it('refuses non-audio files and uploads above 25 MB with OpenAI’s errors', async () => {
    const pdf = await transcribe(
      form({ bytes: new Uint8Array(100), name: 'minutes.pdf', type: 'application/pdf' }, { model: 'whisper-1' }),
    );
    expect(pdf.status).toBe(400);
    expect(pdf.json()).toMatchObject({
      truto_is_remote_error: true,
      raw_response: { error: { type: 'invalid_request_error', param: 'file' } },
    });
    expect(pdf.json().message).toMatch(/Invalid file format/);
    const big = await transcribe(
      form(
        { bytes: new Uint8Array(MAX_AUDIO_BYTES + 1), name: 'long.mp3', type: 'audio/mpeg' },
        { model: 'whisper-1' },
      ),
    );
    expect(big.status).toBe(413);
    expect(big.json()).toMatchObject({ statusCode: 413, truto_is_remote_error: true });
    expect(big.json().message).toContain(String(MAX_AUDIO_BYTES));
    expect(sandbox.requests.at(-1)!.multipart!.files[0]!.size).toBe(MAX_AUDIO_BYTES + 1);
  });

  it('refuses a missing file, a missing or unknown model, and broken or empty audio', async () => {
    const noFile = await transcribe(form(undefined, { model: 'whisper-1' }));
    expect(noFile.status).toBe(400);
    expect(noFile.json().raw_response.error.param).toBe('file');
    const noModel = await transcribe(form({ bytes: allHands, name: 'a.wav' }, {}));
    expect(noModel.json().raw_response.error.param).toBe('model');
    const badModel = await transcribe(form({ bytes: allHands, name: 'a.wav' }, { model: 'gpt-4o' }));
    expect(badModel.status).toBe(400);
    const corrupt = await transcribe(form({ bytes: new Uint8Array(5000), name: 'a.wav' }, { model: 'whisper-1' }));
    expect(corrupt.json().message).toMatch(/corrupted/);
    const silence = await transcribe(
      form({ bytes: encodeWav(new Int16Array(100), { sampleRate: 8000 }), name: 'a.wav' }, { model: 'whisper-1' }),
    );
    expect(silence.json().raw_response.error.code).toBe('audio_too_short');
  });

  it('needs truto_body_passthrough=true for multipart (Truto’s own 400) and multipart itself (OpenAI’s 400)', async () => {
    const noFlag = await transcribe(
      form({ bytes: allHands, name: 'a.wav' }, { model: 'whisper-1' }),
      proxyUrl(sandbox, 'transcriptions'),
    );
    expect(noFlag.status).toBe(400);
    expect(noFlag.json().truto_is_remote_error).toBeUndefined();
    expect(noFlag.json().message).toContain('truto_body_passthrough=true');
    const asJson = await requestJson(url(), {
      method: 'POST',
      headers: { ...authorization(sandbox), 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'all-hands.wav', model: 'whisper-1' }),
    });
    expect(asJson.status).toBe(400);
    expect(asJson.body.raw_response.error.message).toMatch(/multipart\/form-data/);
  });

  it('reads hand-written multipart: preamble, quoted boundary, RFC 5987 filenames, repeated fields', async () => {
    const boundary = 'x-boundary-42';
    const wav = encodeWav(new Int16Array(8000).fill(1000), { sampleRate: 8000 });
    const body = Buffer.concat([
      Buffer.from(
        `preamble to ignore\r\n--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n`,
      ),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="timestamp_granularities[]"\r\n\r\nword\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="timestamp_granularities[]"\r\n\r\nsegment\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fallback.wav"; filename*=UTF-8''r%C3%A9union.wav\r\nContent-Type: audio/x-wav\r\n\r\n`,
      ),
      wav,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await fetch(url(), {
      method: 'POST',
      headers: { ...authorization(sandbox), 'content-type': `multipart/form-data; boundary="${boundary}"` },
      body,
    });
    expect(response.status).toBe(200);
    const summary = sandbox.requests.at(-1)!.multipart!;
    expect(summary.fields).toEqual({ model: 'whisper-1', 'timestamp_granularities[]': ['word', 'segment'] });
    expect(summary.files[0]).toMatchObject({ filename: 'réunion.wav', contentType: 'audio/x-wav', size: wav.length });
    expect(summary.files[0]!.sha256).toBe(createHash('sha256').update(wav).digest('hex'));
  });

  it('answers Truto’s 400 for a multipart body without its closing boundary', async () => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { ...authorization(sandbox), 'content-type': 'multipart/form-data; boundary=abc' },
      body: '--abc\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/multipart/);
  });
});
