/**
 * Writes `examples/assets/all-hands.wav`: five seconds of speech-shaped tone (8 kHz, 16-bit mono, about 80 KB) that
 * carries the meeting's script in its LIST/INFO `ICMT` tag. The sandbox transcribes a WAV with such a tag as the
 * script, so the demo's transcript reads like the meeting it is named after.
 *
 * Run: npx tsx scripts/make-example-audio.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { speechToneSamples } from '../src/sandbox/media/speech-tone';
import { encodeWav } from '../src/sandbox/media/wav';

const SAMPLE_RATE = 8_000;
const DURATION_SECONDS = 5;

const ALL_HANDS_SCRIPT = [
  "Good morning everyone, and welcome to this week's all-hands.",
  'First, the numbers: we closed the quarter at one hundred and twelve percent of plan, and the new usage dashboard shipped on Tuesday.',
  'Second, our OpenAI spend grew faster than our traffic last month, so the platform team is moving the support bot to cached prompts and a smaller model.',
  'Third, we are piloting AI agents that audit our API costs and check rate limits before every batch job, so nobody gets paged for a 429 at midnight.',
  'Please welcome Priya, who joins the platform team from Toronto.',
  'As always, send your questions to the all-hands channel, and see you next Thursday.',
].join(' ');

const samples = new Int16Array(DURATION_SECONDS * SAMPLE_RATE);
let offset = 0;
// The sound follows the greeting only; at 8 kHz a tone per letter of the whole script would be a buzz.
for (const chunk of speechToneSamples(ALL_HANDS_SCRIPT.split('.')[0]!, {
  sampleRate: SAMPLE_RATE,
  durationSeconds: DURATION_SECONDS,
  pitchHz: 150,
})) {
  samples.set(chunk, offset);
  offset += chunk.length;
}

const wav = encodeWav(
  samples,
  { sampleRate: SAMPLE_RATE },
  { INAM: 'Weekly all-hands (excerpt)', ICMT: ALL_HANDS_SCRIPT },
);
const target = fileURLToPath(new URL('../examples/assets/all-hands.wav', import.meta.url));
await mkdir(fileURLToPath(new URL('../examples/assets/', import.meta.url)), { recursive: true });
await writeFile(target, wav);
console.log(`Wrote ${target} (${wav.length} bytes, ${DURATION_SECONDS} s at ${SAMPLE_RATE} Hz).`);
