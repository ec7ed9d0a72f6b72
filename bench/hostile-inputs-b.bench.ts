/**
 * Issue 16, part B: what each hostile case costs once bounded. Time from the call to its typed error (or result),
 * peak memory growth while it runs, and, for the redactor that now runs on every answer, its cost next to
 * `JSON.parse` of the same text. Every case runs against a `node:http` (or raw TCP) server on loopback in this
 * process. `npm run bench -- hostile-inputs-b`.
 */

import { getEventListeners } from 'node:events';
import { lstat, mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { serveMcpStdio } from '../src/adapters/mcp/stdio.js';
import { openInsideRoot } from '../src/files/resolve-path.js';
import { HttpClient } from '../src/http/client.js';
import { findDotSegment } from '../src/http/path-segments.js';
import { SecretRedactor } from '../src/http/redact-secret.js';
import { HOSTILE_KEY, type HostileTruto, startHostileTruto, trickle } from '../test/security/hostile-truto.js';
import { startPathSwapper } from '../test/security/path-swapper.js';
import { type BenchRow, type BenchSection, formatNumber, measureOps, ratio } from './lib.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// The tests' hostile Truto (test/security/hostile-truto.ts): one server for the cases and their measurements.
const KEY = HOSTILE_KEY;
const MB = 1024 * 1024;

/** Wall time of `run` and the peak growth of heap + external memory while it ran (sampled every 5 ms). */
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; peakMb: number; outcome: string }> {
  collectGarbage();
  const base = process.memoryUsage();
  let peak = base.heapUsed + base.external;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.heapUsed + now.external);
  }, 5);
  const start = performance.now();
  let outcome: string;
  try {
    await run();
    outcome = 'resolved';
  } catch (error) {
    outcome = (error as Error).name;
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  const end = process.memoryUsage();
  peak = Math.max(peak, end.heapUsed + end.external);
  return { ms, peakMb: (peak - base.heapUsed - base.external) / MB, outcome };
}

function row(item: string, hostileCase: string, result: { ms: number; peakMb: number; outcome: string }): BenchRow {
  return {
    item,
    case: hostileCase,
    outcome: result.outcome,
    ms: formatNumber(result.ms),
    'peak MiB': result.peakMb.toFixed(1),
  };
}

async function deadlines(server: HostileTruto): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  server.handle = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    response.flushHeaders();
    trickle(response.socket!, '{"a":"'.padEnd(100_000, 'b'), 1000);
  };
  rows.push(
    row(
      '5',
      'JSON body at 1 byte/s, timeoutMs 2000 (before: pending after 90 s)',
      await timed(() => server.manager({ timeoutMs: 2000 }).invoke('list_all_things', {})),
    ),
  );
  server.handle = () => undefined;
  rows.push(
    row(
      '5',
      'headers never sent, timeoutMs 2000',
      await timed(() => server.manager({ timeoutMs: 2000 }).invoke('list_all_things', {})),
    ),
  );
  const silent = createTcpServer((socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const client = new HttpClient({
    baseUrl: `https://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    apiKey: KEY,
    timeoutMs: 2000,
  });
  rows.push(
    row(
      '5',
      'TLS handshake never completes, timeoutMs 2000 (before: undici connect timeout, 10 s)',
      await timed(() => client.send({ method: 'GET', path: '/proxy/things' })),
    ),
  );
  await client.close();
  silent.close();
  return rows;
}

async function abortsAndHeaders(server: HostileTruto): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const held: ServerResponse[] = [];
  server.handle = (_request, response) => {
    held.push(response);
  };
  const manager = server.manager({ maxConcurrency: 4 });
  const controller = new AbortController();
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  const calls = Array.from({ length: 1000 }, () =>
    manager.invoke('list_all_things', {}, { signal: controller.signal }).catch((error: Error) => error),
  );
  while (held.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
  const listeners = getEventListeners(controller.signal, 'abort').length;
  const result = await timed(async () => {
    controller.abort();
    const errors = await Promise.all(calls);
    if (!errors.every((error) => error instanceof Error && error.name === 'TrutoAbortError')) throw new Error('mixed');
    throw Object.assign(new Error('all aborted'), { name: 'TrutoAbortError' });
  });
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  for (const response of held) response.destroy();
  rows.push({
    ...row('11', '1,000 calls on one signal behind maxConcurrency 4, then abort', result),
    note: `${listeners} abort listener on the signal while queued; ${warnings.filter((name) => name === 'MaxListenersExceededWarning').length} MaxListenersExceededWarning`,
  });

  server.handle = (_request, response) => {
    let head = 'HTTP/1.1 200 OK\r\n';
    for (let index = 0; index < 10_000; index++) head += `x-header-${index}: value\r\n`;
    response.socket!.end(`${head}content-length: 2\r\n\r\n{}`);
  };
  rows.push(
    row(
      '14',
      '10,000 response headers (TrutoResponseError "response headers larger than …")',
      await timed(() => server.manager().invoke('list_all_things', {})),
    ),
  );
  return rows;
}

function echoForms(secret: string): string[] {
  const codes = [...secret].map((character) => character.charCodeAt(0));
  return [
    secret,
    codes.map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join(''),
    codes.map((code) => `%${code.toString(16).padStart(2, '0')}`).join(''),
    codes.map((code) => `&#${code};`).join(''),
    codes.map((code) => `\\u0026#${code};`).join(''),
    Buffer.from(`Bearer ${secret}:`).toString('base64'),
    Buffer.from(secret).toString('hex'),
  ];
}

function redaction(): { rows: BenchRow[]; smallMicros: number } {
  const redactor = SecretRedactor.for(KEY)!;
  const small = JSON.stringify({ id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' });
  const smallUrls = JSON.stringify({
    id: 'file-abc',
    url: 'https://cdn.example.com/a%20b.png?x=1&y=2',
    name: 'caf\u00e9',
  });
  const echoed = JSON.stringify({ debug: echoForms(KEY) });
  const smallCost = measureOps(() => redactor.text(small), { timeMs: 400 }).medianMicros;
  const smallParse = measureOps(() => JSON.parse(small), { timeMs: 400 }).medianMicros;
  const rows: BenchRow[] = [
    {
      item: '8',
      case: 'redact a 90-byte answer without the key',
      µs: smallCost.toFixed(3),
      'vs JSON.parse': ratio(smallCost, smallParse),
    },
    {
      item: '8',
      case: 'redact a 100-byte answer with %, & and \\u escapes, no key',
      µs: measureOps(() => redactor.text(smallUrls), { timeMs: 400 }).medianMicros.toFixed(3),
    },
    {
      item: '8',
      case: 'redact an answer echoing the key 7 ways',
      µs: measureOps(() => redactor.text(echoed), { timeMs: 400 }).medianMicros.toFixed(2),
    },
  ];
  const big = JSON.stringify({
    result: Array.from({ length: 200_000 }, (_, index) => ({
      id: `item_${index}`,
      url: `https://e.example/p/${index}?a=1&b=%20`,
      note: 'caf\u00e9',
    })),
  });
  const bigEscaped = big.replaceAll('é', '\\u00e9');
  for (const [name, text] of [
    ['JSON without the key (URLs with % and &)', big],
    ['the same with \\u00e9 escapes', bigEscaped],
  ] as const) {
    const redactMs = measureOps(() => redactor.text(text), { timeMs: 1500, batch: 1 }).medianMicros / 1000;
    const parseMs = measureOps(() => JSON.parse(text), { timeMs: 1500, batch: 1 }).medianMicros / 1000;
    rows.push({
      item: '8',
      case: `redact ${(text.length / MB).toFixed(1)} MiB of ${name}`,
      ms: formatNumber(redactMs),
      'vs JSON.parse': ratio(redactMs, parseMs),
    });
  }
  rows.push({
    item: '10',
    case: 'findDotSegment on a call path',
    µs: measureOps(() => findDotSegment('/proxy/things/item_12345'), { timeMs: 300 }).medianMicros.toFixed(3),
  });
  return { rows, smallMicros: smallCost };
}

async function fileRace(): Promise<BenchRow[]> {
  const base = await mkdtemp(join(tmpdir(), 'bench-race-'));
  const root = join(base, 'root');
  await mkdir(join(root, 'dir'), { recursive: true });
  await writeFile(join(root, 'dir', 'doc.txt'), 'inside');
  await symlink(join(root, 'dir'), join(root, 'alias'));
  const opened: number[] = [];
  const checkedOnly: number[] = [];
  for (let index = 0; index < 2000; index++) {
    let start = performance.now();
    const result = await openInsideRoot(root, 'alias/doc.txt');
    if (!('reason' in result)) await result.handle.close();
    opened.push(performance.now() - start);
    // What the check cost before (realpath of both, then stat; the read came later, by name).
    start = performance.now();
    await realpath(root);
    await stat(await realpath(join(root, 'alias/doc.txt')));
    checkedOnly.push(performance.now() - start);
  }
  const race = await raceAgainstSwapper(base);
  await rm(base, { recursive: true, force: true });
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]! * 1000;
  return [
    {
      item: '12',
      case: 'open a path reference, check the opened file, close (through a symlink)',
      µs: median(opened).toFixed(1),
      'vs JSON.parse': `before: ${median(checkedOnly).toFixed(1)} µs (check by name, racy)`,
    },
    {
      item: '12',
      case: `${race.tries} reads while another process swaps root/dir for a symlink to outside`,
      outcome: `outside file read: ${race.newLeaks} (open, then check) vs ${race.oldLeaks} (check, then read by name)`,
    },
  ];
}

/**
 * The race of the issue, both ways, in the same run: a second process flips `root/dir` between a real folder and a
 * symlink to `outside`; each try checks `dir/doc.txt` and reads it, the old way (real path checked, then read by
 * name) and the new way (opened, checked, read through the open file).
 */
function betweenCheckAndRead(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

async function raceAgainstSwapper(base: string): Promise<{ tries: number; oldLeaks: number; newLeaks: number }> {
  const root = join(base, 'race-root');
  const outside = join(base, 'race-outside');
  await mkdir(join(root, 'real'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(root, 'real', 'doc.txt'), 'inside');
  await writeFile(join(outside, 'doc.txt'), 'OUTSIDE');
  await symlink(outside, join(root, 'link-out'));
  const swapper = startPathSwapper(root);
  // The swapper is a fresh process: wait until it is flipping before trying.
  while (
    !(await lstat(join(root, 'dir')).then(
      () => true,
      () => false,
    ))
  )
    await betweenCheckAndRead();
  const tries = 500;
  let oldLeaks = 0;
  let newLeaks = 0;
  try {
    const realRoot = await realpath(root);
    for (let attempt = 0; attempt < tries; attempt++) {
      // In the SDK the read comes later than the check (the body streams once the request is under way): a short
      // wait between the two stands for that, the same for both ways.
      try {
        const real = await realpath(join(root, 'dir', 'doc.txt'));
        if (real.startsWith(`${realRoot}/`)) {
          await betweenCheckAndRead();
          if ((await readFile(real, 'utf8')) === 'OUTSIDE') oldLeaks++;
        }
      } catch {
        // Not there at that moment.
      }
      const opened = await openInsideRoot(root, 'dir/doc.txt');
      if (!('reason' in opened)) {
        await betweenCheckAndRead();
        if ((await readFile(opened.path, 'utf8').catch(() => '')) === 'OUTSIDE') newLeaks++;
        await opened.handle.close();
      }
    }
  } finally {
    swapper.kill('SIGKILL');
  }
  return { tries, oldLeaks, newLeaks };
}

async function mcpStdio(server: HostileTruto): Promise<BenchRow[]> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let answers = '';
  stdout.on('data', (chunk: Buffer) => {
    answers += chunk.toString();
  });
  const handle = await serveMcpStdio(server.manager(), { stdin, stdout });
  // Sent in 1 MiB pieces, one reused buffer, as a pipe delivers it: the peak is what the server holds.
  const piece = Buffer.alloc(MB, 'x');
  const result = await timed(async () => {
    stdin.write('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_all_things","arguments":{"q":"');
    for (let sent = 0; sent < 64; sent++) {
      if (!stdin.write(piece)) await new Promise((resolve) => stdin.once('drain', resolve));
    }
    stdin.write('"}}}\n');
    while (!answers.includes('"id":1')) await new Promise((resolve) => setTimeout(resolve, 5));
  });
  stdin.write('{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n');
  while (!answers.includes('"id":2')) await new Promise((resolve) => setTimeout(resolve, 5));
  await handle.close();
  return [
    {
      ...row('13', 'stdio: a 64 MiB line (limit 10 MiB) → JSON-RPC error, server keeps serving', result),
      outcome:
        answers.includes('-32600') && answers.includes('"tools"') ? 'JSON-RPC -32600, next call served' : 'unexpected',
    },
  ];
}

export default async function run(): Promise<BenchSection[]> {
  const server = await startHostileTruto();
  try {
    const deadlineRows = await deadlines(server);
    const abortRows = await abortsAndHeaders(server);
    const redacted = redaction();
    const raceRows = await fileRace();
    const stdioRows = await mcpStdio(server);
    return [
      {
        title: 'Hostile inputs (issue 16), part B: time to a typed error, peak memory',
        rows: [...deadlineRows, ...abortRows, ...stdioRows],
        targets: deadlineRows.map((entry) => ({
          name: `${entry.case}: ends near timeoutMs`,
          value: `${entry.ms} ms, ${entry.outcome}`,
          met: entry.outcome === 'TrutoTimeoutError' && Number(String(entry.ms).replace(/,/g, '')) < 3000,
        })),
      },
      {
        title: 'Hostile inputs (issue 16), part B: per-call costs of the new checks',
        rows: [...redacted.rows, ...raceRows],
        targets: [
          {
            name: 'redacting a small answer adds < 0.5 µs',
            value: `${redacted.smallMicros.toFixed(3)} µs`,
            met: redacted.smallMicros < 0.5,
          },
        ],
      },
    ];
  } finally {
    await server.close();
  }
}
