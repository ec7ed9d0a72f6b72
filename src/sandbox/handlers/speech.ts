/**
 * `create_a_open_ai_speech`: POST /proxy/speech → `POST /v1/audio/speech`. Answers real audio, streamed with
 * `Transfer-Encoding: chunked`: `wav` is RIFF/WAVE 24 kHz 16-bit mono with a tone per letter, `pcm` the same
 * samples raw, `mp3` (the default) valid MPEG-1 Layer III frames of silence. The length follows the input text and
 * `speed`. `opus`, `aac` and `flac` fall back to WAV, said honestly by `Content-Type: audio/wav` and
 * `x-sandbox-format-fallback: wav`.
 */
import { hashText } from '../data/hash';
import { SPEECH_FORMATS, SPEECH_VOICES } from '../data/speech';
import { invalidType, invalidValue, missingParameter, remoteError } from '../errors';
import { mp3SilenceChunks } from '../media/mp3';
import { speechToneSamples } from '../media/speech-tone';
import { createWavHeader } from '../media/wav';
import { bodyEnum, bodyNumber, bodyString } from '../params';
import type { ProxyAnswer, ProxyCall, ResourceHandlers } from './types';

const MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'gpt-4o-mini-tts-2025-12-15'];
const SAMPLE_RATE = 24_000;
/** Characters spoken per second at speed 1. */
const CHARACTERS_PER_SECOND = 15;

export const speechHandlers: ResourceHandlers = { create: createSpeech };

function createSpeech(call: ProxyCall): ProxyAnswer {
  const model = bodyString(call.body, 'model', true)!;
  if (!MODELS.includes(model))
    throw invalidValue('model', model, `Supported values are: ${MODELS.map((name) => `'${name}'`).join(', ')}.`);
  const input = bodyString(call.body, 'input', true)!;
  if (input.trim() === '')
    throw remoteError(400, { message: "Invalid 'input': empty string.", param: 'input', code: 'empty_string' });
  if (input.length > 4096) {
    throw remoteError(400, {
      message: `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${input.length} instead.`,
      param: 'input',
      code: 'string_above_max_length',
    });
  }
  const voice = readVoice(call.body.voice);
  const format = bodyEnum(call.body, 'response_format', SPEECH_FORMATS, 'mp3');
  const speed = bodyNumber(call.body, 'speed', { min: 0.25, max: 4 }) ?? 1;
  const durationSeconds = Math.max(0.5, input.length / CHARACTERS_PER_SECOND) / speed;
  const pitchHz = 110 + (hashText(voice) % 150);
  if (format === 'mp3') return { contentType: 'audio/mpeg', chunks: mp3SilenceChunks(durationSeconds) };
  const samples = speechToneSamples(input, { sampleRate: SAMPLE_RATE, durationSeconds, pitchHz });
  if (format === 'pcm') return { contentType: 'audio/pcm', chunks: asBytes(samples) };
  const sampleCount = Math.max(1, Math.round(durationSeconds * SAMPLE_RATE));
  const wav = withHeader(createWavHeader({ sampleRate: SAMPLE_RATE }, sampleCount * 2), samples);
  return {
    contentType: 'audio/wav',
    chunks: wav,
    ...(format === 'wav' ? {} : { headers: { 'x-sandbox-format-fallback': 'wav' } }),
  };
}

function readVoice(value: unknown): string {
  if (value === undefined || value === null) throw missingParameter('voice');
  if (typeof value === 'string') {
    if (!SPEECH_VOICES.includes(value))
      throw invalidValue(
        'voice',
        value,
        `Supported voices are: ${SPEECH_VOICES.join(', ')}, or { "id": "voice_..." }.`,
      );
    return value;
  }
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string') {
    return (value as { id: string }).id;
  }
  throw invalidType('voice', 'a voice name or an object with an id', value);
}

function* asBytes(samples: Iterable<Int16Array>): Generator<Uint8Array> {
  for (const chunk of samples) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function* withHeader(header: Buffer, samples: Iterable<Int16Array>): Generator<Uint8Array> {
  yield header;
  yield* asBytes(samples);
}
