import { describe, expect, it } from 'vitest';
import { formatValidator } from '../../src/schema/formats.js';
import { decodePunycode } from '../../src/schema/idna.js';
import { compileJsonSchema, SUPPORTED_FORMATS } from '../../src/schema/index.js';

const cases: Record<string, Array<[string, boolean]>> = {
  'date-time': [
    ['2024-02-29T23:58:60Z', false],
    ['1998-12-31T23:59:60Z', true],
    ['2024-02-29T10:00:00.123+05:30', true],
    ['2023-02-29T10:00:00Z', false],
    ['2024-01-01 10:00:00z', true],
    ['2024-01-01T10:00:00', false],
  ],
  date: [
    ['2024-02-29', true],
    ['2100-02-29', false],
    ['2024-1-01', false],
  ],
  time: [
    ['08:30:06Z', true],
    ['08:30:06.5-08:00', true],
    ['24:00:00Z', false],
    ['08:30:06', false],
  ],
  duration: [
    ['P1D', true],
    ['PT1H30M', true],
    ['P2W', true],
    ['P1Y2D', false],
    ['PT', false],
    ['P', false],
  ],
  email: [
    ['ada@example.com', true],
    ['"odd name"@example.com', true],
    ['ada@[127.0.0.1]', true],
    ['ada@', false],
    ['a..b@example.com', false],
  ],
  uri: [
    ['https://example.com/a?b=c#d', true],
    ['urn:isbn:0451450523', true],
    ['http://[2001:db8::1]/', true],
    ['/relative', false],
    ['http://exa mple.com', false],
  ],
  'uri-reference': [
    ['/relative?x', true],
    ['#fragment', true],
    ['\\\\windows', false],
  ],
  uuid: [
    ['123e4567-e89b-12d3-a456-426614174000', true],
    ['123E4567-E89B-12D3-A456-426614174000', true],
    ['123e4567e89b12d3a456426614174000', false],
  ],
  hostname: [
    ['api.truto.one', true],
    ['xn--9n2bp8q.xn--9t4b11yi5a', true],
    ['xn--X', false],
    ['-bad.example', false],
    ['example.', false],
  ],
  ipv4: [
    ['192.168.0.1', true],
    ['256.1.1.1', false],
    ['01.1.1.1', false],
  ],
  ipv6: [
    ['::1', true],
    ['2001:db8::ff00:42:8329', true],
    ['::ffff:192.0.2.1', true],
    ['1::2::3', false],
  ],
  regex: [
    ['^[a-z]+$', true],
    ['([a-z]', false],
    ['\\a', false],
  ],
};

describe('formats', () => {
  it('covers exactly the documented list', () => {
    expect([...SUPPORTED_FORMATS].sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [format, examples] of Object.entries(cases)) {
    it.each(examples)(`${format}: %s → %s`, (value, valid) => {
      expect(formatValidator(format)?.(value)).toBe(valid);
    });
  }

  it('only constrain strings', () => {
    const node = compileJsonSchema({ format: 'email' });
    expect(node.safeParse(42).success).toBe(true);
    expect(node.safeParse('nope').success).toBe(false);
  });

  it('annotate only when assertFormats is false, or for formats we do not know', () => {
    expect(
      compileJsonSchema({ type: 'string', format: 'email' }, { assertFormats: false }).safeParse('nope').success,
    ).toBe(true);
    expect(compileJsonSchema({ type: 'string', format: 'iri' }).safeParse('anything').success).toBe(true);
  });

  it('decodes Punycode (RFC 3492 sample)', () => {
    const decoded = decodePunycode('ihqwcrb4cv8a8dqg056pqjye');
    expect(decoded && String.fromCodePoint(...decoded)).toBe('他们为什么不说中文');
  });
});
