/**
 * A real, small PNG: signature, IHDR, one zlib-compressed IDAT and IEND, each chunk with its CRC. The sandbox
 * answers `b64_json` image requests with it, so clients can prove they decode and save images correctly without
 * pulling megabytes of base64 through a test.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngPatternOptions {
  /** Pixels per side. @default 64 */
  size?: number;
  /** Any 32-bit number; the same seed always draws the same picture. */
  seed: number;
  /** Draw with an alpha channel whose corners fade out (for `background: transparent`). @default false */
  transparent?: boolean;
}

/** Draws a deterministic two-colour gradient with a disc in the middle, derived from `seed`. */
export function createPatternPng(options: PngPatternOptions): Buffer {
  const size = options.size ?? 64;
  const channels = options.transparent ? 4 : 3;
  const from = colourFromSeed(options.seed);
  const to = colourFromSeed(Math.imul(options.seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0);
  const disc = colourFromSeed((options.seed * 31 + 7) >>> 0);
  const rowLength = 1 + size * channels;
  const raw = Buffer.alloc(rowLength * size);
  const centre = (size - 1) / 2;
  const radius = size / 4;
  for (let y = 0; y < size; y++) {
    const rowStart = y * rowLength;
    raw[rowStart] = 0; // filter type "None" for every scanline
    for (let x = 0; x < size; x++) {
      const mix = (x + y) / (2 * (size - 1));
      const distance = Math.hypot(x - centre, y - centre);
      const inside = distance <= radius;
      const offset = rowStart + 1 + x * channels;
      for (let channel = 0; channel < 3; channel++) {
        raw[offset + channel] = inside ? disc[channel]! : Math.round(from[channel]! * (1 - mix) + to[channel]! * mix);
      }
      if (channels === 4) raw[offset + 3] = Math.max(0, 255 - Math.round((distance / (size * 0.75)) * 255));
    }
  }
  return encodePng(size, size, channels === 4 ? 6 : 2, raw);
}

/** Wraps already filtered scanlines (`raw`) into a PNG. Colour type 2 is RGB, 6 is RGBA; 8 bits per sample. */
export function encodePng(width: number, height: number, colourType: 2 | 6, raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = colourType;
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const output = Buffer.alloc(12 + data.length);
  output.writeUInt32BE(data.length, 0);
  output.write(type, 4, 'latin1');
  data.copy(output, 8);
  // The CRC covers the chunk type and data, not the length.
  output.writeUInt32BE(crc32(output.subarray(4, 8 + data.length)), 8 + data.length);
  return output;
}

function colourFromSeed(seed: number): [number, number, number] {
  return [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff];
}
