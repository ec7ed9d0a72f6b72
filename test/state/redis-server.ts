/**
 * A real `redis-server` for tests, on a free loopback port, with persistence off. CI installs it with
 * `.ci/install-redis.sh` (Debian's package). Without it, tests that need it fail under `CI=true` and are skipped
 * elsewhere with a message saying how to install it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills the server at once (SIGKILL, like a crash) and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it for good. */
  stop(): Promise<void>;
}

const INSTALL_HINT = 'Install it with .ci/install-redis.sh (Debian: apt-get install redis-server).';

let available: boolean | undefined;

export function isRedisServerInstalled(): boolean {
  available ??= spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}

/**
 * For `describe.skipIf(!redisServerForTests())`: true when redis-server is installed. Under CI it must be: a missing
 * server throws, so the suite fails instead of passing with its Redis tests silently skipped.
 */
export function redisServerForTests(): boolean {
  if (isRedisServerInstalled()) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`redis-server is not installed, and CI requires the Redis tests. ${INSTALL_HINT}`);
  }
  console.warn(`[test/state] Skipping Redis tests: redis-server is not installed. ${INSTALL_HINT}`);
  return false;
}

export async function startRedisServer(): Promise<RedisServer> {
  let lastError: unknown;
  // Another process may take the free port between our probe and redis binding it; try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      return await serverOn(port, await launch(port));
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function serverOn(port: number, first: ChildProcess): Promise<RedisServer> {
  let child: ChildProcess | undefined = first;
  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => terminate('SIGKILL'),
    async restart() {
      await terminate('SIGKILL');
      // The port was ours a moment ago; a kernel still holding it (TIME_WAIT) needs a few retries.
      for (let attempt = 0; ; attempt++) {
        try {
          child = await launch(port);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    stop: () => terminate('SIGTERM'),
  };
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A test run that dies must not leave servers behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining, or a chatty server would block on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => fail(error));
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
