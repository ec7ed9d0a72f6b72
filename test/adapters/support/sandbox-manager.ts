/** A sandbox on a random loopback port and a manager pointed at it, for the adapter tests. */
import type { TrutoToolManager, TrutoToolManagerOptions } from 'truto-langchainjs-toolset';
import type { Sandbox } from 'truto-langchainjs-toolset/sandbox';
import { startSandboxManagers } from '../../support/sandbox.js';

/** 2026-11-25T12:00:00Z, a Wednesday: "now" for relative dates. */
export const NOW = new Date('2026-11-25T12:00:00Z');

export interface SandboxFixture {
  sandbox: Sandbox;
  manager: TrutoToolManager;
  /** A further manager on the same sandbox, with other options. */
  createManager(options?: TrutoToolManagerOptions): TrutoToolManager;
  /** The proxy requests received since `mark()`. */
  proxyRequestsSinceMark(): Sandbox['requests'];
  mark(): void;
  close(): Promise<void>;
}

export async function startSandboxFixture(options: TrutoToolManagerOptions = {}): Promise<SandboxFixture> {
  const { sandbox, createManager, close } = await startSandboxManagers({ manager: { now: NOW, ...options } });
  let markId = 0;
  return {
    sandbox,
    manager: createManager(),
    createManager,
    mark: () => {
      markId = sandbox.requests.at(-1)?.id ?? 0;
    },
    proxyRequestsSinceMark: () =>
      sandbox.requests.filter((request) => request.id > markId && request.path.startsWith('/proxy/')),
    close,
  };
}
