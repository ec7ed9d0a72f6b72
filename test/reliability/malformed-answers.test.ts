/**
 * Answers that are not readable HTTP (issue 16, item 14): a server that answers with 10,000 headers, or with bytes
 * that are not HTTP/1.1 at all, did answer; the error says what came back (`TrutoResponseError`), never "Could not
 * reach…" (`TrutoConnectionError`, which only a refused or reset connection earns).
 */
import { TrutoConnectionError, TrutoResponseError } from 'truto-langchainjs-toolset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileTruto, rejectionOf, startHostileTruto } from '../security/hostile-truto.js';

let truto: HostileTruto;
beforeAll(async () => {
  truto = await startHostileTruto();
});
afterAll(() => truto.close());

function answerRaw(text: string): void {
  truto.handle = (_request, response) => {
    response.socket!.end(text);
  };
}

describe('an answer the client cannot read as HTTP', () => {
  it('10,000 response headers: a TrutoResponseError that says the headers were too large', async () => {
    let head = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n';
    for (let index = 0; index < 10_000; index++) head += `x-header-${index}: value\r\n`;
    answerRaw(`${head}content-length: 2\r\n\r\n{}`);
    const error = await rejectionOf(truto.manager().invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoResponseError);
    expect(error).not.toBeInstanceOf(TrutoConnectionError);
    expect((error as TrutoResponseError).reason).toBe('too_large');
    expect((error as Error).message).toMatch(/response headers larger than \d+ bytes/);
    expect((error as Error).message).not.toMatch(/Could not reach/);
  });

  it('the same through invokeForModel: the model reads invalid_response, not a connection failure', async () => {
    let head = 'HTTP/1.1 200 OK\r\n';
    for (let index = 0; index < 10_000; index++) head += `x-${index}: v\r\n`;
    answerRaw(`${head}\r\n`);
    const result = await truto.manager({ errorMode: 'return' }).invokeForModel('list_all_things', {});
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content).error).toBe('invalid_response');
  });

  it.each([
    ['a status line that is not HTTP', 'SMTP 220 mail.example ready\r\n\r\n'],
    ['a header with a control character', 'HTTP/1.1 200 OK\r\nx-bad: a\u0001b\r\ncontent-length: 2\r\n\r\n{}'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nthis is not a header\r\n\r\n'],
  ])('%s: a TrutoResponseError saying the answer was not HTTP/1.1', async (_name, raw) => {
    answerRaw(raw);
    const error = await rejectionOf(truto.manager().invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoResponseError);
    expect((error as Error).message).toMatch(/not a valid HTTP\/1\.1 response/);
  });

  it('a connection closed before any answer is still a TrutoConnectionError', async () => {
    truto.handle = (_request, response) => {
      response.socket!.destroy();
    };
    const error = await rejectionOf(truto.manager().invoke('list_all_things', {}));
    expect(error).toBeInstanceOf(TrutoConnectionError);
    expect((error as Error).message).toMatch(/Could not reach/);
  });
});
