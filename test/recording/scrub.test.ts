/** The one scrubbing function: the key in every encoding, secret headers, secret-naming fields. Pure, no I/O. */
import { describe, expect, it } from 'vitest';
import { createScrubber, REDACTED_VALUE, scrubRecording } from '../../src/recording/scrub.js';
import type { SnapshotRecording } from '../../src/recording/snapshot.js';

const KEY = 'tk_live/Secret+Key=9f8e7d';
const scrubber = createScrubber({ secrets: [KEY] });

function recordingWith(
  body: unknown,
  headers: Record<string, string> = {},
  request: Partial<SnapshotRecording['request']> = {},
): SnapshotRecording {
  return {
    tool: 'list_all_things',
    recordedAt: '2026-12-03T12:00:00.000Z',
    request: { method: 'GET', path: '/proxy/things', query: {}, ...request },
    response: { status: 200, headers: { 'content-type': 'application/json', ...headers }, body },
  };
}

const escapeEvery = (text: string, encode: (character: string) => string) => [...text].map(encode).join('');
const unicodeEscape = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
const percentEscape = (character: string) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

describe('the API key, in any encoding', () => {
  const encodings: Record<string, string> = {
    plain: `key=${KEY}`,
    'JSON-escaped': JSON.stringify(KEY),
    'every character \\u-escaped': escapeEvery(KEY, unicodeEscape),
    'upper-case \\u escapes': escapeEvery(KEY, (character) =>
      unicodeEscape(character).toUpperCase().replace('\\U', '\\u'),
    ),
    'every character percent-encoded': escapeEvery(KEY, percentEscape),
    'encodeURIComponent (mixed)': encodeURIComponent(KEY),
    'lower-case percent escapes': escapeEvery(KEY, percentEscape).toLowerCase(),
    'HTML character references': escapeEvery(KEY, (character) => `&#${character.charCodeAt(0)};`),
    'mixed escapes': escapeEvery(KEY, (character) =>
      character < 'm' ? unicodeEscape(character) : percentEscape(character),
    ),
    hex: Buffer.from(KEY).toString('hex'),
    base64: Buffer.from(KEY).toString('base64'),
    base64url: Buffer.from(KEY).toString('base64url'),
    'Basic auth (offset 1)': `Basic ${Buffer.from(`u:${KEY}`).toString('base64')}`,
    'Basic auth (offset 2)': `Basic ${Buffer.from(`us:${KEY}`).toString('base64')}`,
    'Basic auth (offset 0)': `Basic ${Buffer.from(`usr:${KEY}`).toString('base64')}`,
    'base64 inside a longer blob': Buffer.from(`{"headers":{"authorization":"Bearer ${KEY}"}}`).toString('base64'),
  };

  for (const [name, text] of Object.entries(encodings)) {
    it(`removes it ${name}, from bodies, headers, paths and queries`, () => {
      const scrubbed = scrubber.recording(
        recordingWith(
          { nested: [{ note: `before ${text} after` }], [text]: 'as a key' },
          { 'x-echo': text },
          {
            path: `/proxy/things/${text}`,
            query: { q: text, deep: { list: [text] } },
            body: { text },
          },
        ),
      );
      const written = JSON.stringify(scrubbed);
      expect(written).not.toContain(KEY);
      expect(written).not.toContain(text);
      expect(written).toContain('[redacted]');
      // What is around the key stays readable.
      expect(written).toContain('before ');
      expect(written).toContain(' after');
    });
  }

  it('finds a key with quotes and backslashes in its JSON two-character escapes, `\\/` included', () => {
    const odd = 'ab"cd\\ef/gh-1234';
    const forms = [JSON.stringify(odd).slice(1, -1), JSON.stringify(odd).slice(1, -1).replaceAll('/', '\\/')];
    const scrubbed = createScrubber({ secrets: [odd] }).recording(recordingWith({ text: forms.join(' | ') }));
    expect(scrubbed.response.body).toEqual({ text: '[redacted] | [redacted]' });
  });

  it('decodes nothing that is not the key, and leaves ordinary data alone', () => {
    const body = { id: 'proj_12345', amount: 12.5, tags: ['a', 'b'], nothing: null, yes: true };
    expect(scrubber.recording(recordingWith(body)).response.body).toEqual(body);
  });

  it('ignores secrets too short to redact safely (as the HTTP layer does)', () => {
    const short = scrubRecording(recordingWith({ text: 'abc is here' }), { secrets: ['abc', undefined] });
    expect(short.response.body).toEqual({ text: 'abc is here' });
  });
});

describe('headers', () => {
  it('drops credentials, cookies and transport headers and lower-cases the rest', () => {
    const scrubbed = scrubber.recording(
      recordingWith(undefined, {
        Authorization: 'Bearer abc',
        'Set-Cookie': 'session=1',
        Cookie: 'a=b',
        'Proxy-Authorization': 'x',
        'X-API-Key': 'x',
        'X-Auth-Token': 'x',
        'X-Amz-Security-Token': 'x',
        'Content-Length': '12',
        'Content-Encoding': 'gzip',
        'Transfer-Encoding': 'chunked',
        Connection: 'keep-alive',
        'RateLimit-Remaining': '49',
        'X-Request-Id': 'req_1',
      }),
    );
    expect(scrubbed.response.headers).toEqual({
      'content-type': 'application/json',
      'ratelimit-remaining': '49',
      'x-request-id': 'req_1',
    });
  });
});

describe('secret-naming fields', () => {
  it('become "[REDACTED]" at any depth, in bodies and queries, whatever the case or separator', () => {
    const scrubbed = scrubber.recording(
      recordingWith(
        {
          data: [{ access_token: 'at', accessToken: 'at2', 'Refresh-Token': { nested: 'x' }, name: 'kept' }],
          client: { client_secret: 's', Password: 'p', private_key: 'pk', id_token: 'i', apikey: 'k', api_key: 'k2' },
          token: 't',
          secret: 's',
          authorization: 'a',
          password: null,
        },
        {},
        {
          query: { token: 'abc', filter: { password: 'x', status: 'open' } },
          method: 'POST',
          body: { password: 'pw' },
        },
      ),
    );
    expect(scrubbed.response.body).toEqual({
      data: [
        {
          access_token: REDACTED_VALUE,
          accessToken: REDACTED_VALUE,
          'Refresh-Token': REDACTED_VALUE,
          name: 'kept',
        },
      ],
      client: {
        client_secret: REDACTED_VALUE,
        Password: REDACTED_VALUE,
        private_key: REDACTED_VALUE,
        id_token: REDACTED_VALUE,
        apikey: REDACTED_VALUE,
        api_key: REDACTED_VALUE,
      },
      token: REDACTED_VALUE,
      secret: REDACTED_VALUE,
      authorization: REDACTED_VALUE,
      password: null,
    });
    expect(scrubbed.request.query).toEqual({
      token: REDACTED_VALUE,
      filter: { password: REDACTED_VALUE, status: 'open' },
    });
    expect(scrubbed.request.body).toEqual({ password: REDACTED_VALUE });
  });

  it('stay in catalog schemas, where they name a property; the key is still removed there', () => {
    const tool = {
      name: 'create_a_thing_user',
      resource: 'users',
      method: 'create',
      description: `Example: Bearer ${KEY}`,
      body_schema: { type: 'object', properties: { password: { type: 'string' }, token: { type: 'string' } } },
    };
    const [scrubbed] = scrubber.tools([tool]);
    expect(scrubbed!.body_schema).toEqual(tool.body_schema);
    expect(scrubbed!.description).toBe('Example: Bearer [redacted]');
  });

  it('never lets a "__proto__" key change the copy\'s prototype', () => {
    const body = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const scrubbed = scrubber.recording(recordingWith(body)).response.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(scrubbed)).toBe('{"__proto__":{"polluted":true},"ok":1}');
  });

  it('is pure: the input is left as it was', () => {
    const input = recordingWith({ password: 'p', text: KEY }, { authorization: 'x' });
    const copy = structuredClone(input);
    scrubber.recording(input);
    expect(input).toEqual(copy);
  });
});
