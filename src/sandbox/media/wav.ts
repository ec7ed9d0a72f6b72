/**
 * RIFF/WAVE, 16-bit PCM: enough to write real audio (speech answers, the demo's asset) and to read the facts a
 * transcription needs (duration, and the LIST/INFO tags a file may carry) without decoding the samples.
 */

export interface WavFormat {
  sampleRate: number;
  /** @default 1 */
  channels?: number;
}

/** The facts read from a WAV header. */
export interface WavInfo {
  /** 1 is integer PCM, 3 is float, 0xfffe is WAVE_FORMAT_EXTENSIBLE. */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  bitsPerSample: number;
  /** Bytes in the `data` chunk as declared (clamped to what the file really holds). */
  dataBytes: number;
  durationSeconds: number;
  /** LIST/INFO tags by their four-letter id (`INAM` title, `ICMT` comment, `ISBJ` subject, ...). */
  tags: Record<string, string>;
}

/** The header (RIFF, fmt, optional LIST/INFO, data chunk header) for `dataBytes` bytes of 16-bit samples. */
export function createWavHeader(format: WavFormat, dataBytes: number, tags: Record<string, string> = {}): Buffer {
  const channels = format.channels ?? 1;
  const info = encodeInfoList(tags);
  const header = Buffer.alloc(44 + info.length);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + info.length + dataBytes, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // integer PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  info.copy(header, 36);
  header.write('data', 36 + info.length, 'latin1');
  header.writeUInt32LE(dataBytes, 40 + info.length);
  return header;
}

/** A complete WAV file from 16-bit samples (interleaved when there are several channels). */
export function encodeWav(samples: Int16Array, format: WavFormat, tags: Record<string, string> = {}): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  // WAV is little-endian; every platform Node runs on is too, so the typed array's bytes are already right.
  return Buffer.concat([createWavHeader(format, data.length, tags), data]);
}

/** Reads a WAV header. Undefined when the bytes are not a RIFF/WAVE file with a `fmt ` and a `data` chunk. */
export function parseWav(bytes: Uint8Array): WavInfo | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 12 || view.toString('latin1', 0, 4) !== 'RIFF' || view.toString('latin1', 8, 12) !== 'WAVE') {
    return undefined;
  }
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds' | 'tags'> | undefined;
  let dataBytes: number | undefined;
  const tags: Record<string, string> = {};
  let offset = 12;
  while (offset + 8 <= view.length) {
    const id = view.toString('latin1', offset, offset + 4);
    const size = view.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16 && body + 16 <= view.length) {
      format = {
        audioFormat: view.readUInt16LE(body),
        channels: view.readUInt16LE(body + 2),
        sampleRate: view.readUInt32LE(body + 4),
        byteRate: view.readUInt32LE(body + 8),
        bitsPerSample: view.readUInt16LE(body + 14),
      };
    } else if (id === 'LIST' && size >= 4 && view.toString('latin1', body, body + 4) === 'INFO') {
      readInfoTags(view.subarray(body + 4, Math.min(view.length, body + size)), tags);
    } else if (id === 'data') {
      dataBytes = Math.min(size, view.length - body);
      break; // samples follow; nothing after them matters here
    }
    offset = body + size + (size % 2); // chunks are padded to an even length
  }
  if (format === undefined || dataBytes === undefined || format.byteRate === 0) return undefined;
  return { ...format, dataBytes, durationSeconds: dataBytes / format.byteRate, tags };
}

function encodeInfoList(tags: Record<string, string>): Buffer {
  const entries = Object.entries(tags).filter(([id]) => /^[A-Z0-9]{4}$/.test(id));
  if (entries.length === 0) return Buffer.alloc(0);
  const parts = entries.map(([id, text]) => {
    const value = Buffer.from(`${text}\0`, 'utf8');
    const part = Buffer.alloc(8 + value.length + (value.length % 2));
    part.write(id, 0, 'latin1');
    part.writeUInt32LE(value.length, 4);
    value.copy(part, 8);
    return part;
  });
  const body = Buffer.concat([Buffer.from('INFO', 'latin1'), ...parts]);
  const list = Buffer.alloc(8);
  list.write('LIST', 0, 'latin1');
  list.writeUInt32LE(body.length, 4);
  return Buffer.concat([list, body]);
}

function readInfoTags(info: Buffer, into: Record<string, string>): void {
  let offset = 0;
  while (offset + 8 <= info.length) {
    const id = info.toString('latin1', offset, offset + 4);
    const size = info.readUInt32LE(offset + 4);
    const end = Math.min(info.length, offset + 8 + size);
    into[id] = info.toString('utf8', offset + 8, end).replace(/\0+$/, '');
    offset += 8 + size + (size % 2);
  }
}
