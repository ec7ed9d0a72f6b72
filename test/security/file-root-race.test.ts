/**
 * The file-root check and the read are the same file (issue 16, item 12). A folder inside the root swapped for a
 * symlink to outside between the check and the read used to upload the outside file; now the file is opened first,
 * the check is made on what was opened, and the upload reads that very file. A second process swaps the folder as
 * fast as it can while uploads run; not one outside byte reaches the server. A FIFO planted in the root is refused
 * without hanging.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReferenceError } from 'truto-langchainjs-toolset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInsideRoot } from '../../src/files/resolve-path.js';
import { type HostileTruto, readBody, startHostileTruto } from './hostile-truto.js';
import { startPathSwapper } from './path-swapper.js';

const INSIDE = 'INSIDE-THE-ROOT: a file the model may upload.\n';
const OUTSIDE = 'OUTSIDE-THE-ROOT: /etc/passwd stand-in, must never leave.\n';

const UPLOAD_TOOL = {
  name: 'upload_a_document',
  description: 'Uploads a document.',
  resource: 'documents',
  method: 'create',
  body_schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  required: ['file'],
};

let base: string;
let root: string;
let outside: string;
let truto: HostileTruto;
const received: string[] = [];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'truto-race-'));
  root = join(base, 'root');
  outside = join(base, 'outside');
  await mkdir(join(root, 'real'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(root, 'real', 'doc.txt'), INSIDE);
  await writeFile(join(outside, 'doc.txt'), OUTSIDE);
  truto = await startHostileTruto([UPLOAD_TOOL]);
  truto.handle = async (request, response) => {
    received.push((await readBody(request)).toString('latin1'));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  };
});

afterAll(async () => {
  await truto.close();
  await rm(base, { recursive: true, force: true });
});

describe('openInsideRoot', () => {
  it('reads the opened file through its path even after the folder is swapped for a symlink to outside', async () => {
    await mkdir(join(root, 'swap'), { recursive: true });
    await writeFile(join(root, 'swap', 'doc.txt'), INSIDE);
    const opened = await openInsideRoot(root, 'swap/doc.txt');
    if ('reason' in opened) throw new Error(`refused: ${opened.reason}`);
    try {
      await rm(join(root, 'swap'), { recursive: true });
      await symlink(outside, join(root, 'swap'));
      expect(await readFile(opened.path, 'utf8')).toBe(INSIDE);
      expect(opened.realPath.startsWith(root) || opened.realPath.includes('/root/')).toBe(true);
    } finally {
      await opened.handle.close();
      await rm(join(root, 'swap'), { force: true });
    }
  });

  it('refuses a symlink that leads out of the root, and follows one that stays inside', async () => {
    await symlink(outside, join(root, 'escape'));
    await symlink(join(root, 'real'), join(root, 'alias'));
    try {
      expect(await openInsideRoot(root, 'escape/doc.txt')).toEqual({ reason: 'outside-root' });
      const inside = await openInsideRoot(root, 'alias/doc.txt');
      if ('reason' in inside) throw new Error(`refused: ${inside.reason}`);
      expect(await readFile(inside.path, 'utf8')).toBe(INSIDE);
      await inside.handle.close();
    } finally {
      await rm(join(root, 'escape'), { force: true });
      await rm(join(root, 'alias'), { force: true });
    }
  });

  it('refuses a FIFO planted in the root as not a file, without waiting for a writer', async () => {
    const fifo = join(root, 'pipe.wav');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // No mkfifo here (Windows): nothing to plant.
    }
    try {
      expect(await openInsideRoot(root, 'pipe.wav')).toEqual({ reason: 'not-a-file' });
    } finally {
      await rm(fifo, { force: true });
    }
  });
});

describe('uploads while another process swaps a folder for a symlink to outside', () => {
  let swapper: ChildProcess | undefined;

  afterAll(() => {
    if (swapper?.pid !== undefined && swapper.exitCode === null) swapper.kill('SIGKILL');
  });

  it('never sends a byte of the outside file', async () => {
    // `root/dir` flips between a real folder inside the root and a symlink to `outside`, each held a fraction of a
    // millisecond: a path checked while it is the folder is read a moment later through the symlink, unless the
    // check and the read are the same open file.
    await rm(join(root, 'dir'), { recursive: true, force: true });
    await symlink(outside, join(root, 'link-out'));
    swapper = startPathSwapper(root);
    // The swapper is a fresh process: wait until it is flipping before uploading.
    await expect
      .poll(
        () =>
          lstat(join(root, 'dir')).then(
            () => true,
            () => false,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    const manager = truto.manager({ files: { root } });
    let uploaded = 0;
    let refused = 0;
    received.length = 0;
    try {
      for (let attempt = 0; attempt < 150; attempt++) {
        try {
          await manager.invoke('upload_a_document', { file: 'dir/doc.txt' });
          uploaded++;
        } catch (error) {
          expect(error).toBeInstanceOf(FileReferenceError);
          refused++;
        }
      }
    } finally {
      swapper.kill('SIGKILL');
    }
    expect(uploaded + refused).toBe(150);
    // Both states were hit: some uploads read the inside file, some were refused as outside the root.
    expect(uploaded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(received).toHaveLength(uploaded);
    for (const body of received) {
      expect(body).not.toContain('OUTSIDE-THE-ROOT');
      expect(body).toContain(INSIDE.trim());
    }
  });
});
