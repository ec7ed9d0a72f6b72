/**
 * Valid MPEG-1 Layer III audio: frames of silence (all-zero side information decodes to silence in every decoder).
 * Encoding real sound would need a psychoacoustic encoder; what clients must handle is the byte stream and its
 * `audio/mpeg` content type, and players accept these frames.
 *
 * Frame header FF FB 94 C4: sync, MPEG-1, Layer III, no CRC, 128 kbit/s, 48 kHz, no padding, mono, original.
 * At 48 kHz a 128 kbit/s frame is exactly 144 * 128000 / 48000 = 384 bytes and lasts 1152 samples = 24 ms.
 */

export const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x94, 0xc4]);
export const MP3_FRAME_BYTES = 384;
export const MP3_FRAME_SECONDS = 1152 / 48_000;

const FRAMES_PER_CHUNK = 64;
const FRAME_RUN = buildFrameRun();

function buildFrameRun(): Buffer {
  const run = Buffer.alloc(MP3_FRAME_BYTES * FRAMES_PER_CHUNK);
  for (let frame = 0; frame < FRAMES_PER_CHUNK; frame++) MP3_FRAME_HEADER.copy(run, frame * MP3_FRAME_BYTES);
  return run;
}

/** Number of frames covering `durationSeconds` (at least one). */
export function mp3FrameCount(durationSeconds: number): number {
  return Math.max(1, Math.ceil(durationSeconds / MP3_FRAME_SECONDS));
}

/** The frames of `durationSeconds` of silence, in chunks of up to 64 frames (24 KiB). */
export function* mp3SilenceChunks(durationSeconds: number): Generator<Buffer> {
  let frames = mp3FrameCount(durationSeconds);
  while (frames > 0) {
    const count = Math.min(frames, FRAMES_PER_CHUNK);
    // Copies, because a caller may hold several chunks while the socket drains.
    yield Buffer.from(FRAME_RUN.subarray(0, count * MP3_FRAME_BYTES));
    frames -= count;
  }
}
