/**
 * Speech-shaped audio without a speech engine: one short tone per letter, silence for spaces and punctuation, so
 * the length and rhythm of the sound follow the text. Samples come in chunks, letting big answers stream.
 */

export interface SpeechToneOptions {
  sampleRate: number;
  durationSeconds: number;
  /** Base pitch; voices differ by it. */
  pitchHz: number;
  /** Samples per yielded chunk. @default 12000 */
  chunkSamples?: number;
}

export function* speechToneSamples(text: string, options: SpeechToneOptions): Generator<Int16Array> {
  const total = Math.max(1, Math.round(options.durationSeconds * options.sampleRate));
  const slots = Math.max(1, text.length);
  const slotSamples = total / slots;
  const chunkSamples = options.chunkSamples ?? 12_000;
  for (let start = 0; start < total; start += chunkSamples) {
    const length = Math.min(chunkSamples, total - start);
    const chunk = new Int16Array(length);
    for (let index = 0; index < length; index++) {
      const sample = start + index;
      const slot = Math.min(slots - 1, Math.floor(sample / slotSamples));
      const code = text.charCodeAt(slot);
      if (!isVoiced(code)) continue;
      const position = (sample - slot * slotSamples) / slotSamples;
      const frequency = options.pitchHz * (1 + (code % 12) / 24);
      const envelope = Math.sin(Math.PI * position);
      chunk[index] = Math.round(9000 * envelope * Math.sin((2 * Math.PI * frequency * sample) / options.sampleRate));
    }
    yield chunk;
  }
}

function isVoiced(code: number): boolean {
  // Letters and digits of any script speak; whitespace and ASCII punctuation are pauses.
  return (
    code > 0x7f || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  );
}
