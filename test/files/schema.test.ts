/**
 * Which fields carry files, and what the model reads about them: a file reference with an example, the accepted
 * formats and the size limit; plus the small pure pieces (content sniffing, the host allowlist).
 */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { TrutoToolDefinition } from 'truto-langchainjs-toolset';
import {
  createPatternPng,
  encodeWav,
  OPENAI_TOOLS,
  type Sandbox,
  startSandbox,
} from 'truto-langchainjs-toolset/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeForExtension, extensionForContentType, sniffContentType } from '../../src/files/content-type.js';
import { describeFileFieldsForModel } from '../../src/files/describe-file-fields.js';
import { isAllowedHost } from '../../src/files/fetch-url.js';
import { findFileFields, OPENAI_AUDIO_MAX_BYTES } from '../../src/files/index.js';
import { isInside } from '../../src/files/resolve-path.js';
import { createManager, TRANSCRIPTION } from './support.js';

function definition(
  body: Record<string, unknown>,
  name = 'create_a_acme_upload',
  resource = 'uploads',
): TrutoToolDefinition {
  return { name, resource, method: 'create', body_schema: { type: 'object', properties: body } };
}

describe('findFileFields', () => {
  it("finds OpenAI's transcription file with its known limits", () => {
    const transcription = OPENAI_TOOLS.find((tool) => tool.name === TRANSCRIPTION) as TrutoToolDefinition;
    expect(findFileFields(transcription)).toEqual([
      {
        name: 'file',
        multiple: false,
        known: {
          maxUploadBytes: 26_214_400,
          extensions: ['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm'],
        },
      },
    ]);
    expect(OPENAI_AUDIO_MAX_BYTES).toBe(26_214_400);
  });

  it('knows the transcription file even when a catalog types it as a plain string', () => {
    const fields = findFileFields(
      definition(
        { file: { type: 'string' }, model: { type: 'string' } },
        'create_a_openai_transcription',
        'audio/transcriptions',
      ),
    );
    expect(fields.map((field) => field.name)).toEqual(['file']);
  });

  it('reads format: binary, contentMediaType, contentEncoding, arrays of files and local $refs', () => {
    const fields = findFileFields({
      ...definition({}),
      body_schema: {
        type: 'object',
        $defs: { upload: { type: 'string', format: 'binary' } },
        properties: {
          a: { type: 'string', format: 'binary' },
          b: { type: 'string', contentMediaType: 'application/pdf' },
          c: { type: 'string', contentEncoding: 'base64' },
          d: { type: 'array', items: { type: 'string', format: 'binary' } },
          e: { $ref: '#/$defs/upload' },
          plain: { type: 'string' },
          other: { type: 'string', format: 'uri' },
        },
      },
    });
    expect(fields).toEqual([
      { name: 'a', multiple: false },
      { name: 'b', multiple: false },
      { name: 'c', multiple: false },
      { name: 'd', multiple: true },
      { name: 'e', multiple: false },
    ]);
  });

  it('finds nothing in tools without files', () => {
    for (const tool of OPENAI_TOOLS.filter((candidate) => candidate.name !== TRANSCRIPTION)) {
      expect(findFileFields(tool as TrutoToolDefinition)).toEqual([]);
    }
  });
});

describe('the schema a model sees', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('describes the transcription file as a file reference with an example, formats and the limit', async () => {
    const manager = createManager(sandbox);
    try {
      const tool = (await manager.getToolDefinitions()).find((candidate) => candidate.name === TRANSCRIPTION)!;
      const file = (tool.modelJsonSchema.properties as Record<string, Record<string, unknown>>).file!;
      expect(file.description).toMatch(/^File reference: a path like "recording\.mp3"/);
      expect(file.description).toContain('truto-file://');
      // The tool's own description lists the formats already; the limit is new.
      expect(file.description).toContain('At most 25 MB. About the file: The audio file object');
      expect(file.description).not.toContain('Accepted:');
      expect(file.format).toBeUndefined();
      expect(tool.modelJsonSchema.required).toContain('file');
      // What LangChain sends to OpenAI says the same.
      const [langChainTool] = (await manager.getTools()).filter((candidate) => candidate.name === TRANSCRIPTION);
      const parameters = convertToOpenAITool(langChainTool!).function.parameters as {
        properties: Record<string, { description?: string }>;
      };
      expect(parameters.properties.file?.description).toContain('File reference');
      // The validator takes a string reference (and refuses an empty one) but lets program values through.
      expect(tool.validate({ file: 'meeting.wav', model: 'whisper-1' }).file).toBe('meeting.wav');
      expect(() => tool.validate({ file: '', model: 'whisper-1' })).toThrow(/file/);
      const bytes = Buffer.from('x');
      expect(tool.validate({ file: bytes, model: 'whisper-1' }).file).toBe(bytes);
    } finally {
      await manager.close();
    }
  });

  it('lists the accepted formats when the field’s own description does not', () => {
    const schema = { type: 'object', properties: { image: { type: 'string', description: 'The picture to edit.' } } };
    const described = describeFileFieldsForModel(schema, [
      { name: 'image', multiple: false, known: { extensions: ['png', 'webp'], maxUploadBytes: 4 * 1024 * 1024 } },
    ]);
    expect((described.properties as Record<string, { description: string }>).image?.description).toBe(
      'File reference: a path like "image.png", an allowed https:// URL, or a truto-file://… handle from an earlier tool. Accepted: .png, .webp, at most 4 MB. About the file: The picture to edit.',
    );
  });
});

describe('content types', () => {
  it('sniffs the formats the tools deal in', () => {
    expect(sniffContentType(encodeWav(new Int16Array(10), { sampleRate: 8000 }))).toBe('audio/wav');
    expect(sniffContentType(createPatternPng({ seed: 1 }))).toBe('image/png');
    expect(sniffContentType(Buffer.from('ID3\u0004\u0000'))).toBe('audio/mpeg');
    expect(sniffContentType(Buffer.from([0xff, 0xfb, 0x90, 0x00]))).toBe('audio/mpeg');
    expect(sniffContentType(Buffer.from('fLaC\u0000\u0000'))).toBe('audio/flac');
    expect(sniffContentType(Buffer.from('OggS\u0000\u0002'))).toBe('audio/ogg');
    expect(sniffContentType(Buffer.from('\u0000\u0000\u0000\u0020ftypM4A \u0000'))).toBe('audio/mp4');
    expect(sniffContentType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from('hello world'))).toBeUndefined();
  });

  it('maps extensions and types both ways, parameters ignored', () => {
    expect(contentTypeForExtension('WAV')).toBe('audio/wav');
    expect(contentTypeForExtension('exe')).toBeUndefined();
    expect(extensionForContentType('audio/mpeg; charset=binary')).toBe('mp3');
    expect(extensionForContentType('text/html')).toBeUndefined();
  });
});

describe('isAllowedHost and isInside', () => {
  it('matches exact hosts, host:port and subdomain wildcards, nothing else', () => {
    const allowed = ['cdn.example.com', '127.0.0.1:8080', '*.files.example.org'];
    expect(isAllowedHost(new URL('https://cdn.example.com/a.wav'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://cdn.example.com:9000/a.wav'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:8080/a.wav'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:8081/a.wav'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://eu.files.example.org/a.wav'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('https://files.example.org/a.wav'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://cdn.example.com.evil.net/a.wav'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://evilfiles.example.org/a.wav'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://user@cdn.example.com@evil.net/a.wav'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://cdn.example.com/a.wav'), [])).toBe(false);
  });

  it('tells a folder from its look-alike siblings', () => {
    expect(isInside('/srv/assets', '/srv/assets/a.wav')).toBe(true);
    expect(isInside('/srv/assets', '/srv/assets')).toBe(true);
    expect(isInside('/srv/assets', '/srv/assets-private/a.wav')).toBe(false);
    expect(isInside('/srv/assets', '/srv/a.wav')).toBe(false);
    expect(isInside('/srv/assets', '/srv/assets/..secret/a.wav')).toBe(true);
  });
});
