/**
 * The key in every encoding (issue 16, item 8): an upstream that echoes the API key, or the whole `Authorization`
 * value, as JSON `\uXXXX` escapes, with `\/`, percent-encoded, as HTML references, as hex or inside base64 (Basic
 * auth of `Bearer …` included), in bodies of every type and in headers, reaches nothing the SDK returns or throws:
 * `invoke` data, `invokeWithDetails` headers, `invokeForModel` content, MCP results, API errors (message, body,
 * `toJSON()`), and the raw bytes an HTTP parser error keeps. Each surface is checked by an independent decoder that
 * tries the encodings (two layers deep) and looks for the key.
 */
import { inspect } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { TrutoApiError, TrutoError, TrutoResponseError } from 'truto-langchainjs-toolset';
import { createMcpServer } from 'truto-langchainjs-toolset/mcp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRedactor } from '../../src/http/redact-secret.js';
import { HOSTILE_KEY, type HostileTruto, rejectionOf, startHostileTruto } from './hostile-truto.js';

const KEY = HOSTILE_KEY;
const AUTHORIZATION = `Bearer ${KEY}`;

const codes = (text: string) => [...text].map((character) => character.charCodeAt(0));
const hex2 = (code: number) => code.toString(16).padStart(2, '0');
const hex4 = (code: number) => code.toString(16).padStart(4, '0');

/** Every way an upstream might write `secret`, by name. */
function encodingsOf(secret: string): Record<string, string> {
  const named: Record<string, string> = { '/': '&sol;', '+': '&plus;', _: '&lowbar;', '-': '&hyphen;' };
  return {
    literal: secret,
    jsonUnicode: codes(secret)
      .map((code) => `\\u${hex4(code)}`)
      .join(''),
    jsonUnicodeUpper: codes(secret)
      .map((code) => `\\u${hex4(code).toUpperCase()}`)
      .join(''),
    jsonMixed: [...secret]
      .map((character, index) => (index % 2 ? `\\u${hex4(character.charCodeAt(0))}` : character))
      .join(''),
    jsonSlash: secret.replaceAll('/', '\\/'),
    percentAll: codes(secret)
      .map((code) => `%${hex2(code).toUpperCase()}`)
      .join(''),
    percentComponent: encodeURIComponent(secret),
    htmlDecimal: codes(secret)
      .map((code) => `&#${code};`)
      .join(''),
    htmlHex: codes(secret)
      .map((code) => `&#x${hex2(code)};`)
      .join(''),
    htmlNamed: [...secret].map((character) => named[character] ?? character).join(''),
    goHtmlSafeJson: codes(secret)
      .map((code) => `\\u0026#${code};`)
      .join(''),
    jsonHidingPercent: codes(secret)
      .map((code) => `\\u0025${hex2(code)}`)
      .join(''),
    hex: Buffer.from(secret).toString('hex'),
    base64: Buffer.from(secret).toString('base64'),
    base64Url: Buffer.from(secret).toString('base64url'),
    base64Shifted: Buffer.from(`x${secret}`).toString('base64'),
    basicBearer: `Basic ${Buffer.from(`Bearer ${secret}:`).toString('base64')}`,
    basicUser: `Basic ${Buffer.from(`user:${secret}`).toString('base64')}`,
    base64JsonSlash: Buffer.from(`??${secret}`).toString('base64').replaceAll('/', '\\/'),
  };
}

/** A JSON body holding every encoding of the key and of the Authorization value, inside JSON strings as written. */
function echoJson(): string {
  const entries = [
    ...Object.entries(encodingsOf(KEY)).map(([name, form]) => `"key_${name}":"${form}"`),
    ...Object.entries(encodingsOf(AUTHORIZATION)).map(([name, form]) => `"authorization_${name}":"${form}"`),
  ];
  return `{"result":[{"id":"thing_1","debug":{${entries.join(',')}}}],"note":"the upstream echoed its request"}`;
}

/** Plain text holding every encoding (no JSON layer). */
function echoText(): string {
  return Object.entries({ ...encodingsOf(KEY), ...prefixed(encodingsOf(AUTHORIZATION)) })
    .filter(([name]) => !name.includes('json') && !name.startsWith('go'))
    .map(([name, form]) => `${name}: ${form}`)
    .join('\n');
}

function prefixed(forms: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(forms).map(([name, form]) => [`authorization ${name}`, form]));
}

// ---------------------------------------------------------------------------------------------------------------
// An independent decoder: everything a reader of the output could undo, two layers deep.

function jsonUnescape(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})|\\\//g, (_match, code: string | undefined) =>
    code === undefined ? '/' : String.fromCharCode(Number.parseInt(code, 16)),
  );
}

function percentDecode(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
}

function htmlDecode(text: string): string {
  const named: Record<string, string> = { sol: '/', plus: '+', lowbar: '_', hyphen: '-', amp: '&' };
  return text.replace(
    /&(?:#x([0-9a-fA-F]+)|#(\d+)|([a-zA-Z]+));/g,
    (match, hex?: string, decimal?: string, name?: string) => {
      if (hex !== undefined) return String.fromCharCode(Number.parseInt(hex, 16));
      if (decimal !== undefined) return String.fromCharCode(Number(decimal));
      return named[name!] ?? match;
    },
  );
}

function decodings(text: string): string[] {
  const seen = new Set([text]);
  for (let round = 0; round < 2; round++) {
    for (const form of [...seen])
      for (const decode of [jsonUnescape, percentDecode, htmlDecode]) seen.add(decode(form));
  }
  return [...seen];
}

function revealsKey(text: string): boolean {
  for (const form of decodings(text)) {
    if (form.includes(KEY)) return true;
    for (const run of form.match(/[0-9a-fA-F]{16,}/g) ?? []) {
      for (const start of [0, 1])
        if (Buffer.from(run.slice(start), 'hex').toString('latin1').includes(KEY)) return true;
    }
    for (const token of form.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
      for (let start = 0; start < 4; start++) {
        const piece = token.slice(start);
        for (const encoding of ['base64', 'base64url'] as const) {
          if (Buffer.from(piece, encoding).toString('latin1').includes(KEY)) return true;
        }
      }
    }
  }
  return false;
}

/** Everything a logger or a model could be shown of a value: JSON and `inspect`, messages, stacks and causes. */
function surfacesOf(value: unknown): string[] {
  const lines = [inspect(value, { depth: Number.POSITIVE_INFINITY })];
  try {
    lines.push(JSON.stringify(value) ?? '');
  } catch {
    // Not serialisable: `inspect` covers it.
  }
  if (value instanceof Error) {
    lines.push(value.message, String(value.stack));
    if (value.cause !== undefined) lines.push(...surfacesOf(value.cause));
    if (TrutoError.isInstance(value)) lines.push(JSON.stringify(value.toJSON()));
  }
  return lines;
}

function expectNoKey(value: unknown): void {
  for (const line of surfacesOf(value)) expect(revealsKey(line), line.slice(0, 300)).toBe(false);
}

// ---------------------------------------------------------------------------------------------------------------

let truto: HostileTruto;
beforeAll(async () => {
  truto = await startHostileTruto();
});
afterAll(() => truto.close());

describe('the independent decoder', () => {
  it('finds the key in every form the hostile server sends (so the tests below can fail)', () => {
    for (const [name, form] of Object.entries({ ...encodingsOf(KEY), ...encodingsOf(AUTHORIZATION) })) {
      expect(revealsKey(`{"x":"${form}"}`), name).toBe(true);
    }
    expect(revealsKey(echoJson())).toBe(true);
    expect(revealsKey(echoText())).toBe(true);
  });
});

describe('an upstream echoing the key in every encoding', () => {
  it('reaches neither invoke data nor invokeWithDetails headers, and the JSON stays valid', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-echo-authorization': AUTHORIZATION,
        'x-echo-basic': encodingsOf(AUTHORIZATION).basicBearer,
        'x-echo-percent': encodingsOf(KEY).percentAll,
        'set-cookie': `session=${encodingsOf(KEY).base64Url}; HttpOnly`,
      });
      response.end(echoJson());
    };
    const manager = truto.manager();
    const data = (await manager.invoke('list_all_things', {})) as { result: Array<{ id: string; debug: object }> };
    expect(data.result[0]!.id).toBe('thing_1');
    expect(Object.keys(data.result[0]!.debug).length).toBeGreaterThan(30);
    expectNoKey(data);
    const outcome = await manager.invokeWithDetails('list_all_things', {});
    expectNoKey(outcome.headers);
    expectNoKey(outcome);
  });

  it('reaches no invokeForModel content', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(echoJson());
    };
    const result = await truto.manager().invokeForModel('list_all_things', {});
    expect(result.isError).toBe(false);
    expect(result.content).toContain('thing_1');
    expectNoKey(result.content);
  });

  it('reaches no text answer', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(echoText());
    };
    const data = await truto.manager().invoke('list_all_things', {});
    expect(typeof data).toBe('string');
    expect(data).toContain('[redacted]');
    expectNoKey(data);
  });

  it('reaches no API error: message, body, toJSON, and the model text of a 500 and a 400', async () => {
    for (const [status, type, body] of [
      [500, 'application/json', `{"statusCode":500,"message":"upstream failed","raw_response":${echoJson()}}`],
      [400, 'text/html', `<html><body><pre>${echoText()}</pre></body></html>`],
      [401, 'application/json', `{"statusCode":401,"message":"bad key ${encodingsOf(AUTHORIZATION).basicBearer}"}`],
    ] as const) {
      truto.handle = (_request, response) => {
        response.writeHead(status, { 'content-type': type, 'www-authenticate': encodingsOf(AUTHORIZATION).basicUser });
        response.end(body);
      };
      const manager = truto.manager({ errorMode: 'return' });
      const error = await rejectionOf(manager.invoke('list_all_things', {}));
      expect(error).toBeInstanceOf(TrutoApiError);
      expect((error as TrutoApiError).status).toBe(status);
      expectNoKey(error);
      if (status !== 401) {
        const model = await manager.invokeForModel('list_all_things', {});
        expect(model.isError).toBe(true);
        expectNoKey(model.content);
      }
    }
  });

  it('reaches no MCP result', async () => {
    truto.handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(echoJson());
    };
    const manager = truto.manager({ errorMode: 'return' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const server = createMcpServer(manager);
    await server.connect(serverSide);
    const client = new Client({ name: 'key-encodings-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const result = await client.callTool({ name: 'list_all_things', arguments: {} });
      expect(result.isError).toBeFalsy();
      expectNoKey(result);
      truto.handle = (_request, response) => {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(`{"statusCode":502,"message":"${encodingsOf(KEY).jsonUnicode}","raw_response":${echoJson()}}`);
      };
      const failed = await client.callTool({ name: 'list_all_things', arguments: {} });
      expect(failed.isError).toBe(true);
      expectNoKey(failed);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('reaches no HTTP parser error: neither its message nor the bytes it keeps', async () => {
    truto.handle = (_request, response) => {
      // A header value with a control character: undici refuses the answer and keeps the offending bytes.
      response.socket!.end(`HTTP/1.1 200 OK\r\nx-echo: ${AUTHORIZATION}\u0001\r\ncontent-length: 2\r\n\r\n{}`);
    };
    const error = await rejectionOf(truto.manager().invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoResponseError);
    expect((error as TrutoResponseError).message).toMatch(/not a valid HTTP\/1\.1 response/);
    expectNoKey(error);
    expectNoKey((error as { cause?: { data?: unknown } }).cause?.data);
  });
});

describe('SecretRedactor', () => {
  const redactor = SecretRedactor.for(KEY)!;

  it('leaves text without the key as it is, the same string', () => {
    for (const text of [
      '{"id":"gpt-4o","url":"https://example.com/a%20b?x=1&y=2","name":"caf\\u00e9 \\/ &amp; &#233;"}',
      `almost the key: ${KEY.slice(0, -1)}`,
      Buffer.from('unrelated base64 payload of some length').toString('base64'),
    ]) {
      expect(redactor.text(text)).toBe(text);
    }
  });

  it('replaces only the key, keeping escapes around it, so JSON stays valid', () => {
    const text = `{"a":"caf\\u00e9 ${encodingsOf(KEY).jsonMixed} \\/ done","b":"${encodingsOf(KEY).percentAll}&x=%41"}`;
    const clean = redactor.text(text);
    expect(JSON.parse(clean)).toEqual({ a: 'café [redacted] / done', b: '[redacted]&x=%41' });
  });

  it('redacts a base64 token whole, with the text around it kept', () => {
    const clean = redactor.text(`auth=${encodingsOf(AUTHORIZATION).basicBearer}; path=/`);
    expect(clean).toBe('auth=Basic [redacted]; path=/');
  });

  it('does not redact keys shorter than 8 characters', () => {
    expect(SecretRedactor.for('short')).toBeUndefined();
  });
});
