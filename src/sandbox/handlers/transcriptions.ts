/**
 * `create_a_open_ai_transcription`: POST /proxy/transcriptions?truto_body_passthrough=true with a multipart body,
 * as OpenAI's `POST /v1/audio/transcriptions` takes it. The answer is derived from the uploaded bytes: the audio's
 * duration comes from its WAV header (or its size), and the words from a WAV's `ICMT` tag or from the transcript
 * pool by SHA-256 (see `data/transcripts.ts`). Limits and refusals follow OpenAI: 25 MB, audio extensions only.
 */
import { splitSentences, transcriptFor } from '../data/transcripts';
import { remoteError, trutoError } from '../errors';
import { parseWav } from '../media/wav';
import { fileDigest, type MultipartFile } from '../multipart';
import type { ProxyAnswer, ProxyCall, ResourceHandlers } from './types';

/** OpenAI refuses audio uploads above 25 MB. */
export const MAX_AUDIO_BYTES = 26_214_400;
export const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'] as const;
const MODELS = [
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-mini-transcribe-2025-12-15',
  'gpt-4o-transcribe-diarize',
  'gpt-transcribe',
] as const;
const FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'] as const;
type Format = (typeof FORMATS)[number];

/** Compressed audio at about 128 kbit/s, for files whose length we cannot read from a header. */
const COMPRESSED_BYTES_PER_SECOND = 16_000;
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
  nl: 'dutch',
  ja: 'japanese',
  hi: 'hindi',
};

export const transcriptionsHandlers: ResourceHandlers = { create: createTranscription };

function createTranscription(call: ProxyCall): ProxyAnswer {
  if (call.multipart === undefined) {
    throw remoteError(400, {
      message: `Invalid Content-Type header (${call.contentType ?? 'none'}), expected multipart/form-data.`,
      code: 'invalid_content_type',
    });
  }
  if (call.query.truto_body_passthrough !== 'true') {
    throw trutoError(400, 'Multipart bodies are forwarded only with the query parameter truto_body_passthrough=true.');
  }
  const { fields, files } = call.multipart;
  const file = files.find((candidate) => candidate.field === 'file');
  if (file === undefined)
    throw remoteError(400, {
      message: "Missing required parameter: 'file'.",
      param: 'file',
      code: 'missing_required_parameter',
    });
  if (file.data.length > MAX_AUDIO_BYTES) {
    throw remoteError(413, {
      message: `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${file.data.length} bytes read)`,
      param: 'file',
      code: 'file_too_large',
    });
  }
  const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
  if (extension === undefined || !(AUDIO_EXTENSIONS as readonly string[]).includes(extension)) {
    throw remoteError(400, {
      message: `Invalid file format. Supported formats: [${AUDIO_EXTENSIONS.map((name) => `'${name}'`).join(', ')}]`,
      param: 'file',
      code: 'unsupported_file_format',
    });
  }
  const model = singleField(fields, 'model');
  if (model === undefined)
    throw remoteError(400, {
      message: 'you must provide a model parameter',
      param: 'model',
      code: 'missing_required_parameter',
    });
  if (!(MODELS as readonly string[]).includes(model)) {
    throw remoteError(400, {
      message: `Invalid value for 'model': '${model}' is not a transcription model.`,
      param: 'model',
      code: 'invalid_value',
    });
  }
  const format = (singleField(fields, 'response_format') ?? 'json') as Format;
  if (!FORMATS.includes(format)) {
    throw remoteError(400, {
      message: `Invalid value for 'response_format': '${format}'.`,
      param: 'response_format',
      code: 'invalid_value',
    });
  }
  const gptModel = model !== 'whisper-1' && model !== 'gpt-4o-transcribe-diarize';
  if (
    (gptModel && format !== 'json' && format !== 'text') ||
    (format === 'diarized_json' && model !== 'gpt-4o-transcribe-diarize')
  ) {
    throw remoteError(400, {
      message: `response_format '${format}' is not compatible with model '${model}'.`,
      param: 'response_format',
      code: 'unsupported_value',
    });
  }
  const temperature = singleField(fields, 'temperature');
  if (temperature !== undefined && !(Number(temperature) >= 0 && Number(temperature) <= 1)) {
    throw remoteError(400, {
      message: `Invalid value for 'temperature': '${temperature}'. Expected a number between 0 and 1.`,
      param: 'temperature',
      code: 'invalid_value',
    });
  }
  const audio = readAudio(file, extension);
  const language = singleField(fields, 'language') ?? 'en';
  const prompt = singleField(fields, 'prompt') ?? '';
  const segments = timeSegments(audio.text, audio.durationSeconds);
  const usage =
    model === 'whisper-1'
      ? { type: 'duration', seconds: Math.ceil(audio.durationSeconds) }
      : tokenUsage(audio.durationSeconds, prompt, audio.text);
  switch (format) {
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', text: `${audio.text}\n` };
    case 'srt':
      return { contentType: 'text/plain; charset=utf-8', text: toSrt(segments) };
    case 'vtt':
      return { contentType: 'text/plain; charset=utf-8', text: toVtt(segments) };
    case 'verbose_json': {
      const granularities = listField(fields, 'timestamp_granularities');
      return {
        json: {
          task: 'transcribe',
          language: LANGUAGE_NAMES[language] ?? language,
          duration: round(audio.durationSeconds, 2),
          text: audio.text,
          ...(granularities.includes('word') ? { words: wordTimings(segments) } : {}),
          segments: segments.map((segment, id) => ({
            id,
            seek: 0,
            start: segment.start,
            end: segment.end,
            text: ` ${segment.text}`,
            tokens: [],
            temperature: Number(temperature ?? 0),
            avg_logprob: -0.18,
            compression_ratio: 1.42,
            no_speech_prob: 0.01,
          })),
          usage,
        },
      };
    }
    case 'diarized_json':
      return {
        json: {
          task: 'transcribe',
          duration: round(audio.durationSeconds, 2),
          text: audio.text,
          segments: segments.map((segment, index) => ({
            type: 'transcript.text.segment',
            id: `seg_${String(index + 1).padStart(3, '0')}`,
            start: segment.start,
            end: segment.end,
            text: segment.text,
            speaker: index % 2 === 0 ? 'A' : 'B',
          })),
          usage,
        },
      };
    default:
      return { json: { text: audio.text, usage } };
  }
}

interface HeardAudio {
  durationSeconds: number;
  text: string;
}

function readAudio(file: MultipartFile, extension: string): HeardAudio {
  let durationSeconds = file.data.length / COMPRESSED_BYTES_PER_SECOND;
  let script: string | undefined;
  if (extension === 'wav') {
    const wav = parseWav(file.data);
    if (wav === undefined) {
      throw remoteError(400, {
        message: 'Audio file might be corrupted or unsupported',
        param: 'file',
        code: 'invalid_value',
      });
    }
    durationSeconds = wav.durationSeconds;
    script = wav.tags.ICMT?.trim() || undefined;
  }
  if (durationSeconds < 0.1) {
    throw remoteError(400, {
      message: 'Audio file is too short. Minimum audio length is 0.1 seconds.',
      param: 'file',
      code: 'audio_too_short',
    });
  }
  return { durationSeconds, text: script ?? transcriptFor(fileDigest(file), durationSeconds) };
}

function tokenUsage(durationSeconds: number, prompt: string, text: string) {
  const audioTokens = Math.max(1, Math.round(durationSeconds * 10));
  const textTokens = Math.ceil(prompt.length / 4);
  const outputTokens = Math.max(1, Math.ceil(text.length / 4));
  return {
    type: 'tokens',
    input_tokens: audioTokens + textTokens,
    input_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    output_tokens: outputTokens,
    total_tokens: audioTokens + textTokens + outputTokens,
  };
}

interface TimedSegment {
  start: number;
  end: number;
  text: string;
}

/** Sentences spread over the audio in proportion to their length. */
function timeSegments(text: string, durationSeconds: number): TimedSegment[] {
  const sentences = splitSentences(text);
  const total = sentences.reduce((sum, sentence) => sum + sentence.length, 0) || 1;
  let cursor = 0;
  return sentences.map((sentence) => {
    const start = cursor;
    cursor += (sentence.length / total) * durationSeconds;
    return { start: round(start, 2), end: round(cursor, 2), text: sentence };
  });
}

function wordTimings(segments: TimedSegment[]) {
  return segments.flatMap((segment) => {
    const words = segment.text.split(/\s+/).filter(Boolean);
    const step = (segment.end - segment.start) / Math.max(1, words.length);
    return words.map((word, index) => ({
      word: word.replace(/[^\p{L}\p{N}'-]/gu, ''),
      start: round(segment.start + index * step, 2),
      end: round(segment.start + (index + 1) * step, 2),
    }));
  });
}

function toSrt(segments: TimedSegment[]): string {
  return segments
    .map(
      (segment, index) =>
        `${index + 1}\n${clock(segment.start, ',')} --> ${clock(segment.end, ',')}\n${segment.text}\n`,
    )
    .join('\n');
}

function toVtt(segments: TimedSegment[]): string {
  return `WEBVTT\n\n${segments.map((segment) => `${clock(segment.start, '.')} --> ${clock(segment.end, '.')}\n${segment.text}\n`).join('\n')}`;
}

function clock(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

function singleField(fields: Record<string, string | string[]>, name: string): string | undefined {
  const value = fields[name];
  const single = Array.isArray(value) ? value[value.length - 1] : value;
  return single === undefined || single === '' ? undefined : single;
}

/** `name[]` repeated, `name` repeated, or one comma list. */
function listField(fields: Record<string, string | string[]>, name: string): string[] {
  return [fields[`${name}[]`], fields[name]]
    .flat()
    .filter((value): value is string => value !== undefined)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
